// The persistence seam for what is written about a child besides the casework records: reports, the family's
// comments and reports of missed sessions; and for who holds which assessment.
import Foundation

/// Reports, comments, missed-session reports, allocation and caseloads. Every change is audited.
public protocol CaseDocumentStore: Sendable {
    /// Stores a submitted report with the records it makes (the needs of a child in need assessment,
    /// `CaseReport.needRecords`; the advice of an EHC advice form, `CaseReport.ehcAdvice`), completes the
    /// assessment it reports (`Assessment.completedBySending`) and removes the author's draft of it, in one
    /// transaction: all of it is stored or none. A report for an assessment already sent is refused with
    /// `CaseworkError.illegalTransition` unless it is a revision (`CaseReport.revision`) of a report of the same
    /// assessment; advice with errors (a second advice for the same request among them) with `EHCAdviceRefused`.
    func submitReport(_ report: CaseReport, draftOwner: Account.ID?, draftPurpose: String?, by who: ActingUser) async throws
    func reports(ofCase id: CaseFile.ID) async throws -> [CaseReport]
    /// What EHC advice on the case is checked against and starts with (not a viewing of the whole record).
    func ehcContext(ofCase id: CaseFile.ID) async throws -> EHCCaseContext
    func addComment(_ comment: FamilyComment, by who: ActingUser) async throws
    func comments(ofCase id: CaseFile.ID) async throws -> [FamilyComment]
    func reportMissedSession(_ report: MissedSessionReport, by who: ActingUser) async throws
    func missedSessions(ofCase id: CaseFile.ID) async throws -> [MissedSessionReport]

    /// Gives an assessment to an assessor (their account email), audited with the previous holder.
    @discardableResult
    func allocate(_ id: Assessment.ID, to assessor: String?, by who: ActingUser) async throws -> Assessment
    /// Open assessments held by an assessor, or not yet held by anyone in a team, soonest deadline first.
    func caseload(assessor: String, team: Team?) async throws -> [CaseloadItem]
    /// Cases whose routing still waits for a manager's word, in the duty queue's order: families in crisis
    /// first, then urgent requests, then the rest, oldest first in each (`WaitingRequest.dutyOrder`).
    func awaitingDecision(team: Team?) async throws -> [WaitingRequest]
    /// The assessors holding any of a case's assessments (to let them open a case outside their team).
    func assessors(ofCase id: CaseFile.ID) async throws -> [String]
    /// One assessment, without reading (and auditing a viewing of) the whole record.
    func assessment(_ id: Assessment.ID) async throws -> Assessment?
    /// A case's summary without reading (and auditing a viewing of) its whole record.
    func caseSummary(_ id: CaseFile.ID) async throws -> CaseSummary?
}

/// One line of an assessor's caseload.
public struct CaseloadItem: Sendable, Hashable {
    public let assessment: AssessmentSummary
    public let caseSummary: CaseSummary
    public let assessor: String?
    /// How soon the family needed a response (`CaseFile.urgency`).
    public let urgency: Urgency

    public init(assessment: AssessmentSummary, caseSummary: CaseSummary, assessor: String?, urgency: Urgency = .routine) {
        self.assessment = assessment
        self.caseSummary = caseSummary
        self.assessor = assessor
        self.urgency = urgency
    }
}
