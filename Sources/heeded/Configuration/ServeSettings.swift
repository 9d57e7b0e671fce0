// What `heeded serve` runs with: one JSON file, environment variables over it, command-line options over both.
import Configuration
import Foundation

/// One setting a council can put in the configuration file (`server.port`) or the environment (`HEEDED_SERVER_PORT`).
struct SettingKey: Sendable {
    enum Kind: Sendable {
        case text
        case whole(ClosedRange<Int>)
        case flag
        /// A fraction from 0 to 1.
        case fraction
        /// One of these words.
        case choice([String])
    }

    let name: String
    let kind: Kind
    /// Shown as "(hidden)" by `heeded config check`: a password inside a relay's address.
    let secret: Bool
    let help: String

    init(_ name: String, _ kind: Kind, secret: Bool = false, _ help: String) {
        self.name = name
        self.kind = kind
        self.secret = secret
        self.help = help
    }

    /// The environment variable that sets it: `HEEDED_` and the name in capitals, dots as underscores.
    var environmentName: String { "HEEDED_" + name.uppercased().replacingOccurrences(of: ".", with: "_") }

    /// What the value must be, for a message beside a wrong one.
    var expected: String {
        switch kind {
        case .text: "text"
        case .whole(let range) where range.upperBound == .max: "a whole number, \(range.lowerBound) or more"
        case .whole(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .flag: "true or false"
        case .fraction: "a number from 0 to 1"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        }
    }
}

extension SettingKey {
    /// Every key the file may hold, in the order `heeded config check` prints them.
    static let all: [SettingKey] = [
        SettingKey("server.host", .text, "The address to listen on (127.0.0.1)."),
        SettingKey("server.port", .whole(1...65535), "The port to listen on (8080)."),
        SettingKey("server.secure_cookies", .flag, "Mark cookies Secure and send HSTS, when reached over TLS (false)."),
        SettingKey("server.public_url", .text, "The address people reach the service at, for links in email."),
        SettingKey("data.directory", .text, "The data directory holding heeded.sqlite (./data)."),
        SettingKey("data.audit_key", .text, "The audit key file (audit.key in the data directory)."),
        SettingKey("data.audit_anchor", .text, "The file the audit log's head is appended to (audit.anchor in the data directory)."),
        SettingKey("data.audit_anchor_interval", .whole(1...Int.max), "Seconds between audit anchors (60)."),
        SettingKey("forms.directory", .text, "The folder of form definitions, with the routing tables in rules/ (Forms)."),
        SettingKey("council.duty_phone", .text, "The children's duty team's number, shown to families."),
        SettingKey("council.duty_hours", .text, "When the duty team answers (Monday to Friday, 9am to 5pm)."),
        SettingKey("council.out_of_hours_phone", .text, "The emergency duty team's number."),
        SettingKey("smtp.url", .text, secret: true, "The mail relay for one-time links (smtp://relay:25, smtps:// for TLS)."),
        SettingKey("smtp.from", .text, "The address those emails come from (no-reply@heeded.invalid)."),
        SettingKey("smtp.without_tls", .flag, "Send to the relay without TLS: only for a relay on this machine (false)."),
        SettingKey("limits.needs_requests_per_hour", .whole(0...Int.max), "Needs requests one parent account may send in an hour; 0 for no limit (10)."),
        SettingKey("sessions.idle_minutes", .whole(1...Int.max), "Minutes a session lasts without activity (60)."),
        SettingKey("sessions.longest_hours", .whole(1...Int.max), "Hours a session lasts however active (12)."),
        SettingKey("api.token_hours", .whole(1...Int.max), "Hours an API token is good for (24)."),
        SettingKey("reports.max_age_seconds", .whole(0...Int.max), "How old the unmet-need report may be while a fresh one is worked out (300)."),
        SettingKey("timescales.arrange_within_days", .whole(1...Int.max), "Days the council allows to arrange provision once a need is assessed (28)."),
        SettingKey("timescales.recording_lag_days", .whole(0...Int.max), "Days deliveries may take to be recorded before they count as missed (7)."),
        SettingKey("timescales.h2_tolerance", .fraction, "The fraction of H2 provision that may be missed before it shows as behind (0)."),
        SettingKey("log.level", .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"]), "The least severe log entries written to standard output (info)."),
        SettingKey("metrics.allow", .text, "Addresses and ranges that may read /metrics without the token, comma-separated (loopback only)."),
        SettingKey("metrics.token_file", .text, "A file holding the bearer token that lets a scraper read /metrics from anywhere."),
    ]

    static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Environment variables that start `HEEDED_` and are not settings: the file's name, and the test harness's.
    static let notSettings = ["HEEDED_CONFIG", "HEEDED_TEST_", "HEEDED_BIN", "HEEDED_WRITE_SCHEMA"]
}

/// A key in the file or the environment that Heeded does not know, or a value of the wrong kind, where it is.
struct SettingProblem: Error, Sendable, CustomStringConvertible {
    /// `heeded.json:12` or `HEEDED_SERVER_PORT`.
    let place: String
    let message: String

    var description: String { "\(place): \(message)" }
}

/// The settings, resolved: the command line's, over the environment's, over the file's, over the defaults.
struct ServeSettings: Sendable {
    let reader: ConfigReader
    /// Where each resolved key came from, for `heeded config check`.
    let sources: [String: String]

    /// Reads the file (if any) and the environment, checking every key and value in both.
    ///
    /// - Parameters:
    ///   - file: the configuration file, from `--config` or `HEEDED_CONFIG`.
    ///   - environment: the process's environment; only `HEEDED_` variables are read.
    ///   - commandLine: the options given on the command line, by key.
    /// - Throws: every `SettingProblem` found, at once, as `SettingProblems`.
    static func load(file: String?, environment: [String: String], commandLine: [String: ConfigContent]) async throws -> ServeSettings {
        var problems: [SettingProblem] = []
        var sources: [String: String] = [:]
        var providers: [any ConfigProvider] = []
        let given = commandLine.mapValues { ConfigValue($0, isSecret: false) }
        providers.append(InMemoryProvider(name: "command line", values: Dictionary(uniqueKeysWithValues: given.map { (AbsoluteConfigKey(ConfigKey($0.key)), $0.value) })))
        for key in commandLine.keys { sources[key] = "command line" }

        var variables: [String: String] = [:]
        let known = Dictionary(uniqueKeysWithValues: SettingKey.all.map { ($0.environmentName, $0) })
        for (name, value) in environment where name.hasPrefix("HEEDED_") && !SettingKey.notSettings.contains(where: name.hasPrefix) {
            guard let key = known[name] else {
                problems.append(SettingProblem(place: name, message: "not a Heeded setting"))
                continue
            }
            if let problem = check(value, as: key) { problems.append(SettingProblem(place: name, message: problem)) }
            // swift-configuration's environment provider reads SERVER_PORT for the key server.port.
            variables[String(name.dropFirst("HEEDED_".count))] = value
            if sources[key.name] == nil { sources[key.name] = name }
        }
        providers.append(EnvironmentVariablesProvider(environmentVariables: variables, secretsSpecifier: .specific(["SMTP_URL"])))

        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SettingProblems(problems: problems + [SettingProblem(place: file, message: "cannot be read")])
            }
            let top: [String: FileValue]
            do {
                top = try JSONDecoder().decode([String: FileValue].self, from: data)
            } catch let error as DecodingError {
                throw SettingProblems(problems: problems + [SettingProblem(place: file, message: "must hold one JSON object, like {\"server\": {\"port\": 8080}}: \(Self.reason(error))")])
            }
            let lines = JSONKeyLines.lines(of: data)
            for (name, value) in flatten(top) {
                let place = "\(file):\(lines[name] ?? 1)"
                guard let key = SettingKey.byName[name] else {
                    problems.append(SettingProblem(place: place, message: "\(name) is not a Heeded setting" + (suggestion(for: name).map { " (did you mean \($0)?)" } ?? "")))
                    continue
                }
                if let problem = check(value, as: key) { problems.append(SettingProblem(place: place, message: "\(name): \(problem)")) }
                if sources[name] == nil { sources[name] = place }
            }
            let path = InMemoryProvider(values: ["filePath": ConfigValue(.string(file), isSecret: false)])
            providers.append(try await FileProvider<JSONSnapshot>(config: ConfigReader(provider: path)))
        }
        guard problems.isEmpty else { throw SettingProblems(problems: problems.sorted { $0.place < $1.place }) }
        return ServeSettings(reader: ConfigReader(providers: providers), sources: sources)
    }

    func text(_ name: String) -> String? { reader.string(forKey: ConfigKey(name)) }
    func whole(_ name: String) -> Int? { reader.int(forKey: ConfigKey(name)) }
    func flag(_ name: String) -> Bool? { reader.bool(forKey: ConfigKey(name)) }
    func fraction(_ name: String) -> Double? { reader.double(forKey: ConfigKey(name)) }

    /// A value as `heeded config check` prints it, a secret's hidden part as "(hidden)".
    func shown(_ key: SettingKey) -> String? {
        let value: String? = switch key.kind {
        case .text, .choice: text(key.name)
        case .whole: whole(key.name).map(String.init)
        case .flag: flag(key.name).map(String.init)
        case .fraction: fraction(key.name).map { String($0) }
        }
        guard let value else { return nil }
        guard key.secret, let url = URLComponents(string: value), url.password != nil || url.user != nil else { return value }
        var hidden = url
        hidden.user = url.user == nil ? nil : "(hidden)"
        hidden.password = url.password == nil ? nil : "(hidden)"
        return hidden.string ?? "(hidden)"
    }

    /// What is wrong with a value in the file for a key, or nil.
    static func check(_ value: FileValue, as key: SettingKey) -> String? {
        switch (key.kind, value) {
        case (.text, .text), (.flag, .flag): return nil
        case (.choice(let words), .text(let word)): return words.contains(word) ? nil : "must be \(key.expected)"
        case (.whole(let range), .number(let number)):
            guard let whole = Int(exactly: number), range.contains(whole) else { return "must be \(key.expected)" }
            return nil
        case (.fraction, .number(let number)):
            return (0...1).contains(number) ? nil : "must be \(key.expected)"
        case (.text, _): return "must be \(key.expected), in quotes"
        default: return "must be \(key.expected)"
        }
    }

    /// What is wrong with an environment variable's value for a key, or nil.
    static func check(_ value: String, as key: SettingKey) -> String? {
        switch key.kind {
        case .text: nil
        case .whole(let range): Int(value).map(range.contains) == true ? nil : "must be \(key.expected)"
        case .flag: value == "true" || value == "false" ? nil : "must be \(key.expected)"
        case .fraction: Double(value).map((0...1).contains) == true ? nil : "must be \(key.expected)"
        case .choice(let words): words.contains(value) ? nil : "must be \(key.expected)"
        }
    }

    /// `{"server": {"port": 8080}}` as `["server.port": 8080]`.
    static func flatten(_ object: [String: FileValue], prefix: String = "") -> [(String, FileValue)] {
        object.flatMap { name, value -> [(String, FileValue)] in
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            if case .object(let nested) = value { return flatten(nested, prefix: path) }
            return [(path, value)]
        }.sorted { $0.0 < $1.0 }
    }

    /// A known key spelled nearly like an unknown one (one letter out, or another part's words).
    static func suggestion(for name: String) -> String? {
        let leaf = name.split(separator: ".").last.map(String.init) ?? name
        return SettingKey.all.map(\.name).first { known in
            known.hasSuffix("." + leaf) || distance(known, name) <= 2
        }
    }

    /// Edits (a letter added, dropped or changed) from one name to another.
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in a.indices {
            var diagonal = row[0]
            row[0] = i + 1
            for j in b.indices {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (a[i] == b[j] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}

extension ServeSettings {
    /// A value in the configuration file, as JSON has it.
    enum FileValue: Decodable {
        case flag(Bool)
        case number(Double)
        case text(String)
        case object([String: FileValue])
        /// A list or null: no setting takes one.
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let object = try? container.decode([String: FileValue].self) {
                self = .object(object)
            } else {
                self = .other
            }
        }
    }

    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }
}

/// Every problem in the configuration, reported together.
struct SettingProblems: Error, CustomStringConvertible {
    let problems: [SettingProblem]
    var description: String { problems.map(\.description).joined(separator: "\n") }
}
