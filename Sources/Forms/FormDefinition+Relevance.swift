// Which sections and questions a form asks, given the answers so far: what a page shows.
import FEEL

extension FormDefinition {
    /// The sections asked, given answers so far. A section whose `relevant` cannot yet be decided (it reads a
    /// question nobody has answered) counts as asked, so a page is shown until the answers rule it out.
    public func askedSections(given answers: Answers) -> [Section] {
        let scope = slots(given: answers)
        return sections.filter { $0.relevant?.holds(in: scope, whenUndecided: true) ?? true }
    }

    /// Whether a top-level question is asked, given answers so far; undecided counts as asked.
    public func isAsked(_ field: Field, given answers: Answers) -> Bool {
        guard let relevant = field.relevant else { return true }
        return relevant.holds(in: slots(given: answers), whenUndecided: true)
    }

    /// Whether a question inside one item of a repeating group is asked, given the item's answers and the
    /// form's; undecided counts as asked.
    public func isAsked(_ child: Field, in item: [String: Answer], of group: Field, given answers: Answers) -> Bool {
        guard let relevant = child.relevant else { return true }
        var scope = slots(given: answers)
        Answers(item).fill(&scope, for: group.childFields)
        return relevant.holds(in: scope, whenUndecided: true)
    }

    /// The top-level answers in the form's slots.
    private func slots(given answers: Answers) -> [FEELValue] {
        var slots = layout.empty
        for section in sections { answers.fill(&slots, for: section.fields) }
        return slots
    }
}
