// `heeded users add`: creates accounts from a shell (the first administrator, or staff without the web pages).
import ArgumentParser
import Casework
import Foundation
import Web
import Store

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage accounts.",
        subcommands: [Add.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: """
                Parents usually create their own accounts on the site, and administrators invite staff at /admin/staff; \
                the first administrator is created here, and any account can be. With --password-stdin the password is \
                read from the first line of standard input (so it stays out of the shell history); without it a random \
                password is made and printed once. Passwords are stored as bcrypt hashes. The creation is written to the \
                audit log.
                """
        )

        @OptionGroup var data: DataDirectoryOption

        @Option(help: "parent, assessor, manager or administrator.")
        var role: String

        @Option(help: "The email address the person signs in with.")
        var email: String

        @Option(help: "The team of a member of staff (disabled-children, assessment-and-intervention, early-help, duty).")
        var team: String?

        @Flag(help: "Read the password from standard input.")
        var passwordStdin = false

        func validate() throws {
            guard let role = ActingUser.Role(rawValue: role), [.parent, .assessor, .manager, .administrator].contains(role) else {
                throw ValidationError("--role must be parent, assessor, manager or administrator, not \"\(role)\"")
            }
            guard EmailAddress.normalised(email) != nil else { throw ValidationError("--email must be an email address, not \"\(email)\"") }
            if let team, team.isEmpty { throw ValidationError("--team may not be empty") }
        }

        func run() async throws {
            let role = ActingUser.Role(rawValue: role)!
            let email = EmailAddress.normalised(email)!
            var password: String
            var generated = false
            if passwordStdin {
                guard let line = readLine(strippingNewline: true) else {
                    printError("heeded: --password-stdin given but standard input was empty")
                    throw ExitCode.failure
                }
                password = line
            } else {
                password = TokenDigest.randomToken(bytes: 15)
                generated = true
            }
            if let problem = PasswordPolicy.problem(with: password) {
                printError("heeded: \(problem)")
                throw ExitCode.failure
            }
            let store = try data.openStore()
            let staffTeam = role == .parent ? nil : Team(rawValue: team ?? Team.disabledChildren.rawValue)
            let account = Account(email: email, role: role, passwordHash: PasswordHashing.hash(password, cost: 12), team: staffTeam)
            do {
                try await store.createAccount(account, by: ActingUser(id: "heeded-users-add", role: .system))
            } catch CaseStoreError.alreadyExists {
                printError("heeded: there is already an account for \(email)")
                throw ExitCode.failure
            }
            print("created \(role.rawValue) account \(email)\(staffTeam.map { " in team \($0)" } ?? "")")
            if generated { print("password (shown once): \(password)") }
        }
    }
}
