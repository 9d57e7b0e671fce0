// FEEL's external Java functions, for the few static methods of the Java library DMN models name.
import Foundation

/// `function(a, b) external {java: {class: "java.lang.Math", method signature: "max(double, double)"}}`.
///
/// Heeded runs no Java. DMN lets a model name a static Java method as a function; the methods models name in
/// practice (and the DMN TCK checks) are a handful of `java.lang` ones, answered here by their Swift
/// equivalents. Any other method is a function that is always null, as FEEL makes a call that cannot be made.
public enum JavaFunctions {
    /// The function an external definition (`{java: {class: ..., method signature: ...}}`, or the inner
    /// context alone) names; nil when it names no method Heeded knows.
    public static func function(definition: FEELValue, parameters: [String]) -> FEELFunction? {
        guard case .context(var context) = definition else { return nil }
        if case .context(let java)? = context["java"] { context = java }
        guard case .string(let className)? = context["class"], case .string(let signature)? = context["method signature"],
              let body = methods[className + "." + signature.filter { !$0.isWhitespace }] else { return nil }
        return FEELFunction(parameters: parameters) { arguments, _ in body(arguments) }
    }

    private typealias Method = @Sendable ([FEELValue]) -> FEELValue

    private static let methods: [String: Method] = [
        "java.lang.Math.max(double,double)": { numbers($0) { max($0[0], $0[1]) } },
        "java.lang.Math.max(float,float)": { numbers($0) { max($0[0], $0[1]) } },
        "java.lang.Math.max(int,int)": { integers($0) { max($0[0], $0[1]) } },
        "java.lang.Math.max(long,long)": { integers($0) { max($0[0], $0[1]) } },
        "java.lang.Math.min(double,double)": { numbers($0) { min($0[0], $0[1]) } },
        "java.lang.Math.min(int,int)": { integers($0) { min($0[0], $0[1]) } },
        "java.lang.Math.cos(double)": { doubles($0) { cos($0[0]) } },
        "java.lang.Math.sin(double)": { doubles($0) { sin($0[0]) } },
        "java.lang.Math.tan(double)": { doubles($0) { tan($0[0]) } },
        "java.lang.Math.sqrt(double)": { doubles($0) { $0[0].squareRoot() } },
        "java.lang.Math.pow(double,double)": { doubles($0) { pow($0[0], $0[1]) } },
        "java.lang.Short.valueOf(short)": { integers($0) { $0[0] } },
        "java.lang.Byte.valueOf(byte)": { integers($0) { $0[0] } },
        "java.lang.Integer.valueOf(int)": { integers($0) { $0[0] } },
        "java.lang.Integer.valueOf(java.lang.String)": { text($0) { Int($0).map { .number(FEELNumber($0)) } } },
        "java.lang.Long.valueOf(java.lang.String)": { text($0) { Int($0).map { .number(FEELNumber($0)) } } },
        "java.lang.Float.valueOf(java.lang.String)": { text($0) { Float($0).flatMap { FEELNumber($0.description) }.map(FEELValue.number) } },
        "java.lang.Double.valueOf(java.lang.String)": { text($0) { Double($0).flatMap { FEELNumber($0.description) }.map(FEELValue.number) } },
        "java.lang.String.valueOf(char)": { text($0) { $0.count == 1 ? .string($0) : nil } },
        "java.lang.String.format(java.lang.String,[Ljava.lang.Object;)": { arguments in
            guard case .string(let format)? = arguments.first else { return .null }
            return formatted(format, Array(arguments.dropFirst()))
        },
    ]

    private static func numbers(_ arguments: [FEELValue], _ body: ([FEELNumber]) -> FEELNumber) -> FEELValue {
        let values = arguments.compactMap(\.numberValue)
        return values.count == arguments.count ? .number(body(values)) : .null
    }

    private static func integers(_ arguments: [FEELValue], _ body: ([Int]) -> Int) -> FEELValue {
        let values = arguments.compactMap { $0.numberValue?.exactInt }
        return values.count == arguments.count ? .number(FEELNumber(body(values))) : .null
    }

    private static func doubles(_ arguments: [FEELValue], _ body: ([Double]) -> Double) -> FEELValue {
        let values = arguments.compactMap { $0.numberValue?.doubleValue }
        guard values.count == arguments.count else { return .null }
        return FEELNumber(body(values)).map(FEELValue.number) ?? .null
    }

    private static func text(_ arguments: [FEELValue], _ body: (String) -> FEELValue?) -> FEELValue {
        guard arguments.count == 1, case .string(let value) = arguments[0] else { return .null }
        return body(value) ?? .null
    }

    /// `String.format` for `%s` and `%%`, the only conversions a value of FEEL's maps to without a locale.
    private static func formatted(_ format: String, _ values: [FEELValue]) -> FEELValue {
        var result = ""
        var remaining = values[...]
        var characters = format[...]
        while let character = characters.popFirst() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            switch characters.popFirst() {
            case "s"?:
                guard let value = remaining.popFirst() else { return .null }
                result += value.plainText
            case "%"?:
                result.append("%")
            default:
                return .null
            }
        }
        return .string(result)
    }
}
