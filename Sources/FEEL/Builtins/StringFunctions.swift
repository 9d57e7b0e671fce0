// FEEL's string built-ins. Positions count Unicode code points from 1, as XPath's functions do.
import Foundation
import Synchronization

extension Builtins {
    static let stringFunctions: [BuiltinOverload] = [
        BuiltinOverload("substring", ["string", "start position", "length"], required: 2) { arguments in
            guard let text = string(arguments[0]), let start = integer(arguments[1]),
                  start != 0, let length = integer(arguments, 2, absent: Int.max) else { return .null }
            let scalars = Array(text.unicodeScalars)
            let from = start > 0 ? start - 1 : max(0, scalars.count + start)
            guard from < scalars.count, length >= 0 else { return from >= scalars.count ? .string("") : .null }
            let to = length == Int.max ? scalars.count : min(scalars.count, from + length)
            var result = String.UnicodeScalarView()
            result.append(contentsOf: scalars[from..<to])
            return .string(String(result))
        },
        BuiltinOverload("string length", ["string"]) { arguments in
            guard let text = string(arguments[0]) else { return .null }
            return .number(FEELNumber(text.unicodeScalars.count))
        },
        BuiltinOverload("upper case", ["string"]) { arguments in
            string(arguments[0]).map { .string($0.uppercased()) } ?? .null
        },
        BuiltinOverload("lower case", ["string"]) { arguments in
            string(arguments[0]).map { .string($0.lowercased()) } ?? .null
        },
        BuiltinOverload("substring before", ["string", "match"]) { arguments in
            guard let text = string(arguments[0]), let match = string(arguments[1]) else { return .null }
            guard !match.isEmpty, let range = text.range(of: match) else { return .string("") }
            return .string(String(text[..<range.lowerBound]))
        },
        BuiltinOverload("substring after", ["string", "match"]) { arguments in
            guard let text = string(arguments[0]), let match = string(arguments[1]) else { return .null }
            guard !match.isEmpty else { return .string(text) }
            guard let range = text.range(of: match) else { return .string("") }
            return .string(String(text[range.upperBound...]))
        },
        BuiltinOverload("contains", ["string", "match"]) { arguments in
            guard let text = string(arguments[0]), let match = string(arguments[1]) else { return .null }
            return .boolean(match.isEmpty || text.contains(match))
        },
        BuiltinOverload("starts with", ["string", "match"]) { arguments in
            guard let text = string(arguments[0]), let match = string(arguments[1]) else { return .null }
            return .boolean(text.hasPrefix(match))
        },
        BuiltinOverload("ends with", ["string", "match"]) { arguments in
            guard let text = string(arguments[0]), let match = string(arguments[1]) else { return .null }
            return .boolean(text.hasSuffix(match))
        },
        BuiltinOverload("matches", ["input", "pattern", "flags"], required: 2) { arguments in
            guard let text = string(arguments[0]), let expression = regex(arguments, pattern: 1, flags: 2) else { return .null }
            let whole = NSRange(text.startIndex..., in: text)
            return .boolean(expression.firstMatch(in: text, range: whole) != nil)
        },
        BuiltinOverload("replace", ["input", "pattern", "replacement", "flags"], required: 3, budgeted: { arguments, budget in
            guard let text = string(arguments[0]), let replacement = string(arguments[2]),
                  let expression = regex(arguments, pattern: 1, flags: 3) else { return .null }
            // The most the result can hold: the replacement at every position, and the text.
            guard budget.allowsString(text.utf8.count + (text.utf8.count + 1) * replacement.utf8.count) else { return .null }
            let whole = NSRange(text.startIndex..., in: text)
            return .string(expression.stringByReplacingMatches(in: text, range: whole, withTemplate: replacement))
        }),
        BuiltinOverload("split", ["string", "delimiter"]) { arguments in
            guard let text = string(arguments[0]), let expression = regex(arguments, pattern: 1, flags: 2) else { return .null }
            var pieces: [FEELValue] = []
            var start = text.startIndex
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text), !range.isEmpty else { continue }
                pieces.append(.string(String(text[start..<range.lowerBound])))
                start = range.upperBound
            }
            pieces.append(.string(String(text[start...])))
            return .list(pieces)
        },
        BuiltinOverload("string join", ["list", "delimiter"], required: 1, budgeted: { arguments, budget in
            guard let items = list(arguments[0]) else { return .null }
            var delimiter = ""
            if arguments.count > 1, !arguments[1].isNull {
                guard let given = string(arguments[1]) else { return .null }
                delimiter = given
            }
            var parts: [String] = []
            var length = 0
            for item in items {
                switch item {
                case .null: continue
                case .string(let text):
                    parts.append(text)
                    length += text.utf8.count + delimiter.utf8.count
                default: return .null
                }
            }
            // Measured before it is built: a million long strings joined would not fit in memory.
            guard budget.allowsString(length) else { return .null }
            return .string(parts.joined(separator: delimiter))
        }),
    ]

    /// A regular expression from a pattern argument and optional flags (`i`, `s`, `m`, `x`, `q`); nil when
    /// either is not valid.
    private static func regex(_ arguments: [FEELValue], pattern patternIndex: Int, flags flagsIndex: Int) -> NSRegularExpression? {
        guard let pattern = string(arguments[patternIndex]) else { return nil }
        var options: NSRegularExpression.Options = []
        var extended = false
        var literal = false
        if flagsIndex < arguments.count, !arguments[flagsIndex].isNull {
            guard let flags = string(arguments[flagsIndex]) else { return nil }
            for flag in flags {
                switch flag {
                case "i": options.insert(.caseInsensitive)
                case "s": options.insert(.dotMatchesLineSeparators)
                case "m": options.insert(.anchorsMatchLines)
                case "x": extended = true
                case "q": literal = true
                default: return nil
                }
            }
        }
        if literal { return compiled(NSRegularExpression.escapedPattern(for: pattern), options) }
        guard let translated = icuPattern(pattern, extended: extended) else { return nil }
        return compiled(translated, options)
    }

    /// An XML Schema regular expression (FEEL's, as XPath's) in the dialect Foundation's engine reads: with the
    /// `x` flag whitespace outside character classes goes; `[a-z-[aeiou]]` subtraction is written `--`; block
    /// names (`\p{IsBasicLatin}`) are `In...`; a back-reference inside a class is an error. Nil when invalid.
    private static func icuPattern(_ pattern: String, extended: Bool) -> String? {
        var result = ""
        var classDepth = 0
        var scalars = Array(pattern.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\" {
                // With `x`, whitespace goes before escapes are read: `\ s` is `\s`.
                if extended { while let next = scalars.first, next.properties.isWhitespace { scalars.removeFirst() } }
                guard let escaped = scalars.popFirst() else { return nil }
                if classDepth > 0, ("0"..."9").contains(escaped) { return nil }
                result.unicodeScalars.append(scalar)
                result.unicodeScalars.append(escaped)
                if escaped == "p" || escaped == "P", scalars.first == "{" {
                    scalars.removeFirst()
                    var name = ""
                    while let next = scalars.popFirst(), next != "}" {
                        if !(extended && next.properties.isWhitespace) { name.unicodeScalars.append(next) }
                    }
                    result += "{" + (name.hasPrefix("Is") ? "Block=" + name.dropFirst(2) : name) + "}"
                }
                continue
            }
            switch scalar {
            case "[":
                classDepth += 1
            case "]":
                classDepth = max(0, classDepth - 1)
            case "-" where classDepth > 0 && scalars.first == "[":
                result += "-"
            case " ", "\t", "\n", "\r":
                if extended && classDepth == 0 { continue }
            default:
                break
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// A compiled pattern, shared: a form checks the same few patterns (a postcode, a phone number) on every
    /// submission, and compiling one costs far more than matching it.
    private final class Pattern: @unchecked Sendable {
        // NSRegularExpression is immutable once made and documented safe to use from several threads.
        let expression: NSRegularExpression?
        init(_ expression: NSRegularExpression?) { self.expression = expression }
    }

    private struct PatternKey: Hashable {
        let pattern: String
        let options: UInt
    }

    private static let patterns = Mutex<[PatternKey: Pattern]>([:])

    private static func compiled(_ pattern: String, _ options: NSRegularExpression.Options) -> NSRegularExpression? {
        let key = PatternKey(pattern: pattern, options: options.rawValue)
        if let found = patterns.withLock({ $0[key] }) { return found.expression }
        let made = Pattern(try? NSRegularExpression(pattern: pattern, options: options))
        patterns.withLock { cache in
            if cache.count >= 1_000 { cache.removeAll() }  // patterns made from data must not grow without end
            cache[key] = made
        }
        return made.expression
    }
}
