// One pass over a document's bytes before libxml2 reads them: the limits, and where each tag and attribute is.

/// Where each start tag and attribute of a document begins, in document order.
///
/// libxml2 keeps only a line per node, so the places an error message points at are found here, by reading
/// the source once. Elements come in document order in both the source and libxml2's tree (a DOCTYPE, the only
/// way to make elements out of anything else, is refused), so the tree converter takes them one by one.
struct SourceMap {
    /// One per start tag, in document order.
    var tags: [Tag] = []
    /// One per attribute in document order, namespace declarations left out (libxml2 keeps those apart).
    var attributes: [Attribute] = []

    struct Tag {
        let line: Int
        let column: Int
        /// This tag's attributes are `attributes[firstAttribute ..< firstAttribute + attributeCount]`.
        let firstAttribute: Int
        var attributeCount: Int
    }

    struct Attribute {
        let line: Int
        let column: Int
        /// Where the name (prefix included) is in the source, to check it is the attribute libxml2 means.
        let nameStart: Int
        let nameLength: Int
    }
}

/// Reads the bytes once, front to back, noting tags and attributes and refusing the document at the first
/// limit it goes over.
///
/// It knows just enough XML to tell a start tag from an end tag, a comment, a processing instruction, a CDATA
/// section or a quoted value. On anything that is not well-formed it stops quietly and returns what it has:
/// libxml2 then reports the real error at its place. Every byte is looked at a bounded number of times, so
/// the scan is linear in the document's size whatever its shape.
struct SourceScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: XMLLimits
    private var map = SourceMap()
    private var offset = 0
    private var line = 1
    /// A place on the current line whose column is known: columns are counted on from there.
    private var knownOffset = 0
    private var knownColumn = 1

    /// Why a document was refused: the byte offset it went over a limit at, and what it went over.
    struct Refusal: Error {
        let offset: Int
        let message: String
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: XMLLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// The map of a document, or the first limit it goes over.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, limits: XMLLimits) -> Result<SourceMap, Refusal> {
        var scanner = SourceScanner(bytes: bytes, limits: limits)
        do {
            try scanner.run()
            return .success(scanner.map)
        } catch {
            return .failure(error)
        }
    }

    /// Line and column of a byte offset, counted from the start: for the one place a refusal points at.
    static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[0 ..< min(offset, bytes.count)] {
            if byte == .newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // columns count characters: UTF-8 continuation bytes are not one
                column += 1
            }
        }
        return (line, column)
    }

    private mutating func run() throws(Refusal) {
        var depth = 0
        while offset < bytes.count {
            let textStart = offset
            skip(atMost: limits.maxTextBytes + 1) { $0 != .lessThan }
            try checkText(from: textStart)
            guard offset + 1 < bytes.count else { return }
            switch bytes[offset + 1] {
            case .slash:
                depth -= 1
                guard skip(past: [.greaterThan]) else { return }
            case .questionMark:
                guard skip(past: [.questionMark, .greaterThan]) else { return }
            case .exclamationMark:
                if starts(with: Self.commentOpening) {
                    guard skip(past: [.hyphen, .hyphen, .greaterThan]) else { return }
                } else if starts(with: Self.cdataOpening) {
                    let sectionStart = offset
                    offset += Self.cdataOpening.count
                    let found = skip(past: [.closingBracket, .closingBracket, .greaterThan])
                    try checkText(from: sectionStart + Self.cdataOpening.count, to: offset - (found ? 3 : 0))
                    guard found else { return }
                } else {
                    guard skip(past: [.greaterThan]) else { return }  // a DOCTYPE, which libxml2 then refuses
                }
            default:
                depth += 1
                switch try startTag(depth: depth) {
                case .open: break
                case .empty: depth -= 1
                case .malformed: return
                }
            }
        }
    }

    private enum TagEnd { case open, empty, malformed }

    /// Reads a start tag from its `<` to just past its `>` (or `/>`, an empty element), noting it and its
    /// attributes.
    private mutating func startTag(depth: Int) throws(Refusal) -> TagEnd {
        let tagStart = offset
        if map.tags.count == limits.maxElements {
            throw Refusal(offset: tagStart, message: "the document has more than \(limits.maxElements) elements; "
                + "the limit is \(limits.maxElements)")
        }
        if depth > limits.maxDepth {
            throw Refusal(offset: tagStart, message: "elements are nested more than \(limits.maxDepth) deep")
        }
        let (line, column) = position(of: tagStart)
        map.tags.append(SourceMap.Tag(line: line, column: column, firstAttribute: map.attributes.count, attributeCount: 0))
        offset += 1
        let nameStart = offset
        skip { !$0.isSpace && $0 != .greaterThan && $0 != .slash }
        let name = nameStart ..< offset
        var count = 0
        while true {
            skip { $0.isSpace }
            guard offset < bytes.count else { return .malformed }
            switch bytes[offset] {
            case .greaterThan:
                offset += 1
                return .open
            case .slash:
                guard offset + 1 < bytes.count, bytes[offset + 1] == .greaterThan else { return .malformed }
                offset += 2
                return .empty
            default:
                break
            }
            let attributeStart = offset
            skip { !$0.isSpace && $0 != .equals && $0 != .greaterThan && $0 != .slash }
            let attributeName = attributeStart ..< offset
            guard !attributeName.isEmpty else { return .malformed }
            count += 1
            if count > limits.maxAttributesPerElement {
                throw Refusal(offset: attributeStart, message: "<\(text(name))> has more than "
                    + "\(limits.maxAttributesPerElement) attributes (namespace declarations included); "
                    + "the limit is \(limits.maxAttributesPerElement)")
            }
            if !isNamespaceDeclaration(attributeName) {
                let (line, column) = position(of: attributeStart)
                map.attributes.append(SourceMap.Attribute(
                    line: line, column: column, nameStart: attributeStart, nameLength: attributeName.count))
                map.tags[map.tags.count - 1].attributeCount += 1
            }
            skip { $0.isSpace }
            guard offset < bytes.count, bytes[offset] == .equals else { return .malformed }
            offset += 1
            skip { $0.isSpace }
            guard offset < bytes.count, bytes[offset] == .quote || bytes[offset] == .apostrophe else { return .malformed }
            let quote = bytes[offset]
            offset += 1
            let valueStart = offset
            skip(atMost: limits.maxAttributeBytes + 1) { $0 != quote }
            if offset - valueStart > limits.maxAttributeBytes {
                throw Refusal(offset: attributeStart, message: "the value of \(text(attributeName)) is longer than "
                    + "\(limits.maxAttributeBytes) bytes, the limit")
            }
            guard offset < bytes.count else { return .malformed }
            offset += 1
        }
    }

    private func checkText(from start: Int, to end: Int? = nil) throws(Refusal) {
        if (end ?? offset) - start > limits.maxTextBytes {
            throw Refusal(offset: start, message: "the text that starts here is longer than \(limits.maxTextBytes) "
                + "bytes, the limit")
        }
    }

    /// Moves on while `condition` holds, counting lines as they pass, and stops after `atMost` bytes: the
    /// callers refuse a document whose text or value runs that far, without reading the rest of it.
    @inline(__always)
    private mutating func skip(atMost: Int = .max, while condition: (UInt8) -> Bool) {
        let end = atMost >= bytes.count - offset ? bytes.count : offset + atMost
        while offset < end {
            let byte = bytes[offset]
            guard condition(byte) else { return }
            if byte == .newline { newLine(after: offset) }
            offset += 1
        }
    }

    /// Moves just past the next occurrence of `terminator`; false (at the end) when there is none.
    private mutating func skip(past terminator: [UInt8]) -> Bool {
        while offset < bytes.count {
            skip { $0 != terminator[0] }
            guard offset + terminator.count <= bytes.count else {
                offset = bytes.count
                return false
            }
            if bytes[offset ..< offset + terminator.count].elementsEqual(terminator) {
                offset += terminator.count
                return true
            }
            offset += 1
        }
        return false
    }

    private func starts(with prefix: [UInt8]) -> Bool {
        offset + prefix.count <= bytes.count && bytes[offset ..< offset + prefix.count].elementsEqual(prefix)
    }

    private mutating func newLine(after newline: Int) {
        line += 1
        knownOffset = newline + 1
        knownColumn = 1
    }

    /// The line and column of a place on the current line at or after the last one asked for, counting on from
    /// there, so that all the places on one long line cost one pass over it.
    private mutating func position(of target: Int) -> (line: Int, column: Int) {
        while knownOffset < target {
            if bytes[knownOffset] & 0xC0 != 0x80 { knownColumn += 1 }
            knownOffset += 1
        }
        return (line, knownColumn)
    }

    private func isNamespaceDeclaration(_ name: Range<Int>) -> Bool {
        let xmlns = Self.xmlns
        guard name.count >= xmlns.count, bytes[name.lowerBound ..< name.lowerBound + xmlns.count].elementsEqual(xmlns)
        else { return false }
        return name.count == xmlns.count || bytes[name.lowerBound + xmlns.count] == .colon
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.lowerBound ..< min(range.upperBound, range.lowerBound + 100)], as: UTF8.self)
    }

    private static let commentOpening = Array("<!--".utf8)
    private static let cdataOpening = Array("<![CDATA[".utf8)
    private static let xmlns = Array("xmlns".utf8)
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")
    static let questionMark = UInt8(ascii: "?")
    static let exclamationMark = UInt8(ascii: "!")
    static let hyphen = UInt8(ascii: "-")
    static let closingBracket = UInt8(ascii: "]")
    static let equals = UInt8(ascii: "=")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let colon = UInt8(ascii: ":")

    /// XML's white space: space, tab, carriage return, line feed.
    var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
