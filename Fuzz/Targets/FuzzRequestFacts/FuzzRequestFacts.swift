// Request facts: the bytes as `heeded route` reads standard input (one JSON object, or JSON Lines), each
// request routed by the shipped tables (Forms/rules) and its decision written out as JSON and as text.
import Casework
import Decisions
import Foundation

/// The repository root, found from this file's place in Fuzz/Targets/FuzzRequestFacts.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

let router: RequestRouter = {
    do {
        let folder = try DMNFolder(path: repositoryRoot.appendingPathComponent("Forms/rules").path)
        return RequestRouter(rules: try RoutingRules(folder: folder))
    } catch {
        fatalError("the shipped routing tables do not load: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let (requests, _) = try? RequestFacts.documentOrLines(Data(bytes: data, count: size)) else { return 0 }
    for request in requests {
        let decision = router.route(request)
        _ = decision.jsonLine(includingProvenance: true)
        _ = decision.text
    }
    return 0
}
