// `heeded route` and `heeded dmn`, run as a rules author and the tests of the contract run them.
import Foundation
import Testing

@Suite("heeded route and heeded dmn")
struct RouteCommandTests {
    static let facts = """
        {"child": {"age_years": 14, "disability_codes": ["AUT", "BEH"], "diagnosis_status": "confirmed"},
         "requester": {"relationship": "mother", "parental_responsibility": true, "adult": true},
         "referral_source": "1A", "requests": ["help-at-home"],
         "parent_carer": {"assessment_requested": false, "strain_count": 3},
         "parent_disability_or_illness": false, "young_carers": 0,
         "concerns": [{"code": "distressed-behaviour-towards-parent", "about": "parent"}]}
        """

    @Test("one request's facts on standard input give one JSON decision with reasons")
    func single() throws {
        let result = try HeededProcess.run(["route", "--facts", "-"], input: Self.facts)
        #expect(result.status == 0, "\(result.stderr)")
        let decision = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(decision["cin_assessment"] as? Bool == true)
        #expect(decision["safeguarding_s47"] as? Bool == false)
        #expect(decision["team"] as? String == "disabled-children")
        // One reason per table (the six answers), and the concern table's for the one concern coded.
        #expect((decision["reasons"] as? [String])?.count == 7)
        #expect(decision["adult_transition"] as? Bool != nil)
    }

    @Test("a JSON Lines file gives one decision line per request, in order")
    func batch() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-route-\(UUID()).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let line = Self.facts.split(separator: "\n").joined(separator: " ")
        let young = line.replacingOccurrences(of: "\"young_carers\": 0", with: "\"young_carers\": 1")
        try Data([line, young, line].joined(separator: "\n").utf8).write(to: file)
        let result = try HeededProcess.run(["route", "--facts", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"young_carer_assessment\":true"))
        #expect(lines[0].contains("\"young_carer_assessment\":false"))
    }

    @Test("bad facts exit non-zero with one line naming the key", arguments: [
        ("\"adult\": true", "\"adult\": 1", "requester.adult"),
        ("\"AUT\", \"BEH\"", "\"AUT\", \"XYZ\"", "child.disability_codes[1]"),
        ("\"young_carers\": 0,", "", "young_carers"),
    ])
    func badFacts(original: String, replacement: String, key: String) throws {
        let result = try HeededProcess.run(["route", "--facts", "-"], input: Self.facts.replacingOccurrences(of: original, with: replacement))
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(key), "\(result.stderr)")
    }

    @Test("text that is not JSON is refused")
    func notJSON() throws {
        let result = try HeededProcess.run(["route", "--facts", "-"], input: "child: 7")
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
    }

    @Test("the TCK runner prints a CSV row per case and a summary",
          .enabled(if: FileManager.default.fileExists(atPath: HeededProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/dmn-tck/compliance-level-2").path)))
    func tck() throws {
        let shared = HeededProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/dmn-tck/compliance-level-2").path
        let result = try HeededProcess.run(["dmn", "tck", shared, "Tests/Fixtures/dmn-tck-extra"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"compliance-level-2/0105-feel-math\",\"0105-feel-math-test-01.xml\",\"001\",\"SUCCESS\",\"\""))
        #expect(result.stdout.contains("116 test cases in 28 folders: 116 SUCCESS, 0 ERROR, 0 IGNORED"))
    }

    @Test("dmn check names the file and line of a broken cell")
    func check() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-dmn-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: HeededProcess.repositoryRoot.appendingPathComponent("Forms/rules/routing.dmn"), encoding: .utf8)
            .replacingOccurrences(of: "<text>&gt;= 1</text>", with: "<text>&gt;= </text>")
        let file = folder.appendingPathComponent("routing.dmn")
        try Data(text.utf8).write(to: file)
        let result = try HeededProcess.run(["dmn", "check", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file.path):"), "\(result.stderr)")
        #expect(result.stderr.contains("not a valid cell"))
    }

    @Test("rules test decides every shipped worked case as expected; a case the tables decide otherwise is shown with what differs and the reasons, and fails; a table that does not load names its file")
    func rulesTest() throws {
        let shipped = try HeededProcess.run(["rules", "test"])
        #expect(shipped.status == 0, "\(shipped.stdout)\(shipped.stderr)")
        #expect(shipped.stdout.contains("56 worked cases in 2 files: 56 decided as expected, 0 not"), "\(shipped.stdout)")

        let draft = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-rules-\(UUID())")
        defer { try? FileManager.default.removeItem(at: draft) }
        try FileManager.default.createDirectory(at: draft.appendingPathComponent("cases"), withIntermediateDirectories: true)
        let rules = HeededProcess.repositoryRoot.appendingPathComponent("Forms/rules")
        for table in ["routing.dmn", "concerns.dmn"] {
            try FileManager.default.copyItem(at: rules.appendingPathComponent(table), to: draft.appendingPathComponent(table))
        }
        // A worked case written as if a minor injury to a child who cannot get about were not cause on its own.
        let case07 = try #require(try String(contentsOf: rules.appendingPathComponent("cases/principles-v2.jsonl"), encoding: .utf8)
            .split(separator: "\n").first { $0.contains("\"V2-07\"") })
        try String(case07.replacingOccurrences(of: #""safeguarding_s47": true"#, with: #""safeguarding_s47": false"#) + "\n")
            .write(to: draft.appendingPathComponent("cases/changed.jsonl"), atomically: true, encoding: .utf8)
        let changed = try HeededProcess.run(["rules", "test", "--rules", draft.path])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("changed.jsonl:1 V2-07: the same minor injury to a child who cannot get about (MOB) is cause"), "\(changed.stdout)")
        #expect(changed.stdout.contains("  safeguarding_s47: expected false, got true"), "\(changed.stdout)")
        #expect(changed.stdout.contains("  reason (safeguarding_s47"), "\(changed.stdout)")
        #expect(changed.stdout.contains("1 worked cases in 1 files: 0 decided as expected, 1 not"), "\(changed.stdout)")

        try "<definitions>".write(to: draft.appendingPathComponent("routing.dmn"), atomically: true, encoding: .utf8)
        let broken = try HeededProcess.run(["rules", "test", "--rules", draft.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("routing.dmn:1"), "\(broken.stderr)")
    }
}
