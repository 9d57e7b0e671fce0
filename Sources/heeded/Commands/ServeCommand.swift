// `heeded serve`: runs the web application over a data directory.
import ArgumentParser
import Casework
import Foundation
import Logging
import Store
import Web

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web application: pages for parents, assessors and managers, and the JSON API.",
        discussion: """
            The database (heeded.sqlite) is created in --data on first run. Forms are read from --forms and the routing \
            tables from its rules/ folder; a form or table that does not load stops the server before it listens.

            Sessions live in the database, so several servers can share one (behind a load balancer, with --secure-cookies \
            when TLS ends in front of them). Create staff accounts with `heeded users add`.

            --demo fills an empty data directory with invented families and one account per role (parent, assessor, \
            manager), all with the password from --demo-password, and prints how to sign in. Never use it with real data.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @OptionGroup var data: DataDirectoryOption

    @Option(help: "The file the audit log's head is appended to every --audit-anchor-interval seconds (default: audit.anchor in the data directory). Point it away from the database.")
    var auditAnchor: String?

    @Option(help: "Seconds between audit anchors.")
    var auditAnchorInterval = 60

    @Option(help: "The folder of form definitions; routing tables are read from its rules/ folder.")
    var forms = "Forms"

    @Flag(help: "Mark cookies Secure and send Strict-Transport-Security: use when the server is reached over TLS.")
    var secureCookies = false

    @Flag(help: "Seed invented families and demo accounts (only into a data directory with no accounts yet).")
    var demo = false

    @Option(help: "The password of the demo accounts.")
    var demoPassword = "heeded-demo-password"

    @Option(help: "How many invented families --demo adds.")
    var demoFamilies = 60

    @Option(help: "How many needs requests one parent account may send in an hour, on the pages and the API together (0: no limit).")
    var needsRequestsPerHour = 10

    @Option(help: "The children's duty team's telephone number, shown to families wherever a page tells them to call (with --demo, an invented one).")
    var dutyPhone: String?

    @Option(help: "When the duty team answers, as families should read it.")
    var dutyHours = "Monday to Friday, 9am to 5pm"

    @Option(help: "The emergency duty team's number, for outside the duty team's hours (with --demo, an invented one).")
    var outOfHoursPhone: String?

    @Option(help: "The council's mail relay, for the links that set a forgotten password (smtp://relay:25; smtps:// for TLS). Without it, the sign-in page tells people to ask the duty team.")
    var smtp: String?

    @Flag(help: "Send to --smtp without TLS: only for a relay on this machine.")
    var smtpWithoutTLS = false

    @Option(help: "The address those emails come from.")
    var mailFrom = "no-reply@heeded.invalid"

    @Option(help: "The address people reach the service at, for links in email (default http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "The least severe log entries written to standard output, one JSON object a line (info: one line per request).")
    var logLevel: Logger.Level = .info

    @Option(help: "The addresses that may read /metrics without the token, comma-separated: IPv4 or IPv6 addresses and ranges (127.0.0.1,10.0.0.0/8). Default: loopback only.")
    var metricsAllow: String?

    @Option(help: "A file holding the bearer token that lets a scraper read /metrics from any address.")
    var metricsTokenFile: String?

    func validate() throws {
        if let smtp, !(smtp.hasPrefix("smtp://") || smtp.hasPrefix("smtps://")) { throw ValidationError("--smtp must be an smtp:// or smtps:// address") }
        if smtp != nil, !(publicURL.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false) {
            throw ValidationError("--smtp needs --public-url, the address people reach the service at (https://...), for the links in its emails")
        }
        guard auditAnchorInterval >= 1 else { throw ValidationError("--audit-anchor-interval must be at least 1 second") }
        guard needsRequestsPerHour >= 0 else { throw ValidationError("--needs-requests-per-hour must be 0 (no limit) or more") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard demoPassword.count >= PasswordPolicy.minimumLength else { throw ValidationError("--demo-password must be at least \(PasswordPolicy.minimumLength) characters") }
        _ = try metricsAccess()
    }

    func run() async throws {
        let metricsRegistry = HeededWeb.bootstrapLogsAndMetrics(logLevel: logLevel)
        let store = try data.openStore()
        if demo { try await DemoSeed(store: store, password: demoPassword, families: demoFamilies, forms: forms).seedIfEmpty() }
        var contacts = CouncilContacts(dutyPhone: dutyPhone, dutyHours: dutyHours, outOfHoursPhone: outOfHoursPhone)
        if demo {
            contacts.dutyPhone = contacts.dutyPhone ?? CouncilContacts.demonstration.dutyPhone
            contacts.outOfHoursPhone = contacts.outOfHoursPhone ?? CouncilContacts.demonstration.outOfHoursPhone
        } else if contacts.dutyPhone == nil || contacts.outOfHoursPhone == nil {
            printError("heeded: warning: set --duty-phone and --out-of-hours-phone: until then a family in crisis is sent to the council's website for the numbers")
        }
        var configuration = WebConfiguration(
            host: host, port: port, formsDirectory: forms, secureCookies: secureCookies, needsRequestsPerHour: needsRequestsPerHour == 0 ? nil : needsRequestsPerHour,
            contacts: contacts, mail: smtp.map { SMTPRelay(url: $0, from: mailFrom, requireTLS: !smtpWithoutTLS) },
            publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }, calendar: .englandAndWales)
        configuration.logLevel = logLevel
        configuration.metricsRegistry = metricsRegistry
        configuration.metricsAccess = try metricsAccess()
        let anchors = AuditAnchorFile(url: auditAnchor.map { URL(fileURLWithPath: $0) } ?? data.url.appendingPathComponent("audit.anchor"))
        let anchoring = Task { [auditAnchorInterval] in
            var last: Int64?
            while !Task.isCancelled {
                do {
                    last = try await anchors.anchor(store, after: last)
                } catch {
                    printError("heeded: cannot append the audit anchor to \(anchors.url.path): \(error)")
                }
                try? await Task.sleep(for: .seconds(auditAnchorInterval))
            }
            // The head at shutdown too, so a cut made while the server was stopped is found.
            _ = try? await anchors.anchor(store, after: last)
        }
        defer { anchoring.cancel() }
        say("Heeded is starting on http://\(host):\(port) (data in \(data.path); stop with Ctrl-C)")
        do {
            try await HeededWeb.run(store: store, configuration: configuration)
        } catch let error as HeededWeb.StartError {
            printError("heeded: \(error)")
            throw ExitCode.failure
        }
        anchoring.cancel()
        await anchoring.value
    }
}

extension ServeCommand {
    /// `--metrics-allow` and `--metrics-token-file` read; an entry or a file that cannot be read stops the server.
    func metricsAccess() throws -> MetricsAccess {
        var access = MetricsAccess.loopback
        if let metricsAllow {
            do {
                access.allowed = try metricsAllow.split(separator: ",").map { try MetricsAccess.AddressRange($0.trimmingCharacters(in: .whitespaces)) }
            } catch {
                throw ValidationError("--metrics-allow: \(error)")
            }
        }
        if let metricsTokenFile {
            guard let token = try? String(contentsOfFile: metricsTokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
                throw ValidationError("--metrics-token-file: \(metricsTokenFile) cannot be read, or holds no token")
            }
            access.token = token
        }
        return access
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Prints a line to standard output at once: the server runs for a long time, and a script or a person waiting for
/// the sign-in details should not wait on a buffer.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
