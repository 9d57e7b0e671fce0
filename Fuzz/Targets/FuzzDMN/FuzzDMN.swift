// DMN: the bytes as a decision model, loaded as the TCK loads models (evaluating despite problems), strictly
// as the routing tables are, and evaluated with every input null.
import Decisions

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let model = try? DecisionModel.load(bytes: bytes, file: "fuzz.dmn", strictness: .evaluateDespiteProblems) {
        _ = model.evaluate([:])
    }
    _ = try? DecisionModel.load(bytes: bytes, file: "fuzz.dmn")
    return 0
}
