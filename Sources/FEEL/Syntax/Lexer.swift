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
    private static let symbols = ["..", "**", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "<", ">",
                                  "+", "-", "*", "/", "@"]

    static func tokens(_ source: String) throws(FEELSyntaxError) -> [Token] {
        let characters = Array(source)
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
            if character.isASCII && character.isNumber
                || (character == "." && index + 1 < characters.count && characters[index + 1].isASCII && characters[index + 1].isNumber
                    && !(tokens.last.map(isValueEnd) ?? false)) {
                var text = ""
                while index < characters.count, characters[index].isASCII, characters[index].isNumber {
                    text.append(characters[index])
                    index += 1
                }
                // A point starts a fraction only when a digit follows: `1..5` is a range.
                if index + 1 < characters.count, characters[index] == ".", characters[index + 1].isASCII, characters[index + 1].isNumber {
                    text.append(".")
                    index += 1
                    while index < characters.count, characters[index].isASCII, characters[index].isNumber {
                        text.append(characters[index])
                        index += 1
                    }
                }
                guard let number = FEELNumber(text) else { throw FEELSyntaxError("\(text) is not a number", at: start) }
                tokens.append(Token(kind: .number(number), offset: start, text: text))
                continue
            }
            if character == "\"" {
                let (text, next) = try string(characters, from: index)
                tokens.append(Token(kind: .string(text), offset: start, text: String(characters[start..<next])))
                index = next
                continue
            }
            if character == "`" {
                guard let close = characters[(index + 1)...].firstIndex(of: "`") else {
                    throw FEELSyntaxError("a name in backticks is not closed", at: start)
                }
                tokens.append(Token(kind: .quotedName(String(characters[(index + 1)..<close])), offset: start, text: String(characters[start...close])))
                index = close + 1
                continue
            }
            if isNameStart(character) {
                var word = ""
                while index < characters.count, isNamePart(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
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

    private static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return character.isWhitespace
    }

    static func isNameStart(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return ascii == UInt8(ascii: "?") || ascii == UInt8(ascii: "_") || (65...90).contains(ascii) || (97...122).contains(ascii)
        }
        return character.isLetter
    }

    static func isNamePart(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return isNameStart(character) || (48...57).contains(ascii) || ascii == UInt8(ascii: "'")
        }
        return isNameStart(character) || character.isNumber || character == "\u{00B7}"
            || character.unicodeScalars.allSatisfy { (0x0300...0x036F).contains($0.value) || (0x203F...0x2040).contains($0.value) }
    }

    private static func matches(_ symbol: String, _ characters: [Character], at index: Int) -> Bool {
        var offset = index
        for character in symbol {
            guard offset < characters.count, characters[offset] == character else { return false }
            offset += 1
        }
        return true
    }

    private static func skipComment(_ characters: [Character], from index: Int) -> Int {
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
    private static func string(_ characters: [Character], from start: Int) throws(FEELSyntaxError) -> (String, Int) {
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
                          let code = UInt32(String(characters[index..<index + length]), radix: 16),
                          let scalar = Unicode.Scalar(code) else {
                        throw FEELSyntaxError("\\\(escaped) must be followed by \(length) hexadecimal digits", at: index - 2)
                    }
                    text.unicodeScalars.append(scalar)
                    index += length
                default:
                    throw FEELSyntaxError("\\\(escaped) is not an escape FEEL knows", at: index - 2)
                }
                continue
            }
            text.append(character)
            index += 1
        }
        throw FEELSyntaxError("a string is not closed (a \" is missing)", at: start)
    }
}
