// `heeded forms`: check form definitions and show their structure, for a council's rules author.
import ArgumentParser
import Casework
import Decisions
import Foundation
import Forms
import HeededXML

struct FormsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "Check form definitions and show their structure.",
        subcommands: [Check.self, Show.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check form definitions against the form language and each other.",
            discussion: """
                Each file is read safely, validated against Schemas/form.xsd, and then checked as a whole: \
                unique ids, every reference and code resolves, every expression parses, every binding names \
                a request fact. A folder's rules/ folder of routing tables (DMN) is loaded and checked too. \
                Problems are printed as file:line:column: message, and the command exits non-zero if there \
                are any. When all is well it prints one line per form and one for the routing rules.
                """
        )

        @Argument(help: "Form files or directories (a directory's codelists/ folder is read too).")
        var paths: [String] = ["Forms"]

        func run() throws {
            var failed = false
            do {
                let library = try FormLibrary.load(paths: paths)
                for form in library.forms.sorted(by: { ($0.id, $0.version) < ($1.id, $1.version) }) {
                    let questions = form.allFields.count
                    print("\(form.id) v\(form.version): \(form.sections.count) sections, \(questions) questions, "
                        + "\(form.bindings.count) bindings: \(form.title) (\(form.location.file))")
                }
                print("\(library.forms.count) forms and \(library.codeLists.count) code lists are valid")
            } catch {
                for problem in error.problems { printError(problem.description) }
                printError("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s") found")
                failed = true
            }
            for folder in rulesFolders {
                do {
                    let rules = try RoutingRules(folder: try DMNFolder(path: folder))
                    print("routing rules in \(folder): \(rules.files.joined(separator: ", ")) decide "
                        + "\(RoutingRules.decisionNames.joined(separator: ", ")) (version \(rules.version))")
                } catch {
                    printError("\(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }

        /// The rules/ folders inside the directories given.
        private var rulesFolders: [String] {
            paths.compactMap { path in
                let rules = (path as NSString).appendingPathComponent("rules")
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: rules, isDirectory: &isDirectory) && isDirectory.boolValue ? rules : nil
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a form's sections, questions, types and conditions.",
            discussion: "Shows the latest version unless --version is given."
        )

        @Argument(help: "The form id, e.g. needs-request.")
        var id: String

        @Option(name: .customLong("version"), help: "A particular version of the form.")
        var formVersion: Int?

        @Option(help: "The directory of form definitions.")
        var forms: String = "Forms"

        func run() throws {
            let library: FormLibrary
            do {
                library = try FormLibrary.load(paths: [forms])
            } catch {
                for problem in error.problems { printError(problem.description) }
                throw ExitCode.failure
            }
            let found = formVersion.map { library.form(id, version: $0) } ?? library.form(id)
            guard let form = found else {
                let known = Set(library.forms.map(\.id)).sorted().joined(separator: ", ")
                printError("no form \"\(id)\"\(formVersion.map { " version \($0)" } ?? "") in \(forms) (forms: \(known))")
                throw ExitCode.failure
            }
            print(FormOutline(form: form, library: library).text)
        }
    }
}
