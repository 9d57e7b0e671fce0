// Answers to a form: as they arrive (text from a page or JSON), and as typed values once checked.
import FEEL
import Foundation

/// An answer as submitted, before it is checked: web pages send text, check boxes send several texts, and a
/// repeating group sends one set of answers per item.
public enum RawAnswer: Sendable, Hashable {
    case value(String)
    case values([String])
    case items([[String: RawAnswer]])
}

/// A checked answer, typed by its question.
public enum Answer: Sendable, Hashable {
    case text(String)
    case yesNo(Bool)
    /// A choice, scale, code or yes/no/unsure answer: one value from the options.
    case choice(String)
    case choices([String])
    /// A number, kept as FEEL keeps it: an exact decimal.
    case number(FEELNumber)
    case date(FEELDate)
    case items([[String: Answer]])
    /// The value of a computed field; never typed in by anyone.
    case computed(FEELValue)

    /// The value expressions see.
    public var feelValue: FEELValue {
        switch self {
        case .text(let text), .choice(let text): .string(text)
        case .yesNo(let value): .boolean(value)
        case .choices(let values): .list(values.map(FEELValue.string))
        case .number(let number): .number(number)
        case .date(let date): .date(date)
        case .items(let items): .list(items.map { item in .context(Answers.context(item)) })
        case .computed(let value): value
        }
    }

    /// The answer as text a person reads on a check-your-answers page (codes, not labels).
    public var displayText: String {
        switch self {
        case .text(let text), .choice(let text): text
        case .yesNo(let value): value ? "Yes" : "No"
        case .choices(let values): values.joined(separator: ", ")
        case .number(let number): "\(number)"
        case .date(let date): date.description
        case .items(let items): "\(items.count) item\(items.count == 1 ? "" : "s")"
        case .computed(let value): "\(value)"
        }
    }
}

/// Checked answers to one form, keyed by field id; questions not asked or not answered are absent.
public struct Answers: Sendable, Hashable {
    public var values: [String: Answer]

    public init(_ values: [String: Answer] = [:]) { self.values = values }

    public subscript(id: String) -> Answer? { values[id] }

    /// The answers to `fields` in their slots, written over `slots` (unanswered ones null).
    func fill(_ slots: inout [FEELValue], for fields: [Field]) {
        for field in fields { slots[field.slot] = values[field.id]?.feelValue ?? .null }
    }

    static func context(_ item: [String: Answer]) -> FEELContext {
        FEELContext(item.sorted { $0.key < $1.key }.map { ($0.key, $0.value.feelValue) })
    }
}

/// A problem with one answer, ready to show beside its question.
public struct AnswerProblem: Sendable, Hashable {
    /// The field id; inside a repeat, `group[index].field` with the index counting from 0.
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
