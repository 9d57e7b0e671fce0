// Hostile documents are refused quickly, clearly, and without expanding anything.
import Foundation
import HeededXML
import Testing

@Suite("Hostile XML is refused")
struct HostileInputTests {
    /// Parses and expects a refusal; returns the problems for further checks.
    private func refusal(_ text: String, limits: XMLLimits = .default) -> [XMLProblem] {
        refusal(Array(text.utf8), limits: limits)
    }

    private func refusal(_ bytes: [UInt8], limits: XMLLimits = .default) -> [XMLProblem] {
        do {
            let root = try XML.parse(bytes, file: "hostile.xml", limits: limits)
            Issue.record("expected a refusal, got <\(root.name)> with text of \(root.text.count) characters")
            return []
        } catch {
            return error.problems
        }
    }

    @Test("an external entity naming /etc/passwd is refused at the DOCTYPE and nothing is read")
    func externalEntity() {
        let problems = refusal("""
            <?xml version="1.0"?>
            <!DOCTYPE form [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <form>&secret;</form>
            """)
        #expect(problems.contains { $0.message.contains("DOCTYPE") && $0.line == 2 })
        #expect(!problems.contains { $0.message.contains("root:") })
    }

    @Test("billion laughs is refused without expansion")
    func billionLaughs() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let clock = ContinuousClock()
        var problems: [XMLProblem] = []
        let elapsed = clock.measure {
            problems = refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<lolz>&lol9;</lolz>")
        }
        #expect(problems.contains { $0.message.contains("DOCTYPE") })
        #expect(elapsed < .seconds(2), "refusing billion laughs took \(elapsed)")
    }

    @Test("quadratic blow-up (one large entity used thousands of times) is refused")
    func quadraticBlowUp() {
        let big = String(repeating: "a", count: 20_000)
        let uses = String(repeating: "&a;", count: 5_000)
        let problems = refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE kaboom [<!ENTITY a \"\(big)\">]>\n<kaboom>\(uses)</kaboom>")
        #expect(problems.contains { $0.message.contains("DOCTYPE") })
    }

    @Test("an external DTD is refused, not fetched")
    func externalDTD() {
        let problems = refusal("""
            <?xml version="1.0"?>
            <!DOCTYPE form SYSTEM "http://127.0.0.1:9/evil.dtd">
            <form/>
            """)
        #expect(problems.contains { $0.message.contains("DOCTYPE") && $0.line == 2 })
    }

    @Test("an entity reference with no declaration is an error, not an expansion")
    func undeclaredEntity() {
        let problems = refusal("<form>&undeclared;</form>")
        #expect(problems.contains { $0.message.contains("undeclared") })
    }

    @Test("10,000-deep nesting is refused")
    func deepNesting() {
        let depth = 10_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let problems = refusal(text)
        #expect(!problems.isEmpty)
        #expect(problems.contains { $0.message.lowercased().contains("depth") || $0.message.contains("deep") })
    }

    @Test("nesting past our own limit is refused even where libxml2 would allow it")
    func ourDepthLimit() {
        let text = String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20)
        let problems = refusal(text, limits: XMLLimits(maxDepth: 10))
        #expect(problems.contains { $0.message.contains("nested more than 10 deep") })
    }

    @Test("a file over the size limit is refused before parsing, naming the limit")
    func sizeLimit() {
        let text = "<form>" + String(repeating: "x", count: 2_000) + "</form>"
        let problems = refusal(text, limits: XMLLimits(maxBytes: 1_000))
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("limit is 1000 bytes") == true)
    }

    @Test("a file on disk over the size limit is refused by its size")
    func sizeLimitOnDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-big-\(UUID()).xml").path
        try Data(("<form>" + String(repeating: "x", count: 5_000) + "</form>").utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: XMLErrors.self) { try XML.load(file: path, limits: XMLLimits(maxBytes: 1_000)) }
    }

    @Test("invalid UTF-8 is refused with the line it is on")
    func invalidUTF8() {
        var bytes = Array("<form>\n<label>caf".utf8)
        bytes += [0xC3, 0x28]  // an invalid two-byte sequence
        bytes += Array("</label>\n</form>".utf8)
        let problems = refusal(bytes)
        #expect(problems.contains { $0.line == 2 && $0.message.contains("UTF-8") })
    }

    @Test("an empty file is refused")
    func emptyFile() {
        #expect(refusal("").first?.message == "the file is empty")
    }
}
