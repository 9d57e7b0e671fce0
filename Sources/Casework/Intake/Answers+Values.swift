// Reading checked form answers as the plain values the domain's records are made of.
import Forms
import Foundation

extension Answers {
    func yesNo(_ key: String) -> Bool? { if case .yesNo(let value)? = self[key] { value } else { nil } }
    func choice(_ key: String) -> String? { if case .choice(let value)? = self[key] { value } else { nil } }
    func choices(_ key: String) -> [String] { if case .choices(let values)? = self[key] { values } else { [] } }
    func date(_ key: String) -> CalendarDate? { if case .date(let value)? = self[key] { value } else { nil } }

    /// The text answered, trimmed; nil when there is none.
    func text(_ key: String) -> String? {
        guard case .text(let text)? = self[key] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
