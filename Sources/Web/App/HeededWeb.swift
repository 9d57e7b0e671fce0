// The web application: services made once, the middleware in order, and every route.
import Casework
import Decisions
import Forms
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import Logging

/// Builds the Heeded web application over a store. `heeded serve` runs it; the tests drive it through
/// HummingbirdTesting.
public enum HeededWeb {
    /// The session cookie's name; it holds only a random key (the session lives in the database).
    public static let sessionCookie = "heeded_session"
    /// What a session's key in the store starts with, before the cookie's value.
    static let sessionKeyPrefix = "session."

    /// Problems loading forms or rules, which stop the server before it listens.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the application until the process is told to stop (SIGINT or SIGTERM).
    public static func run(store: any HeededStore, configuration: WebConfiguration) async throws {
        try await application(store: store, configuration: configuration).runService()
    }

    /// The application, ready to run; it logs through `logger`, at `configuration.logLevel`.
    public static func application(
        store: any HeededStore, configuration: WebConfiguration, logger: Logger = Logger(label: "heeded")
    ) async throws -> some ApplicationProtocol {
        var logger = logger
        logger.logLevel = configuration.logLevel
        let (router, driver) = try await router(store: store, configuration: configuration)
        let idle = configuration.connectionIdleTimeout.components
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Heeded"),
            services: [driver], logger: logger)
    }

    /// The router with every route and middleware.
    static func router(store: any HeededStore, configuration: WebConfiguration) async throws -> (WebRouter, DatabasePersistDriver) {
        let library: FormLibrary
        do {
            library = try FormLibrary.load(paths: [configuration.formsDirectory])
        } catch {
            throw StartError(description: "the forms in \(configuration.formsDirectory) do not load:\n\(error)")
        }
        let router: RequestRouter
        do {
            router = RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: configuration.rulesDirectory)))
        } catch {
            throw StartError(description: "the routing tables in \(configuration.rulesDirectory) do not load: \(error)")
        }
        let intake: NeedsRequestIntake
        let triage: TriageIntake
        do {
            intake = try NeedsRequestIntake(library: library, router: router, calendar: configuration.calendar)
            triage = try TriageIntake(requests: intake)
        } catch {
            throw StartError(description: "\(error)")
        }
        let renderer = try await Renderer.load(contacts: configuration.contacts)
        guard let openAPIURL = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("openapi.json") else {
            throw StartError(description: "the OpenAPI document is missing from the build")
        }
        let services = WebServices(
            store: store, configuration: configuration, library: library, intake: intake, triage: triage, renderer: renderer, reports: UnmetReportCache(maxAge: configuration.reportMaxAge, policy: configuration.unmetPolicy),
            submissions: SubmissionLimit(perHour: configuration.needsRequestsPerHour), metrics: WebMetrics(registry: configuration.metricsRegistry),
            dummyPasswordHash: Bcrypt.hash("no account has this password", cost: configuration.bcryptCost))
        let driver = DatabasePersistDriver(store: store)
        if configuration.warmReports {
            Task.detached(priority: .background) {
                _ = try? await services.reports.current(store: store, asOf: configuration.today())
            }
        }

        let web = Hummingbird.Router(context: WebContext.self)
        let openAPIDocument = try Data(contentsOf: openAPIURL)
        web.add(middleware: RequestLogMiddleware(metrics: services.metrics))
        web.add(middleware: MethodGate(api: try APIMethods(openAPI: openAPIDocument)))
        web.add(middleware: ContentSecurityMiddleware(contentSecurityPolicy: SecurityHeaders.policy))
        web.add(middleware: ExtraHeaders(secure: configuration.secureCookies))
        web.add(middleware: ErrorPageMiddleware(services: services))
        MetricsRoutes(services: services).register(on: web)  // here: only the middleware above applies to it
        web.add(middleware: SessionMiddleware(
            storage: driver,
            configuration: .init(
                sessionCookieParameters: .init(name: sessionCookie, path: "/", secure: configuration.secureCookies, sameSite: .lax),
                keyPrefix: sessionKeyPrefix, defaultSessionExpiration: configuration.sessionIdleTimeout)))
        web.add(middleware: AuthenticationMiddleware(services: services))
        web.add(middleware: CSRFMiddleware(services: services))

        web.get("/health") { _, _ in "ok" }
        web.get(RouterPath(renderer.stylesheetPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=31536000, immutable"],
                body: .init(byteBuffer: renderer.stylesheet))
        }
        AccountRoutes(services: services).register(on: web)
        ParentRoutes(services: services).register(on: web)
        AssessorRoutes(services: services).register(on: web)
        ManagerRoutes(services: services).register(on: web)
        AdminRoutes(services: services).register(on: web)
        APIRoutes(services: services, openAPIDocument: ByteBuffer(bytes: openAPIDocument)).register(on: web)
        return (web, driver)
    }
}
