// FEEL's context: an ordered map from names to values (a record, a JSON object, a repeat item).

/// An ordered set of named entries. Order is kept because a context written in a form or a DMN file reads in
/// that order, and a decision table's multiple outputs come back in column order.
public struct FEELContext: Sendable, Hashable, CustomStringConvertible {
    public private(set) var entries: [(key: String, value: FEELValue)]

    public init(_ entries: [(String, FEELValue)] = []) {
        self.entries = []
        for (key, value) in entries { self[key] = value }
    }

    /// Entries whose keys are known to differ (a context literal the parser checked).
    init(distinctEntries: [(key: String, value: FEELValue)]) {
        entries = distinctEntries
    }

    public var count: Int { entries.count }
    public var keys: [String] { entries.map(\.key) }

    /// The value of an entry; setting one replaces it in place or appends it.
    public subscript(key: String) -> FEELValue? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public static func == (lhs: FEELContext, rhs: FEELContext) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }

    public var description: String {
        "{" + entries.map { "\(FEELContext.keyText($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// A key as FEEL writes it: bare when it is a simple name, quoted otherwise.
    static func keyText(_ key: String) -> String {
        let simple = key.first.map { $0.isLetter || $0 == "_" } == true
            && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }
        return simple ? key : FEELValue.string(key).description
    }
}
