// swift-tools-version: 6.0
// Heeded: a workflow engine for a council's disabled children's service. See README.md and DESIGN in it.
import PackageDescription

let package = Package(
    name: "Heeded",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "heeded", targets: ["heeded"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
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
        .target(name: "Casework", dependencies: ["Forms", "Decisions", "FEEL"]),
        // The command-line tool.
        .executableTarget(
            name: "heeded",
            dependencies: [
                "Forms", "Decisions", "Casework",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HeededXMLTests", dependencies: ["HeededXML"]),
        .testTarget(name: "FEELTests", dependencies: ["FEEL"]),
        .testTarget(name: "FormsTests", dependencies: ["Forms", "FEEL"]),
        .testTarget(name: "DecisionsTests", dependencies: ["Decisions", "FEEL"]),
        .testTarget(name: "CaseworkTests", dependencies: ["Casework", "Decisions", "FEEL"]),
        .testTarget(name: "CLITests", dependencies: ["heeded"]),
    ],
    swiftLanguageModes: [.v6]
)
