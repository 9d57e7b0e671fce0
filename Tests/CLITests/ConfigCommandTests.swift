// One configuration file, environment variables over it, serve's options over both; a wrong key is named where it is.
import Foundation
import Testing

@Suite("heeded config check and serve --config")
struct ConfigCommandTests {
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-config-\(UUID()).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("an unknown key and a wrong value are each named with the file and line, all at once, and the check fails")
    func wrongKeys() throws {
        let config = try Self.file("""
            {
              "server": {
                "prot": 9000,
                "port": "eighty"
              },
              "council": { "duty_phone": 1632960000 },
              "timescales": { "h2_tolerance": 1.5 },
              "log": { "level": "loud" },
              "metrics": { "allow": "10.0.0.0/8,nonsense" }
            }
            """)
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try HeededProcess.run(["config", "check", "--config", config.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(config.path):3: server.prot is not a Heeded setting (did you mean server.port?)"), "\(result.stderr)")
        #expect(result.stderr.contains("\(config.path):4: server.port: must be a whole number from 1 to 65535"), "\(result.stderr)")
        #expect(result.stderr.contains("\(config.path):6: council.duty_phone: must be text, in quotes"), "\(result.stderr)")
        #expect(result.stderr.contains("\(config.path):7: timescales.h2_tolerance: must be a number from 0 to 1"), "\(result.stderr)")
        #expect(result.stderr.contains("\(config.path):8: log.level: must be one of trace, debug, info, notice, warning, error, critical"), "\(result.stderr)")

        let addresses = try Self.file(#"{"metrics": {"allow": "10.0.0.0/8,nonsense"}}"#)
        defer { try? FileManager.default.removeItem(at: addresses) }
        let badAddress = try HeededProcess.run(["config", "check", "--config", addresses.path])
        #expect(badAddress.status == 1)
        #expect(badAddress.stderr.contains("\(addresses.path):1: metrics.allow: metrics address \"nonsense\" is not an IPv4 or IPv6 address"), "\(badAddress.stderr)")

        let notJSON = try Self.file("{ \"server\": ")
        defer { try? FileManager.default.removeItem(at: notJSON) }
        let broken = try HeededProcess.run(["config", "check", "--config", notJSON.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains(notJSON.path), "\(broken.stderr)")

        let variable = try HeededProcess.run(["config", "check"], environment: ["HEEDED_SERVER_PROT": "9000", "HEEDED_SERVER_PORT": "x"])
        #expect(variable.status == 1)
        #expect(variable.stderr.contains("HEEDED_SERVER_PROT: not a Heeded setting"), "\(variable.stderr)")
        #expect(variable.stderr.contains("HEEDED_SERVER_PORT: must be a whole number from 1 to 65535"), "\(variable.stderr)")
    }

    @Test("the effective configuration: the file's values, an environment variable over one, where each came from, and the relay's password hidden")
    func effective() throws {
        let config = try Self.file("""
            {"server": {"port": 8181, "public_url": "https://heeded.example.gov.uk"},
             "smtp": {"url": "smtps://heeded:s3cret-relay-word@relay.example.gov.uk:465"},
             "council": {"duty_phone": "01632 960123"}}
            """)
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try HeededProcess.run(["config", "check", "--config", config.path], environment: ["HEEDED_SERVER_PORT": "9090"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("9090  (from HEEDED_SERVER_PORT)"), "\(result.stdout)")
        #expect(result.stdout.contains("01632 960123  (from \(config.path):3)"), "\(result.stdout)")
        #expect(!result.stdout.contains("s3cret-relay-word"), "the relay's password is never printed")
        #expect(result.stdout.contains("smtps://(hidden):(hidden)@relay.example.gov.uk:465"), "\(result.stdout)")
    }

    @Test("serve refuses to start on a wrong configuration, saying why; with a good one it listens where the file says, its options over the file")
    func serveReadsTheFile() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-config-data-\(UUID())")
        defer { try? FileManager.default.removeItem(at: data) }
        let wrong = try Self.file(#"{"smtp": {"url": "smtp://relay:25"}}"#)
        defer { try? FileManager.default.removeItem(at: wrong) }
        let refused = try HeededProcess.run(["serve", "--config", wrong.path, "--data", data.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("smtp.url needs server.public_url"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.path), "nothing was started or made")

        let filePort = Int.random(in: 20_000..<30_000)
        let port = filePort + 10_000
        let good = try Self.file(#"{"server": {"port": \#(filePort)}, "data": {"directory": "\#(data.path)"}}"#)
        defer { try? FileManager.default.removeItem(at: good) }
        let server = Process()
        server.executableURL = HeededProcess.executable
        server.arguments = ["serve", "--config", good.path, "--port", String(port)]
        server.currentDirectoryURL = HeededProcess.repositoryRoot
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        #expect(await HeededProcess.answersHealth(port: port), "the command line's --port over the file's")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("heeded.sqlite").path), "the store is where the file says")
    }
}
