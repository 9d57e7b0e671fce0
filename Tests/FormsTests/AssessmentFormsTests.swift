// The assessment forms as the practitioner review asked for them (version 2): the parents' views, the child
// seen and by whom, parenting capacity only where there is a concern; what a parent carer wants to do; a young
// carer's education, training, leisure and work, and whoever they care for.
import FEEL
import Forms
import Testing

@Suite("The assessment forms, version 2")
struct AssessmentFormsTests {
    let library: FormLibrary
    let today = FEELDate(iso: "2026-03-02")!

    init() throws {
        library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
    }

    /// The six dimensions of parenting capacity, each with what the family provides and the support it needs.
    static let parentingCapacityHeadings = ["basic_care", "ensuring_safety", "emotional_warmth", "stimulation", "guidance_boundaries", "stability"]
        .flatMap { ["\($0)_strengths", "\($0)_support_needs"] }

    /// The prefixes of section 3's areas of need, as the need records read them.
    static let needAreas = [
        "health", "communication", "mobility", "hand_function", "personal_care", "continence", "sleep", "behaviour",
        "danger_awareness", "learning", "identity", "relationships", "leisure", "independence",
    ]

    /// A child in need assessment of Tamsin Ravenhill, 9, who uses Makaton, written with no concern about home.
    static let tamsin: [String: RawAnswer] = [
        "assessment_start_date": .value("2026-02-09"), "assessor": .value("Hollis Brackenbury"), "assessor_knows_condition": .value("yes"),
        "manager": .value("Greer Wrenfield"), "proportionality": .value("standard"),
        "disability_codes": .values(["COMM", "LD"]), "primary_need": .value("N2"),
        "communication_support_used": .value("yes"), "communication_helper_name": .value("Bryony Sallow"),
        "communication_helper_role": .value("Speech and language therapist"),
        "child_seen_date": .value("2026-02-20"), "child_seen_alone": .value("yes"),
        "child_views": .value("Tamsin signed that she likes the swings and does not like loud halls."), "views_how_obtained": .value("communication-aid"),
        "parents_views": .value("We are tired, but we want Tamsin to have friends of her own."),
        "parents_wishes_for_child": .value("To go to the Saturday club like her cousins."),
        "parents_ideas_for_help": .value("Someone who knows Makaton to go with her."),
        "leisure_needs": .value("Cannot join a club without an adult who signs."), "leisure_severity": .value("moderate"),
        "leisure_parent_view": .value("She stands at the door and watches the others."),
        "parenting_capacity_concern": .value("no"),
        "significant_harm_concern": .value("no"), "harm_from_child_distress": .value("no"), "assessment_factors": .values(["5A"]),
        "analysis": .value("Tamsin's needs are mostly about communication and joining in."),
        "outcomes": .items([["outcome_text": .value("Goes to a club each week"), "outcome_by_when": .value("2026-09-01"), "outcome_owner": .value("Hollis")]]),
        "child_is_disabled": .value("yes"), "child_in_need": .value("yes"), "legal_basis": .value("s17"),
        "services_decided": .items([["service_description": .value("Saturday club with a signing support worker"), "service_type": .value("activity-access"),
                                     "service_legal_basis": .value("s17"), "service_meets": .values(["leisure-and-community"]),
                                     "service_amount": .value("4"), "service_unit": .value("sessions-per-month")]]),
        "next_review_date": .value("2026-09-01"),
    ]

    private func form(_ id: String) throws -> FormDefinition { try #require(library.form(id)) }

    private func problems(_ id: String, _ answers: [String: RawAnswer]) throws -> [String: String] {
        let result = try form(id).check(answers, library: library, today: today)
        return Dictionary(result.problems.map { ($0.field, $0.message) }) { first, _ in first }
    }

    private func cin(_ change: (inout [String: RawAnswer]) -> Void) throws -> AnswerCheck {
        var answers = Self.tamsin
        change(&answers)
        return try form("child-in-need-assessment").check(answers, library: library, today: today)
    }

    @Test("earlier versions of each assessment still read as they were written, beside the current one")
    func earlierVersionsKept() throws {
        for (id, current) in [("child-in-need-assessment", 3), ("parent-carer-assessment", 4), ("young-carer-assessment", 3)] {
            #expect(library.form(id)?.version == current, "\(id) is now version \(current)")
            for version in 1..<current { #expect(library.form(id, version: version) != nil, "\(id) version \(version) is kept") }
        }
        #expect(library.form("child-in-need-assessment", version: 2)?.field("service_meets") == nil, "version 2 is unchanged")
        #expect(library.form("child-in-need-assessment", version: 1)?.field("parents_views") == nil, "version 1 is unchanged")
        #expect(library.form("parent-carer-assessment", version: 3)?.field("carer_needs") == nil, "parent carer version 3 is unchanged")
    }

    @Test("a child in need assessment of a family with no concern about home is complete without the parenting capacity headings")
    func completeWithoutHeadings() throws {
        let result = try cin { _ in }
        #expect(result.isValid, "\(result.problems)")
        #expect(result.answers["leisure_parent_view"] == .text("She stands at the door and watches the others."))
    }

    @Test("the parenting capacity headings are not asked unless there is a concern about how the child's needs are met at home")
    func headingsNotAskedWithoutConcern() throws {
        let result = try cin { answers in
            for id in Self.parentingCapacityHeadings { answers[id] = .value("Written before the question was answered") }
        }
        #expect(result.isValid, "\(result.problems)")
        for id in Self.parentingCapacityHeadings { #expect(result.answers[id] == nil, "\(id) is not asked, so its answer is dropped") }
        let gate = try #require(try form("child-in-need-assessment").field("parenting_capacity_concern"))
        #expect(gate.required)
        #expect(gate.help?.contains("not at the parents, unless there is a concern") == true)
    }

    @Test("with a concern about how the child's needs are met at home, each parenting capacity heading must be answered, and the concern said")
    func headingsRequiredWithConcern() throws {
        let result = try cin { $0["parenting_capacity_concern"] = .value("yes") }
        let fields = Set(result.problems.map(\.field))
        #expect(fields == Set(Self.parentingCapacityHeadings + ["parenting_capacity_concern_details"]))
        let answered = try cin { answers in
            answers["parenting_capacity_concern"] = .value("yes")
            answers["parenting_capacity_concern_details"] = .value("The school reports Tamsin often arrives hungry.")
            for id in Self.parentingCapacityHeadings { answers[id] = .value("Recorded with the family") }
        }
        #expect(answered.isValid, "\(answered.problems)")
    }

    @Test("the date the child was seen is required and cannot be in the future")
    func childSeenDate() throws {
        let future = try problems("child-in-need-assessment", Self.tamsin.merging(["child_seen_date": .value("2026-03-03")]) { $1 })
        #expect(future == ["child_seen_date": "Date the assessor saw the child must be today or in the past"])
        #expect(try problems("child-in-need-assessment", Self.tamsin.merging(["child_seen_date": .value("2026-03-02")]) { $1 }).isEmpty, "today is allowed")
        var unseen = Self.tamsin
        unseen["child_seen_date"] = nil
        #expect(try problems("child-in-need-assessment", unseen).keys.sorted() == ["child_seen_date"])
    }

    @Test("a child not seen alone: who was with them, and why, must be recorded")
    func notSeenAlone() throws {
        let missing = try problems("child-in-need-assessment", Self.tamsin.merging(["child_seen_alone": .value("no")]) { $1 })
        #expect(Set(missing.keys) == ["child_seen_with", "child_not_seen_alone_reason"])
        let given = try problems("child-in-need-assessment", Self.tamsin.merging([
            "child_seen_alone": .value("no"), "child_seen_with": .value("Her mother, Delphine Ravenhill"),
            "child_not_seen_alone_reason": .value("Tamsin would not stay in the room without her mother."),
        ]) { $1 })
        #expect(given.isEmpty)
    }

    @Test("who helped the child communicate, and their role, are required when communication support was used")
    func communicationHelper() throws {
        var answers = Self.tamsin
        answers["communication_helper_name"] = nil
        answers["communication_helper_role"] = nil
        #expect(Set(try problems("child-in-need-assessment", answers).keys) == ["communication_helper_name", "communication_helper_role"])
        answers["communication_support_used"] = .value("no")
        #expect(try problems("child-in-need-assessment", answers).isEmpty)
    }

    @Test("the parents' or carers' views, what they want for their child and what they think would help are each required")
    func parentsViews() throws {
        var answers = Self.tamsin
        for id in ["parents_views", "parents_wishes_for_child", "parents_ideas_for_help"] { answers[id] = nil }
        #expect(Set(try problems("child-in-need-assessment", answers).keys) == ["parents_views", "parents_wishes_for_child", "parents_ideas_for_help"])
        #expect(try form("child-in-need-assessment").section(containing: "parents_views")?.title.contains("parents' or carers' views") == true)
    }

    @Test("every area of need has the family's view beside it, in their words, and it is optional")
    func parentViewPerArea() throws {
        let cin = try form("child-in-need-assessment")
        for prefix in Self.needAreas {
            let field = try #require(cin.field("\(prefix)_parent_view"), "\(prefix) has the family's view")
            guard case .longText = field.kind else {
                Issue.record("\(prefix)_parent_view should be long text")
                continue
            }
            #expect(!field.required)
            #expect(field.label == "The family's view of this, in their words")
            #expect(cin.section(containing: field.id)?.id == cin.section(containing: "\(prefix)_needs")?.id, "beside the area's needs")
        }
    }

    @Test("the parent carer assessment asks whether they work, study, train or take part in leisure, or want to, and what caring stops them doing, each in their words")
    func parentCarerWishes() throws {
        let pcna = try form("parent-carer-assessment")
        for id in ["work_wishes", "study_wishes", "training_wishes", "leisure_wishes"] {
            let question = try #require(pcna.field(id))
            #expect(question.required)
            #expect(question.options.map(\.value).contains("no-wants-to"), "\(id) records what they would like, not only what they do")
            #expect(pcna.field("\(id)_words") != nil, "\(id) has their own words beside it")
        }
        let prevented = try #require(pcna.field("wishes_prevented_by_caring"))
        #expect(prevented.required)
        #expect(prevented.hint?.contains("What would you like to do that caring stops you doing?") == true)

        let answers: [String: RawAnswer] = [
            "pcna_trigger": .value("request"), "request_date": .value("2026-02-02"), "start_date": .value("2026-02-09"),
            "assessor": .value("Hollis Brackenbury"), "has_parental_responsibility": .value("yes"), "aged_18_plus": .value("yes"),
            "willing_to_continue": .value("yes-with-changes"), "able_to_continue": .value("yes-with-support"),
            "assessor_view_continue": .value("yes-with-support"), "assessor_view_reasons": .value("Delphine needs sleep and a break."),
            "plan_exists": .value("no"), "needs_for_support_identified": .value("yes"), "s17zf_services_to_be_provided": .value("yes"),
            "s17zf_reasons": .value("Overnight breaks let her sleep."),
            "carer_needs": .items([["carer_need": .value("A full night's sleep twice a week")]]),
        ]
        let missing = try problems("parent-carer-assessment", answers)
        #expect(Set(missing.keys) == ["work_wishes", "study_wishes", "training_wishes", "leisure_wishes", "wishes_prevented_by_caring"])
        let complete = answers.merging([
            "work_wishes": .value("no-wants-to"), "work_wishes_words": .value("I was a nurse. I would go back two days a week."),
            "study_wishes": .value("no-not-now"), "training_wishes": .value("not-sure"), "leisure_wishes": .value("yes-wants-more"),
            "wishes_prevented_by_caring": .value("Swimming on a Sunday, and seeing my sister."),
        ]) { $1 }
        #expect(try problems("parent-carer-assessment", complete).isEmpty)
    }

    @Test("the parent carer assessment records each need for support and, when the council will provide services, the support for it with its amount")
    func parentCarerNeedsAndSupport() throws {
        let answers: [String: RawAnswer] = [
            "pcna_trigger": .value("request"), "request_date": .value("2026-02-02"), "start_date": .value("2026-02-09"),
            "assessor": .value("Hollis Brackenbury"), "has_parental_responsibility": .value("yes"), "aged_18_plus": .value("yes"),
            "willing_to_continue": .value("yes-with-changes"), "able_to_continue": .value("yes-with-support"),
            "assessor_view_continue": .value("yes-with-support"), "assessor_view_reasons": .value("Delphine needs sleep and a break."),
            "plan_exists": .value("no"), "work_wishes": .value("no-not-now"), "study_wishes": .value("no-not-now"),
            "training_wishes": .value("no-not-now"), "leisure_wishes": .value("no-not-now"), "wishes_prevented_by_caring": .value("Sleep."),
            "needs_for_support_identified": .value("yes"), "s17zf_services_to_be_provided": .value("yes"),
            "s17zf_reasons": .value("Overnight breaks let her sleep."),
        ]
        #expect(try problems("parent-carer-assessment", answers)["carer_needs"]
            == "Write at least one need for support, or answer no to the question above")

        var withSupport = answers
        withSupport["carer_needs"] = .items([
            ["carer_need": .value("A full night's sleep twice a week"), "support_service": .value("Overnight sitting service")],
            ["carer_need": .value("Time to see her sister")],
        ])
        let missing = try problems("parent-carer-assessment", withSupport)
        #expect(missing["carer_needs[0].support_amount"] == "Enter how much support is agreed, like 4 (hours a week)")
        #expect(missing["carer_needs[0].support_unit"] == "Select what the amount is per")
        #expect(missing["carer_needs[0].support_type"] == "Select the kind of support")
        #expect(missing.keys.allSatisfy { $0.hasPrefix("carer_needs[0].") }, "a need with no support agreed yet is complete: \(missing)")

        withSupport["carer_needs"] = .items([
            ["carer_need": .value("A full night's sleep twice a week"), "support_service": .value("Overnight sitting service"),
             "support_type": .value("home-care"), "support_amount": .value("2"), "support_unit": .value("sessions-per-month")],
        ])
        #expect(try problems("parent-carer-assessment", withSupport).isEmpty)

        var refused = withSupport
        refused["s17zf_services_to_be_provided"] = .value("no")
        let checked = try form("parent-carer-assessment").check(refused, library: library, today: today)
        #expect(checked.isValid, "\(checked.problems)")
        guard case .items(let needs)? = checked.answers["carer_needs"] else {
            Issue.record("the needs are kept when the council decides to provide no services")
            return
        }
        #expect(needs.first?["carer_need"] == .text("A full night's sleep twice a week"))
        #expect(needs.first?["support_service"] == nil, "no support is recorded against a decision to provide none")
    }

    /// A young carer's assessment of Ezra Lumley, 14, who helps to look after his mother.
    static let ezra: [String: RawAnswer] = [
        "young_carer_name": .value("Ezra Lumley"), "young_carer_dob": .value("2011-07-19"), "cared_for_relationship": .values(["parent"]),
        "cared_for_child": .value("Marisol Lumley"), "trigger": .value("young-carer-asked"), "assessment_date": .value("2026-02-24"),
        "assessor": .value("Hollis Brackenbury"), "parent_agrees": .value("yes"),
        "caring_tasks": .values(["household-tasks", "medication", "money-and-letters"]), "caring_appropriate": .value("more-than-appropriate"),
        "caring_appropriate_reasons": .value("He manages his mother's medicines and the bills most days."),
        "education_participation": .value("yes-caring-gets-in-way"), "education_participation_words": .value("I'm late most days because I do Mum's tablets."),
        "training_participation": .value("no-wants-to"), "recreation_participation": .value("no-wants-to"),
        "recreation_participation_words": .value("I stopped football."), "work_participation": .value("no-not-now"),
        "young_carer_views": .value("I want to keep helping Mum but not on my own."), "needs_for_support_identified": .value("yes"),
        "decision_reasons": .value("Adult social care to assess his mother; a young carers' group for Ezra."),
    ]

    @Test("the young carer assessment asks about education, training, leisure and work, each in the young person's own words")
    func youngCarerTakingPart() throws {
        let yc = try form("young-carer-assessment")
        for id in ["education_participation", "training_participation", "recreation_participation", "work_participation"] {
            #expect(yc.field(id)?.required == true, "\(id) is asked")
            #expect(yc.field("\(id)_words") != nil, "\(id) has their own words beside it")
        }
        #expect(try problems("young-carer-assessment", Self.ezra).isEmpty)
        var unanswered = Self.ezra
        for id in ["education_participation", "training_participation", "recreation_participation", "work_participation"] { unanswered[id] = nil }
        #expect(Set(try problems("young-carer-assessment", unanswered).keys)
                == ["education_participation", "training_participation", "recreation_participation", "work_participation"])
    }

    @Test("a child in need assessment cannot start in the future, nor set an outcome to be reached before it started")
    func assessmentDates() throws {
        #expect(try problems("child-in-need-assessment", Self.tamsin.merging(["assessment_start_date": .value("2026-04-01")]) { $1 })
            == ["assessment_start_date": "Date the assessment started must be today or in the past"])
        let early = Self.tamsin.merging(["outcomes": .items([[
            "outcome_text": .value("Goes to a club each week"), "outcome_by_when": .value("2020-09-01"), "outcome_owner": .value("Hollis"),
        ]])]) { $1 }
        #expect(try problems("child-in-need-assessment", early)
            == ["outcomes[0].outcome_by_when": "Give a date on or after the day the assessment started, by which the outcome should be reached"])
    }

    @Test("a young carer's date of birth must make them at least 2 (a slip of the year) and under 18 on the day of the assessment")
    func youngCarerAge() throws {
        var baby = Self.ezra
        baby["young_carer_dob"] = .value("2026-02-24")
        #expect(try problems("young-carer-assessment", baby)["young_carer_dob"] == "Check the date of birth: it makes the young carer under 2 on the day of the assessment")
        var adult = Self.ezra
        adult["young_carer_dob"] = .value("2007-01-02")
        #expect(try problems("young-carer-assessment", adult)["young_carer_dob"]?.hasPrefix("A young carer is under 18") == true)
        #expect(library.form("young-carer-assessment", version: 2) != nil, "version 2 is kept")
    }

    @Test("a young carer under 13 is not asked about work or training")
    func youngCarerUnderThirteen() throws {
        var younger = Self.ezra
        younger["young_carer_dob"] = .value("2016-05-01")
        let result = try form("young-carer-assessment").check(younger, library: library, today: today)
        #expect(result.isValid, "\(result.problems)")
        #expect(result.answers["work_participation"] == nil)
        #expect(result.answers["training_participation"] == nil)
    }

    @Test("the young carer assessment asks who they care for, a parent or anyone else, and does not assume a brother or sister")
    func youngCarerCaresForAnyone() throws {
        let yc = try form("young-carer-assessment")
        let who = try #require(yc.field("cared_for_relationship"))
        #expect(who.required)
        #expect(Set(who.options.map(\.value)).isSuperset(of: ["brother-or-sister", "parent", "another-relative", "someone-else"]))
        let wording = yc.allFields.flatMap { [$0.label, $0.hint ?? "", $0.help ?? ""] + $0.options.map(\.label) }
            .filter { !who.options.map(\.label).contains($0) }
        #expect(!wording.contains { $0.contains("brother or sister") }, "only the answer about who they care for names a brother or sister")
        let someoneElse = try problems("young-carer-assessment", Self.ezra.merging(["cared_for_relationship": .values(["someone-else"])]) { $1 })
        #expect(someoneElse.keys.sorted() == ["cared_for_someone_else"])
    }
}
