// Splits FEEL source into tokens. Names are split into words here; the parser joins the words of multi-word
// names (`Monthly Salary`, `years and months duration`) against the names it knows.

/// One token, with where it starts (in characters, from 0) for error messages.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(FEELNumber)
        case string(String)
        /// A word of a name (or a keyword: the parser decides).
        case word(String)
        /// A name written between backticks, taken whole.
        case quotedName(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let offset: Int
    /// The token as written, for matching the words of multi-word names.
    let text: String

    var word: String? { if case .word(let word) = kind { word } else { nil } }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
    func isWord(_ word: String) -> Bool { kind == .word(word) }
}

/// A FEEL syntax error: what was expected, and the character where the text stops making sense.
public struct FEELSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    /// Characters from the start of the expression, from 0.
    public let offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at character \(offset + 1))" }
}

enum Lexer {
    /// Symbols, longest first so that `**` is not read as two `*`.
    private static let symbols = ["..", "**", "!=", "<=", ">=", "->", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "<", ">",
                                  "+", "-", "*", "/", "@"]

    static func tokens(_ source: String) throws(FEELSyntaxError) -> [Token] {
        // Unicode scalars rather than Characters: FEEL's syntax is defined on code points, and splitting into
        // grapheme clusters is the slowest part of reading an expression.
        let characters = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isSpace(character) {
                index += 1
                continue
            }
            let start = index
            if character == "/" && index + 1 < characters.count && (characters[index + 1] == "/" || characters[index + 1] == "*") {
                index = skipComment(characters, from: index)
                continue
            }
            if character.isASCII && isDigit(character)
                || (character == "." && index + 1 < characters.count && isDigit(characters[index + 1])
                    && !(tokens.last.map(isValueEnd) ?? false)) {
                var text = String.UnicodeScalarView()
                while index < characters.count, isDigit(characters[index]) {
                    text.append(characters[index])
                    index += 1
                }
                // A point starts a fraction only when a digit follows: `1..5` is a range.
                if index + 1 < characters.count, characters[index] == ".", isDigit(characters[index + 1]) {
                    text.append(".")
                    index += 1
                    while index < characters.count, isDigit(characters[index]) {
                        text.append(characters[index])
                        index += 1
                    }
                }
                // An exponent: `1.23e4`, `1.23E-4`.
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    var exponent = index + 1
                    if exponent < characters.count, characters[exponent] == "+" || characters[exponent] == "-" { exponent += 1 }
                    if exponent < characters.count, isDigit(characters[exponent]) {
                        text.append(contentsOf: characters[index..<exponent])
                        index = exponent
                        while index < characters.count, isDigit(characters[index]) {
                            text.append(characters[index])
                            index += 1
                        }
                    }
                }
                let digits = String(text)
                guard let number = FEELNumber(digits) else { throw FEELSyntaxError("\(digits) is not a number", at: start) }
                tokens.append(Token(kind: .number(number), offset: start, text: digits))
                continue
            }
            if character == "\"" {
                let (text, next) = try string(characters, from: index)
                tokens.append(Token(kind: .string(text), offset: start, text: Self.text(characters[start..<next])))
                index = next
                continue
            }
            if character == "`" {
                guard let close = characters[(index + 1)...].firstIndex(of: "`") else {
                    throw FEELSyntaxError("a name in backticks is not closed", at: start)
                }
                tokens.append(Token(kind: .quotedName(Self.text(characters[(index + 1)..<close])), offset: start, text: Self.text(characters[start...close])))
                index = close + 1
                continue
            }
            if isNameStart(character) {
                var scalars = String.UnicodeScalarView()
                while index < characters.count, isNamePart(characters[index]) {
                    scalars.append(characters[index])
                    index += 1
                }
                let word = String(scalars)
                tokens.append(Token(kind: .word(word), offset: start, text: word))
                continue
            }
            guard let symbol = symbols.first(where: { matches($0, characters, at: index) }) else {
                throw FEELSyntaxError("unexpected character \"\(character)\"", at: start)
            }
            tokens.append(Token(kind: .symbol(symbol), offset: start, text: symbol))
            index += symbol.count
        }
        tokens.append(Token(kind: .end, offset: characters.count, text: ""))
        return tokens
    }

    /// Whether a token ends a value, after which `.5` would be a path step rather than a number.
    private static func isValueEnd(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .quotedName, .number, .string: true
        case .symbol(let symbol): symbol == ")" || symbol == "]" || symbol == "}"
        case .end: false
        }
    }

    // ASCII first: expressions are almost all ASCII, and Unicode property lookups are slow.

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value)
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return scalar == "?" || scalar == "_" || (65...90).contains(value) || (97...122).contains(value)
        }
        // FEEL's NameStartChar takes the letters and everything past the Basic Multilingual Plane (emoji too).
        return scalar.properties.isAlphabetic || (0x10000...0xEFFFF).contains(scalar.value)
    }

    static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isNameStart(scalar) || isDigit(scalar) || scalar == "'" }
        return isNameStart(scalar) || scalar.properties.numericType != nil || scalar == "\u{00B7}"
            || (0x0300...0x036F).contains(scalar.value) || (0x203F...0x2040).contains(scalar.value)
    }

    private static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func matches(_ symbol: String, _ characters: [Unicode.Scalar], at index: Int) -> Bool {
        var offset = index
        for character in symbol.unicodeScalars {
            guard offset < characters.count, characters[offset] == character else { return false }
            offset += 1
        }
        return true
    }

    private static func skipComment(_ characters: [Unicode.Scalar], from index: Int) -> Int {
        if characters[index + 1] == "/" {
            var offset = index
            while offset < characters.count, characters[offset] != "\n" { offset += 1 }
            return offset
        }
        var offset = index + 2
        while offset + 1 < characters.count, !(characters[offset] == "*" && characters[offset + 1] == "/") { offset += 1 }
        return min(offset + 2, characters.count)
    }

    /// A string literal with FEEL's escapes (`\"`, `\\`, `\n`, `\t`, `\r`, `\'`, `\uXXXX`, `\UXXXXXX`).
    private static func string(_ characters: [Unicode.Scalar], from start: Int) throws(FEELSyntaxError) -> (String, Int) {
        var text = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\"" { return (text, index + 1) }
            if character == "\\" {
                guard index + 1 < characters.count else { break }
                let escaped = characters[index + 1]
                index += 2
                switch escaped {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "'": text.append("'")
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "u", "U":
                    let length = escaped == "u" ? 4 : 6
                    guard index + length <= characters.count,
                          var code = UInt32(Self.text(characters[index..<index + length]), radix: 16) else {
                        throw FEELSyntaxError("\\\(escaped) must be followed by \(length) hexadecimal digits", at: index - 2)
                    }
                    index += length
                    // A UTF-16 surrogate pair written as two escapes (`\uD83D\uDCA9`) is one character.
                    if (0xD800...0xDBFF).contains(code), index + 6 <= characters.count, characters[index] == "\\",
                       characters[index + 1] == "u", let low = UInt32(Self.text(characters[index + 2..<index + 6]), radix: 16),
                       (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw FEELSyntaxError("\\\(escaped) names no Unicode character", at: index - length - 2)
                    }
                    text.unicodeScalars.append(scalar)
                default:
                    // Not an escape of FEEL's: kept as written, so a pattern's `\d` reaches the regular expression.
                    text.unicodeScalars.append("\\")
                    text.unicodeScalars.append(escaped)
                }
                continue
            }
            text.unicodeScalars.append(character)
            index += 1
        }
        throw FEELSyntaxError("a string is not closed (a \" is missing)", at: start)
    }
}
