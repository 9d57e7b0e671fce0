// Answers have limits too: length, items, choices and hidden characters, each told beside its question.
import FEEL
import Forms
import Foundation
import Testing

@Suite("Limits on answers")
struct AnswerLimitTests {
    static let form = """
        <?xml version="1.0" encoding="UTF-8"?>
        <form xmlns="urn:heeded:form:1" id="limits" version="1" title="About your family" audience="parent" legal-basis="s17">
          <section id="you" title="About you">
            <text id="name"><label>Your name</label></text>
            <long-text id="story"><label>Tell us about your family</label></long-text>
            <long-text id="history" max-length="20000"><label>What has happened so far</label></long-text>
            <number id="age"><label>Your age</label></number>
            <choice id="contact"><label>How should we contact you?</label>
              <option value="phone">Phone</option><option value="email">Email</option>
            </choice>
            <multi-choice id="help"><label>What would help?</label>
              <option value="short-breaks">Short breaks</option>
              <option value="equipment">Equipment</option>
              <option value="advice">Advice</option>
            </multi-choice>
            <repeat id="household"><label>People at home</label>
              <text id="person"><label>Name</label></text>
            </repeat>
          </section>
        </form>
        """

    let library: FormLibrary
    let form: FormDefinition

    init() throws {
        library = try FormFolder(["limits.xml": Self.form]).load()
        form = try #require(library.form("limits"))
    }

    private func messages(_ answers: [String: RawAnswer]) -> [String: String] {
        let result = form.check(answers, library: library, today: FEELDate(iso: "2026-01-15")!)
        return Dictionary(result.problems.map { ($0.field, $0.message) }) { first, _ in first }
    }

    @Test("a short text takes 500 characters unless the form says otherwise; one more is refused")
    func shortText() {
        #expect(messages(["name": .value(String(repeating: "a", count: 500))]) == [:])
        #expect(messages(["name": .value(String(repeating: "a", count: 501))]) == ["name": "Your name must be 500 characters or fewer"])
    }

    @Test("characters are counted, not bytes: 500 accented letters are 500 characters")
    func charactersNotBytes() {
        #expect(messages(["name": .value(String(repeating: "é", count: 500))]) == [:])
    }

    @Test("a long text takes 10,000 characters, or what the form allows")
    func longText() {
        #expect(messages(["story": .value(String(repeating: "a", count: 10_000))]) == [:])
        #expect(messages(["story": .value(String(repeating: "a", count: 10_001))]) == ["story": "Tell us about your family must be 10,000 characters or fewer"])
        #expect(messages(["history": .value(String(repeating: "a", count: 20_000))]) == [:])
        #expect(messages(["history": .value(String(repeating: "a", count: 20_001))]) == ["history": "What has happened so far must be 20,000 characters or fewer"])
    }

    @Test("a NUL or other control character is refused wherever it is; tabs and new lines are not")
    func hiddenCharacters() {
        let message = "Remove the hidden characters from your answer (they can come with text you paste)"
        #expect(messages(["name": .value("Sam\u{0}Okafor")]) == ["name": message])
        #expect(messages(["story": .value("Line one\u{1B}[2J")]) == ["story": message])
        #expect(messages(["contact": .value("phone\u{7F}")]) == ["contact": message])
        #expect(messages(["help": .values(["advice", "equipment\u{85}"])]) == ["help": message])
        #expect(messages(["household": .items([["person": .value("Ellie\u{0}")]])]) == ["household[0].person": message])
        #expect(messages(["story": .value("Line one\r\nLine two\n\tindented")]) == [:])
    }

    @Test("a repeating group without a max takes 100 items; the 101st is refused")
    func repeatItems() {
        let items = { (count: Int) in RawAnswer.items((0 ..< count).map { ["person": .value("Person \($0)")] }) }
        #expect(messages(["household": items(100)]) == [:])
        #expect(messages(["household": items(101)]) == ["household": "Add no more than 100"])
    }

    @Test("a multiple choice takes each option once, and no more values than there are options")
    func multipleChoice() {
        #expect(messages(["help": .values(["short-breaks", "equipment", "advice"])]) == [:])
        #expect(messages(["help": .values(Array(repeating: "advice", count: 100_000))]) == ["help": "Select no more than 3 options"])
        #expect(messages(["help": .values(["advice", "advice"])]) == ["help": "Select each option only once"])
    }

    @Test("an answer far too long for its kind is refused without being quoted back")
    func oversizedValues() {
        let huge = String(repeating: "9", count: 1_000_000)
        #expect(messages(["age": .value(huge)]) == ["age": "Enter your age as a number, like 3"])
        #expect(messages(["contact": .value(huge)]) == ["contact": "Select one of the options for this question"])
        #expect(messages(["contact": .value("pigeon")]) == ["contact": "\"pigeon\" is not one of the options for this question"])
    }

    @Test("answers in JSON nest two levels at most: an item's answer cannot be another list of items")
    func jsonNesting() throws {
        let nested = #"{"household": [{"person": [{"person": "Ellie"}]}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: RawAnswer].self, from: Data(nested.utf8)) }
        let deep = String(repeating: #"[{"a": "#, count: 5_000) + "1" + String(repeating: "}]", count: 5_000)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RawAnswer.self, from: Data(deep.utf8)) }
        let items = #"{"household": [{"person": "Ellie", "ages": ["11"]}]}"#
        let decoded = try JSONDecoder().decode([String: RawAnswer].self, from: Data(items.utf8))
        #expect(decoded["household"] == .items([["person": .value("Ellie"), "ages": .values(["11"])]]))
    }
}
