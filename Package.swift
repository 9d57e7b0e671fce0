// swift-tools-version: 6.0
// Heeded: a workflow engine for a council's disabled children's service. See README.md and DESIGN in it.
import PackageDescription

let package = Package(
    name: "Heeded",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "heeded", targets: ["heeded"]),
        // Libraries for the benchmarks package (Benchmarks/), which lives apart so builds and tests never compile it.
        .library(name: "HeededCore", targets: ["HeededXML", "FEEL", "Forms", "Decisions", "Casework"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", exact: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // Hummingbird's own dependencies, declared because Web (logging, byte buffers, the service group) and its tests
        // (HTTP field names) import them; the versions Hummingbird 2.28.1 resolves to.
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // Metrics: the swift-metrics facade (Store and Web record through it) and its Prometheus back end (Web's /metrics).
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // libxml2, seen only by HeededXML.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Safe XML parsing and XSD validation with file:line:column errors.
        .target(name: "HeededXML", dependencies: ["CLibXML2"]),
        // The FEEL expression language, used by forms and decision tables alike.
        .target(name: "FEEL"),
        // Typed form definitions loaded from XML; answers checked against them.
        .target(
            name: "Forms",
            dependencies: ["HeededXML", "FEEL"],
            resources: [.copy("Resources/form.xsd")]
        ),
        // DMN decision tables evaluated with FEEL.
        .target(name: "Decisions", dependencies: ["HeededXML", "FEEL"]),
        // The domain: requests, routing, assessments, needs, provision, deadlines. Pure Swift, no I/O.
        .target(
            name: "Casework",
            dependencies: ["Forms", "Decisions", "FEEL", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Persistence behind Casework's store protocol: SQLite through GRDB, migrations, hash-chained audit; and the
        // shipped bank holidays, read here so that Casework does no I/O.
        .target(
            name: "Store",
            dependencies: [
                "Casework", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources/bank-holidays-england-and-wales.csv")]
        ),
        // The web application: HTML pages for parent, assessor and manager, and the JSON API.
        .target(
            name: "Web",
            dependencies: [
                "FEEL", "Forms", "Decisions", "Casework",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")]
        ),
        // The command-line tool.
        .executableTarget(
            name: "heeded",
            dependencies: [
                "HeededXML", "FEEL", "Forms", "Decisions", "Casework", "Store", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "HeededXMLTests", dependencies: ["HeededXML"]),
        .testTarget(name: "FEELTests", dependencies: ["FEEL"]),
        .testTarget(name: "FormsTests", dependencies: ["Forms", "FEEL"]),
        .testTarget(name: "DecisionsTests", dependencies: ["Decisions", "FEEL"]),
        .testTarget(name: "CaseworkTests", dependencies: ["Casework", "Store", "Decisions", "FEEL", "Forms", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Casework", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Store", "Casework", "Decisions", "FEEL", "Forms", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["heeded", "Store", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
