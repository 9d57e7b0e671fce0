// Everything a handler needs, made once at start-up and shared by every request.
import Casework
import Forms

/// Every store protocol the web application uses; `SQLiteCaseStore` is one.
public typealias HeededStore = CaseStore & AccountStore & SessionRecordStore & IntakeStore & CaseDocumentStore & ReportingStore
    & StaffAccountStore & AuditSearchStore

/// The application's shared, immutable parts (the report cache is an actor).
struct WebServices: Sendable {
    let store: any HeededStore
    let configuration: WebConfiguration
    let library: FormLibrary
    let intake: NeedsRequestIntake
    let triage: TriageIntake
    let renderer: Renderer
    let reports: UnmetReportCache
    let submissions: SubmissionLimit
    let metrics: WebMetrics
    /// Checked against when no account has the email given, so a wrong email takes as long as a wrong password.
    let dummyPasswordHash: String

    var today: CalendarDate { configuration.today() }
}
