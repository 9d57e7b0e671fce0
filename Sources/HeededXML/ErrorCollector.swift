// Gathers libxml2's structured errors for one document, so nothing goes through global state.
internal import CLibXML2

/// Collects the errors libxml2 reports for one parse or validation. It is reached from C through the parser
/// context's `_private` slot (or the schema context's user data) and only ever used inside one synchronous
/// call, so it needs no locking and never crosses a task boundary.
final class ErrorCollector {
    let file: String
    private(set) var problems: [XMLProblem] = []

    init(file: String) { self.file = file }

    func add(line: Int, column: Int, message: String) {
        problems.append(XMLProblem(file: file, line: max(line, 1), column: max(column, 1), message: message))
    }

    /// Records a libxml2 error, ignoring warnings: a form either loads or it does not.
    func add(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
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
