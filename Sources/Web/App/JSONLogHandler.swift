// The server's log format: one JSON object a line, for whatever collects the standard output of a council's servers.
import Casework
import Foundation
import Logging

/// A swift-log handler writing each entry as one line of JSON: `time`, `level`, `logger`, `message`, then the
/// entry's metadata as fields of their own (a metadata key that repeats one of those four is left out). `heeded serve`
/// bootstraps it once; the tests give it a closure that keeps the lines in memory.
///
/// It writes what it is given. Keeping personal data out of the log is the callers' part: log routes (the pattern,
/// `/cases/{case}`), statuses, durations and error types, never paths, queries, form fields or error messages.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// - Parameter write: Takes each line, without its newline; by default standard output.
    public init(label: String, level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let given = event.metadata { fields.merge(given) { _, new in new } }
        var line = "{\"time\":" + Date().formatted(Self.timeFormat).jsonLiteral + ",\"level\":" + event.level.rawValue.jsonLiteral
            + ",\"logger\":" + label.jsonLiteral + ",\"message\":" + event.message.description.jsonLiteral
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !Self.fixedKeys.contains(key) {
            line += "," + key.jsonLiteral + ":" + Self.json(value)
        }
        write(line + "}")
    }

    /// Writes a line to standard output in one call, so lines from concurrent requests do not interleave.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }

    private static let fixedKeys: Set<String> = ["time", "level", "logger", "message"]
    private static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text.jsonLiteral
        case .stringConvertible(let convertible): convertible.description.jsonLiteral
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let entries): "{" + entries.sorted { $0.key < $1.key }.map { $0.key.jsonLiteral + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }
}
