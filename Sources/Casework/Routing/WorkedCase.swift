// Worked cases: request facts with the answers the rules must give, which a change to the rules is checked against.
import Foundation

/// One line of a worked-case file (`Forms/rules/cases/*.jsonl`): `{"id", "why", "facts", "expected", "rules",
/// "reason_contains"}`. `facts` is request facts as `heeded route` reads them; `expected` holds any of the
/// decision's answers (`cin_assessment`, `parent_carer_assessment`, `young_carer_assessment`, `safeguarding_s47`,
/// `adult_transition`, `team`), `null` for "a person decides"; `rules` names rules that must fire and
/// `reason_contains` words the reasons must say.
public struct WorkedCase: Sendable, CustomStringConvertible {
    public let id: String
    /// Why the case is there: the principle it holds the rules to.
    public let why: String
    /// Where it was read from, `file:line`.
    public let source: String
    public let facts: RequestFacts
    public let expected: [String: Expected]
    public let rules: [String]
    public let reasonContains: [String]

    /// An expected answer: yes or no, a person decides, or a team.
    public enum Expected: Sendable, Hashable, CustomStringConvertible {
        case flag(Bool?)
        case team(String)

        public var description: String {
            switch self {
            case .flag(let value): value.map(String.init) ?? "undecided"
            case .team(let team): team
            }
        }
    }

    static let flags = ["cin_assessment", "parent_carer_assessment", "young_carer_assessment", "safeguarding_s47", "adult_transition"]

    public var description: String { "\(source) \(id)" }

    /// Every case in a file's text; a line that is not a worked case is refused with its place.
    public static func parse(_ text: String, file: String) throws(CaseworkError) -> [WorkedCase] {
        var cases: [WorkedCase] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let place = "\(file):\(index + 1)"
            func refuse(_ message: String) -> CaseworkError { .invalid(field: place, message: message) }
            let root: JSONValue
            do {
                root = try JSONValue.parse(Array(line.utf8))
            } catch {
                throw refuse("This line is not JSON: \(error)")
            }
            guard case .object(let object) = root else { throw refuse("This line is not a JSON object.") }
            guard case .string(let id) = object["id"], !id.isEmpty else { throw refuse("A worked case needs an \"id\".") }
            guard let factsValue = object["facts"] else { throw refuse("\(id): a worked case needs \"facts\".") }
            let facts: RequestFacts
            do {
                facts = try RequestFacts(json: factsValue)
            } catch {
                throw refuse("\(id): facts: \(error)")
            }
            guard case .object(let expectedObject) = object["expected"], !expectedObject.isEmpty else {
                throw refuse("\(id): a worked case needs \"expected\", the answers it must get.")
            }
            var expected: [String: Expected] = [:]
            for (key, value) in expectedObject {
                switch (key, value) {
                case ("team", .string(let team)): expected[key] = .team(team)
                case (_, .null) where flags.contains(key): expected[key] = .flag(nil)
                case (_, .bool(let flag)) where flags.contains(key): expected[key] = .flag(flag)
                default:
                    throw refuse("\(id): expected \"\(key)\" is not an answer the decision gives (\((flags + ["team"]).joined(separator: ", "))) with a value of its kind.")
                }
            }
            func strings(_ key: String) -> [String] {
                guard case .array(let items) = object[key] else { return [] }
                return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
            }
            let why: String = if case .string(let text) = object["why"] { text } else { "" }
            cases.append(WorkedCase(
                id: id, why: why, source: place, facts: facts, expected: expected, rules: strings("rules"),
                reasonContains: strings("reason_contains")))
        }
        return cases
    }

    /// What the decision gets wrong, one line each; empty when it decides the case as expected.
    public func differences(_ decision: RoutingDecision) -> [String] {
        let answers: [String: Expected] = [
            "cin_assessment": .flag(decision.cinAssessment), "parent_carer_assessment": .flag(decision.parentCarerAssessment),
            "young_carer_assessment": .flag(decision.youngCarerAssessment), "safeguarding_s47": .flag(decision.safeguardingS47),
            "adult_transition": .flag(decision.adultTransition), "team": .team(decision.team?.rawValue ?? "undecided"),
        ]
        var differences = expected.sorted { $0.key < $1.key }.compactMap { key, wanted in
            answers[key] == wanted ? nil : "\(key): expected \(wanted), got \(answers[key]?.description ?? "nothing")"
        }
        let fired = Set(decision.provenance.firedRules.map(\.rule))
        differences += rules.filter { !fired.contains($0) }.map { "rule \($0) should fire; fired \(fired.sorted().joined(separator: ", "))" }
        let text = decision.reasons.map(\.text).joined(separator: "\n")
        differences += reasonContains.filter { !text.contains($0) }.map { "the reasons should say \"\($0)\"" }
        return differences
    }
}
