// The needs request's answers as the version-2 facts they bind: the parent carer's own facts, young carers of
// anyone, earlier referrals. The same intake the pages and the API use.
import Casework
import Store
import FEEL
import Forms
import Testing

@Suite("What a needs request tells the routing tables")
struct NeedsRequestBindingTests {
    let library: FormLibrary
    let intake: NeedsRequestIntake
    static let today = FEELDate(iso: "2025-12-01")!

    init() throws {
        library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
        intake = try NeedsRequestIntake(library: library, router: try RequestRouter.shipped(), calendar: .englandAndWales)
    }

    func received(_ changes: [String: RawAnswer?]) throws -> ReceivedRequest {
        var raw = NeedsRequestAnswers.leoRaw
        for (key, value) in changes { raw[key] = value }
        let outcome = intake.receive(raw, from: ActingUser(id: "someone@example.org", role: .parent), on: Self.today)
        guard case .ready(let received) = outcome else {
            if case .needsChanges(let problems) = outcome { Issue.record("answers refused: \(problems)") }
            throw CaseworkError.invalid(field: "answers", message: "not received")
        }
        return received
    }

    @Test("a date of birth years ahead (2041) is questioned beside the question; a baby due within 9 months is not")
    func dateOfBirthSanity() throws {
        var raw = NeedsRequestAnswers.leoRaw
        raw["child_dob"] = .value("2041-05-04")
        guard case .needsChanges(let problems) = intake.receive(raw, from: ActingUser(id: "someone@example.org", role: .parent), on: Self.today) else {
            Issue.record("a child born in 2041 was received")
            return
        }
        #expect(problems.map(\.field) == ["child_dob"])
        #expect(problems.first?.message.hasPrefix("That is more than 10 months from now") == true)
        raw["child_dob"] = .value("1890-01-01")
        guard case .needsChanges(let old) = intake.receive(raw, from: ActingUser(id: "someone@example.org", role: .parent), on: Self.today) else {
            Issue.record("a child born in 1890 was received")
            return
        }
        #expect(old.first?.message == "Check the year of your child's date of birth: it is more than 100 years ago")
        _ = try received(["child_dob": .value("2026-06-01"), "child_gender": .value("0")])
    }

    @Test("a GP's referral about an exhausted mother with parental responsibility brings her own assessment, in her name")
    func professionalReferral() throws {
        let received = try received([
            "requester_name": .value("Dr Imogen Thackeray"), "relationship": .value("professional"), "referrer_organisation": .value("3A"),
            "referrer_role": .value("GP, Orchard Row Surgery"), "family_agrees_to_request": .value("yes"), "has_parental_responsibility": nil,
            "aged_18_or_over": nil, "main_carer_name": .value("Rachel Adeyemi"), "main_carer_has_parental_responsibility": .value("yes"),
            "main_carer_aged_18_or_over": .value("yes"),
        ])
        #expect(received.file.outcome?.parentCarerAssessment == true)
        #expect(received.file.request.referralSource == "3A")
        let pcna = try #require(received.assessments.first { $0.kind == .parentCarer })
        #expect(pcna.subject == "Rachel Adeyemi")
        #expect(received.file.routing.reasons.contains { $0.contains("whoever made the referral") }, "the referrer is told why, in a referrer's words")
    }

    @Test("a young person asking for themselves who looks after their mother is offered their own young carer's assessment; their crisis is not counted as a parent's strain")
    func youngPersonWhoCares() throws {
        let received = try received([
            "requester_name": .value("Kit Varga"), "relationship": .value("young-person"), "has_parental_responsibility": nil,
            "aged_18_or_over": .value("no"), "child_name": .value("Kit Varga"), "child_dob": .value("2010-06-01"),
            "requester_cares_for_someone_else": .value("yes"), "urgency": .value("crisis"),
            "enough_sleep": nil, "caring_affects_health": nil, "able_to_continue": nil, "want_parent_carer_assessment": nil,
        ])
        let outcome = try #require(received.file.outcome)
        #expect(outcome.youngCarerAssessment)
        #expect(!outcome.parentCarerAssessment)
        #expect(outcome.adultTransition, "15 and disabled: a transition assessment to consider")
        #expect(received.file.family.youngCarers == ["Kit Varga"])
        #expect(received.file.routing.reasons.contains { $0.hasPrefix("You, or another young person at home, care for someone") })
    }

    @Test("a brother who looks after their ill father, not the disabled child, is a young carer too")
    func siblingCaringForParent() throws {
        let received = try received([
            "household": .items([["member_name": .value("Tomasz"), "member_age": .value("13"), "member_disabled": .value("no"),
                                  "member_helps_caring": .value("no"), "member_cares_for_others": .value("yes"),
                                  "member_caring_tasks": .value("Helps his dad, who has MS, get dressed")]]),
        ])
        #expect(received.file.outcome?.youngCarerAssessment == true)
        #expect(received.assessments.filter { $0.kind == .youngCarer }.map(\.subject) == ["Tomasz"])
    }

    @Test("a family turned away before is assessed this time, though nothing else in the request would bring it")
    func askedBefore() throws {
        let received = try received([
            "areas_affected": .values(["NONE"]), "asked_before_without_assessment": .value("more-than-once"),
            "requests_made": .values(["information"]),
        ])
        #expect(received.file.outcome?.childInNeedAssessment == true)
    }

    @Test("a request about someone aged 19 goes to adult social care, with no child in need assessment")
    func adult() throws {
        let received = try received(["child_dob": .value("2006-05-01")])
        #expect(received.file.outcome?.team == .adultSocialCare)
        #expect(received.file.outcome?.childInNeedAssessment == false)
        #expect(received.assessments.isEmpty)
    }
}
