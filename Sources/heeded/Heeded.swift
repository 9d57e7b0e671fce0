// The `heeded` command: the entry point that names every subcommand.
import ArgumentParser

@main
struct Heeded: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heeded",
        abstract: "A workflow engine for a council's disabled children's service.",
        subcommands: [
            FormsCommand.self, DMNCommand.self, RouteCommand.self, RulesCommand.self, DemoCommand.self, ReportCommand.self,
            AuditCommand.self, BackupCommand.self, RestoreCommand.self, SoakCommand.self, ServeCommand.self, ConfigCommand.self, UsersCommand.self,
        ]
    )
}
