// The settings turned into what the server is started with, with the checks that span more than one key.
import Casework
import Foundation
import Logging
import Store
import Web

/// `heeded serve`'s configuration: the web application's, and the store's place and audit files.
struct ServeConfiguration {
    var web: WebConfiguration
    let dataPath: String
    let auditKey: String?
    let auditAnchor: String?
    let auditAnchorInterval: Int

    /// - Throws: `SettingProblems` for settings that do not make sense together (a mail relay with no address for
    ///   its links to point at).
    init(_ settings: ServeSettings) throws {
        var problems: [SettingProblem] = []
        func place(_ key: String) -> String { settings.sources[key] ?? key }
        let host = settings.text("server.host") ?? "127.0.0.1"
        let port = settings.whole("server.port") ?? 8080
        let smtp = settings.text("smtp.url")
        let publicURL = settings.text("server.public_url")
        if let smtp, !(smtp.hasPrefix("smtp://") || smtp.hasPrefix("smtps://")) {
            problems.append(SettingProblem(place: place("smtp.url"), message: "smtp.url must be an smtp:// or smtps:// address"))
        }
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            problems.append(SettingProblem(place: place("server.public_url"), message: "server.public_url must start https:// (or http://)"))
        }
        if smtp != nil, publicURL == nil {
            problems.append(SettingProblem(
                place: place("smtp.url"), message: "smtp.url needs server.public_url (--public-url), the address people reach the service at, for the links in its emails"))
        }
        var metrics = MetricsAccess.loopback
        if let allow = settings.text("metrics.allow") {
            do {
                metrics.allowed = try allow.split(separator: ",").map { try MetricsAccess.AddressRange($0.trimmingCharacters(in: .whitespaces)) }
            } catch {
                problems.append(SettingProblem(place: place("metrics.allow"), message: "metrics.allow: \(error)"))
            }
        }
        if let tokenFile = settings.text("metrics.token_file") {
            if let token = try? String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
                metrics.token = token
            } else {
                problems.append(SettingProblem(place: place("metrics.token_file"), message: "metrics.token_file: \(tokenFile) cannot be read, or holds no token"))
            }
        }
        guard problems.isEmpty else { throw SettingProblems(problems: problems) }

        let perHour = settings.whole("limits.needs_requests_per_hour") ?? 10
        let defaults = UnmetNeedPolicy()
        web = WebConfiguration(
            host: host, port: port, formsDirectory: settings.text("forms.directory") ?? "Forms",
            secureCookies: settings.flag("server.secure_cookies") ?? false,
            sessionIdleTimeout: .seconds(60 * (settings.whole("sessions.idle_minutes") ?? 60)),
            sessionAbsoluteTimeout: TimeInterval(60 * 60 * (settings.whole("sessions.longest_hours") ?? 12)),
            apiTokenLifetime: TimeInterval(60 * 60 * (settings.whole("api.token_hours") ?? 24)),
            reportMaxAge: TimeInterval(settings.whole("reports.max_age_seconds") ?? 300),
            unmetPolicy: UnmetNeedPolicy(
                h2Tolerance: settings.fraction("timescales.h2_tolerance") ?? defaults.h2Tolerance,
                recordingLagDays: settings.whole("timescales.recording_lag_days") ?? defaults.recordingLagDays,
                arrangeWithinDays: settings.whole("timescales.arrange_within_days") ?? defaults.arrangeWithinDays),
            needsRequestsPerHour: perHour == 0 ? nil : perHour,
            contacts: CouncilContacts(
                dutyPhone: settings.text("council.duty_phone"), dutyHours: settings.text("council.duty_hours") ?? "Monday to Friday, 9am to 5pm",
                outOfHoursPhone: settings.text("council.out_of_hours_phone")),
            mail: smtp.map { SMTPRelay(url: $0, from: settings.text("smtp.from") ?? "no-reply@heeded.invalid", requireTLS: !(settings.flag("smtp.without_tls") ?? false)) },
            publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }, calendar: .englandAndWales)
        web.logLevel = settings.text("log.level").flatMap(Logger.Level.init(rawValue:)) ?? .info
        web.metricsAccess = metrics
        dataPath = settings.text("data.directory") ?? "./data"
        auditKey = settings.text("data.audit_key")
        auditAnchor = settings.text("data.audit_anchor")
        auditAnchorInterval = settings.whole("data.audit_anchor_interval") ?? 60
    }
}
