// Where the whole process's logs go: JSON lines on standard output.
import Logging

extension HeededWeb {
    /// Sends every swift-log entry of the process to standard output as JSON lines (`JSONLogHandler`) at `logLevel`.
    /// Once per process (swift-log allows one bootstrap), before anything logs.
    public static func bootstrapLogs(logLevel: Logger.Level) {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: logLevel) }
    }
}
