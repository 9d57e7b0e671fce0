// `heeded backup` and `heeded restore`: a consistent copy of the store while the server runs, and putting one back.
import ArgumentParser
import Casework
import Foundation
import Store

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a file while the server runs.",
        discussion: """
            Uses SQLite's backup API, so the copy is the store as it stood at one moment, however many writes \
            are going on. Keep the audit key (audit.key) with the backups but apart from them: a restore needs \
            it, and whoever holds both could rewrite the log.
            """
    )

    @OptionGroup var data: DataDirectoryOption

    @Option(help: ArgumentHelp("The file to write (it must not exist).", valueName: "file"))
    var to: String

    func run() throws {
        let store = try data.openExistingStore()
        do {
            try store.backup(to: to)
        } catch {
            printError("heeded: cannot back up to \(to): \(error)")
            throw ExitCode.failure
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? NSNumber)?.int64Value ?? 0
        print("backed up \(data.path) to \(to) (\(ByteCountFormatter.string(fromByteCount: size, countStyle: .file)))")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back as the store of an empty data directory, after checking it.",
        discussion: """
            Refuses a data directory that already holds a store. The backup is copied beside the store's place \
            and opened with the audit key it was written with (--audit-key, default audit.key in the data \
            directory); only when its audit chain and record seals verify does it become the store.
            """
    )

    @OptionGroup var data: DataDirectoryOption

    @Option(help: ArgumentHelp("The backup to restore.", valueName: "file"))
    var from: String

    func run() throws {
        do {
            let restored = try SQLiteCaseStore.restore(from: from, into: data.url, auditKeyFile: data.auditKey.map { URL(fileURLWithPath: $0) })
            print("restored \(from) into \(data.path): audit log intact, \(restored.audit.entriesChecked) entries, head \(restored.audit.head?.hexadecimal ?? "(empty log)"); records agree with their seals")
        } catch {
            printError("heeded: cannot restore \(from): \(error)")
            throw ExitCode.failure
        }
    }
}
