// `heeded config check`: the configuration `heeded serve` would run with, and anything wrong in it.
import ArgumentParser
import Foundation

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration heeded serve reads.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Print the effective configuration (secrets hidden), or name each unknown key or wrong value with its file and line.",
            discussion: """
                Reads the file (--config, or HEEDED_CONFIG) and the HEEDED_ environment variables as heeded serve does: \
                a variable overrides the file, and serve's own options override both. Exits 1 if anything is wrong.
                """
        )

        @Option(help: "The JSON configuration file.")
        var config: String?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let settings: ServeSettings
            do {
                settings = try await ServeSettings.load(file: config ?? environment["HEEDED_CONFIG"], environment: environment, commandLine: [:])
                _ = try ServeConfiguration(settings)
            } catch let problems as SettingProblems {
                printError(problems.description)
                throw ExitCode.failure
            }
            let width = SettingKey.all.map(\.name.count).max() ?? 0
            for key in SettingKey.all {
                let name = key.name.padding(toLength: width, withPad: " ", startingAt: 0)
                if let value = settings.shown(key) {
                    say("\(name)  \(value)  (from \(settings.sources[key.name] ?? "?"))")
                } else {
                    say("\(name)  -  \(key.help)")
                }
            }
        }
    }
}
