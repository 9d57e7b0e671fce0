// swift-tools-version: 6.1
// Heeded's performance benchmarks (package-benchmark). A package of its own so that the main build and tests
// never compile them. Run from this folder: `swift package benchmark` (see README.md here).
import Foundation
import PackageDescription

/// A path dependency is known by its folder's name, which is whatever the repository was cloned as.
let heeded = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "HeededBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FormLoading",
            dependencies: [
                "XMLLintPeer",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeededCore", package: heeded),
            ],
            path: "Benchmarks/FormLoading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // FormLoading's work and its peer's in a loop, for a profiler.
        .executableTarget(
            name: "form-loading-loop",
            dependencies: ["XMLLintPeer", .product(name: "HeededCore", package: heeded)],
            path: "Benchmarks/FormLoadingLoop"
        ),
        // FormLoading's peer: libxml2's parse and XSD validation in C, as xmllint does them.
        .target(name: "XMLLintPeer", dependencies: ["LibXML2"], path: "Benchmarks/XMLLintPeer"),
        .systemLibrary(name: "LibXML2", path: "Benchmarks/LibXML2", pkgConfig: "libxml-2.0"),
        .executableTarget(
            name: "Routing",
            dependencies: [
                "RoutingFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeededCore", package: heeded),
            ],
            path: "Benchmarks/Routing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "FEELParsing",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeededCore", package: heeded),
            ],
            path: "Benchmarks/FEELParsing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Heeded's routing rate as a plain number, for Benchmarks/dmn-peers/run.sh to print beside its peers.
        .executableTarget(
            name: "routing-rate",
            dependencies: ["RoutingFixtures", .product(name: "HeededCore", package: heeded)],
            path: "Benchmarks/RoutingRate"
        ),
        .target(
            name: "RoutingFixtures",
            dependencies: [.product(name: "HeededCore", package: heeded)],
            path: "Benchmarks/RoutingFixtures"
        ),
    ],
    swiftLanguageModes: [.v6]
)
