// Each document limit: a document at the limit loads, one just past it is refused, saying where and why.
import HeededXML
import Testing

@Suite("Document limits")
struct LimitTests {
    private func load(_ text: String, limits: XMLLimits = .default) throws(XMLErrors) -> XMLElement {
        try XML.parse(Array(text.utf8), file: "limits.xml", limits: limits)
    }

    /// The one problem a document past a limit is refused with.
    private func refusal(_ text: String, limits: XMLLimits = .default) -> XMLProblem? {
        do {
            let root = try load(text, limits: limits)
            Issue.record("expected a refusal, got <\(root.name)>")
            return nil
        } catch {
            #expect(error.problems.count == 1, "\(error.problems)")
            return error.problems.first
        }
    }

    private func elements(_ count: Int) -> String {
        "<list>\n" + String(repeating: "<item/>\n", count: count - 1) + "</list>"
    }

    private func nested(_ depth: Int) -> String {
        String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    }

    private func attributes(_ count: Int) -> String {
        "<form\n  " + (1 ... count).map { "a\($0)=\"v\"" }.joined(separator: " ") + "/>"
    }

    @Test("a document of exactly the size limit loads; one byte more is refused")
    func size() throws {
        let text = "<form>" + String(repeating: "x", count: 1_000 - 13) + "</form>"
        #expect(text.utf8.count == 1_000)
        _ = try load(text, limits: XMLLimits(maxBytes: 1_000))
        #expect(refusal(text + " ", limits: XMLLimits(maxBytes: 1_000))?.message.contains("limit is 1000 bytes") == true)
    }

    @Test("elements nested exactly as deep as the limit load; one level more is refused at its tag")
    func depth() throws {
        _ = try load(nested(10), limits: XMLLimits(maxDepth: 10))
        let problem = refusal(nested(11), limits: XMLLimits(maxDepth: 10))
        #expect(problem?.message == "elements are nested more than 10 deep")
        #expect(problem?.column == 31)
    }

    @Test("exactly the most elements allowed load; one more is refused at its line")
    func elementCount() throws {
        let root = try load(elements(50), limits: XMLLimits(maxElements: 50))
        #expect(root.children.count == 49)
        let problem = refusal(elements(51), limits: XMLLimits(maxElements: 50))
        #expect(problem?.message == "the document has more than 50 elements; the limit is 50")
        #expect(problem?.line == 51)
    }

    @Test("an element with the most attributes allowed loads; one more is refused at that attribute")
    func attributeCount() throws {
        let root = try load(attributes(8), limits: XMLLimits(maxAttributesPerElement: 8))
        #expect(root.attributes.count == 8)
        let problem = refusal(attributes(9), limits: XMLLimits(maxAttributesPerElement: 8))
        #expect(problem?.message.hasPrefix("<form> has more than 8 attributes") == true)
        #expect(problem?.line == 2 && problem?.column == 59)
    }

    @Test("namespace declarations count towards the attributes of an element")
    func namespaceDeclarationsCount() {
        let text = "<form xmlns=\"urn:a\" xmlns:b=\"urn:b\" id=\"x\"/>"
        #expect(refusal(text, limits: XMLLimits(maxAttributesPerElement: 2))?.message.contains("more than 2 attributes") == true)
    }

    @Test("an attribute value of exactly the limit loads; one byte more is refused at the attribute")
    func attributeLength() throws {
        let value = String(repeating: "v", count: 100)
        #expect(try load("<form id=\"\(value)\"/>", limits: XMLLimits(maxAttributeBytes: 100)).attribute("id") == value)
        let problem = refusal("<form\n id=\"\(value)v\"/>", limits: XMLLimits(maxAttributeBytes: 100))
        #expect(problem?.message == "the value of id is longer than 100 bytes, the limit")
        #expect(problem?.line == 2 && problem?.column == 2)
    }

    @Test("a text of exactly the limit loads; one byte more is refused where it starts, CDATA too")
    func textLength() throws {
        let text = String(repeating: "t", count: 100)
        #expect(try load("<form>\(text)</form>", limits: XMLLimits(maxTextBytes: 100)).text == text)
        #expect(try load("<form><![CDATA[\(text)]]></form>", limits: XMLLimits(maxTextBytes: 100)).text == text)
        let problem = refusal("<form>\n<label>\(text)t</label></form>", limits: XMLLimits(maxTextBytes: 100))
        #expect(problem?.message == "the text that starts here is longer than 100 bytes, the limit")
        #expect(problem?.line == 2 && problem?.column == 8)
        #expect(refusal("<form><![CDATA[\(text)t]]></form>", limits: XMLLimits(maxTextBytes: 100)) != nil)
    }

    @Test("a schema's problems are kept up to the limit, and the rest counted in a last one")
    func problemCount() throws {
        let schema = try XMLSchema(bytes: Array("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="list"><xs:complexType><xs:sequence>
                <xs:element name="item" maxOccurs="unbounded" type="xs:integer"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """.utf8), file: "list.xsd")
        let document = "<list>\n" + String(repeating: "<item>x</item>\n", count: 15) + "</list>"
        do {
            _ = try XML.parse(Array(document.utf8), file: "list.xml", schema: schema, limits: XMLLimits(maxProblems: 10))
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.count == 11)
            #expect(error.problems.last?.message == "and 5 more problems in this file, not shown")
            #expect(error.problems.last?.line == 11)
        }
    }

    @Test("a fake tag inside a comment or CDATA counts for nothing and misplaces nothing")
    func markupInsideCommentsAndCDATA() throws {
        let root = try load("""
            <form><!-- <label id="fake"> --><![CDATA[ <label> ]]>
              <label id="real"/></form>
            """, limits: XMLLimits(maxElements: 2))
        let label = try #require(root.child(named: "label"))
        #expect(label.location.line == 2 && label.location.column == 3)
        #expect(label.location(ofAttribute: "id") == XMLLocation(file: "limits.xml", line: 2, column: 10))
    }

    @Test("every attribute on one long line is placed at its own column")
    func columnsOnALongLine() throws {
        let root = try load(attributes(60))
        for (index, attribute) in root.attributes.enumerated() {
            let column = 3 + (0 ..< index).map { "a\($0 + 1)=\"v\" ".count }.reduce(0, +)
            #expect(attribute.location == XMLLocation(file: "limits.xml", line: 2, column: column))
        }
    }
}

@Suite("Hostile documents at scale")
struct HostileScaleTests {
    private func problems(_ bytes: [UInt8]) -> [XMLProblem] {
        do {
            _ = try XML.parse(bytes, file: "hostile.xml")
            Issue.record("expected a refusal")
            return []
        } catch {
            return error.problems
        }
    }

    /// `opening`, `middle` repeated `count` times, then `closing`, as bytes. The repeats are made by doubling,
    /// since `String(repeating:count:)` appends one at a time and these run to megabytes.
    private func document(_ opening: String, _ middle: String, count: Int, _ closing: String) -> [UInt8] {
        var repeated = Array(middle.utf8)
        let length = repeated.count * count
        while repeated.count < length { repeated += repeated }
        return Array(opening.utf8) + repeated[..<length] + Array(closing.utf8)
    }

    @Test("a 3 MB element with 200,000 attributes is refused at the first attribute over the limit")
    func twoHundredThousandAttributes() {
        // `a000000="value"` to `a199999="value"`, the name counted up in place.
        var bytes = Array("<form\n".utf8)
        var attribute = Array(" a000000=\"value\"".utf8)
        for _ in 0 ..< 200_000 {
            bytes += attribute
            var digit = 7
            while attribute[digit] == UInt8(ascii: "9") {
                attribute[digit] = UInt8(ascii: "0")
                digit -= 1
            }
            attribute[digit] += 1
        }
        bytes += Array("/>".utf8)
        #expect(bytes.count > 3_000_000 && bytes.count < XMLLimits.default.maxBytes)
        let found = problems(bytes)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("<form> has more than 64 attributes") == true)
        #expect(found.first?.line == 2)
    }

    @Test("a million elements are refused at the first one over the limit")
    func millionElements() {
        let found = problems(document("<r>", "<a/>", count: 1_000_000, "</r>"))
        #expect(found.map(\.message) == ["the document has more than 100000 elements; the limit is 100000"])
    }

    @Test("elements nested a million deep are refused at the first one over the limit")
    func millionDeep() {
        let found = problems(document("", "<a>", count: 1_000_000, ""))
        #expect(found.map(\.message) == ["elements are nested more than 128 deep"])
    }

    @Test("a 3 MB attribute value is refused")
    func hugeAttributeValue() {
        let found = problems(document("<form id=\"", "x", count: 3_000_000, "\"/>"))
        #expect(found.map(\.message) == ["the value of id is longer than 65536 bytes, the limit"])
    }

    @Test("a 3 MB text is refused")
    func hugeText() {
        let found = problems(document("<form>", "x", count: 3_000_000, "</form>"))
        #expect(found.map(\.message) == ["the text that starts here is longer than 262144 bytes, the limit"])
    }
}
