// Routing speed: the shipped tables on the worked cases, and the per-rule cost of a generated 1,000-rule table.
import Benchmark
import Casework
import Decisions
import FEEL
import Foundation
import RoutingFixtures

/// The repository root, found from this file's place in Benchmarks/Benchmarks/Routing.
private let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
                                           scalingFactor: .kilo, maxDuration: .seconds(5))

    Benchmark("Routing: one request through the shipped tables (facts parsed)") { benchmark in
        let router = RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: root.appendingPathComponent("Forms/rules").path)))
        let cases = try RoutingCases.load(file: RoutingCases.workedCases(repository: root))
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(router.route(cases[index % cases.count]))
        }
    }

    Benchmark("DMN: 1,000-rule FIRST table, only the last rule matches (per evaluation)") { benchmark in
        let model = try DecisionModel.load(bytes: Array(GeneratedTable.dmn(rules: 1000).utf8), file: "generated.dmn")
        let inputs = GeneratedTable.inputsMatchingLastRule(model, rules: 1000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(model.evaluate(inputs))
        }
    }
}
