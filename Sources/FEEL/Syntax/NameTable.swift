// Multi-word names, indexed by their first word, so the parser can tell where a name like `Monthly Salary` ends.

/// Names of more than one token (after splitting as the lexer splits), longest first for each first word.
struct NameTable: Sendable {
    /// A name as its tokens' texts, and as written.
    struct Entry: Sendable {
        let words: [String]
        let name: String
    }

    private var byFirstWord: [String: [Entry]] = [:]

    init(_ names: some Sequence<String> = []) {
        for name in names { add(name) }
    }

    /// Adds a name; one-word names need no table and are skipped.
    mutating func add(_ name: String) {
        // Most names are one plain word (`child_dob`): no table entry, and no need to lex them to find out.
        if name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) {
            return
        }
        guard let tokens = try? Lexer.tokens(name), tokens.count > 2, let first = tokens.first?.text else { return }
        let words = tokens.dropLast().map(\.text)
        guard !(byFirstWord[first]?.contains { $0.words == words } ?? false) else { return }
        byFirstWord[first, default: []].append(Entry(words: words, name: name))
        byFirstWord[first]!.sort { $0.words.count > $1.words.count }
    }

    /// The longest name starting with `first` whose words `matches` accepts.
    func longestMatch(first: String, matching matches: ([String]) -> Bool) -> Entry? {
        byFirstWord[first]?.first { matches($0.words) }
    }
}
