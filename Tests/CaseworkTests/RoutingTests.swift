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

extension WorkedCase {
    /// The worked cases in a JSON Lines file.
    static func load(_ path: String) throws -> [WorkedCase] {
        try WorkedCase.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
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
        let cases = try WorkedCase.load(sharedScenarios)
        #expect(cases.count >= 12)
        for routingCase in cases {
            let decision = router.route(routingCase.facts)
            #expect(routingCase.differences(decision).isEmpty, "\(routingCase.id): \(routingCase.differences(decision))")
            #expect(decision.isDecided)
            #expect(Set(RoutingRules.decisionNames).isSubset(of: decision.reasons.map(\.table)), "\(routingCase.id)")
        }
    }

    @Test("a worked case the tables decide otherwise says what differs; a line that is not a worked case is refused with its place")
    func workedCaseDifferences() throws {
        let line = try #require(try String(contentsOfFile: repositoryRoot.appendingPathComponent("Forms/rules/cases/principles-v2.jsonl").path, encoding: .utf8)
            .split(separator: "\n").first)
        let wrong = line.replacingOccurrences(of: #""safeguarding_s47": true"#, with: #""safeguarding_s47": false"#)
            .replacingOccurrences(of: #""s47-recommended""#, with: #""no-such-rule""#)
        let worked = try #require(try WorkedCase.parse("\n" + wrong, file: "draft.jsonl").first)
        #expect(worked.source == "draft.jsonl:2")
        let differences = worked.differences(router.route(worked.facts))
        #expect(differences.first == "safeguarding_s47: expected false, got true")
        #expect(differences.contains { $0.hasPrefix("rule no-such-rule should fire; fired ") })
        #expect(throws: CaseworkError.invalid(field: "draft.jsonl:1", message: #"V2-01: expected "team" is not an answer the decision gives (cin_assessment, parent_carer_assessment, young_carer_assessment, safeguarding_s47, adult_transition, team) with a value of its kind."#)) {
            try WorkedCase.parse(line.replacingOccurrences(of: #""team": "assessment-and-intervention""#, with: #""team": 3"#), file: "draft.jsonl")
        }
        #expect(throws: CaseworkError.self) { try WorkedCase.parse("{\"id\": \"x\", \"facts\": {}, \"expected\": {\"team\": \"duty\"}}", file: "draft.jsonl") }
    }

    @Test("one case per legal principle is decided as DOMAIN.md says")
    func principleCases() throws {
        let cases = try WorkedCase.load(repositoryRoot.appendingPathComponent("Forms/rules/cases/principles.jsonl").path)
        #expect(cases.count == 32)
        for routingCase in cases {
            let decision = router.route(routingCase.facts)
            #expect(routingCase.differences(decision).isEmpty, "\(routingCase.id): \(routingCase.differences(decision))")
        }
    }

    @Test("one case per version-2 principle is decided as the contract says, with the reasons it names, for the reader who asked")
    func version2Cases() throws {
        let cases = try WorkedCase.load(repositoryRoot.appendingPathComponent("Forms/rules/cases/principles-v2.jsonl").path)
        #expect(cases.count >= 24)
        for routingCase in cases {
            let decision = router.route(routingCase.facts)
            // Answers, the rules that must fire, and the words the reasons must say.
            #expect(routingCase.differences(decision).isEmpty, "\(routingCase.id): \(routingCase.differences(decision))")
            let text = decision.reasons.map(\.text).joined(separator: "\n")
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
