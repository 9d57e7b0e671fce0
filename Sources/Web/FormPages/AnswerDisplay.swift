// Answers as a person reads them: option labels rather than codes, dates in words, groups item by item.
import Casework
import FEEL
import Foundation
import Forms

enum AnswerDisplay {
    /// The answer to one question, in words.
    static func text(_ answer: SubmittedAnswer, field: Field, form: FormDefinition, library: FormLibrary) -> String {
        func label(_ value: String) -> String {
            if case .yesNoUnsure = field.kind { return ["yes": "Yes", "no": "No", "unsure": "Not sure"][value] ?? value }
            if let option = field.options.first(where: { $0.value == value }) { return option.label }
            if case .code(let list, _, _) = field.kind, let code = library.codeList(list, in: form)?.code(value) { return code.label }
            return value
        }
        switch answer {
        case .text(let text): return text
        case .yesNo(let value): return value ? "Yes" : "No"
        case .choice(let value): return label(value)
        case .choices(let values): return values.map(label).joined(separator: ", ")
        case .number(let number):
            if case .number(_, _, _, let unit?) = field.kind { return "\(number) \(unit)" }
            return number
        case .date(let date): return date.long
        case .items(let items):
            return items.enumerated().map { index, item in
                let parts = field.childFields.compactMap { child in
                    item[child.id].map { "\(child.label): \(text($0, field: child, form: form, library: library))" }
                }
                return "\(index + 1). " + parts.joined(separator: "; ")
            }.joined(separator: "\n")
        }
    }

    /// A worked-out answer (a computed question) in words: "Yes", "No", "7 March 2026", never "true" or "null".
    static func worked(_ value: FEELValue) -> String {
        switch value {
        case .null: "Not known yet: it is worked out from other answers"
        case .boolean(let yes): yes ? "Yes" : "No"
        case .string(let words): words
        case .number(let number): Formatting.number(number.doubleValue)
        case .date(let date): date.long
        default: "\(value)"
        }
    }

    /// A summary list row per asked question of each section, for check-your-answers and reports.
    static func sections(
        _ answers: [String: SubmittedAnswer], form: FormDefinition, library: FormLibrary, changeLink: ((Section, Field) -> String)?
    ) -> [SummarySection] {
        let typed = Answers(answers.compactMapValues(Answer.init))
        return form.askedSections(given: typed).map { section in
            SummarySection(
                title: section.title,
                rows: section.fields.filter { form.isAsked($0, given: typed) }.compactMap { field in
                    if case .computed = field.kind { return nil }
                    let value = answers[field.id].map { text($0, field: field, form: form, library: library) }
                    return SummaryRow(
                        key: field.label, value: value ?? "Not answered", missing: value == nil,
                        changeHref: changeLink?(section, field), changeHiddenText: field.label.lowercased())
                })
        }
    }
}

struct SummarySection {
    let title: String
    let rows: [SummaryRow]
}

struct SummaryRow {
    let key: String
    let value: String
    let missing: Bool
    let changeHref: String?
    let changeHiddenText: String
}

extension Answer {
    /// A stored answer back as a checked one, for the relevance of what is shown.
    init?(_ submitted: SubmittedAnswer) {
        switch submitted {
        case .text(let text): self = .text(text)
        case .yesNo(let value): self = .yesNo(value)
        case .choice(let value): self = .choice(value)
        case .choices(let values): self = .choices(values)
        case .number(let text):
            guard let number = FEELNumber(text) else { return nil }
            self = .number(number)
        case .date(let date): self = .date(date)
        case .items(let items): self = .items(items.map { $0.compactMapValues(Answer.init) })
        }
    }
}
