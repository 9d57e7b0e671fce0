// Multi-word names, indexed by their first word, so the parser can tell where a name like `Monthly Salary` ends.

/// Names of more than one word (after splitting as the lexer splits), longest first for each first word.
struct NameTable: Sendable {
    private var byFirstWord: [String: [[String]]] = [:]

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
        guard !(byFirstWord[first]?.contains(words) ?? false) else { return }
        byFirstWord[first, default: []].append(words)
        byFirstWord[first]!.sort { $0.count > $1.count }
    }

    /// The longest name starting with `first` whose words `matches` accepts.
    func longestMatch(first: String, matching matches: ([String]) -> Bool) -> [String]? {
        byFirstWord[first]?.first(where: matches)
    }
}
