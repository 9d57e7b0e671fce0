// Where each key of a JSON configuration file is, so a wrong one is named with its line.

/// The line of every object key in a JSON document, by its dotted path (`server.port`). JSON parsers keep no
/// positions, so this walks the text: strings (with their escapes), and the objects and arrays that nest keys.
/// A document that is not JSON gives what it could read; the parser's own error comes first.
enum JSONKeyLines {
    static func lines(of data: some Collection<UInt8>) -> [String: Int] {
        var found: [String: Int] = [:]
        var line = 1
        // One entry per open object or array: the path to it, and for an object the key just read.
        var stack: [(path: String, isObject: Bool)] = []
        var lastString: (text: [UInt8], line: Int)?
        var pendingKey: String?
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "\""):
                var text: [UInt8] = []
                let start = line
                index = data.index(after: index)
                while index < data.endIndex, data[index] != UInt8(ascii: "\"") {
                    if data[index] == UInt8(ascii: "\\") {
                        index = data.index(after: index)
                        guard index < data.endIndex else { break }
                    }
                    if data[index] == UInt8(ascii: "\n") { line += 1 }
                    text.append(data[index])
                    index = data.index(after: index)
                }
                lastString = (text, start)
            case UInt8(ascii: ":"):
                if let (text, at) = lastString, let top = stack.last, top.isObject {
                    let name = String(decoding: text, as: UTF8.self)
                    let path = top.path.isEmpty ? name : "\(top.path).\(name)"
                    if found[path] == nil { found[path] = at }
                    pendingKey = path
                }
                lastString = nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let path = pendingKey ?? stack.last?.path ?? ""
                stack.append((path: stack.isEmpty ? "" : path, isObject: byte == UInt8(ascii: "{")))
                pendingKey = nil
                lastString = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                pendingKey = nil
            case UInt8(ascii: ","):
                pendingKey = nil
                lastString = nil
            default:
                break
            }
            index = data.index(after: index)
        }
        return found
    }
}
