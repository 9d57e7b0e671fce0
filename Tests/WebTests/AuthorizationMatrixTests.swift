// Every route against every kind of visitor: who may use it, and that everyone else is refused and changes nothing.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Store
import Testing
import Web

@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    /// The people a route may be tried by.
    enum Visitor: String, CaseIterable, Sendable {
        case signedOut = "signed out"
        case owner = "the family's parent"
        case otherParent = "another parent"
        case teamAssessor = "an assessor in the case's team"
        case otherAssessor = "an assessor in another team, not allocated"
        case manager, administrator

        var email: String? {
            switch self {
            case .signedOut: nil
            case .owner: "rhian@example.org"
            case .otherParent: "ottilie@example.org"
            case .teamAssessor: "hollis@example.org"
            case .otherAssessor: "jethro@example.org"
            case .manager: "greer@example.org"
            case .administrator: "ade@example.org"
            }
        }
    }

    /// Who a route is for.
    enum Audience: Sendable {
        case everyone, parents, theFamily, peopleWithTheCase, staff, staffWithTheCase, managers, signedIn
        func admits(_ visitor: Visitor) -> Bool {
            switch self {
            case .everyone: true
            case .parents: [.owner, .otherParent].contains(visitor)
            case .theFamily: visitor == .owner
            case .staff: [.teamAssessor, .otherAssessor, .manager, .administrator].contains(visitor)
            case .staffWithTheCase: [.teamAssessor, .manager, .administrator].contains(visitor)
            case .peopleWithTheCase: [.owner, .teamAssessor, .manager, .administrator].contains(visitor)
            case .managers: [.manager, .administrator].contains(visitor)
            case .signedIn: visitor != .signedOut
            }
        }
    }

    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let audience: Audience
        var description: String { "\(method) \(path)" }
    }

    /// Every route the application registers (`Sources/Web`), with the family's case, its assessment and its
    /// provision in the path.
    static func routes(case id: String, assessment: String, provision: String) -> [Route] {
        let report = UUID().uuidString.lowercased()
        let get: [(String, Audience)] = [
            ("/", .everyone), ("/sign-in", .everyone), ("/create-account", .everyone), ("/health", .everyone), ("/api/openapi.json", .everyone),
            ("/family", .parents), ("/family/cases/\(id)", .theFamily), ("/family/cases/\(id)/received", .theFamily),
            ("/family/cases/\(id)/missed-session", .theFamily), ("/request", .parents),
            ("/work", .staff), ("/cases/\(id)", .staffWithTheCase), ("/cases/\(id)/needs/new", .staffWithTheCase),
            ("/cases/\(id)/provision/new", .staffWithTheCase), ("/cases/\(id)/provision/\(provision)/deliveries/new", .staffWithTheCase),
            ("/cases/\(id)/assessments/\(assessment)/form", .staffWithTheCase), ("/cases/\(id)/ehc-advice", .staffWithTheCase),
            ("/manage", .managers), ("/manage/unmet", .managers), ("/manage/unmet.csv", .managers), ("/manage/overdue", .managers),
            ("/manage/decisions", .managers), ("/cases/\(id)/decision", .managers), ("/cases/\(id)/triage", .managers),
            ("/api/me", .signedIn), ("/api/cases/\(id)", .peopleWithTheCase), ("/api/reports/unmet", .managers),
        ]
        let post: [(String, Audience)] = [
            ("/family/cases/\(id)/missed-session", .theFamily), ("/family/cases/\(id)/reports/\(report)/comments", .theFamily),
            ("/request/section/about_you", .parents), ("/request/submit", .parents), ("/api/needs-requests", .parents),
            ("/cases/\(id)/assessments/\(assessment)/status", .staffWithTheCase), ("/cases/\(id)/needs/new", .staffWithTheCase),
            ("/cases/\(id)/provision/new", .staffWithTheCase), ("/cases/\(id)/provision/\(provision)/deliveries/new", .staffWithTheCase),
            ("/cases/\(id)/assessments/\(assessment)/form/section/about", .staffWithTheCase),
            ("/cases/\(id)/assessments/\(assessment)/form/submit", .staffWithTheCase), ("/cases/\(id)/ehc-advice/submit", .staffWithTheCase),
            ("/cases/\(id)/assessments/\(assessment)/allocate", .managers), ("/cases/\(id)/triage/section/concerns", .managers),
            ("/cases/\(id)/triage/submit", .managers),
        ]
        return get.map { Route(method: .get, path: $0.0, audience: $0.1) } + post.map { Route(method: .post, path: $0.0, audience: $0.1) }
    }

    @Test("each of 42 routes, tried by each of 7 kinds of visitor: those it is not for are refused (sign in, 401, 403 or 404) and change nothing; those it is for get in")
    func everyRouteEveryVisitor() async throws {
        let server = try TestServer()
        let rhian = try await server.account("rhian@example.org", role: .parent)
        let ottilie = try await server.account("ottilie@example.org", role: .parent)
        try await server.account("hollis@example.org", role: .assessor, team: .disabledChildren)
        try await server.account("jethro@example.org", role: .assessor, team: .earlyHelp)
        try await server.account("greer@example.org", role: .manager)
        try await server.account("ade@example.org", role: .administrator)
        let file = try await server.openCase(for: rhian)
        _ = try await server.openCase(for: ottilie, child: "Wren Castellane")
        let staff = ActingUser(id: "hollis@example.org", role: .assessor)
        let assessment = try #require(try await server.store.caseRecord(file.id, viewedBy: staff).assessments.first)
        let need = Need(caseID: file.id, area: .personalCare, description: "Help washing and dressing", parentView: "", assessorView: "",
                        outcomeSought: "", identifiedOn: TestServer.today.adding(days: -30))
        try await server.store.saveNeed(need, by: staff)
        let provision = try Provision(caseID: file.id, needIDs: [need.id], service: .homeCare, description: "Personal care",
                                      amount: ProvisionAmount(6, .hoursPerWeek), startDate: TestServer.today.adding(days: -28), provider: "Brightwater Care",
                                      legalBasis: .csdpaSection2)
        try await server.store.saveProvision(provision, by: staff)
        let routes = Self.routes(case: file.id.description, assessment: assessment.id.description, provision: provision.id.description)
        #expect(routes.count == 42)
        let store = server.store

        let findings = try await server.run { browser in
            var findings: [String] = []
            var visitors: [Visitor: Browser] = [:]
            for visitor in Visitor.allCases {
                var signedIn = Browser(client: browser.client)
                _ = try await signedIn.get("/sign-in")
                if let email = visitor.email { _ = try await signedIn.signIn(email) }
                visitors[visitor] = signedIn
            }
            let changesBefore = try await Self.changes(store)
            for route in routes {
                for visitor in Visitor.allCases where !route.audience.admits(visitor) {
                    let page = try await Self.attempt(route, as: &visitors[visitor]!)
                    let refused = visitor == .signedOut
                        ? (page.status == .seeOther && page.location?.hasPrefix("/sign-in") == true) || page.status == .unauthorized
                        : [.forbidden, .notFound].contains(page.status)
                    if !refused { findings.append("\(route) by \(visitor.rawValue): \(page.status.code), not refused") }
                }
            }
            if try await Self.changes(store) != changesBefore { findings.append("a refused request changed something") }
            for route in routes where route.method == .get {
                for visitor in Visitor.allCases where route.audience.admits(visitor) {
                    let page = try await Self.attempt(route, as: &visitors[visitor]!)
                    let admitted = (200..<300).contains(page.status.code)
                        || (page.status == .seeOther && page.location?.hasPrefix("/sign-in") != true)
                    if !admitted { findings.append("\(route) by \(visitor.rawValue): \(page.status.code), not let in") }
                }
            }
            return findings
        }
        #expect(findings == [])
    }

    /// A route tried as a browser would: a post carries the visitor's CSRF token, so a refusal is the route's
    /// own, not the CSRF check's; API posts carry the session's token in `X-CSRF-Token`.
    static func attempt(_ route: Route, as browser: inout Browser) async throws -> Browser.Page {
        guard route.method == .post else { return try await browser.get(route.path) }
        let token = try await browser.get("/sign-in").csrf ?? ""
        if route.path.hasPrefix("/api/") {
            return try await browser.send(
                route.path, method: .post, headers: [.contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: token],
                body: ByteBuffer(string: "{}"))
        }
        return try await browser.post(route.path, [("_csrf", token)])
    }

    /// How many changes the audit log holds, viewings and account events aside.
    static func changes(_ store: SQLiteCaseStore) async throws -> Int {
        try await store.auditEntries(from: 1, limit: 100_000)
            .filter { $0.event.action != "record.viewed" && !$0.event.action.hasPrefix("account.") }.count
    }
}
