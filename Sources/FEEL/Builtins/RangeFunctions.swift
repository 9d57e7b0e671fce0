// FEEL's range built-ins (before, after, meets, overlaps, includes, ...), on points and ranges alike.
import Foundation

extension Builtins {
    static let rangeFunctions: [BuiltinOverload] = [
        BuiltinOverload("range", ["from"]) { arguments in
            guard let text = string(arguments[0]) else { return .null }
            return rangeLiteral(text) ?? .null
        },
        relation("before") { a, b in
            switch (a, b) {
            case (.point(let p), .point(let q)): return order(p, q).map { $0 < 0 }
            case (.point(let p), .range(let r)):
                return order(p, r.start).map { $0 < 0 || ($0 == 0 && !r.startIncluded) }
            case (.range(let r), .point(let p)):
                return order(r.end, p).map { $0 < 0 || ($0 == 0 && !r.endIncluded) }
            case (.range(let r), .range(let s)):
                return order(r.end, s.start).map { $0 < 0 || ($0 == 0 && (!r.endIncluded || !s.startIncluded)) }
            }
        },
        relation("after") { a, b in
            switch (a, b) {
            case (.point(let p), .point(let q)): return order(p, q).map { $0 > 0 }
            case (.point(let p), .range(let r)):
                return order(p, r.end).map { $0 > 0 || ($0 == 0 && !r.endIncluded) }
            case (.range(let r), .point(let p)):
                return order(r.start, p).map { $0 > 0 || ($0 == 0 && !r.startIncluded) }
            case (.range(let r), .range(let s)):
                return order(r.start, s.end).map { $0 > 0 || ($0 == 0 && (!r.startIncluded || !s.endIncluded)) }
            }
        },
        rangesOnly("meets") { r, s in
            order(r.end, s.start).map { $0 == 0 && r.endIncluded && s.startIncluded }
        },
        rangesOnly("met by") { r, s in
            order(s.end, r.start).map { $0 == 0 && s.endIncluded && r.startIncluded }
        },
        rangesOnly("overlaps") { r, s in
            guard let endStart = order(r.end, s.start), let startEnd = order(r.start, s.end) else { return nil }
            return (endStart > 0 || (endStart == 0 && r.endIncluded && s.startIncluded))
                && (startEnd < 0 || (startEnd == 0 && r.startIncluded && s.endIncluded))
        },
        rangesOnly("overlaps before") { r, s in overlapsBefore(r, s) },
        rangesOnly("overlaps after") { r, s in overlapsBefore(s, r) },
        relation("finishes") { a, b in
            switch (a, b) {
            case (.point(let p), .range(let r)): return order(r.end, p).map { $0 == 0 && r.endIncluded }
            case (.range(let r), .range(let s)): return finishes(r, s)
            default: return nil
            }
        },
        relation("finished by") { a, b in
            switch (a, b) {
            case (.range(let r), .point(let p)): return order(r.end, p).map { $0 == 0 && r.endIncluded }
            case (.range(let r), .range(let s)): return finishes(s, r)
            default: return nil
            }
        },
        relation("includes") { a, b in
            switch (a, b) {
            case (.range(let r), .point(let p)): return includes(r, p)
            case (.range(let r), .range(let s)): return includes(r, s)
            default: return nil
            }
        },
        relation("during") { a, b in
            switch (a, b) {
            case (.point(let p), .range(let r)): return includes(r, p)
            case (.range(let r), .range(let s)): return includes(s, r)
            default: return nil
            }
        },
        relation("starts") { a, b in
            switch (a, b) {
            case (.point(let p), .range(let r)): return order(r.start, p).map { $0 == 0 && r.startIncluded }
            case (.range(let r), .range(let s)): return starts(r, s)
            default: return nil
            }
        },
        relation("started by") { a, b in
            switch (a, b) {
            case (.range(let r), .point(let p)): return order(r.start, p).map { $0 == 0 && r.startIncluded }
            case (.range(let r), .range(let s)): return starts(s, r)
            default: return nil
            }
        },
        relation("coincides") { a, b in
            switch (a, b) {
            case (.point(let p), .point(let q)): return order(p, q).map { $0 == 0 }
            case (.range(let r), .range(let s)):
                guard let starts = order(r.start, s.start), let ends = order(r.end, s.end) else { return nil }
                return starts == 0 && ends == 0 && r.startIncluded == s.startIncluded && r.endIncluded == s.endIncluded
            default: return nil
            }
        },
    ]

    /// A bound of a range: a value, or no bound (−∞ below, +∞ above).
    private enum Bound {
        case below, value(FEELValue), above
    }

    private struct Span {
        let start: Bound
        let startIncluded: Bool
        let end: Bound
        let endIncluded: Bool
    }

    private enum Argument {
        case point(Bound)
        case range(Span)

        init?(_ value: FEELValue) {
            switch value {
            case .null: return nil
            case .range(let range):
                self = .range(Span(
                    start: range.low.map(Bound.value) ?? .below, startIncluded: range.lowClosed,
                    end: range.high.map(Bound.value) ?? .above, endIncluded: range.highClosed))
            default: self = .point(.value(value))
            }
        }
    }

    private static func order(_ a: Bound, _ b: Bound) -> Int? {
        switch (a, b) {
        case (.below, .below), (.above, .above): 0
        case (.below, _), (_, .above): -1
        case (.above, _), (_, .below): 1
        case (.value(let x), .value(let y)): x.compare(y)
        }
    }

    private static func relation(_ name: String, _ holds: @escaping @Sendable (Argument, Argument) -> Bool?) -> BuiltinOverload {
        BuiltinOverload(name, ["a", "b"]) { arguments in
            guard let a = Argument(arguments[0]), let b = Argument(arguments[1]), let result = holds(a, b) else { return .null }
            return .boolean(result)
        }
    }

    private static func rangesOnly(_ name: String, _ holds: @escaping @Sendable (Span, Span) -> Bool?) -> BuiltinOverload {
        relation(name) { a, b in
            guard case .range(let r) = a, case .range(let s) = b else { return nil }
            return holds(r, s)
        }
    }

    private static func overlapsBefore(_ r: Span, _ s: Span) -> Bool? {
        guard let starts = order(r.start, s.start), let endStart = order(r.end, s.start), let ends = order(r.end, s.end)
        else { return nil }
        return (starts < 0 || (starts == 0 && r.startIncluded && !s.startIncluded))
            && (endStart > 0 || (endStart == 0 && r.endIncluded && s.startIncluded))
            && (ends < 0 || (ends == 0 && (!r.endIncluded || s.endIncluded)))
    }

    private static func finishes(_ r: Span, _ s: Span) -> Bool? {
        guard let ends = order(r.end, s.end), let starts = order(r.start, s.start) else { return nil }
        return r.endIncluded == s.endIncluded && ends == 0
            && (starts > 0 || (starts == 0 && (!r.startIncluded || s.startIncluded)))
    }

    private static func includes(_ r: Span, _ p: Bound) -> Bool? {
        guard let fromStart = order(r.start, p), let fromEnd = order(r.end, p) else { return nil }
        return (fromStart < 0 && fromEnd > 0) || (fromStart == 0 && r.startIncluded) || (fromEnd == 0 && r.endIncluded)
    }

    private static func includes(_ r: Span, _ s: Span) -> Bool? {
        guard let starts = order(r.start, s.start), let ends = order(r.end, s.end) else { return nil }
        return (starts < 0 || (starts == 0 && (r.startIncluded || !s.startIncluded)))
            && (ends > 0 || (ends == 0 && (r.endIncluded || !s.endIncluded)))
    }

    private static func starts(_ r: Span, _ s: Span) -> Bool? {
        guard let starts = order(r.start, s.start), let ends = order(r.end, s.end) else { return nil }
        return starts == 0 && r.startIncluded == s.startIncluded
            && (ends < 0 || (ends == 0 && (!r.endIncluded || s.endIncluded)))
    }

    /// `range("[1..10)")`: the text of a range whose ends are literals of one kind, in order; a literal may be
    /// a temporal one written as a call (`date("2026-01-01")`). Nil otherwise.
    private static func rangeLiteral(_ text: String) -> FEELValue? {
        let scalars = Array(text.unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed())
        guard scalars.count >= 4, scalars.count <= 10_000, let open = scalars.first, let close = scalars.last,
              "[(]".unicodeScalars.contains(open), "])[".unicodeScalars.contains(close) else { return nil }
        // The `..` outside string literals splits the ends.
        var inString = false
        var split: Int?
        var index = 1
        while index < scalars.count - 1 {
            let scalar = scalars[index]
            if scalar == "\\" && inString { index += 2; continue }
            if scalar == "\"" { inString.toggle() }
            if !inString, scalar == ".", scalars[index + 1] == "." { split = index; break }
            index += 1
        }
        guard let split else { return nil }
        func end(_ part: ArraySlice<Unicode.Scalar>) -> FEELValue?? {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: part)
            let source = String(view).trimmingCharacters(in: .whitespaces)
            guard let expression = try? FEELExpression(parsing: source) else { return nil }
            switch expression.node {
            case .literal(let value) where !value.isNull:
                return .some(value)
            case .callBuiltin(let overload, let arguments)
                where ["date", "time", "date and time", "duration"].contains(overload.name) && arguments.count == 1:
                guard case .literal(.string) = arguments[0] else { return nil }
                let value = expression.evaluate([:])
                return value.isNull ? nil : .some(value)
            default:
                return nil
            }
        }
        guard let low = end(scalars[1..<split]) ?? nil, let high = end(scalars[(split + 2)..<(scalars.count - 1)]) ?? nil,
              low.typeName == high.typeName, let order = low.compare(high), order <= 0 else { return nil }
        return .range(FEELRange(low: low, lowClosed: open == "[", high: high, highClosed: close == "]"))
    }
}
