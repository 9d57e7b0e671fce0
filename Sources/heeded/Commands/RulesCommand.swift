// `heeded rules test`: a copy of the routing tables checked against the worked cases before it goes live.
import ArgumentParser
import Casework
import Decisions
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check routing tables against the worked cases.",
        subcommands: [Test.self]
    )

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide every worked case with a folder of routing tables, and show each one decided otherwise.",
            discussion: """
                Reads the tables in --rules as `heeded route` does (a table that does not load is reported with \
                its file and line), then every worked case in --cases (*.jsonl: one {id, why, facts, expected, \
                rules, reason_contains} a line; see Forms/rules/README.md). For each case the tables decide \
                otherwise it prints where the case is, why it is there, what differs and the reasons the tables \
                gave. Exits 1 when any case differs or anything does not load.
                """
        )

        @Option(help: ArgumentHelp("The folder of routing tables (.dmn).", valueName: "dir"))
        var rules: String = "Forms/rules"

        @Option(help: ArgumentHelp("The folder of worked cases (default: cases/ in --rules).", valueName: "dir"))
        var cases: String?

        func run() throws {
            let router = try RequestRouter.cli(rules: rules)
            let folder = cases ?? (rules as NSString).appendingPathComponent("cases")
            let files: [String]
            do {
                files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
                    .map { (folder as NSString).appendingPathComponent($0) }
            } catch {
                printError("heeded: cannot read the worked cases in \(folder): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            var worked: [WorkedCase] = []
            for file in files {
                do {
                    worked += try WorkedCase.parse(try String(contentsOfFile: file, encoding: .utf8), file: file)
                } catch {
                    printError("\(error)")
                    throw ExitCode.failure
                }
            }
            guard !worked.isEmpty else {
                printError("heeded: no worked cases in \(folder) (*.jsonl)")
                throw ExitCode.failure
            }
            var differing = 0
            for workedCase in worked {
                let decision = router.route(workedCase.facts)
                let differences = workedCase.differences(decision)
                guard !differences.isEmpty else { continue }
                differing += 1
                print("\(workedCase.source) \(workedCase.id): \(workedCase.why)")
                for difference in differences { print("  \(difference)") }
                for reason in decision.reasons { print("  reason (\(reason.table)\(reason.rule.map { " \($0)" } ?? "")): \(reason.text)") }
            }
            print("\(worked.count) worked cases in \(files.count) files: \(worked.count - differing) decided as expected, \(differing) not")
            if differing > 0 { throw ExitCode.failure }
        }
    }
}
