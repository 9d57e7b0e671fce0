// `heeded audit`: check the audit log's hash chain.
import ArgumentParser
import Casework
import Foundation
import Store

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the audit log's hash chain.",
            discussion: """
                Every change to a record, and every viewing of a child's record, is written to an append-only \
                audit log. Each entry carries the SHA-256 of the previous entry's hash and its own content, so \
                an entry that was changed, removed or moved breaks the chain. This command reads the whole log \
                in order and prints the number of entries and the head hash, or the first bad entry and what is \
                wrong with it (exit status 1). Keep the head hash somewhere else (a printed report, another \
                system) to detect the newest entries being removed.
                """
        )

        @OptionGroup var data: DataDirectoryOption

        func run() async throws {
            let store = try data.openExistingStore()
            let result = try await store.verifyAuditChain()
            if let problem = result.firstProblem {
                printError("audit log BROKEN at entry \(problem.sequence): \(problem)")
                printError("\(result.entriesChecked) entries before it verified")
                throw ExitCode.failure
            }
            let head = result.head.map { $0.map { String(format: "%02x", $0) }.joined() } ?? "(empty log)"
            print("audit log intact: \(result.entriesChecked) entries, head \(head)")
        }
    }
}
