// Runs the built `heeded` executable as a child process, as a user or a script would.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `heeded` binary that `swift build`/`swift test` put beside the test bundle.
enum HeededProcess {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("heeded")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        preconditionFailure("heeded is not built beside the tests (looked in \(candidates.map(\.path)))")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `heeded` with arguments in a working directory (the repository root by default), with `environment`
    /// added to this process's.
    static func run(_ arguments: [String], in directory: URL = repositoryRoot, input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty child never blocks on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Whether a `heeded serve` on this port answers `/health` within three minutes (it may be starting on a busy
    /// machine); each try is short, so one slow answer does not use the whole wait.
    static func answersHealth(port: Int) async -> Bool {
        let deadline = Date().addingTimeInterval(180)
        var health = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/health")!)
        health.timeoutInterval = 5
        while Date() < deadline {
            if let (body, _) = try? await URLSession.shared.data(for: health), body == Data("ok".utf8) { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return false
    }
}
