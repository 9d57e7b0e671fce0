// swift-tools-version: 5.4
// Heeded's fuzz targets (libFuzzer). A package of its own, like Benchmarks/, so that the main build and tests
// never compile them with sanitizers. Run from the repository: `Fuzz/run.sh [SECONDS]` (see README.md here).
import Foundation
import PackageDescription

/// A path dependency is known by its folder's name, which is whatever the repository was cloned as.
let heeded = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// One executable per target; libFuzzer supplies `main`, so each is built with `-parse-as-library`.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "HeededCore", package: heeded)],
        path: "Targets/\(name)",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "HeededFuzz",
    platforms: [.macOS(.v11)],
    dependencies: [.package(path: "..")],
    targets: ["FuzzFormXML", "FuzzDMN", "FuzzFEEL", "FuzzRequestFacts", "FuzzAnswers"].map(fuzzTarget),
    swiftLanguageVersions: [.v5]
)
