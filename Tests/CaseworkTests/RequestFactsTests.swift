// Reading request facts: exactly what the contract allows, and a clear refusal naming the key otherwise.
import Casework
import Foundation
import Testing

@Suite("Reading request facts")
struct RequestFactsTests {
    static let valid = """
        {"child": {"age_years": 7, "disability_codes": ["AUT", "COMM"], "diagnosis_status": "confirmed"},
         "requester": {"relationship": "mother", "parental_responsibility": true, "adult": true},
         "referral_source": "1A", "requests": ["help-at-home"],
         "parent_carer": {"assessment_requested": false, "strain_count": 3},
         "parent_disability_or_illness": false, "young_carers": 0,
         "concerns": [{"code": "self-injury", "about": "child"}]}
        """

    private func refusal(_ change: (String) -> String) -> String {
        do {
            _ = try RequestFacts(json: change(Self.valid))
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test("a document as the contract shows it is read into typed facts")
    func valid() throws {
        let facts = try RequestFacts(json: Self.valid)
        #expect(facts.child.disabilityCodes == [.autism, .communication])
        #expect(facts.concerns == [.init(code: .selfInjury, about: .child)])
    }

    @Test("each kind of bad input is refused with the key and what was expected", arguments: [
        ("\"age_years\": 7", "\"age_years\": \"seven\"", "child.age_years: expected a whole number from 0 to 25"),
        ("\"age_years\": 7", "\"age_years\": 26", "child.age_years: expected a whole number from 0 to 25"),
        ("\"adult\": true", "\"adult\": \"yes\"", "requester.adult: expected true or false"),
        ("\"AUT\", \"COMM\"", "\"AUT\", \"AUTISM\"", "child.disability_codes[1]: \"AUTISM\" is not a CIN census disability code"),
        ("\"AUT\", \"COMM\"", "\"NONE\", \"COMM\"", "child.disability_codes: NONE may only stand alone"),
        ("\"code\": \"self-injury\"", "\"code\": \"meltdown\"", "concerns[0].code: \"meltdown\" is not a concern code"),
        ("\"referral_source\": \"1A\",", "", "referral_source: missing"),
        ("{\"child\"", "[\"child\"", "expected"),
    ])
    func refused(original: String, replacement: String, message: String) {
        #expect(refusal { $0.replacingOccurrences(of: original, with: replacement) }.hasPrefix(message) || refusal { $0.replacingOccurrences(of: original, with: replacement) }.contains(message),
                "\(refusal { $0.replacingOccurrences(of: original, with: replacement) })")
    }

    @Test("in JSON Lines, the bad line is named by number")
    func lines() {
        let line = Self.valid.split(separator: "\n").joined(separator: " ")
        let data = Data((line + "\n" + line.replacingOccurrences(of: "\"mother\"", with: "\"aunt\"") + "\n").utf8)
        #expect(throws: RequestFactsLineError.self) { try RequestFacts.lines(data) }
        do {
            _ = try RequestFacts.lines(data)
        } catch {
            #expect(error.line == 2)
            #expect(error.description.contains("requester.relationship"))
        }
    }
}
