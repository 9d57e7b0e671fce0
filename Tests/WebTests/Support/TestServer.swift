// A Heeded web server over a fresh store, driven through HummingbirdTesting, with invented families.
import Casework
import Decisions
import FEEL
import Foundation
import Hummingbird
import HummingbirdTesting
import Forms
import Store
import Testing
import Web

/// A data directory, the shipped forms and a fixed "today", for one test.
struct TestServer {
    let store: SQLiteCaseStore
    let configuration: WebConfiguration
    let directory: URL

    static let today = CalendarDate(year: 2026, month: 3, day: 2)!
    static let password = "correct horse battery staple"

    /// The repository's Forms folder, found from this file's path.
    static let formsDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let forms = url.appendingPathComponent("Forms/needs-request.xml")
            if FileManager.default.fileExists(atPath: forms.path) { return url.appendingPathComponent("Forms").path }
        }
        preconditionFailure("cannot find the repository's Forms folder from \(#filePath)")
    }()

    init(throttle: SignInThrottle = .standard, idleTimeout: Duration = .seconds(3600), secureCookies: Bool = false,
         connectionIdleTimeout: Duration = .seconds(30), needsRequestsPerHour: Int? = 10, contacts: CouncilContacts = .unset,
         mail: (any MailSender)? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-web-\(UUID().uuidString)")
        store = try SQLiteCaseStore(directory: directory)
        configuration = WebConfiguration(
            formsDirectory: Self.formsDirectory, secureCookies: secureCookies, sessionIdleTimeout: idleTimeout, bcryptCost: 4,
            signInThrottle: throttle, reportMaxAge: 0, warmReports: false, connectionIdleTimeout: connectionIdleTimeout,
            needsRequestsPerHour: needsRequestsPerHour, contacts: contacts, mail: mail,
            publicURL: "https://heeded.example.gov.uk", today: { TestServer.today }, calendar: .englandAndWales)
    }

    /// Runs `body` against the application; the data directory is removed afterwards.
    func run<Value: Sendable>(_ body: @Sendable @escaping (Browser) async throws -> Value) async throws -> Value {
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try await HeededWeb.application(store: store, configuration: configuration)
        return try await app.test(.router) { client in try await body(Browser(client: client)) }
    }

    /// Runs `body` against the application listening on a loopback port, for what only a real socket shows.
    func runListening<Value: Sendable>(_ body: @Sendable @escaping (Int) async throws -> Value) async throws -> Value {
        defer { try? FileManager.default.removeItem(at: directory) }
        var listening = configuration
        listening.port = 0
        let app = try await HeededWeb.application(store: store, configuration: listening)
        return try await app.test(.live) { client in try await body(try #require(client.port)) }
    }

    @discardableResult
    func account(_ email: String, role: ActingUser.Role, team: Team? = nil) async throws -> Account {
        let account = Account(email: email, role: role, passwordHash: PasswordHashing.hash(Self.password, cost: 4), team: team ?? (role == .parent ? nil : .disabledChildren))
        try await store.createAccount(account, by: ActingUser(id: "test-setup", role: .system))
        return account
    }
}

/// Answers to the needs request that pass every check: an invented family asking for their son.
enum Answers {
    static func complete(child: String = "Quillon Marchbank", parent: String = "Rhian Marchbank", dob: String = "2018-05-04") -> [String: Any] {
        [
            "requester_name": parent, "relationship": "mother", "has_parental_responsibility": "yes", "aged_18_or_over": true,
            "contact_email": "rhian@example.org", "preferred_contact": "email",
            "child_name": child, "child_dob": dob, "child_address": "4 Penhallow Row, Kittering", "child_postcode": "KT4 9ZZ",
            "areas_affected": ["COMM", "LD", "BEH"], "enough_sleep": false, "caring_affects_health": "a-lot",
            "want_parent_carer_assessment": "yes", "requests_made": ["assessment", "short-breaks-day"], "urgency": "routine",
            "consent_to_assessment": true, "privacy_notice_acknowledged": true,
        ]
    }

    static func json(_ answers: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: ["answers": answers]))
    }
}

extension TestServer {
    /// Opens a case for a parent through the same intake the pages use, as if they had sent the request.
    @discardableResult
    func openCase(for parent: Account, child: String = "Quillon Marchbank") async throws -> CaseFile {
        let library = try FormLibrary.load(paths: [Self.formsDirectory])
        let intake = try NeedsRequestIntake(library: library, router: RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: Self.formsDirectory + "/rules"))),
            calendar: configuration.calendar)
        var raw: [String: RawAnswer] = [:]
        for (key, value) in Answers.complete(child: child) {
            switch value {
            case let text as String: raw[key] = .value(text)
            case let flag as Bool: raw[key] = .value(flag ? "yes" : "no")
            case let list as [String]: raw[key] = .values(list)
            default: break
            }
        }
        guard case .ready(let received) = intake.receive(raw, from: parent.actingUser, on: Self.today) else {
            preconditionFailure("the complete answers should be received")
        }
        try await store.receive(received, ownedBy: parent.id, by: parent.actingUser)
        return received.file
    }
}

extension OverdueWork {
    /// Overdue work counted in the working days the server counts in (the shipped England and Wales holidays).
    static func find(_ inputs: OverdueInputs, asOf date: CalendarDate) -> [OverdueWork] {
        find(inputs, asOf: date, calendar: .englandAndWales)
    }
}
