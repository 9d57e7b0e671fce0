// Gathers libxml2's structured errors for one document, so nothing goes through global state.
internal import CLibXML2

/// Collects the errors libxml2 reports for one parse or validation. It is reached from C through the parser
/// context's `_private` slot (or the schema context's user data) and only ever used inside one synchronous
/// call, so it needs no locking and never crosses a task boundary. It keeps at most `limit` problems (a
/// schema reports one per bad element, and a hostile document can have a hundred thousand) and counts the rest.
final class ErrorCollector {
    let file: String
    private let limit: Int
    private(set) var problems: [XMLProblem] = []
    private var notKept = 0

    init(file: String, limit: Int = XMLLimits.default.maxProblems) {
        self.file = file
        self.limit = limit
    }

    func add(line: Int, column: Int, message: String) {
        guard problems.count < limit else {
            notKept += 1
            return
        }
        problems.append(XMLProblem(file: file, line: max(line, 1), column: max(column, 1), message: message))
    }

    /// The problems kept, and a last one saying how many more there were. Only called with at least one.
    var errors: XMLErrors {
        guard notKept > 0, let last = problems.last else { return XMLErrors(problems) }
        return XMLErrors(problems + [XMLProblem(file: file, line: last.line, column: last.column,
            message: "and \(notKept) more problem\(notKept == 1 ? "" : "s") in this file, not shown")])
    }

    /// Records a libxml2 error, ignoring warnings: a form either loads or it does not.
    func add(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        guard problems.count < limit else {
            notKept += 1
            return
        }
        let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        add(line: Int(error.pointee.line), column: Int(error.pointee.int2), message: Self.readable(raw))
    }

    /// libxml2's messages end in a newline and spell names as `{namespace}local`; a rules author wants
    /// neither.
    static func readable(_ message: String) -> String {
        var result = ""
        var inBraces = false
        for character in message.trimmingWhitespace() {
            switch character {
            case "{": inBraces = true
            case "}" where inBraces: inBraces = false
            default: if !inBraces { result.append(character) }
            }
        }
        return result
    }

    /// The collector behind an opaque C pointer.
    static func from(_ pointer: UnsafeMutableRawPointer) -> ErrorCollector {
        Unmanaged<ErrorCollector>.fromOpaque(pointer).takeUnretainedValue()
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let trimmed = drop { $0.isWhitespace }
        return trimmed.dropLast(trimmed.reversed().prefix { $0.isWhitespace }.count)
    }
}
