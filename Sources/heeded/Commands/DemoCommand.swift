// `heeded demo generate`: fills a data directory with invented families, for demonstrations and benchmarks.
import ArgumentParser
import Casework
import Foundation
import Store

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make invented data to try Heeded with.",
        subcommands: [Generate.self]
    )

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill a data directory with invented families, requests, assessments, needs, provision and deliveries.",
            discussion: """
                Every name is invented (from lists of unusual given and family names). Each request is answered on the needs request form in --forms, routed by its rules and triaged with its triage form, as the pages would. The same --seed gives the same \
                families, ids included. Cases are received between 5 and 15 months before --as-of; most provision is \
                delivered as planned, some is behind, some needs have none, some assessments run past their deadline, \
                so `heeded report unmet` and `heeded report overdue` have something to show. About 50 deliveries are \
                made per child (100,000 children give about 5 million). Records are written a few hundred families per \
                transaction, each batch with one audit entry; progress goes to standard error.
                """
        )

        @OptionGroup var data: DataDirectoryOption

        @Option(help: "How many children (one case each).")
        var children: Int

        @Option(help: "Seed for the random choices; the same seed gives the same data.")
        var seed: UInt64 = 1

        @Option(name: .customLong("as-of"), help: "The date the data runs up to (YYYY-MM-DD; default today).")
        var asOf: String?

        @Option(name: .customLong("batch"), help: "Families per transaction.")
        var batchSize: Int = 250

        @Option(help: ArgumentHelp("The forms folder the requests are made and triaged with (its rules/ folder routes them).", valueName: "dir"))
        var forms: String = "Forms"

        func validate() throws {
            guard children > 0 else { throw ValidationError("--children must be at least 1") }
            guard batchSize > 0 else { throw ValidationError("--batch must be at least 1") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, not \"\(asOf)\"") }
        }

        func run() async throws {
            let store = try data.openStore()
            let date = asOf.flatMap { CalendarDate(iso: $0) } ?? CalendarDate(Date())
            var families = try DemoFamilies.loading(forms: forms, seed: seed, asOf: date)
            let who = ActingUser(id: "demo-generator", role: .system)
            let started = Date()
            var made = 0
            var totals = (needs: 0, provisions: 0, deliveries: 0)
            var progress = ProgressLine(total: children, noun: "children")
            while made < children {
                var batch = ImportBatch(source: "demo generate --seed \(seed), children \(made + 1)–\(min(children, made + batchSize))")
                for _ in 0..<min(batchSize, children - made) { _ = try families.family(into: &batch) }
                made += batch.cases.count
                totals.needs += batch.needs.count
                totals.provisions += batch.provisions.count
                totals.deliveries += batch.deliveries.count
                try await store.importBatch(batch, by: who)
                progress.update(made, detail: "\(totals.deliveries.formatted()) deliveries")
            }
            progress.finish()
            let seconds = Date().timeIntervalSince(started)
            print("made \(made) children, \(totals.needs) needs, \(totals.provisions) provisions and \(totals.deliveries) deliveries as of \(date) in \(data.path) (\(String(format: "%.1f", seconds)) s)")
        }
    }
}
