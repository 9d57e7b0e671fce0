// FEEL's types, as `instance of`, typed parameters and DMN's `typeRef` write them, and which values and types conform.

/// A type: a built-in one, a list, context, range or function type with its parts, or a name the host defines.
public indirect enum FEELType: Sendable, Hashable, CustomStringConvertible {
    case any, null, number, string, boolean, date, time, dateTime, yearsMonths, daysTime
    /// Any context (`context`), or one with at least these entries (`context<a: number, b: string>`).
    case context([Field]?)
    /// Any range (`range`), or one whose ends are of this type (`range<number>`).
    case range(FEELType?)
    /// Any function (`function`), or one of these parameter and result types (`function<string, number> -> boolean`).
    case function(Signature?)
    case list(FEELType)
    /// A type the expression language does not define (a DMN item definition the host did not resolve).
    case named(String)

    /// One entry of a context type.
    public struct Field: Sendable, Hashable {
        public let name: String
        public let type: FEELType

        public init(name: String, type: FEELType) {
            self.name = name
            self.type = type
        }
    }

    /// A function type's parameter and result types.
    public struct Signature: Sendable, Hashable {
        public let parameters: [FEELType]
        public let result: FEELType

        public init(parameters: [FEELType], result: FEELType) {
            self.parameters = parameters
            self.result = result
        }
    }

    /// The built-in type a name stands for, or a named type.
    public init(name: String) {
        switch name.split(whereSeparator: \.isWhitespace).joined(separator: " ") {
        case "Any": self = .any
        case "Null": self = .null
        case "number": self = .number
        case "string": self = .string
        case "boolean": self = .boolean
        case "date": self = .date
        case "time": self = .time
        case "date and time", "dateTime": self = .dateTime
        case "years and months duration", "yearMonthDuration": self = .yearsMonths
        case "days and time duration", "dayTimeDuration": self = .daysTime
        case "context": self = .context(nil)
        case "range": self = .range(nil)
        case "function": self = .function(nil)
        case "list": self = .list(.any)
        case let other: self = .named(other)
        }
    }

    /// Whether a value is of this type (FEEL's `instance of`). Null is an instance of `Null` only; named types
    /// the host did not resolve admit nothing.
    public func admits(_ value: FEELValue) -> Bool {
        switch (self, value) {
        case (.any, .null): return false
        case (.any, _): return true
        case (.null, .null): return true
        case (.number, .number), (.string, .string), (.boolean, .boolean), (.date, .date), (.time, .time),
             (.dateTime, .dateTime), (.yearsMonths, .yearsMonths), (.daysTime, .daysTime):
            return true
        case (.context(nil), .context):
            return true
        case (.context(let fields?), .context(let context)):
            return fields.allSatisfy { field in context[field.name].map { field.type.admitsMember($0) } ?? false }
        case (.range(nil), .range):
            return true
        case (.range(let element?), .range(let range)):
            return [range.low, range.high].allSatisfy { end in end.map { element.admits($0) } ?? true }
        case (.function(nil), .function):
            return true
        case (.function(let signature?), .function(let function)):
            // A result type that is neither declared nor shown by the body is not held against the function.
            let result = function.resultType ?? signature.result
            guard case .function(let own?) = function.type else { return false }
            return FEELType.function(FEELType.Signature(parameters: own.parameters, result: result)).conforms(to: .function(signature))
        case (.list(let element), .list(let values)):
            return values.allSatisfy { element.admitsMember($0) }
        default:
            return false
        }
    }

    /// Members of lists and entries of contexts may be null whatever their type.
    private func admitsMember(_ value: FEELValue) -> Bool {
        value.isNull || admits(value)
    }

    /// Whether every value of this type is a value of `other` (FEEL's type conformance, DMN 1.5 §10.3.2.9).
    public func conforms(to other: FEELType) -> Bool {
        switch (self, other) {
        case (_, .any): return true
        case (.null, _): return true
        case (.list(let a), .list(let b)): return a.conforms(to: b)
        case (.context, .context(nil)): return true
        case (.context(let mine), .context(let theirs?)):
            return theirs.allSatisfy { field in
                mine?.first { $0.name == field.name }.map { $0.type.conforms(to: field.type) } ?? false
            }
        case (.range, .range(nil)): return true
        case (.range(let a?), .range(let b?)): return a.conforms(to: b)
        case (.function, .function(nil)): return true
        case (.function(let mine?), .function(let theirs?)):
            // Parameters are contravariant, the result covariant.
            return mine.parameters.count == theirs.parameters.count
                && zip(theirs.parameters, mine.parameters).allSatisfy { $0.conforms(to: $1) }
                && mine.result.conforms(to: theirs.result)
        default: return self == other
        }
    }

    /// The type of a value, as precisely as the value shows it (a list's items by the type all share).
    public static func of(_ value: FEELValue) -> FEELType {
        switch value {
        case .null: return .null
        case .boolean: return .boolean
        case .number: return .number
        case .string: return .string
        case .date: return .date
        case .time: return .time
        case .dateTime: return .dateTime
        case .yearsMonths: return .yearsMonths
        case .daysTime: return .daysTime
        case .list(let items):
            let types = Set(items.filter { !$0.isNull }.map(of))
            return .list(types.count == 1 ? types.first! : .any)
        case .context(let context):
            return .context(context.entries.map { Field(name: $0.key, type: of($0.value)) })
        case .range(let range):
            return .range((range.low ?? range.high).map(of))
        case .function(let function):
            return function.type
        }
    }

    public var description: String {
        switch self {
        case .any: "Any"
        case .null: "Null"
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .date: "date"
        case .time: "time"
        case .dateTime: "date and time"
        case .yearsMonths: "years and months duration"
        case .daysTime: "days and time duration"
        case .context(nil): "context"
        case .context(let fields?): "context<" + fields.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ">"
        case .range(nil): "range"
        case .range(let element?): "range<\(element)>"
        case .function(nil): "function"
        case .function(let signature?):
            "function<" + signature.parameters.map(\.description).joined(separator: ", ") + "> -> \(signature.result)"
        case .list(let element): "list<\(element)>"
        case .named(let name): name
        }
    }
}
