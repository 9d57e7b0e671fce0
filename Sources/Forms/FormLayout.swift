// Where a form's values sit when its expressions run: one slot per field, so evaluating reads an array.
import FEEL

/// The slots of one form: one per field (top level and inside repeats, since a form's field ids are unique)
/// and one for each variable the system provides (`RequestFactKeys.systemVariables`). Every expression of the form is compiled
/// against it, so checking a parent's answers evaluates expressions over an array rather than looking each
/// name up in a dictionary.
struct FormLayout: Sendable {
    let feel: FEELLayout
    /// The slot names, in slot order.
    let names: [String]
    private let slots: [String: Int]

    init(fieldIDs: [String]) {
        names = fieldIDs + RequestFactKeys.systemVariables.sorted()
        var slots: [String: Int] = [:]
        for (index, name) in names.enumerated() where slots[name] == nil { slots[name] = index }
        self.slots = slots
        feel = FEELLayout(slots: names)
    }

    func slot(of name: String) -> Int? { slots[name] }

    /// Every slot null: nothing answered yet.
    var empty: [FEELValue] { Array(repeating: .null, count: names.count) }
}
