// How a Heeded web server is set up: where it listens, where its forms are, and its security settings.
import Casework
import FEEL
import Foundation
import Logging
import Prometheus

/// Settings for `HeededWeb`. The defaults are the production ones; tests shorten what they need to.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Folder of form definitions (`Forms/`); the routing tables are read from its `rules/` folder.
    public var formsDirectory: String
    /// Mark cookies `Secure`: set when the server sits behind TLS (a proxy that terminates it).
    public var secureCookies: Bool
    /// How long a session lasts without activity; each request within it extends it.
    public var sessionIdleTimeout: Duration
    /// The longest a session lasts, however active.
    public var sessionAbsoluteTimeout: TimeInterval
    /// bcrypt's cost factor: 12 for real use (a quarter of a second a hash); tests lower it.
    public var bcryptCost: UInt8
    public var signInThrottle: SignInThrottle
    /// How long a bearer token from `POST /api/tokens` is good for.
    public var apiTokenLifetime: TimeInterval
    /// How old the manager's unmet-need report may be when records have changed since, while a fresh one is
    /// worked out in the background (see `UnmetReportCache`); 0 means always fresh.
    public var reportMaxAge: TimeInterval
    /// Work the manager's reports out as the server starts, so the first manager to look does not wait.
    public var warmReports: Bool
    /// When provision counts as behind: the council's tolerance for H2 provision (none is ever allowed for H1).
    public var unmetPolicy: UnmetNeedPolicy
    /// How long a connection may sit with no request arriving (also the longest a client may take to send a
    /// request's headers) before it is closed, so slow or idle connections cannot hold the server's sockets.
    public var connectionIdleTimeout: Duration
    /// How many needs requests one parent account may send in an hour (pages and API together); nil for no limit.
    public var needsRequestsPerHour: Int?
    /// The council's numbers for a family who needs help today, shown on every page a family reads.
    public var contacts: CouncilContacts
    /// Where email goes (only the links to set a forgotten password); nil when the council has no relay set, and
    /// then the sign-in page tells a person who has forgotten theirs to ask the council.
    public var mail: (any MailSender)?
    /// The address people reach the service at, for links in email ("https://heeded.example.gov.uk").
    public var publicURL: String
    /// Today, for statutory clocks; tests fix it.
    public var today: @Sendable () -> CalendarDate
    /// Counts the working days of statutory clocks (the edge that starts the server reads its bank holidays).
    public var calendar: WorkingDayCalendar
    /// The least severe log entries written (see `JSONLogHandler`); `info` logs one line per request.
    public var logLevel: Logger.Level = .info
    /// Who may read `/metrics`.
    public var metricsAccess: MetricsAccess = .loopback
    /// Where the application's metrics are kept for `/metrics`; `heeded serve` bootstraps swift-metrics with the same
    /// registry, so what other modules record through the facade (the store's group commit) is there too.
    public var metricsRegistry = PrometheusCollectorRegistry()

    public init(
        host: String = "127.0.0.1", port: Int = 8080, formsDirectory: String = "Forms", secureCookies: Bool = false,
        sessionIdleTimeout: Duration = .seconds(60 * 60), sessionAbsoluteTimeout: TimeInterval = 12 * 60 * 60, bcryptCost: UInt8 = 12,
        signInThrottle: SignInThrottle = .standard, apiTokenLifetime: TimeInterval = 24 * 60 * 60,
        reportMaxAge: TimeInterval = 300, warmReports: Bool = true, unmetPolicy: UnmetNeedPolicy = .standard,
        connectionIdleTimeout: Duration = .seconds(30), needsRequestsPerHour: Int? = 10,
        contacts: CouncilContacts = .unset, mail: (any MailSender)? = nil, publicURL: String? = nil, today: @escaping @Sendable () -> CalendarDate = { CalendarDate(Date()) },
        calendar: WorkingDayCalendar
    ) {
        self.host = host
        self.port = port
        self.formsDirectory = formsDirectory
        self.secureCookies = secureCookies
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionAbsoluteTimeout = sessionAbsoluteTimeout
        self.bcryptCost = bcryptCost
        self.signInThrottle = signInThrottle
        self.apiTokenLifetime = apiTokenLifetime
        self.reportMaxAge = reportMaxAge
        self.unmetPolicy = unmetPolicy
        self.warmReports = warmReports
        self.connectionIdleTimeout = connectionIdleTimeout
        self.needsRequestsPerHour = needsRequestsPerHour
        self.contacts = contacts
        self.mail = mail
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.today = today
        self.calendar = calendar
    }

    public var rulesDirectory: String { (formsDirectory as NSString).appendingPathComponent("rules") }
}
