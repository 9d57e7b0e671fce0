// Well-formed documents come back as plain values; malformed ones say where they are wrong.
import HeededXML
import Testing

@Suite("Parsing and locating")
struct ParsingTests {
    @Test("elements, attributes, text and namespaces are copied out with their places")
    func walksTheTree() throws {
        let root = try XML.parse(Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <f:form xmlns:f="urn:example" xmlns:x="urn:other" id="needs">
              <f:label>Ask for help — for Zoë</f:label>
                <f:field
                   id="name" x:note="n"/>
              <![CDATA[a < b]]>
            </f:form>
            """.utf8), file: "example.xml")
        #expect(root.name == "form")
        #expect(root.namespace == "urn:example")
        #expect(root.attribute("id") == "needs")
        #expect(root.location == XMLLocation(file: "example.xml", line: 2, column: 1))
        let label = try #require(root.child(named: "label"))
        #expect(label.text == "Ask for help — for Zoë")
        let field = try #require(root.child(named: "field"))
        #expect(field.location.line == 4 && field.location.column == 5)
        #expect(field.location(ofAttribute: "id") == XMLLocation(file: "example.xml", line: 5, column: 8))
        #expect(field.attribute("note", namespace: "urn:other") == "n")
        #expect(field.namespaceURI(forPrefix: "x") == "urn:other")
        #expect(root.text.contains("a < b"))
    }

    @Test("a mismatched tag is reported at its line and column")
    func malformed() {
        do {
            _ = try XML.parse(Array("<form>\n  <label>Hello</labl>\n</form>".utf8), file: "bad.xml")
            Issue.record("expected an error")
        } catch {
            let first = error.problems[0]
            #expect(first.file == "bad.xml")
            #expect(first.line == 2)
            #expect(first.column > 1)
            #expect(first.description.hasPrefix("bad.xml:2:"))
        }
    }

    @Test("a missing file is reported against its path")
    func missingFile() {
        #expect(throws: XMLErrors.self) { try XML.load(file: "/nonexistent/form.xml") }
    }
}
