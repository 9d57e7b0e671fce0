// `heeded soak` (hidden): writes invented cases in a loop and acknowledges each commit, for the crash test.
import ArgumentParser
import Casework
import Foundation
import Store

/// The crash-safety test runs this, kills it with SIGKILL at random moments, and checks that every case it
/// acknowledged is in the store, whole, with an intact audit chain. A line `committed <case id>` is written
/// (unbuffered) only after the transaction holding the case, its assessments, a need, a provision, four
/// deliveries and the audit entry has committed.
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Write invented cases in a loop, acknowledging each commit (for crash testing).",
        shouldDisplay: false
    )

    @OptionGroup var data: DataDirectoryOption

    @Option(help: "Stop after this many cases (default: run until killed).")
    var count: Int?

    @Option(help: "Seed for the invented cases (default: from the clock, so each run differs).")
    var seed: UInt64?

    func run() async throws {
        let store = try data.openStore()
        var generator = DemoFamilies(seed: seed ?? UInt64(Date().timeIntervalSince1970 * 1_000_000), asOf: CalendarDate(Date()))
        let system = ActingUser(id: "soak", role: .system)
        var written = 0
        while count.map({ written < $0 }) ?? true {
            var batch = ImportBatch(source: "soak \(written)")
            let file = generator.soakFamily(into: &batch)
            try await store.importBatch(batch, by: system)
            FileHandle.standardOutput.write(Data("committed \(file.id)\n".utf8))
            written += 1
        }
    }
}
