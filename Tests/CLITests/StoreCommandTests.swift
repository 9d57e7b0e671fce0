// `heeded demo generate`, `heeded report` and `heeded audit verify`, run as a manager's analyst would.
import Foundation
import GRDB
import Store
import Synchronization
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

    @Test("heeded serve anchors the audit log's head outside the database; audit verify finds a log cut short or rewritten against it")
    func anchors() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-anchor-\(UUID())")
        defer { try? FileManager.default.removeItem(at: data) }
        let generate = try HeededProcess.run(["demo", "generate", "--children", "5", "--seed", "3", "--as-of", "2026-11-20", "--data-dir", data.path])
        #expect(generate.status == 0, "\(generate.stderr)")
        let anchorFile = data.appendingPathComponent("elsewhere.anchor")

        let server = Process()
        server.executableURL = HeededProcess.executable
        server.arguments = ["serve", "--data-dir", data.path, "--port", String(Int.random(in: 20_000..<40_000)), "--audit-anchor", anchorFile.path, "--audit-anchor-interval", "1"]
        server.currentDirectoryURL = HeededProcess.repositoryRoot
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: anchorFile.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        server.interrupt()
        server.waitUntilExit()

        let anchored = try String(contentsOf: anchorFile, encoding: .utf8)
        let head = try #require(anchored.split(separator: "\n").last?.split(separator: " "))
        let verify = try HeededProcess.run(["audit", "verify", "--data-dir", data.path, "--anchor", anchorFile.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("anchors agree: \(anchored.split(separator: "\n").count) in"), "\(verify.stdout)")
        #expect(verify.stdout.contains("head \(head[1])"), "the anchor is the log's head: \(verify.stdout)")
        #expect(verify.stdout.contains("records agree with their seals"), "\(verify.stdout)")

        // An anchor of an entry past the log's end: the log was cut after it was written.
        let sequence = try #require(Int(head[0]))
        try (anchored + "\(sequence + 3) \(head[1]) 2026-12-03T10:00:00Z\n").write(to: anchorFile, atomically: true, encoding: .utf8)
        let cut = try HeededProcess.run(["audit", "verify", "--data-dir", data.path, "--anchor", anchorFile.path])
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("entry \(sequence + 3), anchored at 2026-12-03T10:00:00Z, is gone: the log was cut short"), "\(cut.stderr)")

        try ("1 \(String(repeating: "0", count: 64)) 2026-12-03T10:00:00Z\n").write(to: anchorFile, atomically: true, encoding: .utf8)
        let rewritten = try HeededProcess.run(["audit", "verify", "--data-dir", data.path, "--anchor", anchorFile.path])
        #expect(rewritten.status == 1)
        #expect(rewritten.stderr.contains("entry 1 no longer has the hash anchored"), "\(rewritten.stderr)")
    }

    @Test("a backup taken while cases are being written restores, with its key, to a store whose audit chain and records verify; a store in the way, a missing key or a changed backup are refused and leave nothing")
    func backupUnderLoad() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-backup-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        let generate = try HeededProcess.run(["demo", "generate", "--children", "5", "--seed", "3", "--as-of", "2026-11-20", "--data-dir", data.path])
        #expect(generate.status == 0, "\(generate.stderr)")

        // Writes going on: heeded soak writes cases until it is stopped.
        let generated = try Self.caseIDs(in: data, auditKey: data.appendingPathComponent("audit.key"))
        let soak = Process()
        soak.executableURL = HeededProcess.executable
        soak.arguments = ["soak", "--data-dir", data.path, "--seed", "11"]
        let acknowledgements = Pipe()
        soak.standardOutput = acknowledgements
        soak.standardError = FileHandle.nullDevice
        // Each case soak acknowledges ("committed <id>", "received <id>"), as it says so.
        let acknowledged = Mutex<[UUID]>([])
        let reader = Thread {
            var pending = Data()
            while case let chunk = acknowledgements.fileHandleForReading.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    if let id = line.split(separator: " ").last.flatMap({ UUID(uuidString: String($0)) }) { acknowledged.withLock { $0.append(id) } }
                }
            }
        }
        try soak.run()
        reader.start()
        let started = Date().addingTimeInterval(30)
        while acknowledged.withLock({ $0.count }) < 5 && Date() < started { Thread.sleep(forTimeInterval: 0.05) }
        let file = root.appendingPathComponent("heeded.backup").path
        let before = Set(acknowledged.withLock { $0 })
        let backup = try HeededProcess.run(["backup", "--data-dir", data.path, "--to", file])
        let after = Set(acknowledged.withLock { $0 })
        soak.terminate()
        soak.waitUntilExit()
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try HeededProcess.run(["backup", "--data-dir", data.path, "--to", file]).status == 1, "a backup never overwrites a file")

        let restored = root.appendingPathComponent("restored")
        let noKey = try HeededProcess.run(["restore", "--data-dir", restored.path, "--from", file])
        #expect(noKey.status == 1)
        #expect(noKey.stderr.contains("audit.key"), "\(noKey.stderr)")
        let key = data.appendingPathComponent("audit.key").path
        let restore = try HeededProcess.run(["restore", "--data-dir", restored.path, "--from", file, "--audit-key", key])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.contains("audit log intact"), "\(restore.stdout)")
        let verify = try HeededProcess.run(["audit", "verify", "--data-dir", restored.path, "--audit-key", key])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(try HeededProcess.run(["restore", "--data-dir", restored.path, "--from", file, "--audit-key", key]).status == 1, "a store is in the way")
        // The copy is the store at one moment: every case acknowledged before the backup began is in it, and nothing
        // that was not yet acknowledged when it ended.
        let copied = try Self.caseIDs(in: restored, auditKey: URL(fileURLWithPath: key)).subtracting(generated)
        #expect(before.count >= 5, "soak had written before the backup: \(before.count)")
        #expect(before.isSubset(of: copied), "\(before.subtracting(copied).count) acknowledged cases are missing from the copy")
        #expect(copied.isSubset(of: after), "\(copied.subtracting(after).count) cases in the copy were never acknowledged")

        // A backup changed after it was taken: nothing is restored.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let marker = Data("soak test".utf8)
        let range = try #require(bytes.range(of: marker))
        bytes.replaceSubrange(range, with: Data("SOAK TEST".utf8))
        let changed = root.appendingPathComponent("changed.backup")
        try bytes.write(to: changed)
        let elsewhere = root.appendingPathComponent("elsewhere")
        let refused = try HeededProcess.run(["restore", "--data-dir", elsewhere.path, "--from", changed.path, "--audit-key", key])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("does not verify"), "\(refused.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: elsewhere.path)) ?? []).isEmpty, "nothing left behind")
    }

    /// The ids of the cases in a data directory's store.
    static func caseIDs(in data: URL, auditKey: URL) throws -> Set<UUID> {
        let store = try SQLiteCaseStore(directory: data, auditKeyFile: auditKey)
        return Set(try store.writer.read { db in try UUID.fetchAll(db, sql: "SELECT id FROM case_file") })
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
