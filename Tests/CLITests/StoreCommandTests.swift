// `heeded demo generate`, `heeded report` and `heeded audit verify`, run as a manager's analyst would.
import Foundation
import Testing

@Suite("heeded demo, report and audit")
struct StoreCommandTests {
    @Test("a generated store reports unmet need and overdue work, and its audit log verifies")
    func generatedStore() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-store-\(UUID())")
        defer { try? FileManager.default.removeItem(at: data) }
        let generate = try HeededProcess.run(["demo", "generate", "--children", "40", "--seed", "7", "--as-of", "2026-11-20", "--data-dir", data.path])
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(generate.stdout.contains("made 40 children"))

        let csv = try HeededProcess.run(["report", "unmet", "--data-dir", data.path, "--as-of", "2026-11-20", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(whereSeparator: \.isNewline)  // CSV lines end in CRLF (RFC 4180)
        #expect(rows.first?.contains("case") == true)
        #expect(rows.count > 1, "invented families include need that is not met")

        // The table lines up: every row's "days" column starts where its title does.
        let table = try HeededProcess.run(["report", "unmet", "--data-dir", data.path, "--as-of", "2026-11-20"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == rows.count)
        let daysColumn = lines.first?.range(of: "days")
        if let title = lines.first, let daysColumn {
            let offset = title.unicodeScalars.distance(from: title.startIndex, to: daysColumn.lowerBound)
            for line in lines.dropFirst() {
                let scalars = Array(line.unicodeScalars)
                #expect(scalars.count > offset && scalars[offset - 2] == " " && scalars[offset - 1] == " " && scalars[offset] != " ", "\(line)")
            }
        } else {
            Issue.record("no days column in \(table.stdout.prefix(200))")
        }

        let json = try HeededProcess.run(["report", "overdue", "--data-dir", data.path, "--as-of", "2026-11-20", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(json.stdout.prefix(200))")

        let verify = try HeededProcess.run(["audit", "verify", "--data-dir", data.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("intact"))
    }

    @Test("reporting on a data directory with no store says so rather than making an empty one")
    func missingStore() throws {
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-none-\(UUID())")
        let result = try HeededProcess.run(["report", "unmet", "--data-dir", nowhere.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no store"))
        #expect(!FileManager.default.fileExists(atPath: nowhere.path))
    }
}
