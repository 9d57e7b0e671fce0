// `heeded forms check` and `heeded forms show`, run as a rules author would run them.
import Foundation
import Testing

@Suite("heeded forms")
struct FormsCommandTests {
    @Test("checking the shipped forms succeeds with one line per form")
    func checkShipped() throws {
        let result = try HeededProcess.run(["forms", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("needs-request v1:"))
        #expect(result.stdout.contains("forms and"))
        #expect(result.stdout.contains("routing rules in Forms/rules"))
    }

    @Test("a broken form prints file:line:column: message and exits non-zero")
    func checkBroken() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.xml")
        try Data("""
            <?xml version="1.0"?>
            <form xmlns="urn:heeded:form:1" id="broken" version="1" title="Broken" audience="parent" legal-basis="s17">
              <section id="one" title="One">
                <text id="name" relevant="nobody = true"><label>Name</label></text>
              </section>
            </form>
            """.utf8).write(to: file)
        let result = try HeededProcess.run(["forms", "check", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file.path):4:"), "\(result.stderr)")
        #expect(result.stderr.contains("\"nobody\""))
    }

    @Test("a 3 MB form with 200,000 attributes on one element is refused at once, at its file and line")
    func checkHostile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // `a000000="value"` to `a199999="value"`, the name counted up in place.
        var bytes = Array("<form xmlns=\"urn:heeded:form:1\"\n".utf8)
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
        bytes += Array("/>\n".utf8)
        let file = folder.appendingPathComponent("hostile.xml")
        try Data(bytes).write(to: file)
        let result = try HeededProcess.run(["forms", "check", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file.path):2:"), "\(result.stderr)")
        #expect(result.stderr.contains("<form> has more than 64 attributes"))
        #expect(result.stderr.contains("1 problem found"))
    }

    @Test("checking a forms folder checks its routing tables too")
    func checkRules() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = HeededProcess.repositoryRoot.appendingPathComponent("Forms")
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("codelists"), to: folder.appendingPathComponent("codelists"))
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("needs-request.xml"), to: folder.appendingPathComponent("needs-request.xml"))
        let rules = try String(contentsOf: shipped.appendingPathComponent("rules/routing.dmn"), encoding: .utf8)
            .replacingOccurrences(of: "<text>\"disabled-children\"</text>", with: "<text>\"disabled-children</text>")
        try Data(rules.utf8).write(to: folder.appendingPathComponent("rules/routing.dmn"))
        let result = try HeededProcess.run(["forms", "check", folder.path])
        #expect(result.status != 0)
        #expect(result.stdout.contains("needs-request v2:"), "the forms themselves are still reported")
        #expect(result.stderr.contains("routing.dmn:"), "\(result.stderr)")
        #expect(result.stderr.contains("not a valid FEEL expression"))
    }

    @Test("showing a form lists its sections, questions and conditions")
    func show() throws {
        let result = try HeededProcess.run(["forms", "show", "needs-request"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("id needs-request, version 2"))
        #expect(result.stdout.contains("Request facts"))
    }

    @Test("showing a form that does not exist names the forms there are")
    func showUnknown() throws {
        let result = try HeededProcess.run(["forms", "show", "no-such-form"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("needs-request"))
    }
}
