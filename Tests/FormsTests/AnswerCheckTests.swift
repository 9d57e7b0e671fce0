// Checking a parent's answers: what must be answered, what is hidden, what must hold, and which codes exist.
import FEEL
import Forms
import Testing

@Suite("Checking answers against a form")
struct AnswerCheckTests {
    let library: FormLibrary
    let form: FormDefinition
    let today = FEELDate(iso: "2026-01-15")!

    init() throws {
        library = try FormFolder(["household.xml": householdForm]).load()
        form = library.form("household-check")!
    }

    /// Answers a careful parent would give; each test changes one thing.
    private var complete: [String: RawAnswer] {
        [
            "name": .value("Sam Okafor"), "age": .value("38"), "has_pr": .value("yes"),
            "contact_by": .value("phone"), "child_dob": .value("2018-04-09"),
            "help": .values(["short-breaks", "equipment"]),
        ]
    }

    private func check(_ change: (inout [String: RawAnswer]) -> Void) -> AnswerCheck {
        var answers = complete
        change(&answers)
        return form.check(answers, library: library, today: today)
    }

    private func messages(_ result: AnswerCheck) -> [String: String] {
        Dictionary(result.problems.map { ($0.field, $0.message) }) { first, _ in first }
    }

    @Test("complete answers pass and come back typed")
    func completeAnswers() {
        let result = check { _ in }
        #expect(result.isValid, "\(result.problems)")
        #expect(result.answers["age"] == .number(38))
        #expect(result.answers["has_pr"] == .yesNo(true))
        #expect(result.answers["help"] == .choices(["short-breaks", "equipment"]))
        #expect(result.answers["child_dob"] == .date(FEELDate(iso: "2018-04-09")!))
    }

    @Test("a missing required answer is reported beside its question")
    func required() {
        let result = check { $0["name"] = nil; $0["contact_by"] = .value("") }
        #expect(messages(result) == ["name": "Enter your name", "contact_by": "Select an answer: How should we contact you?"])
    }

    @Test("a question that is not relevant is not required, and its answer is dropped")
    func hiddenQuestion() {
        let result = check { $0["pr_details"] = .value("My ex-partner") }
        #expect(result.isValid)
        #expect(result.answers["pr_details"] == nil)
        let asked = check { $0["has_pr"] = .value("no") }
        #expect(messages(asked) == ["pr_details": "Enter an answer: Who has it?"])
    }

    @Test("a hidden question's wrong answer does not count against the parent")
    func hiddenWrongAnswer() {
        let result = check { $0["email"] = .value("not an email") }
        #expect(result.isValid)
        #expect(result.answers["email"] == nil)
    }

    @Test("a constraint that fails shows its own message")
    func constraint() {
        let result = check { $0["contact_by"] = .value("email"); $0["email"] = .value("sam.example.com") }
        #expect(messages(result) == ["email": "Enter an email address like name@example.com"])
        let fixed = check { $0["contact_by"] = .value("email"); $0["email"] = .value("sam@example.com") }
        #expect(fixed.isValid)
    }

    @Test("numbers must be numbers, whole where asked, and within range")
    func numbers() {
        #expect(messages(check { $0["age"] = .value("thirty") }) == ["age": "Enter your age as a number, like 3"])
        #expect(messages(check { $0["age"] = .value("38.5") }) == ["age": "Enter your age as a whole number, like 3"])
        #expect(messages(check { $0["age"] = .value("130") }) == ["age": "Enter your age as a number from 0 to 120"])
    }

    @Test("dates must be real, and a birth date cannot be in the future")
    func dates() {
        #expect(messages(check { $0["child_dob"] = .value("2018-02-30") }) == ["child_dob": "Enter child's date of birth as a real date, for example 27 3 2019"])
        #expect(messages(check { $0["child_dob"] = .value("2026-06-01") }) == ["child_dob": "Child's date of birth must be today or in the past"])
    }

    @Test("a code must be in its list, and an exclusive option stands alone")
    func codes() {
        #expect(messages(check { $0["contact_by"] = .value("pigeon") })["contact_by"]?.contains("not one of the options") == true)
        #expect(messages(check { $0["help"] = .values(["short-breaks", "none"]) })["help"]?.contains("on its own") == true)
        #expect(check { $0["help"] = .values(["none"]) }.isValid)
        #expect(messages(check { $0["has_pr"] = .value("maybe") }) == ["has_pr": "Select yes or no"])
    }

    @Test("each item of a repeating group is checked, with its own relevance, keyed by index")
    func repeatItems() {
        let result = check {
            $0["household"] = .items([
                ["person": .value("Ellie"), "person_age": .value("11"), "helps": .value("yes")],
                ["person": .value("Dad"), "person_age": .value("40"), "helps": .value("no"), "what_they_do": .value("drops")],
            ])
        }
        #expect(messages(result) == ["household[0].what_they_do": "Enter an answer: What do they do?"])
        guard case .items(let items)? = result.answers["household"] else {
            Issue.record("household should be kept")
            return
        }
        #expect(items[1]["what_they_do"] == nil, "a hidden answer inside an item is dropped")
    }

    @Test("computed values and bindings are worked out from the answers that stand")
    func computedAndBindings() {
        let result = check {
            $0["household"] = .items([
                ["person": .value("Ellie"), "person_age": .value("11"), "helps": .value("yes"), "what_they_do": .value("Dressing")],
                ["person": .value("Dad"), "person_age": .value("40"), "helps": .value("yes"), "what_they_do": .value("Nights")],
            ])
        }
        #expect(result.isValid, "\(result.problems)")
        #expect(result.answers["young_carer_count"] == .computed(.number(1)))
        let facts = form.facts(from: result.answers, receivedDate: today)
        #expect(facts["young_carers"] == .number(1))
        #expect(facts["requester.adult"] == .boolean(true))
        #expect(facts["child.age_years"] == .number(7))
    }

    @Test("a repeating group with too many items is refused")
    func tooManyItems() {
        let items = (0..<11).map { index -> [String: RawAnswer] in
            ["person": .value("Person \(index)"), "person_age": .value("9"), "helps": .value("no")]
        }
        #expect(messages(check { $0["household"] = .items(items) }) == ["household": "Add no more than 10"])
    }
}

@Suite("Computed values and code lists in answer checking")
struct ComputedAndCodeListTests {
    static let form = """
        <?xml version="1.0" encoding="UTF-8"?>
        <form xmlns="urn:heeded:form:1" id="teen-check" version="1" title="About your child" audience="parent" legal-basis="s17">
          <codelist id="areas" title="Areas">
            <code value="MOB">Getting about</code>
            <code value="COMM">Communicating</code>
            <code value="NONE" exclusive="true">None of these</code>
          </codelist>
          <section id="child" title="Your child">
            <number id="age" required="true" min="0" max="25" integer="true"><label>Age</label></number>
            <computed id="is_teenager" expr="age >= 13"><label>Teenager</label></computed>
            <text id="school_year" required="true" relevant="is_teenager"><label>School year</label></text>
            <code id="areas_affected" list="areas" multiple="true" required="true"><label>Areas</label></code>
          </section>
        </form>
        """

    private func check(_ answers: [String: RawAnswer]) throws -> AnswerCheck {
        let library = try FormFolder(["teen.xml": Self.form]).load()
        let form = try #require(library.form("teen-check"))
        return form.check(answers, library: library, today: FEELDate(iso: "2026-01-15")!)
    }

    @Test("a computed value decides whether a question is asked")
    func computedRelevance() throws {
        let teen = try check(["age": .value("14"), "areas_affected": .values(["MOB"])])
        #expect(teen.problems.map(\.field) == ["school_year"])
        let child = try check(["age": .value("9"), "areas_affected": .values(["MOB"]), "school_year": .value("Year 4")])
        #expect(child.isValid)
        #expect(child.answers["school_year"] == nil)
        #expect(child.answers["is_teenager"] == .computed(.false))
    }

    @Test("a code the code list marks as 'only on its own' cannot be chosen with others")
    func exclusiveCode() throws {
        let both = try check(["age": .value("9"), "areas_affected": .values(["MOB", "NONE"])])
        #expect(both.problems.first?.message == "Select \"None of these\" on its own, or the other options without it")
        #expect(try check(["age": .value("9"), "areas_affected": .values(["NONE"])]).isValid)
    }
}
