// `routing-rate`: Heeded's routing speed as one number a peer comparison can print beside the Python engines'.
//
// Parses the cases once, then routes them in a loop on one thread for a few seconds: the facts mapped to the tables'
// inputs, the concern table asked once per coded concern, then the six request tables, as the Python peers are timed.
// Then it times a generated 1,000-rule FIRST table where only the last rule matches.
// Usage: swift run -c release --package-path Benchmarks routing-rate [--seconds S] [--cases FILE] [--rules DIR] [--rate-file FILE]
import Casework
import Decisions
import Foundation
import RoutingFixtures

let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let name = arguments.next(), name.hasPrefix("--") {
    options[String(name.dropFirst(2))] = arguments.next()
}
let seconds = Double(options["seconds"] ?? "3") ?? 3
let casesFile = options["cases"].map { URL(fileURLWithPath: $0) } ?? RoutingCases.workedCases(repository: root)
let router = RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: options["rules"] ?? root.appendingPathComponent("Forms/rules").path)))
let cases = try RoutingCases.load(file: casesFile)

/// Runs `body` in rounds until `seconds` have passed; returns calls per second of process CPU time.
func rate(_ body: () -> Void) -> Double {
    var calls = 0
    let started = Date()
    let cpu = clock()
    repeat {
        for _ in 0..<1_000 { body() }
        calls += 1_000
    } while Date().timeIntervalSince(started) < seconds
    return Double(calls) / (Double(clock() - cpu) / Double(CLOCKS_PER_SEC))
}

var next = 0
var decidedCIN = 0
let requests = rate {
    if router.route(cases[next]).cinAssessment == true { decidedCIN += 1 }
    next = next == cases.count - 1 ? 0 : next + 1
}
// Each request runs the contract's tables once and the concern table once per coded concern.
let concernsPerRequest = Double(cases.reduce(0) { $0 + $1.concerns.count }) / Double(cases.count)
let tables = Double(RoutingRules.decisionNames.count) + concernsPerRequest
print(String(format: "heeded routing: %.0f requests/s on one core (%.0f table evaluations/s: per request %d tables, "
                + "and the concern table %.2f times), %.2f µs per request",
             requests, requests * tables, RoutingRules.decisionNames.count, concernsPerRequest, 1e6 / requests))

let model = try DecisionModel.load(bytes: Array(GeneratedTable.dmn(rules: 1000).utf8), file: "generated.dmn")
let inputs = GeneratedTable.inputsMatchingLastRule(model, rules: 1000)
var matched = 0
let evaluations = rate {
    if model.evaluate(inputs).results[0].isDecided { matched += 1 }
}
print(String(format: "heeded 1,000-rule FIRST table, last rule matching: %.2f µs per evaluation, %.4f µs per rule",
             1e6 / evaluations, 1e3 / evaluations))
if let file = options["rate-file"] {
    try String(format: "%.0f\n", requests).write(toFile: file, atomically: true, encoding: .utf8)
}
precondition(decidedCIN > 0 && matched > 0)
