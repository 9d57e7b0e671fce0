// Copies a libxml2 tree into `XMLElement` values, locating each element and attribute in the source.
internal import CLibXML2

/// Walks a libxml2 document once, in document order, and copies it into plain values.
///
/// libxml2 keeps only a line per node (the line where the start tag ends), so columns are found by scanning
/// the source bytes forward from the previous element: start tags come in document order, so the scan is
/// linear overall.
struct TreeConverter {
    private let bytes: [UInt8]
    private let file: String
    private let maxDepth: Int
    private let collector: ErrorCollector
    private let lineStarts: [Int]
    private var cursor = 0

    init(bytes: [UInt8], file: String, maxDepth: Int, collector: ErrorCollector) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
        self.collector = collector
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    mutating func element(from node: xmlNodePtr, depth: Int, inherited: [String: String]) -> XMLElement? {
        let libxmlLine = Int(xmlGetLineNo(node))
        guard depth <= maxDepth else {
            collector.add(line: libxmlLine, column: 1, message: "elements are nested more than \(maxDepth) deep")
            return nil
        }
        let name = String(cString: node.pointee.name)
        let prefix = node.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
        let namespace = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
        let start = startOfTag(qualifiedName: prefix.map { "\($0):\(name)" } ?? name)
        let location = start.map(location(at:)) ?? XMLLocation(file: file, line: libxmlLine, column: 1)

        var namespaces = inherited
        var declaration = node.pointee.nsDef
        while let ns = declaration {
            namespaces[ns.pointee.prefix.map { String(cString: $0) } ?? ""] = ns.pointee.href.map { String(cString: $0) } ?? ""
            declaration = ns.pointee.next
        }

        var attributes: [XMLAttribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            let attributeName = String(cString: attribute.pointee.name)
            let attributePrefix = attribute.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) {
                value = String(cString: raw)
                clibxml2_free(raw)
            }
            let qualified = attributePrefix.map { "\($0):\(attributeName)" } ?? attributeName
            attributes.append(XMLAttribute(
                name: attributeName,
                namespace: attribute.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } },
                value: value,
                location: start.flatMap { attributeLocation(qualifiedName: qualified, tagStart: $0) } ?? location))
            property = attribute.pointee.next
        }

        var content: [XMLContent] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                guard let element = element(from: current, depth: depth + 1, inherited: namespaces) else { return nil }
                content.append(.element(element))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let text = current.pointee.content { content.append(.text(String(cString: text))) }
            default:
                break  // comments and processing instructions carry nothing we read
            }
            child = current.pointee.next
        }
        return XMLElement(
            name: name, namespace: namespace, location: location, attributes: attributes,
            content: content, namespacesInScope: namespaces)
    }

    /// Finds `<qualifiedName` followed by a delimiter, from the cursor on, and moves the cursor past it.
    private mutating func startOfTag(qualifiedName: String) -> Int? {
        let needle = [UInt8(ascii: "<")] + Array(qualifiedName.utf8)
        guard let found = find(needle, from: cursor, until: bytes.count, followedBy: { byte in
            byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || isSpace(byte)
        }) else { return nil }
        cursor = found + needle.count
        return found
    }

    /// Finds ` name=` inside the start tag that begins at `tagStart`.
    private func attributeLocation(qualifiedName: String, tagStart: Int) -> XMLLocation? {
        let end = endOfTag(from: tagStart)
        let needle = Array(qualifiedName.utf8)
        var from = tagStart + 1
        while let found = find(needle, from: from, until: end, followedBy: { $0 == UInt8(ascii: "=") || isSpace($0) }) {
            if isSpace(bytes[found - 1]) { return location(at: found) }
            from = found + 1
        }
        return nil
    }

    /// The offset of the `>` that closes a start tag, skipping quoted attribute values.
    private func endOfTag(from start: Int) -> Int {
        var quote: UInt8?
        var offset = start
        while offset < bytes.count {
            let byte = bytes[offset]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return offset
            }
            offset += 1
        }
        return bytes.count
    }

    private func find(_ needle: [UInt8], from: Int, until end: Int, followedBy delimiter: (UInt8) -> Bool) -> Int? {
        guard !needle.isEmpty, from >= 0 else { return nil }
        var offset = from
        while offset + needle.count < end {
            if bytes[offset] == needle[0] && bytes[offset..<offset + needle.count].elementsEqual(needle)
                && delimiter(bytes[offset + needle.count]) {
                return offset
            }
            offset += 1
        }
        return nil
    }

    private func location(at offset: Int) -> XMLLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        let column = bytes[lineStarts[low]..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return XMLLocation(file: file, line: low + 1, column: column)
    }
}

private func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
}
