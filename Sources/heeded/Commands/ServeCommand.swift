// `heeded serve`: runs the web application over a data directory.
import ArgumentParser
import Casework
import Configuration
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
            manager, administrator), all with the password from --demo-password, and prints how to sign in. Never use it with real data.
            """
    )

    @Option(help: "A JSON configuration file (also HEEDED_CONFIG); HEEDED_ environment variables override it, and options given here override both. `heeded config check` lists the keys.")
    var config: String?

    @Option(help: "The address to listen on (127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (8080).")
    var port: Int?

    @Option(name: [.customLong("data"), .customLong("data-dir")], help: "The data directory holding heeded.sqlite, created if missing (./data).")
    var data: String?

    @Option(help: "The file holding the audit key (default: audit.key in the data directory). Keep it, and a copy, away from the database.")
    var auditKey: String?

    @Option(help: "The file the audit log's head is appended to every --audit-anchor-interval seconds (default: audit.anchor in the data directory). Point it away from the database.")
    var auditAnchor: String?

    @Option(help: "Seconds between audit anchors (60).")
    var auditAnchorInterval: Int?

    @Option(help: "The folder of form definitions; routing tables are read from its rules/ folder (Forms).")
    var forms: String?

    @Flag(inversion: .prefixedNo, help: "Mark cookies Secure and send Strict-Transport-Security: use when the server is reached over TLS.")
    var secureCookies: Bool?

    @Flag(help: "Seed invented families and demo accounts (only into a data directory with no accounts yet).")
    var demo = false

    @Option(help: "The password of the demo accounts.")
    var demoPassword = "heeded-demo-password"

    @Option(help: "How many invented families --demo adds.")
    var demoFamilies = 60

    @Option(help: "How many needs requests one parent account may send in an hour, on the pages and the API together (0: no limit; 10).")
    var needsRequestsPerHour: Int?

    @Option(help: "The children's duty team's telephone number, shown to families wherever a page tells them to call (with --demo, an invented one).")
    var dutyPhone: String?

    @Option(help: "When the duty team answers, as families should read it (Monday to Friday, 9am to 5pm).")
    var dutyHours: String?

    @Option(help: "The emergency duty team's number, for outside the duty team's hours (with --demo, an invented one).")
    var outOfHoursPhone: String?

    @Option(help: "The council's mail relay, for the links that set a forgotten password (smtp://relay:25; smtps:// for TLS). Without it, the sign-in page tells people to ask the duty team.")
    var smtp: String?

    @Flag(inversion: .prefixedNo, help: "Send to --smtp without TLS: only for a relay on this machine.")
    var smtpWithoutTLS: Bool?

    @Option(help: "The address those emails come from (no-reply@heeded.invalid).")
    var mailFrom: String?

    @Option(help: "The address people reach the service at, for links in email (default http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "The least severe log entries written to standard output, one JSON object a line (info: one line per request).")
    var logLevel: Logger.Level?

    @Option(help: "The addresses that may read /metrics without the token, comma-separated: IPv4 or IPv6 addresses and ranges (127.0.0.1,10.0.0.0/8). Default: loopback only.")
    var metricsAllow: String?

    @Option(help: "A file holding the bearer token that lets a scraper read /metrics from any address.")
    var metricsTokenFile: String?

    func validate() throws {
        guard demoPassword.count >= PasswordPolicy.minimumLength else { throw ValidationError("--demo-password must be at least \(PasswordPolicy.minimumLength) characters") }
    }

    /// The options given on the command line, as the configuration's keys.
    var givenOptions: [String: ConfigContent] {
        var given: [String: ConfigContent] = [:]
        func text(_ key: String, _ value: String?) { if let value { given[key] = .string(value) } }
        func whole(_ key: String, _ value: Int?) { if let value { given[key] = .int(value) } }
        func flag(_ key: String, _ value: Bool?) { if let value { given[key] = .bool(value) } }
        text("server.host", host)
        whole("server.port", port)
        flag("server.secure_cookies", secureCookies)
        text("server.public_url", publicURL)
        text("data.directory", data)
        text("data.audit_key", auditKey)
        text("data.audit_anchor", auditAnchor)
        whole("data.audit_anchor_interval", auditAnchorInterval)
        text("forms.directory", forms)
        text("council.duty_phone", dutyPhone)
        text("council.duty_hours", dutyHours)
        text("council.out_of_hours_phone", outOfHoursPhone)
        text("smtp.url", smtp)
        text("smtp.from", mailFrom)
        flag("smtp.without_tls", smtpWithoutTLS)
        whole("limits.needs_requests_per_hour", needsRequestsPerHour)
        text("log.level", logLevel?.rawValue)
        text("metrics.allow", metricsAllow)
        text("metrics.token_file", metricsTokenFile)
        return given
    }

    func run() async throws {
        let settings: ServeSettings
        let resolved: ServeConfiguration
        do {
            settings = try await ServeSettings.load(
                file: config ?? ProcessInfo.processInfo.environment["HEEDED_CONFIG"], environment: ProcessInfo.processInfo.environment,
                commandLine: givenOptions)
            resolved = try ServeConfiguration(settings)
        } catch let problems as SettingProblems {
            printError("heeded: the configuration has problems; nothing was started:\n\(problems)")
            throw ExitCode.failure
        }
        // Before the store opens: it makes its metrics as it opens.
        let metricsRegistry = HeededWeb.bootstrapLogsAndMetrics(logLevel: resolved.web.logLevel)
        let store = try DataDirectoryOption.openStore(path: resolved.dataPath, auditKey: resolved.auditKey)
        if demo { try await DemoSeed(store: store, password: demoPassword, families: demoFamilies, forms: resolved.web.formsDirectory).seedIfEmpty() }
        var configuration = resolved.web
        configuration.metricsRegistry = metricsRegistry
        if demo {
            configuration.contacts.dutyPhone = configuration.contacts.dutyPhone ?? CouncilContacts.demonstration.dutyPhone
            configuration.contacts.outOfHoursPhone = configuration.contacts.outOfHoursPhone ?? CouncilContacts.demonstration.outOfHoursPhone
        } else if configuration.contacts.dutyPhone == nil || configuration.contacts.outOfHoursPhone == nil {
            printError("heeded: warning: set --duty-phone and --out-of-hours-phone: until then a family in crisis is sent to the council's website for the numbers")
        }
        let auditAnchor = resolved.auditAnchor
        let auditAnchorInterval = resolved.auditAnchorInterval
        let host = configuration.host, port = configuration.port
        let anchors = AuditAnchorFile(url: auditAnchor.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: resolved.dataPath, isDirectory: true).appendingPathComponent("audit.anchor"))
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
        say("Heeded is starting on http://\(host):\(port) (data in \(resolved.dataPath); stop with Ctrl-C)")
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

/// Prints a line to standard output at once: the server runs for a long time, and a script or a person waiting for
/// the sign-in details should not wait on a buffer.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
