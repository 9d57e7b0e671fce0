// Test support: write form files to a temporary folder, and find the repository's shipped forms.
import Foundation
@testable import Forms
import HeededXML

/// The repository root, found from this file's place in Tests/FormsTests.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A throwaway folder of form files, removed when the test's value goes away.
final class FormFolder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-forms-\(UUID())")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("codelists"), withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    func load() throws(XMLErrors) -> FormLibrary { try FormLibrary.load(paths: [path]) }

    /// The problems a load reports; none if it loads.
    func problems() -> [XMLProblem] {
        do {
            _ = try load()
            return []
        } catch {
            return error.problems
        }
    }
}

/// A small form in the form language, used across the tests. Line numbers matter to the tests that edit it.
let householdForm = """
    <?xml version="1.0" encoding="UTF-8"?>
    <form xmlns="urn:heeded:form:1" id="household-check" version="1" title="About your family"
          audience="parent" legal-basis="Children Act 1989 s17">
      <codelist id="contact" title="Ways to contact you">
        <code value="phone">Phone</code>
        <code value="email">Email</code>
      </codelist>
      <section id="you" title="About you">
        <text id="name" required="true"><label>Your name</label></text>
        <number id="age" required="true" min="0" max="120" integer="true"><label>Your age</label></number>
        <yes-no id="has_pr" required="true"><label>Do you have parental responsibility?</label></yes-no>
        <long-text id="pr_details" required="true" relevant="has_pr = false"><label>Who has it?</label></long-text>
        <code id="contact_by" list="contact" required="true"><label>How should we contact you?</label></code>
        <text id="email" relevant="contact_by = &quot;email&quot;" required="true">
          <label>Email address</label>
          <constraint test="contains(email, &quot;@&quot;)">Enter an email address like name@example.com</constraint>
        </text>
        <date id="child_dob" required="true" not-future="true"><label>Child's date of birth</label></date>
        <multi-choice id="help" required="true">
          <label>What would help?</label>
          <option value="short-breaks">Short breaks</option>
          <option value="equipment">Equipment</option>
          <option value="none" exclusive="true">None of these</option>
        </multi-choice>
      </section>
      <section id="family" title="Your family">
        <repeat id="household" max="10">
          <label>People at home</label>
          <text id="person" required="true"><label>Name</label></text>
          <number id="person_age" required="true" min="0" max="120"><label>Age</label></number>
          <yes-no id="helps" required="true"><label>Helps with caring?</label></yes-no>
          <long-text id="what_they_do" required="true" relevant="helps = true"><label>What do they do?</label></long-text>
        </repeat>
        <computed id="young_carer_count" expr="count(household[helps = true and person_age &lt; 18])">
          <label>Young carers</label>
        </computed>
      </section>
      <bindings>
        <bind fact="young_carers" expr="count(household[helps = true and person_age &lt; 18])"/>
        <bind fact="requester.adult" expr="age >= 18"/>
        <bind fact="child.age_years" expr="years and months duration(child_dob, received_date).years"/>
      </bindings>
    </form>
    """
