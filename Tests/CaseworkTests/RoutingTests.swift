// Routing a needs request with the shipped tables: the worked cases, the legal principles, and what a table
// that cannot decide does.
import Casework
import FEEL
import Forms
import Foundation
import Testing

/// The repository root, found from this file's place in Tests/CaseworkTests.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let rulesDirectory = repositoryRoot.appendingPathComponent("Forms/rules").path
let sharedScenarios = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/scenarios/routing-examples.jsonl").path

/// A case from a JSON Lines file of `{id, facts, expected}`.
struct RoutingCase: CustomStringConvertible {
    let id: String
    let facts: RequestFacts
    let expected: [String: Any]

    static func load(_ path: String) throws -> [RoutingCase] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return RoutingCase(
                id: object["id"] as! String,
                facts: try RequestFacts(json: JSONSerialization.data(withJSONObject: object["facts"]!)),
                expected: object["expected"] as! [String: Any])
        }
    }

    var description: String { id }

    /// The expected answers that the decision does not give.
    func mismatches(_ decision: RoutingDecision) -> [String] {
        let flags: [String: Bool?] = [
            "cin_assessment": decision.cinAssessment, "parent_carer_assessment": decision.parentCarerAssessment,
            "young_carer_assessment": decision.youngCarerAssessment, "safeguarding_s47": decision.safeguardingS47,
        ]
        return expected.sorted { $0.key < $1.key }.compactMap { key, value in
            if key == "team" {
                return decision.team?.rawValue == value as? String ? nil : "team: expected \(value), got \(decision.team?.rawValue ?? "none")"
            }
            guard let flag = flags[key] else { return "\(key): not an answer the contract has" }
            return flag == value as? Bool ? nil : "\(key): expected \(value), got \(flag.map(String.init) ?? "undecided")"
        }
    }
}

@Suite("Routing a request with the shipped tables")
struct RoutingTests {
    let router: Router

    init() throws {
        router = try Router(rulesDirectory: rulesDirectory)
    }

    @Test("every worked case is decided as expected, with a reason per table",
          .enabled(if: FileManager.default.fileExists(atPath: sharedScenarios), "../shared/scenarios is not beside this checkout"))
    func workedCases() throws {
        let cases = try RoutingCase.load(sharedScenarios)
        #expect(cases.count >= 12)
        for routingCase in cases {
            let decision = router.route(routingCase.facts)
            #expect(routingCase.mismatches(decision).isEmpty, "\(routingCase.id): \(routingCase.mismatches(decision))")
            #expect(decision.isDecided)
            #expect(Set(decision.reasons.map(\.table)) == Set(RoutingRules.decisionNames), "\(routingCase.id)")
        }
    }

    @Test("one case per legal principle is decided as DOMAIN.md says")
    func principleCases() throws {
        let cases = try RoutingCase.load(repositoryRoot.appendingPathComponent("Tests/Fixtures/routing-principles.jsonl").path)
        #expect(cases.count == 32)
        for routingCase in cases {
            let decision = router.route(routingCase.facts)
            #expect(routingCase.mismatches(decision).isEmpty, "\(routingCase.id): \(routingCase.mismatches(decision))")
        }
    }

    /// The concern codes that give reasonable cause to suspect significant harm; no others may.
    static let harmCodes: Set<ConcernCode> = [
        .disclosureOfAbuse, .injuryByAdult, .unexplainedInjury, .inducedIllnessClinicalEvidence, .harmfulSexualBehaviour, .exploitation,
    ]

    @Test("on 20,000 generated requests the tables decide every one and keep every legal principle")
    func principlesHoldEverywhere() {
        var generator = SeededGenerator(seed: 20_261_123)
        for _ in 0..<20_000 {
            let facts = RequestFacts.random(using: &generator)
            let decision = router.route(facts)
            let context = "\(facts)"
            guard let outcome = decision.outcome else {
                Issue.record("undecided: \(decision.undecided) for \(context)")
                continue
            }
            let disabled = facts.child.disabilityApparent
            let harm = facts.concerns.contains { Self.harmCodes.contains($0.code) }
            // s47 only on real cause, always on real cause; nothing else (disability, requests, a parent's illness) sets it.
            #expect(outcome.section47 == harm, "\(context)")
            // A disabled child is always assessed, whatever the diagnosis; the assessment continues beside any s47.
            if disabled || harm || facts.requests.contains(.assessment) { #expect(outcome.childInNeedAssessment, "\(context)") }
            // The parent carer assessment: a request or any sign of strain, for an adult with parental responsibility.
            let eligible = facts.requester.parentalResponsibility && facts.requester.adult && disabled
            let triggered = facts.parentCarer.assessmentRequested || facts.requests.contains(.parentCarerAssessment) || facts.parentCarer.strainCount > 0
            #expect(outcome.parentCarerAssessment == (eligible && triggered), "\(context)")
            #expect(outcome.youngCarerAssessment == (facts.youngCarers > 0), "\(context)")
            // The team, as DOMAIN.md sets it out.
            let substance = facts.concerns.contains { $0.code == .parentalSubstanceMisuse }
            let team: Team = harm ? .assessmentAndIntervention
                : disabled ? (substance ? .assessmentAndIntervention : .disabledChildren)
                : facts.concerns.isEmpty ? .earlyHelp : .assessmentAndIntervention
            #expect(outcome.team == team, "\(context)")
        }
    }

    @Test("the diagnosis never changes the answer, only the reason given")
    func diagnosisIsNeverAGate() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            var facts = RequestFacts.random(using: &generator)
            let outcomes = DiagnosisStatus.allCases.map { status -> RoutingOutcome? in
                facts.child.diagnosisStatus = status
                return router.route(facts).outcome
            }
            #expect(Set(outcomes.map { "\(String(describing: $0))" }).count == 1, "\(facts)")
        }
    }

    @Test("a table that cannot decide leaves that answer to a person, and never defaults to safeguarding")
    func undecidedTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-rules-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Remove the s47 table's last rule, the one for "no concern at all".
        var text = try String(contentsOfFile: rulesDirectory + "/routing.dmn", encoding: .utf8)
        let start = try #require(text.range(of: "<rule id=\"s47-no-concern\">"))
        let end = try #require(text.range(of: "</rule>", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<end.upperBound)
        try Data(text.utf8).write(to: folder.appendingPathComponent("routing.dmn"))

        let gapped = try Router(rulesDirectory: folder.path)
        var generator = SeededGenerator(seed: 1)
        var facts = RequestFacts.random(using: &generator)
        facts.concerns = []
        let decision = gapped.route(facts)
        #expect(decision.safeguardingS47 == nil)
        #expect(decision.outcome == nil)
        #expect(decision.record == nil)
        #expect(decision.undecided.map(\.table).contains("safeguarding_s47"))
        #expect(decision.reasons.contains { $0.text.contains("a person will decide") })
        #expect(decision.jsonLine().contains("\"safeguarding_s47\":null"))
    }

    @Test("rules that are missing a decision, or that read an input Heeded does not provide, are refused at load")
    func badRulesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-rules-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: RoutingRulesError.self) { try Router(rulesDirectory: folder.path) }
        let text = try String(contentsOfFile: rulesDirectory + "/routing.dmn", encoding: .utf8)
            .replacingOccurrences(of: "name=\"young_carers\"", with: "name=\"young_helpers\"")
            .replacingOccurrences(of: "<text>young_carers</text>", with: "<text>young_helpers</text>")
        try Data(text.utf8).write(to: folder.appendingPathComponent("routing.dmn"))
        do {
            _ = try Router(rulesDirectory: folder.path)
            Issue.record("an unknown input must be refused")
        } catch {
            #expect(error.description.contains("young_helpers"))
        }
    }

    @Test("the needs request's bindings give facts that route: a parent's answers reach the tables")
    func fromTheNeedsRequest() throws {
        let library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
        let form = try #require(library.form("needs-request"))
        let facts = NeedsRequestAnswers.leo(form: form, library: library)
        let routed = try RequestFacts(bound: facts)
        #expect(routed.child.ageYears == 7)
        #expect(routed.child.disabilityCodes.contains(.autism))
        #expect(routed.concerns.isEmpty, "the parent's form never codes a concern")
        let decision = router.route(routed)
        #expect(decision.cinAssessment == true)
        #expect(decision.parentCarerAssessment == true)
        #expect(decision.safeguardingS47 == false)
    }

    @Test("a binding that gives the wrong kind of value is refused with the fact's name")
    func badBinding() {
        #expect(throws: RequestFactsError(key: "young_carers", problem: "expected a whole number, 0 or more, found \"two\"")) {
            var facts = RequestFactsFixture.valid
            facts["young_carers"] = "two"
            _ = try RequestFacts(bound: facts)
        }
    }
}
