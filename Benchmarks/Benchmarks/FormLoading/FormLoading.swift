// Loading and validating every shipped form, against libxml2 parsing and XSD validation alone as the peer.
import Benchmark
import Foundation
import Forms
import HeededXML

/// Forms/ in the repository, found from this file's place in Benchmarks/Benchmarks/FormLoading.
private let formsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Forms").path

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5))

    Benchmark("Heeded: load, validate and check all shipped forms") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FormLibrary.load(paths: [formsDirectory]))
        }
    }

    // The peer: what xmllint --schema does (parse and XSD-validate every file), with the schema compiled once
    // per run as xmllint does, and nothing else.
    Benchmark("Peer: libxml2 parse + XSD validation only (xmllint's work)") { benchmark in
        let schemaPath = URL(fileURLWithPath: formsDirectory).deletingLastPathComponent()
            .appendingPathComponent("Schemas/form.xsd").path
        let files = try FileManager.default.contentsOfDirectory(atPath: formsDirectory).filter { $0.hasSuffix(".xml") }
            .map { formsDirectory + "/" + $0 }
        for _ in benchmark.scaledIterations {
            let schema = try XMLSchema(file: schemaPath)
            for file in files { blackHole(try XML.load(file: file, schema: schema)) }
        }
    }
}
