// `heeded route`: what the routing tables decide for a request's facts (shared/contracts/request-facts.md).
import ArgumentParser
import Casework
import Decisions
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Decide a needs request's route from its facts, with the reasons.",
        discussion: """
            Reads request facts (one JSON object, as in shared/contracts/request-facts.md) and prints what the \
            routing tables decide: child in need assessment, parent carer assessment, young carer assessment, \
            whether a safeguarding enquiry (s47) is recommended, the team, and one plain-English reason per rule \
            that fired.

            --facts takes a .json file (one request), a .jsonl file (one request per line: one decision line per \
            request, in order), or - for standard input (one object, or JSON Lines). The rules are read once, \
            so a batch is fast.

            Bad input (not JSON, a missing key, an unknown code, a wrong type) prints one line on standard \
            error naming the key and what was expected, prints no decisions, and exits non-zero. When a table \
            cannot decide, its answer is null, "undecided" names the table, and a person decides.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Option(help: ArgumentHelp("The request facts: FILE.json, FILE.jsonl, or - for standard input.", valueName: "file"))
    var facts: String

    @Option(help: ArgumentHelp("The folder of routing tables (.dmn).", valueName: "dir"))
    var rules: String = "Forms/rules"

    @Option(help: "json (the default when the output is not a terminal) or text.")
    var format: Format?

    @Flag(help: "Add which rules files, version and fired rules decided (JSON only).")
    var provenance = false

    func run() throws {
        let (requests, source) = try readRequests()
        let router = try RequestRouter.cli(rules: rules)
        let format = format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)
        var output = BufferedOutput()
        for (index, request) in requests.enumerated() {
            let decision = router.route(request)
            switch format {
            case .json:
                output.write(decision.jsonLine(includingProvenance: provenance))
            case .text:
                if source.isBatch { output.write((index > 0 ? "\n" : "") + "Request \(index + 1):") }
                output.write(decision.text)
            }
        }
        output.flush()
    }

    /// The requests to route, all read and checked before anything is decided.
    private func readRequests() throws -> ([RequestFacts], Source) {
        let name = facts == "-" ? "standard input" : facts
        let data: Data
        do {
            data = facts == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: facts))
        } catch {
            printError("\(name): cannot read (\(error.localizedDescription))")
            throw ExitCode.failure
        }
        do {
            if facts == "-" {
                let (requests, isBatch) = try RequestFacts.documentOrLines(data)
                return (requests, isBatch ? .batch : .single)
            }
            if facts.hasSuffix(".jsonl") || facts.hasSuffix(".ndjson") { return (try RequestFacts.lines(data), .batch) }
            return ([try RequestFacts(json: data)], .single)
        } catch let error as RequestFactsLineError {
            printError(error.line == nil ? "\(name): \(error)" : "\(name) \(error)")
        } catch {
            printError("\(name): \(error)")
        }
        throw ExitCode.failure
    }

    private enum Source {
        case single, batch
        var isBatch: Bool { self == .batch }
    }
}

/// Standard output in large writes, so a batch of thousands of decisions is not thousands of system calls.
private struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

extension RequestRouter {
    /// The router over a folder of routing tables, as the commands read one: a table that does not load is one
    /// message on standard error (file and line) and a failing exit.
    static func cli(rules: String) throws -> RequestRouter {
        do {
            return RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: rules)))
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }
}
