// The data directory option shared by every command that touches the store.
import ArgumentParser
import Foundation
import Store

/// Where Heeded keeps its database: `--data` or `--data-dir` (default `./data`), as `heeded serve` takes it.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: [.customLong("data"), .customLong("data-dir")], help: "The data directory holding heeded.sqlite (created if missing).")
    var path: String = "./data"

    @Option(help: "The file holding the audit key (default: audit.key in the data directory). Keep it, and a copy, away from the database.")
    var auditKey: String?

    var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// Opens the store, turning a failure into one line on standard error and a failing exit.
    func openStore() throws -> SQLiteCaseStore {
        try Self.openStore(path: path, auditKey: auditKey)
    }

    /// Opens the store in a data directory (`heeded serve` has its from its configuration).
    static func openStore(path: String, auditKey: String?) throws -> SQLiteCaseStore {
        do {
            return try SQLiteCaseStore(directory: URL(fileURLWithPath: path, isDirectory: true), auditKeyFile: auditKey.map { URL(fileURLWithPath: $0) })
        } catch {
            printError("heeded: cannot open the store in \(path): \(error)")
            throw ExitCode.failure
        }
    }

    /// Opens an existing store; a missing database is an error rather than a new empty one (reports and
    /// checks on a mistyped path should not quietly succeed).
    func openExistingStore() throws -> SQLiteCaseStore {
        let file = url.appendingPathComponent(SQLiteCaseStore.fileName).path
        guard FileManager.default.fileExists(atPath: file) else {
            printError("heeded: no store at \(file) (use --data-dir, or `heeded demo generate` to make one)")
            throw ExitCode.failure
        }
        return try openStore()
    }
}
