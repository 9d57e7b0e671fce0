// `heeded dmn`: load decision models and run the DMN TCK, for a rules author and for conformance.
import ArgumentParser
import Decisions
import FEEL
import Foundation

struct DMNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmn",
        abstract: "Check DMN decision models and run the DMN conformance tests (TCK).",
        subcommands: [Check.self, TCK.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load DMN files and report every problem as file:line:column: message.",
            discussion: """
                Each file is read safely and compiled, with the models it imports (found beside it by \
                namespace): unparsable cells and expressions (an expression nested too deeply among them), \
                names that are not inputs, decisions or functions of the model, built-ins called with the \
                wrong arguments, types no one defines, broken requirements, and rules of a UNIQUE table that \
                can match the same input are all reported. Evaluation (the TCK, `route`) treats a wrong call \
                as FEEL does, as null; this check is strict. Exits non-zero if there is any problem; otherwise \
                prints one line per model, and a second line naming its free inputs: variables a table's \
                input expression reads that no inputData declares (Camunda's way), which the caller supplies.
                """
        )

        @Argument(help: "DMN files or folders of them.")
        var paths: [String] = ["Forms/rules"]

        func run() throws {
            var failed = false
            for file in dmnFiles(paths) {
                do {
                    let model = try DecisionModel.load(file: file)
                    print("\(file): \(model.decisionNames.count) decisions (\(model.decisionNames.joined(separator: ", "))), "
                        + "\(model.inputNames.count) inputs")
                    if !model.freeInputNames.isEmpty {
                        print("\(file): free inputs (no inputData declares them; the caller supplies them): "
                            + model.freeInputNames.joined(separator: ", "))
                    }
                } catch {
                    for problem in error.problems { printError(problem.description) }
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }

        private func dmnFiles(_ paths: [String]) -> [String] {
            paths.flatMap { path -> [String] in
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                return names.filter { $0.hasSuffix(".dmn") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            }
        }
    }

    struct TCK: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tck",
            abstract: "Run DMN TCK test cases and print one CSV row per case in the TCK's results format.",
            discussion: """
                DIR is laid out as the TCK lays it out: level folders (compliance-level-2) holding test folders, \
                each with a model (*.dmn), any models it imports, and test files (*-test-*.xml). Decisions are \
                found by name or id; decision service cases invoke the service. Models load as the \
                specification evaluates them: a decision that cannot be compiled is null, the others decide. \
                Each test case prints \
                "<level>/<folder>","<test file>","<case id>","SUCCESS|ERROR|IGNORED","" and a summary line \
                follows. Exits non-zero if any case is an ERROR; --verbose prints why on standard error.
                """
        )

        @Argument(help: "The folder of test cases (several may be given).")
        var directories: [String]

        @Flag(help: "Print why each failing case failed, on standard error.")
        var verbose = false

        func run() throws {
            let results = directories.flatMap(TCKSuite.run)
            guard !results.isEmpty else {
                printError("no TCK test files (*-test-*.xml) under \(directories.joined(separator: ", "))")
                throw ExitCode.failure
            }
            for result in results {
                print(result.csvRow)
                if verbose, result.outcome != .success { printError("\(result.folder) \(result.caseID): \(result.detail)") }
            }
            let count = { (outcome: TCKSuite.Result.Outcome) in results.filter { $0.outcome == outcome }.count }
            let folders = Set(results.map(\.folder)).count
            print("\(results.count) test cases in \(folders) folders: \(count(.success)) SUCCESS, \(count(.error)) ERROR, \(count(.ignored)) IGNORED")
            if count(.error) > 0 { throw ExitCode.failure }
        }
    }
}
