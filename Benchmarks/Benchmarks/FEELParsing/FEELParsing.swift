// FEEL reading is linear in the text: the same shapes at 1x and 10x, timed side by side.
import Benchmark
import FEEL

/// A list literal of `items` numbers, a context of `items` entries, and a sum of `items` parenthesised
/// terms (each kept within the nesting limit): the shapes a long expression takes.
private func sources(_ items: Int) -> [String] {
    [
        "[" + Array(repeating: "12.5", count: items).joined(separator: ", ") + "]",
        "{" + (0..<items).map { "k\($0): \($0)" }.joined(separator: ", ") + "}",
        "sum([" + Array(repeating: "(1 + (2 * 3))", count: items).joined(separator: ", ") + "])",
    ]
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(5))

    for items in [10_000, 100_000] {
        let texts = sources(items)
        Benchmark("FEEL: parse a list, a context and a sum of \(items) items each") { benchmark in
            for _ in benchmark.scaledIterations {
                for text in texts { blackHole(try FEELExpression(parsing: text)) }
            }
        }
    }
}
