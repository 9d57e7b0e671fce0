// Many requests at once: JSON Lines, one request-facts object per line, for batches and benchmarks.
import Foundation

extension RequestFacts {
    /// Reads JSON Lines: one request-facts object per line, in order. Blank lines are skipped; every other
    /// line must be a valid request, or the whole batch is refused with the first bad line's number and key.
    public static func lines(_ data: Data) throws(RequestFactsLineError) -> [RequestFacts] {
        var facts: [RequestFacts] = []
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            lineNumber += 1
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            let line = data[start..<end]
            start = end < data.endIndex ? data.index(after: end) : end
            guard line.contains(where: { !Self.isJSONWhitespace($0) }) else { continue }
            do {
                facts.append(try RequestFacts(json: Data(line)))
            } catch {
                throw RequestFactsLineError(line: lineNumber, error: error)
            }
        }
        return facts
    }

    /// Reads standard input as a person or a script gives it. One JSON document, however it is laid out, is
    /// one request; text whose first line is a whole JSON document and which has more lines is JSON Lines.
    /// `isBatch` says which it was.
    public static func documentOrLines(_ data: Data) throws(RequestFactsLineError) -> (requests: [RequestFacts], isBatch: Bool) {
        let lines = data.split(separator: UInt8(ascii: "\n")).filter { $0.contains { !isJSONWhitespace($0) } }
        if lines.count > 1, let first = lines.first, (try? JSONValue.parse(first)) != nil {
            return (try self.lines(data), true)
        }
        do {
            return ([try RequestFacts(json: data)], false)
        } catch {
            throw RequestFactsLineError(line: nil, error: error)
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// A bad line in a JSON Lines batch: which line, and what is wrong with it.
public struct RequestFactsLineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based, counting blank lines; `nil` for a single document.
    public let line: Int?
    public let error: RequestFactsError

    public init(line: Int?, error: RequestFactsError) {
        self.line = line
        self.error = error
    }

    public var description: String { line.map { "line \($0): \(error)" } ?? "\(error)" }
}
