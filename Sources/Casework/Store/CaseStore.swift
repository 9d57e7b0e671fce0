// The persistence seam: what Casework needs a store to do. SQLite (Store module) implements it now; PostgreSQL can follow.

/// Where cases live. Every method that changes something takes the person doing it and writes the change and
/// its audit entry (who, what, when, the previous value) in one transaction: either both are stored or
/// neither. Reading a child's whole record is audited too.
///
/// The methods are `async` so that an implementation over an asynchronous driver (PostgresNIO) fits the same
/// shape as one over a synchronous one (GRDB runs its work on its own queue). Domain rules (status flow,
/// validation) are decided by Casework's own types; a store calls them inside its transaction and translates.
public protocol CaseStore: Sendable {
    /// Records a manager's confirmation or override of the routing, adding any assessment it brings (a s47
    /// record when a strategy discussion is confirmed). Refused if the case already has one.
    @discardableResult
    func recordManagerDecision(_ decision: ManagerDecision, caseID: CaseFile.ID, by who: ActingUser) async throws -> CaseFile

    /// Adds an assessment requested later (a young carer's assessment found during the child's).
    func addAssessment(_ assessment: Assessment, by who: ActingUser) async throws

    /// Moves an assessment along its status flow; an illegal move is refused with `CaseworkError.illegalTransition`.
    @discardableResult
    func moveAssessment(_ id: Assessment.ID, to status: AssessmentStatus, on date: CalendarDate, by who: ActingUser) async throws -> Assessment

    /// Adds a need or replaces it (keeping the old version in the audit log).
    func saveNeed(_ need: Need, by who: ActingUser) async throws
    /// Adds provision or replaces it. Every need it names must be in the same case.
    func saveProvision(_ provision: Provision, by who: ActingUser) async throws
    /// Records delivery for a period against a provision of the case `caseID`; a second record for the same provision
    /// and period start replaces the first. A provision of another case is `CaseStoreError.notFound`, so access to one
    /// case never reaches another's records.
    func recordDelivery(_ delivery: Delivery, inCase caseID: CaseFile.ID, by who: ActingUser) async throws
    /// Saves EHC advice. Submitted advice (with `submittedOn`) must have no errors (`EHCAdviceRefused`).
    func saveEHCAdvice(_ advice: EHCAdvice, by who: ActingUser) async throws
    func recordOvernightStay(_ stay: OvernightStay, by who: ActingUser) async throws
    func saveReview(_ review: Review, by who: ActingUser) async throws

    /// Stores a batch of new records in one transaction with one audit entry (imports, demo data).
    func importBatch(_ batch: ImportBatch, by who: ActingUser) async throws

    /// A child's whole record. Audited as a viewing by `viewer`.
    func caseRecord(_ id: CaseFile.ID, viewedBy viewer: ActingUser) async throws -> CaseRecord

    /// Needs, and provision with each provision's deliveries measured (`DeliveryMeasure.account`) as they are read,
    /// for `UnmetNeed.assessedButUnmet` and the trend; one team or all.
    func unmetNeedInputs(team: Team?, measure: DeliveryMeasure) async throws -> UnmetNeedInputs
    /// Open assessments, unsent advice and reviews, for `OverdueWork.find`; one team or all.
    func overdueInputs(team: Team?) async throws -> OverdueInputs

    /// Audit entries in order, from a sequence number.
    func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry]
    /// Checks the whole audit chain.
    func verifyAuditChain() async throws -> AuditVerification
}

/// Everything held about one child's case.
public struct CaseRecord: Sendable, Hashable {
    public var file: CaseFile
    public var assessments: [Assessment]
    public var needs: [Need]
    public var provisions: [Provision]
    public var deliveries: [Delivery]
    public var ehcAdvice: [EHCAdvice]
    public var overnightStays: [OvernightStay]
    public var reviews: [Review]

    public init(
        file: CaseFile, assessments: [Assessment], needs: [Need], provisions: [Provision], deliveries: [Delivery],
        ehcAdvice: [EHCAdvice], overnightStays: [OvernightStay], reviews: [Review]
    ) {
        self.file = file
        self.assessments = assessments
        self.needs = needs
        self.provisions = provisions
        self.deliveries = deliveries
        self.ehcAdvice = ehcAdvice
        self.overnightStays = overnightStays
        self.reviews = reviews
    }
}

/// A store could not do what was asked, for a reason in the data rather than the database.
public enum CaseStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No record of that kind with that id.
    case notFound(kind: String, id: String)
    /// The record already exists and this operation only creates.
    case alreadyExists(kind: String, id: String)
    /// A record refers to one that is not there or belongs to another case.
    case badReference(String)
    /// A revision of a report that has been revised already: only the latest version is revised.
    case alreadyRevised(report: String)

    public var description: String {
        switch self {
        case .notFound(let kind, let id): "no \(kind) with id \(id)"
        case .alreadyExists(let kind, let id): "a \(kind) with id \(id) already exists"
        case .badReference(let message): message
        case .alreadyRevised(let report): "report \(report) has been revised already: revise the latest version"
        }
    }
}
