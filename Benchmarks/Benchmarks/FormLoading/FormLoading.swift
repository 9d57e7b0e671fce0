// Loading every shipped form against libxml2's own parse and XSD validation; and loading at 1x and 10x sizes.
import Benchmark
import Forms
import Foundation
import HeededXML
import XMLLintPeer

/// Forms/ in the repository, found from this file's place in Benchmarks/Benchmarks/FormLoading.
private let formsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Forms").path

/// The files `heeded forms check Forms` reads: the code lists, then the forms.
private func shippedFiles() throws -> [String] {
    let manager = FileManager.default
    return try ["codelists", ""].flatMap { folder in
        let directory = folder.isEmpty ? formsDirectory : formsDirectory + "/" + folder
        return try manager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
            .map { directory + "/" + $0 }
    }
}

/// A form with `questions` short text questions, ten to a section, each asked only when the one before it is
/// answered (so every question has an expression to compile and a reference to check).
private func generatedForm(questions: Int) -> [UInt8] {
    var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <form xmlns="urn:heeded:form:1" id="generated" version="1" title="Generated" audience="parent" legal-basis="s17">

        """
    for question in 0 ..< questions {
        if question % 10 == 0 { text += "  <section id=\"s\(question / 10)\" title=\"Section\">\n" }
        let relevant = question == 0 ? "" : " relevant=\"q\(question - 1) != null\""
        text += "    <text id=\"q\(question)\" max-length=\"200\"\(relevant)><label>Question \(question)</label></text>\n"
        if question % 10 == 9 || question == questions - 1 { text += "  </section>\n" }
    }
    return Array((text + "</form>\n").utf8)
}

/// `elements` elements of eight attributes each, all on one line: the shape that was quadratic (every
/// attribute's column was counted from the start of its line, and every attribute scanned its whole tag).
private func oneLongLine(elements: Int) -> [UInt8] {
    let element = "<e a=\"1\" b=\"2\" c=\"3\" d=\"4\" e=\"5\" f=\"6\" g=\"7\" h=\"8\"/>"
    return Array(("<r>" + String(repeating: element, count: elements) + "</r>").utf8)
}

/// One element with `attributes` attributes: refused at the limit's first attribute past it, whatever follows.
private func manyAttributes(_ attributes: Int) -> [UInt8] {
    Array(("<form" + (0 ..< attributes).map { " attribute\($0)=\"value\"" }.joined() + "/>").utf8)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5))

    Benchmark("Heeded: load, validate and check all shipped forms") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FormLibrary.load(paths: [formsDirectory]))
        }
    }

    // The peer: what `xmllint --noout --schema Schemas/form.xsd` does to the same files, in libxml2's own C:
    // read, parse, validate and free each. The schema is compiled once, outside the loop, as Heeded's is.
    Benchmark("Peer: libxml2 parse + XSD validation of the same files (xmllint's work)") { benchmark in
        let schemaPath = URL(fileURLWithPath: formsDirectory).deletingLastPathComponent()
            .appendingPathComponent("Schemas/form.xsd").path
        guard let schema = xmllint_peer_schema(schemaPath) else { fatalError("\(schemaPath) does not compile") }
        defer { xmllint_peer_free(schema) }
        let files = try shippedFiles().map { strdup($0) }
        defer { files.forEach { free($0) } }
        let paths: [UnsafePointer<CChar>?] = files.map { UnsafePointer($0) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            precondition(xmllint_peer_validate(schema, paths, Int32(paths.count)) == 0, "a shipped form is not valid")
        }
    }

    // Linearity: each pair is the same shape at 1x and 10x the size, so the second should take about ten times
    // the first (and the refusals the same time at both sizes).
    for questions in [100, 1_000] {
        Benchmark("Size: a form of \(questions) questions, loaded and checked") { benchmark in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-bench-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(generatedForm(questions: questions)).write(to: folder.appendingPathComponent("generated.xml"))
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try FormLibrary.load(paths: [folder.path]))
            }
        }
    }
    for elements in [5_000, 50_000] {
        Benchmark("Size: \(elements) elements of 8 attributes on one line, parsed") { benchmark in
            let bytes = oneLongLine(elements: elements)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try XML.parse(bytes, file: "line.xml"))
            }
        }
    }
    for attributes in [20_000, 200_000] {
        Benchmark("Size: one element of \(attributes) attributes, refused") { benchmark in
            let bytes = manyAttributes(attributes)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(Result { () throws(XMLErrors) in try XML.parse(bytes, file: "hostile.xml") })
            }
        }
    }
}
