// Each limit of the form language: a form at the limit loads, one just past it is refused at its line.
import Forms
import Testing

/// A form in the form language, made to size: `sections` sections of `fields` short text questions each
/// (`q0`, `q1`, ...), then `extra` inside the last section.
private func sizedForm(sections: Int = 1, fields: Int = 1, extra: String = "", sectionRelevant: String? = nil) -> String {
    var text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <form xmlns="urn:heeded:form:1" id="sized" version="1" title="Sized" audience="parent" legal-basis="s17">

        """
    var question = 0
    for section in 0 ..< sections {
        let relevant = sectionRelevant.map { " relevant=\"\($0)\"" } ?? ""
        text += "  <section id=\"s\(section)\" title=\"Section\"\(section == 0 ? relevant : "")>\n"
        for _ in 0 ..< fields {
            text += "    <text id=\"q\(question)\"><label>Question</label></text>\n"
            question += 1
        }
        if section == sections - 1 { text += extra }
        text += "  </section>\n"
    }
    return text + "</form>\n"
}

/// The problems loading one form file reports, none if it loads.
private func problems(_ form: String, codeLists: String? = nil) throws -> [String] {
    var files = ["sized.xml": form]
    if let codeLists { files["codelists/lists.xml"] = codeLists }
    return try FormFolder(files).problems().map { "\($0.line): \($0.message)" }
}

@Suite("Form definition limits")
struct FormLimitsTests {
    @Test("a form of 100 sections loads; the 101st section is refused")
    func sections() throws {
        #expect(try problems(sizedForm(sections: 100)) == [])
        #expect(try problems(sizedForm(sections: 101)) == ["303: form \"sized\" has more than 100 sections; the limit is 100"])
    }

    @Test("a form of 1,000 questions loads; the 1,001st question is refused")
    func questions() throws {
        #expect(try problems(sizedForm(sections: 2, fields: 500)) == [])
        #expect(try problems(sizedForm(sections: 2, fields: 500, extra: "    <text id=\"one_more\"><label>L</label></text>\n"))
            == ["1006: form \"sized\" has more than 1000 questions; the limit is 1000"])
    }

    @Test("a form of 50 repeating groups loads; the 51st is refused")
    func repeatingGroups() throws {
        let groups = { (count: Int) in
            (0 ..< count).map { "    <repeat id=\"r\($0)\"><label>L</label><text id=\"r\($0)_name\"><label>L</label></text></repeat>\n" }
                .joined()
        }
        #expect(try problems(sizedForm(extra: groups(50))) == [])
        #expect(try problems(sizedForm(extra: groups(51))) == ["55: form \"sized\" has more than 50 repeating groups; the limit is 50"])
    }

    @Test("a code list of 2,000 codes loads; the 2,001st code is refused")
    func codeListSize() throws {
        let list = { (count: Int) in
            "<codelists xmlns=\"urn:heeded:form:1\">\n<codelist id=\"big\" title=\"Big\">\n"
                + (0 ..< count).map { "<code value=\"c\($0)\">Code</code>\n" }.joined() + "</codelist>\n</codelists>\n"
        }
        #expect(try problems(sizedForm(), codeLists: list(2_000)) == [])
        #expect(try problems(sizedForm(), codeLists: list(2_001)) == ["2003: code list \"big\" has more than 2000 codes; the limit is 2000"])
    }

    @Test("a question of 2,000 options loads; the 2,001st option is refused")
    func options() throws {
        let choice = { (count: Int) in
            "    <choice id=\"pick\"><label>L</label>\n" + (0 ..< count).map { "<option value=\"o\($0)\">O</option>\n" }.joined()
                + "</choice>\n"
        }
        #expect(try problems(sizedForm(extra: choice(2_000))) == [])
        #expect(try problems(sizedForm(extra: choice(2_001))) == ["2006: question \"pick\" has more than 2000 options; the limit is 2000"])
    }

    @Test("an expression of 2,000 characters loads; one of 2,001 is refused at its attribute")
    func expressionLength() throws {
        let expression = { (length: Int) in "q0 = &quot;" + String(repeating: "x", count: length - 7) + "&quot;" }
        #expect(try problems(sizedForm(sectionRelevant: expression(2_000))) == [])
        #expect(try problems(sizedForm(sectionRelevant: expression(2_001)))
            == ["3: relevant is 2001 characters long; the limit for an expression is 2000"])
    }

    @Test("a form's expressions may come to 20,000 characters together, not one more")
    func expressionBudget() throws {
        let relevant = "q0 = &quot;" + String(repeating: "x", count: 2_000 - 7) + "&quot;"
        let fields = { (count: Int) in
            (1 ... count).map { "    <text id=\"t\($0)\" relevant=\"\(relevant)\"><label>L</label></text>\n" }.joined()
        }
        #expect(try problems(sizedForm(extra: fields(10))) == [])
        #expect(try problems(sizedForm(extra: fields(11)))
            == ["15: the form's expressions come to more than 20000 characters here; the limit is 20000"])
    }

    @Test("brackets nested 6 deep load; 7 deep are refused; brackets inside a string do not count")
    func expressionNesting() throws {
        let nested = { (depth: Int) in String(repeating: "(", count: depth) + "q0 = null" + String(repeating: ")", count: depth) }
        #expect(try problems(sizedForm(sectionRelevant: nested(6))) == [])
        #expect(try problems(sizedForm(sectionRelevant: "q0 = &quot;((((((((&quot;")) == [])
        let refused = try problems(sizedForm(sectionRelevant: nested(7)))
        #expect(refused.count == 1)
        #expect(refused.first?.hasSuffix("nests brackets more than 6 deep; the limit is 6") == true)
    }

    @Test("a max-length of 100,000 loads and one of 100,001 is refused; without one a text takes 500 characters")
    func maxLength() throws {
        let long = { (length: Int) in "    <long-text id=\"story\" max-length=\"\(length)\"><label>L</label></long-text>\n" }
        #expect(try problems(sizedForm(extra: long(100_000))) == [])
        #expect(try problems(sizedForm(extra: long(100_001)))
            == ["5: max-length=\"100001\" is more than 100000 characters, the most Heeded accepts"])
        let form = try #require(try FormFolder(["sized.xml": sizedForm()]).load().form("sized"))
        guard case .text(let maxLength, _)? = form.field("q0")?.kind else {
            Issue.record("q0 should be a text question")
            return
        }
        #expect(maxLength == FormLimits.shortTextLength)
    }

    @Test("a repeating group may allow 1,000 items, not 1,001; without a max it takes 100")
    func repeatMax() throws {
        let group = { (max: String) in
            "    <repeat id=\"people\"\(max)><label>L</label><text id=\"person\"><label>L</label></text></repeat>\n"
        }
        #expect(try problems(sizedForm(extra: group(" max=\"1000\""))) == [])
        #expect(try problems(sizedForm(extra: group(" max=\"1001\"")))
            == ["5: max=\"1001\" is more than 1000 items, the most Heeded accepts"])
        let form = try #require(try FormFolder(["sized.xml": sizedForm(extra: group(""))]).load().form("sized"))
        guard case .repeat(_, let max, _)? = form.field("people")?.kind else {
            Issue.record("people should be a repeating group")
            return
        }
        #expect(max == FormLimits.repeatItems)
    }

    @Test("a form file with more attributes on one element than the XML limit is refused, naming the file and line")
    func tooManyAttributes() throws {
        let form = "<form xmlns=\"urn:heeded:form:1\"\n" + (1 ... 64).map { " a\($0)=\"v\"" }.joined() + "/>\n"
        let found = try FormFolder(["hostile.xml": form]).problems()
        #expect(found.count == 1)
        #expect(found.first?.file.hasSuffix("hostile.xml") == true)
        #expect(found.first?.line == 2)
        #expect(found.first?.message.contains("more than 64 attributes") == true)
    }
}
