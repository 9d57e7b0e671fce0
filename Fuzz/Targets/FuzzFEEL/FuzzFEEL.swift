// FEEL: the bytes as an expression, parsed and evaluated, and as unary tests, parsed and tested.
import FEEL

/// Names an expression may read, so that evaluation reaches past null.
let scope: [String: FEELValue] = [
    "age": .number(7), "name": .string("Sam"), "flags": .list([.boolean(true), .boolean(false)]),
    "dob": FEELDate(iso: "2019-03-27").map(FEELValue.date) ?? .null,
]
let inputs: [FEELValue] = [.null, .number(5), .string("a"), .boolean(true)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let expression = try? FEELExpression(parsing: source) {
        _ = expression.evaluate(scope).description
    }
    if let tests = try? FEELUnaryTests(parsing: source) {
        for input in inputs { _ = tests.test(input, scope: scope) }
    }
    return 0
}
