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
    /// Rules that must fire (version-2 cases name them), and words the reasons must contain.
    let rules: [String]
    let reasonContains: [String]

    static func load(_ path: String) throws -> [RoutingCase] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return RoutingCase(
                id: object["id"] as! String,
                facts: try RequestFacts(json: JSONSerialization.data(withJSONObject: object["facts"]!)),
                expected: object["expected"] as! [String: Any],
                rules: object["rules"] as? [String] ?? [], reasonContains: object["reason_contains"] as? [String] ?? [])
        }
    }

    var description: String { id }

    /// The expected answers that the decision does not give.
    func mismatches(_ decision: RoutingDecision) -> [String] {
        let flags: [String: Bool?] = [
            "cin_assessment": decision.cinAssessment, "parent_carer_assessment": decision.parentCarerAssessment,
            "young_carer_assessment": decision.youngCarerAssessment, "safeguarding_s47": decision.safeguardingS47,
            "adult_transition": decision.adultTransition,
        ]
        return expected.sorted { $0.key < $1.key }.compactMap { key, value in
            if key == "team" {
                return decision.team?.rawValue == value as? String ? nil : "team: expected \(value), got \(decision.team?.rawValue ?? "none")"
            }
            guard let flag = flags[key] else { return "\(key): not an answer the contract has" }
            let wanted: Bool? = value is NSNull ? nil : value as? Bool
            return flag == wanted ? nil : "\(key): expected \(value), got \(flag.map(String.init) ?? "undecided")"
        }
    }
}

@Suite("Routing a request with the shipped tables")
struct RoutingTests {
    let router: RequestRouter

    init() throws {
        router = try RequestRouter.shipped()
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
            #expect(Set(RoutingRules.decisionNames).isSubset(of: decision.reasons.map(\.table)), "\(routingCase.id)")
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

    @Test("one case per version-2 principle is decided as the contract says, with the reasons it names, for the reader who asked")
    func version2Cases() throws {
        let cases = try RoutingCase.load(repositoryRoot.appendingPathComponent("Tests/Fixtures/routing-principles-v2.jsonl").path)
        #expect(cases.count >= 24)
        for routingCase in cases {
            let decision = router.route(routingCase.facts)
            #expect(routingCase.mismatches(decision).isEmpty, "\(routingCase.id): \(routingCase.mismatches(decision))")
            let fired = Set(decision.provenance.firedRules.map(\.rule))
            for rule in routingCase.rules {
                #expect(fired.contains(rule), "\(routingCase.id): rule \(rule) should fire; fired \(fired.sorted())")
            }
            let text = decision.reasons.map(\.text).joined(separator: "\n")
            for words in routingCase.reasonContains {
                #expect(text.contains(words), "\(routingCase.id): the reasons should say \"\(words)\":\n\(text)")
            }
            // A recommendation is never worded as a decision: the manager decides.
            if decision.safeguardingS47 == true { #expect(text.contains("decides today"), "\(routingCase.id)") }
        }
    }

    @Test("every reason a parent reads speaks of their child; a referrer's speaks of the child; a young person's speaks to them")
    func readersAreAddressed() throws {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            let facts = RequestFacts.random(using: &generator, version2: true)
            let text = router.route(facts).reasons.filter { $0.rule != nil }.map(\.text)
            switch facts.reader {
            case .referrer: #expect(!text.contains { $0.contains("your child") }, "\(text)")
            case .youngPerson: #expect(!text.contains { $0.contains("your child") }, "\(text)")
            case .parent: #expect(!text.contains { $0.contains("the child's needs assessment carries on") }, "\(text)")
            }
        }
    }

    @Test("on 20,000 generated requests, version 1 and 2 alike, the tables decide as the legal principles say",
          arguments: [false, true])
    func principlesHoldEverywhere(version2: Bool) {
        var generator = SeededGenerator(seed: version2 ? 20_261_202 : 20_261_123)
        for _ in 0..<20_000 {
            let facts = RequestFacts.random(using: &generator, version2: version2)
            let decision = router.route(facts)
            let context = "\(facts)"
            let s47 = RoutingPrinciples.s47(facts)
            // s47 only on real cause, always on real cause; what the tables cannot judge is left to a person.
            #expect(decision.safeguardingS47 == s47, "\(context)")
            #expect(decision.cinAssessment == RoutingPrinciples.cin(facts), "\(context)")
            #expect(decision.parentCarerAssessment == RoutingPrinciples.parentCarer(facts), "\(context)")
            #expect(decision.youngCarerAssessment == RoutingPrinciples.youngCarer(facts), "\(context)")
            #expect(decision.adultTransition == RoutingPrinciples.adultTransition(facts), "\(context)")
            if s47 == nil {
                // Nothing is defaulted: the answer is a person's, and the table says so in the undecided list.
                #expect(decision.outcome == nil)
                #expect(decision.undecided.map(\.table) == ["safeguarding_s47"], "\(context)")
            } else {
                #expect(decision.team == RoutingPrinciples.team(facts), "\(context)")
                #expect(decision.isDecided, "undecided: \(decision.undecided) for \(context)")
            }
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
        // Remove the s47 table's last rule, the one for "no concern gives cause".
        var text = try String(contentsOfFile: rulesDirectory + "/routing.dmn", encoding: .utf8)
        let start = try #require(text.range(of: "<rule id=\"s47-no-cause\">"))
        let end = try #require(text.range(of: "</rule>", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<end.upperBound)
        try Data(text.utf8).write(to: folder.appendingPathComponent("routing.dmn"))
        try FileManager.default.copyItem(atPath: rulesDirectory + "/concerns.dmn", toPath: folder.appendingPathComponent("concerns.dmn").path)

        let gapped = try RequestRouter.folder(folder.path)
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
        #expect(throws: (any Error).self) { try RequestRouter.folder(folder.path) }
        let text = try String(contentsOfFile: rulesDirectory + "/routing.dmn", encoding: .utf8)
            .replacingOccurrences(of: "name=\"young_carers\"", with: "name=\"young_helpers\"")
            .replacingOccurrences(of: "<text>young_carers</text>", with: "<text>young_helpers</text>")
        try Data(text.utf8).write(to: folder.appendingPathComponent("routing.dmn"))
        try FileManager.default.copyItem(atPath: rulesDirectory + "/concerns.dmn", toPath: folder.appendingPathComponent("concerns.dmn").path)
        do {
            _ = try RequestRouter.folder(folder.path)
            Issue.record("an unknown input must be refused")
        } catch {
            #expect("\(error)".contains("young_helpers"))
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
