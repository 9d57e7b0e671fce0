// Crash safety: the real `heeded` writing cases is killed with SIGKILL again and again; nothing acknowledged is lost.
import Casework
import Foundation
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Crash safety")
struct CrashSafetyTests {
    /// The `heeded` binary that `swift build` puts beside the test bundle.
    static var heeded: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        return candidates.map { $0.appendingPathComponent("heeded") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test("a store killed with SIGKILL at random moments keeps every acknowledged case whole, imported or received through group commit, and its audit chain and record seals verify")
    func killedRepeatedly() async throws {
        let heeded = try #require(Self.heeded, "heeded is not built beside the test bundle; run `swift build` before `swift test`")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var acknowledged: [CaseFile.ID] = []
        var received: [CaseFile.ID] = []
        var killedMidRun = 0
        for round in 1...12 {
            let process = Process()
            process.executableURL = heeded
            process.arguments = ["soak", "--data-dir", directory.path, "--seed", String(round * 7919)]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // From before the first commit to well into a run; the first rounds are short so some kills land
            // while the store is still being opened or migrated.
            let delay = UInt64.random(in: (round <= 2 ? 5 : 150)...(round <= 2 ? 120 : 1200)) * 1_000_000
            try await Task.sleep(nanoseconds: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Only whole lines count: a line is written in one call after its commit.
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) where text.contains(line + "\n") {
                let parts = line.split(separator: " ")
                let id = try #require(parts.count == 2 ? CaseFile.ID(String(parts[1])) : nil, "unexpected output \(line)")
                switch parts[0] {
                case "committed": acknowledged.append(id)
                case "received": received.append(id)
                default: Issue.record("unexpected output \(line)")
                }
            }
        }
        #expect(killedMidRun >= 10)
        #expect(acknowledged.count >= 10, "too few commits to prove anything: \(acknowledged.count)")
        #expect(received.count >= 40, "too few received requests to prove anything: \(received.count)")

        let store = try SQLiteCaseStore(directory: directory)
        let checker = ActingUser(id: "crash-test", role: .administrator)
        for id in acknowledged {
            let record = try await store.caseRecord(id, viewedBy: checker)
            #expect(record.assessments.count == 2)
            #expect(record.needs.count == 1)
            #expect(record.provisions.count == 1)
            #expect(record.deliveries.count == 4)
            #expect(record.provisions.first?.needIDs == record.needs.map(\.id))
        }
        for id in received {
            let record = try await store.caseRecord(id, viewedBy: checker)
            #expect(record.assessments.count == 2)
        }
        // Every row written is under its table's seal, however the kills fell.
        let seals = try await store.verifyRecordSeals()
        #expect(seals.allSatisfy { $0.agrees && $0.triggersIntact }, "\(seals.filter { !$0.agrees })")
        let verification = try await store.verifyAuditChain()
        #expect(verification.isIntact, "\(verification.firstProblem.map(\.description) ?? "")")
        // Each acknowledged case has its entry, and each check above its viewing entry.
        #expect(verification.entriesChecked >= Int64((acknowledged.count + received.count) * 2))
    }
}
