// Loading form definitions: the shipped forms load, and every kind of mistake is reported at its line.
import Foundation
import Forms
import HeededXML
import Testing

@Suite("Loading form definitions")
struct FormLoadingTests {
    @Test("every shipped form loads, with the census code lists")
    func shippedFormsLoad() throws {
        let library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
        let ids = Set(library.forms.map(\.id))
        for expected in [
            "needs-request", "triage-decision", "child-in-need-assessment", "parent-carer-assessment",
            "young-carer-assessment", "ehc-social-care-advice", "need", "provision", "delivery",
        ] {
            #expect(ids.contains(expected), "missing shipped form \(expected)")
        }
        #expect(library.codeLists["cin-disability"]?.code("AUT") != nil)
        #expect(library.form("needs-request")?.audience == .parent)
    }

    @Test("the needs request binds every request fact except the duty worker's coding and judgement")
    func needsRequestBindings() throws {
        let library = try FormLibrary.load(paths: [repositoryRoot.appendingPathComponent("Forms").path])
        let request = try #require(library.form("needs-request"))
        let bound = Set(request.bindings.map(\.fact))
        #expect(bound == Set(RequestFactKeys.all).subtracting(["concerns", "child.independently_mobile", "child.disability_dominant"]))
        let triage = try #require(library.form("triage-decision"))
        #expect(triage.bindings.contains { $0.fact == "concerns" })
    }

    @Test("a well-formed form loads into typed questions")
    func typedQuestions() throws {
        let library = try FormFolder(["household.xml": householdForm]).load()
        let form = try #require(library.form("household-check", version: 1))
        #expect(form.sections.map(\.id) == ["you", "family"])
        #expect(form.field("age")?.required == true)
        #expect(form.field("what_they_do") != nil, "fields inside repeats are found")
        guard case .number(let min, let max, let integer, _)? = form.field("age")?.kind else {
            Issue.record("age should be a number question")
            return
        }
        #expect(min == 0 && max == 120 && integer)
    }

    @Test("documents held in memory load as files do, and their problems name the document")
    func documentsInMemory() throws {
        let library = try FormLibrary.load(documents: [(file: "household.xml", bytes: Array(householdForm.utf8))])
        #expect(library.form("household-check")?.field("age") != nil)
        let broken = householdForm.replacingOccurrences(of: "<label>Your age</label>", with: "<label>Your age</lable>")
        var problems: [XMLProblem] = []
        do {
            _ = try FormLibrary.load(documents: [(file: "household.xml", bytes: Array(broken.utf8))])
        } catch {
            problems = error.problems
        }
        #expect(problems.first.map { $0.file == "household.xml" && $0.line == 10 } == true, "\(problems)")
    }

    @Test("malformed XML is reported with its file and line")
    func malformedXML() throws {
        let broken = householdForm.replacingOccurrences(of: "<label>Your age</label>", with: "<label>Your age</lable>")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.first.map { $0.file.hasSuffix("household.xml") && $0.line == 10 } == true, "\(problems)")
    }

    @Test("an element the form language does not have is an XSD violation at its line")
    func schemaViolation() throws {
        let broken = householdForm.replacingOccurrences(of: "<yes-no id=\"has_pr\"", with: "<yesno id=\"has_pr\"")
            .replacingOccurrences(of: "</yes-no>\n    <long-text", with: "</yesno>\n    <long-text")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 11 }, "\(problems)")
    }

    @Test("a field id used twice is reported at the second use")
    func duplicateID() throws {
        let broken = householdForm.replacingOccurrences(of: "<date id=\"child_dob\"", with: "<date id=\"age\"")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 18 && $0.message.contains("\"age\" is used twice") }, "\(problems)")
    }

    @Test("an expression naming a question that does not exist is a dangling reference")
    func danglingReference() throws {
        let broken = householdForm.replacingOccurrences(of: "relevant=\"has_pr = false\"", with: "relevant=\"has_parental = false\"")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 12 && $0.message.contains("\"has_parental\"") }, "\(problems)")
    }

    @Test("an expression that does not parse is reported at its attribute")
    func unparsableExpression() throws {
        let broken = householdForm.replacingOccurrences(of: "relevant=\"has_pr = false\"", with: "relevant=\"has_pr = = false\"")
        let problems = try FormFolder(["household.xml": broken]).problems()
        let problem = try #require(problems.first { $0.message.contains("not a valid expression") }, "\(problems)")
        #expect(problem.line == 12)
        #expect(problem.column == 48)
    }

    @Test("a code that is not in its code list is reported")
    func unknownCode() throws {
        let broken = householdForm.replacingOccurrences(
            of: "<label>How should we contact you?</label></code>",
            with: "<label>How should we contact you?</label><option value=\"pigeon\">Pigeon</option></code>")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 13 && $0.message.contains("\"pigeon\"") }, "\(problems)")
    }

    @Test("a code list that does not exist is reported, naming the lists there are")
    func unknownCodeList() throws {
        let broken = householdForm.replacingOccurrences(of: "list=\"contact\"", with: "list=\"contacts\"")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 13 && $0.message.contains("contacts") && $0.message.contains("contact") }, "\(problems)")
    }

    @Test("a field id that FEEL reads as its own word is refused")
    func reservedID() throws {
        let broken = householdForm.replacingOccurrences(of: "<text id=\"name\"", with: "<text id=\"count\"")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 9 && $0.message.contains("\"count\" is a word FEEL uses") }, "\(problems)")
    }

    @Test("a binding must name a real request fact")
    func unknownFact() throws {
        let broken = householdForm.replacingOccurrences(of: "fact=\"requester.adult\"", with: "fact=\"requester.grown_up\"")
        let problems = try FormFolder(["household.xml": broken]).problems()
        #expect(problems.contains { $0.line == 40 && $0.message.contains("requester.grown_up") }, "\(problems)")
    }

    @Test("problems in several files are all reported, not just the first")
    func allProblems() throws {
        let first = householdForm.replacingOccurrences(of: "list=\"contact\"", with: "list=\"contacts\"")
        let second = householdForm.replacingOccurrences(of: "id=\"household-check\"", with: "id=\"second\"")
            .replacingOccurrences(of: "relevant=\"has_pr = false\"", with: "relevant=\"nobody = false\"")
        let problems = try FormFolder(["a.xml": first, "b.xml": second]).problems()
        #expect(Set(problems.map { URL(fileURLWithPath: $0.file).lastPathComponent }) == ["a.xml", "b.xml"])
    }

    @Test("8 concurrent loads of the shipped forms agree")
    func concurrentLoads() async throws {
        let path = repositoryRoot.appendingPathComponent("Forms").path
        let outlines = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let library = try FormLibrary.load(paths: [path])
                    return library.forms.sorted { $0.id < $1.id }
                        .map { "\($0.id)@\($0.version):\($0.allFields.map(\.id).joined(separator: ","))" }
                        .joined(separator: ";")
                }
            }
            var all: [String] = []
            for try await outline in group { all.append(outline) }
            return all
        }
        #expect(outlines.count == 8)
        #expect(Set(outlines).count == 1)
        #expect(outlines.first?.isEmpty == false)
    }
}
