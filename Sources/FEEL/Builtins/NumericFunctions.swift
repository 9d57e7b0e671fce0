// FEEL's numeric built-ins: rounding at a scale, modulo, and the few defined through real analysis.
import Foundation

extension Builtins {
    static let numericFunctions: [BuiltinOverload] = [
        rounding("decimal", .halfEven, scaleRequired: true),
        rounding("floor", .floor, scaleRequired: false),
        rounding("ceiling", .ceiling, scaleRequired: false),
        rounding("round up", .up, scaleRequired: true),
        rounding("round down", .down, scaleRequired: true),
        rounding("round half up", .halfUp, scaleRequired: true),
        rounding("round half down", .halfDown, scaleRequired: true),
        BuiltinOverload("abs", ["n"]) { arguments in
            switch arguments[0] {
            case .number(let number): .number(number.isNegative ? number.negated : number)
            case .yearsMonths(let duration): .yearsMonths(FEELYearsMonthsDuration(months: abs(duration.months)))
            case .daysTime(let duration): .daysTime(FEELDaysTimeDuration(nanoseconds: abs(duration.nanoseconds)))
            default: .null
            }
        },
        BuiltinOverload("modulo", ["dividend", "divisor"]) { arguments in
            // dividend - divisor * floor(dividend / divisor): the result takes the divisor's sign.
            guard let dividend = number(arguments[0]), let divisor = number(arguments[1]),
                  let quotient = dividend / divisor, let product = divisor * quotient.rounded(scale: 0, mode: .floor),
                  let result = dividend - product else { return .null }
            return .number(result)
        },
        BuiltinOverload("sqrt", ["number"]) { arguments in
            guard let value = number(arguments[0]), !value.isNegative else { return .null }
            return FEELNumber(value.doubleValue.squareRoot()).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("log", ["number"]) { arguments in
            guard let value = number(arguments[0]), !value.isNegative, !value.isZero else { return .null }
            return FEELNumber(Foundation.log(value.doubleValue)).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("exp", ["number"]) { arguments in
            guard let value = number(arguments[0]) else { return .null }
            return FEELNumber(Foundation.exp(value.doubleValue)).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("odd", ["number"]) { arguments in
            guard let value = number(arguments[0]) else { return .null }
            guard value.isInteger, let whole = value.exactInt else { return .false }
            return .boolean(whole % 2 != 0)
        },
        BuiltinOverload("even", ["number"]) { arguments in
            guard let value = number(arguments[0]) else { return .null }
            guard value.isInteger, let whole = value.exactInt else { return .false }
            return .boolean(whole % 2 == 0)
        },
    ]

    /// `name(n, scale)`, or `name(n)` where the scale may be left out (floor, ceiling).
    private static func rounding(_ name: String, _ mode: FEELNumber.RoundingMode, scaleRequired: Bool) -> BuiltinOverload {
        BuiltinOverload(name, ["n", "scale"], required: scaleRequired ? 2 : 1) { arguments in
            guard let value = number(arguments[0]), let scale = integer(arguments, 1, absent: 0),
                  (-6111...6176).contains(scale) else { return .null }
            return .number(value.rounded(scale: scale, mode: mode))
        }
    }
}
