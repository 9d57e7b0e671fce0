// Loads the shipped forms, or has the peer parse and validate them, N times: for a profiler (perf, callgrind),
// whose counts do not depend on what else the machine is doing, unlike the FormLoading benchmark's clock.
// Usage: form-loading-loop heeded|peer [N]
import Forms
import Foundation
import XMLLintPeer

let arguments = CommandLine.arguments
guard arguments.count >= 2, ["heeded", "peer"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: form-loading-loop heeded|peer [N]\n".utf8))
    exit(2)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1
let forms = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Forms").path

if arguments[1] == "heeded" {
    for _ in 0 ..< rounds { _ = try FormLibrary.load(paths: [forms]) }
} else {
    let schemaPath = (forms as NSString).deletingLastPathComponent + "/Schemas/form.xsd"
    guard let schema = xmllint_peer_schema(schemaPath) else { fatalError("\(schemaPath) does not compile") }
    let files = try ["codelists", ""].flatMap { folder in
        let directory = folder.isEmpty ? forms : forms + "/" + folder
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }.sorted()
            .map { strdup(directory + "/" + $0) }
    }
    let paths: [UnsafePointer<CChar>?] = files.map { UnsafePointer($0) }
    for _ in 0 ..< rounds { precondition(xmllint_peer_validate(schema, paths, Int32(paths.count)) == 0) }
}
