// `heeded audit`: check the audit log's chain, the record tables' seals, and the anchors written outside.
import ArgumentParser
import Casework
import Foundation
import Store

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit log and the records.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the audit log's chain, the records against their seals, and the log against its anchors.",
            discussion: """
                Every change to a record, and every viewing of a child's record, is written to an append-only \
                audit log. Each entry carries an HMAC-SHA256, with the audit key kept outside the database, of \
                the previous entry's hash and its own content, so an entry changed, added, removed or moved by \
                anyone without the key breaks the chain. Each record table (cases, assessments, needs, provision, \
                deliveries, accounts, case owners, reports and the rest) keeps a keyed seal over its rows, so a \
                row changed, added or removed outside Heeded is found, by table. The anchor file that `heeded \
                serve` appends the log's head to shows whether the log was cut short or rewritten since.

                Prints what was checked; exits 1 on the first finding of each kind.
                """
        )

        @OptionGroup var data: DataDirectoryOption

        @Option(help: "The anchor file to check the log against (default: audit.anchor in the data directory, when there is one).")
        var anchor: String?

        func run() async throws {
            let store = try data.openExistingStore()
            var failed = false
            let result = try await store.verifyAuditChain()
            if let problem = result.firstProblem {
                printError("audit log BROKEN at entry \(problem.sequence): \(problem)")
                printError("\(result.entriesChecked) entries before it verified")
                failed = true
            } else {
                let unkeyed = result.unkeyedEntries > 0 ? " (the first \(result.unkeyedEntries) written before the log was keyed)" : ""
                print("audit log intact: \(result.entriesChecked) entries\(unkeyed), head \(result.head?.hexadecimal ?? "(empty log)")")
            }

            let anchorFile = AuditAnchorFile(url: anchor.map { URL(fileURLWithPath: $0) } ?? data.url.appendingPathComponent("audit.anchor"))
            if anchor != nil || FileManager.default.fileExists(atPath: anchorFile.url.path) {
                let anchors = try anchorFile.anchors()
                if let problem = AuditAnchor.check(anchors, against: try await store.auditHashes(at: anchors.map(\.sequence))) {
                    printError("audit log DISAGREES with its anchors: \(problem)")
                    failed = true
                } else {
                    print("anchors agree: \(anchors.count) in \(anchorFile.url.path)")
                }
            } else {
                print("no anchor file at \(anchorFile.url.path): a log cut short would not be found")
            }

            for check in try await store.verifyRecordSeals() {
                if !check.triggersIntact {
                    printError("records in \(check.table): the triggers that seal them were changed or dropped")
                    failed = true
                }
                if !check.agrees {
                    printError("records in \(check.table) CHANGED outside Heeded: \(check.rows) rows do not match their seal (a row was edited, added or removed)")
                    failed = true
                }
            }
            if !failed { print("records agree with their seals") }
            if failed { throw ExitCode.failure }
        }
    }
}
