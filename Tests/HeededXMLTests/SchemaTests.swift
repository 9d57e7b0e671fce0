// Documents are checked against an XSD; errors name the line; concurrent loads do not interfere.
import HeededXML
import Testing

private let schemaText = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t"
               elementFormDefault="qualified">
      <xs:element name="list">
        <xs:complexType><xs:sequence>
          <xs:element name="item" maxOccurs="unbounded">
            <xs:complexType><xs:attribute name="n" type="xs:positiveInteger" use="required"/></xs:complexType>
          </xs:element>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
    """

@Suite("Schema validation")
struct SchemaTests {
    let schema: XMLSchema

    init() throws {
        schema = try XMLSchema(bytes: Array(schemaText.utf8), file: "t.xsd")
    }

    private func document(_ items: [String]) -> [UInt8] {
        Array(("<list xmlns=\"urn:t\">\n" + items.map { "  <item n=\"\($0)\"/>" }.joined(separator: "\n") + "\n</list>").utf8)
    }

    @Test("a valid document passes")
    func valid() throws {
        let root = try XML.parse(document(["1", "2"]), file: "ok.xml", schema: schema)
        #expect(root.children.count == 2)
    }

    @Test("a violation is reported at the offending line, without namespace noise")
    func invalid() {
        do {
            _ = try XML.parse(document(["1", "zero"]), file: "bad.xml", schema: schema)
            Issue.record("expected a violation")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].line == 3)
            #expect(error.problems[0].message.contains("'zero'"))
            #expect(!error.problems[0].message.contains("{urn:t}"))
        }
    }

    @Test("a malformed schema is reported against the schema's own file")
    func malformedSchema() {
        do {
            _ = try XMLSchema(bytes: Array("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<oops".utf8), file: "broken.xsd")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.allSatisfy { $0.file == "broken.xsd" })
        }
    }

    @Test("8 concurrent tasks loading good and bad documents each see only their own errors")
    func concurrentLoads() async {
        let schema = self.schema
        let results = await withTaskGroup(of: (Int, [String]).self) { group in
            for task in 0..<8 {
                group.addTask {
                    var seen: [String] = []
                    for round in 0..<50 {
                        let bad = (task + round) % 2 == 0
                        let file = "task\(task)-round\(round).xml"
                        let bytes = Array(("<list xmlns=\"urn:t\">\n<item n=\"\(bad ? "x\(task)" : "7")\"/>\n</list>").utf8)
                        do throws(XMLErrors) {
                            _ = try XML.parse(bytes, file: file, schema: schema)
                            seen.append(bad ? "unexpected pass \(file)" : "ok")
                        } catch {
                            let own = error.problems.allSatisfy { $0.file == file && $0.message.contains("x\(task)") }
                            seen.append(bad && own ? "ok" : "cross-talk in \(file): \(error)")
                        }
                    }
                    return (task, seen)
                }
            }
            var all: [(Int, [String])] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for (task, seen) in results {
            #expect(seen.allSatisfy { $0 == "ok" }, "task \(task): \(seen.filter { $0 != "ok" })")
        }
    }
}
