// A report written about a child from one of the practitioners' forms: an assessment, or EHC social care advice.
import Foundation

/// A completed practitioner form, kept with the form id and version it was written with so it stays readable
/// after the form changes. Once submitted the family can read it and add their comments beside it.
public struct CaseReport: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<CaseReport>
    public let id: ID
    public let caseID: CaseFile.ID
    /// The assessment it reports, when it is one (EHC advice belongs to the case, not an assessment).
    public let assessmentID: Assessment.ID?
    public let formID: String
    public let formVersion: Int
    public let title: String
    public let answers: [String: SubmittedAnswer]
    public let author: ActingUser
    public let submittedOn: CalendarDate
    /// Set when this report deliberately replaces one already sent (for the same assessment, or the same EHC
    /// request's advice): the earlier report stays on the record beside it.
    public let revision: Revision?

    /// What a revision replaces, and why: the reason is shown to the family with the revised report.
    public struct Revision: Sendable, Hashable, Codable {
        public let revises: CaseReport.ID
        public let reason: String

        /// Refused without a reason: a revision of what a family has already read must say why.
        public init(revises: CaseReport.ID, reason: String) throws(CaseworkError) {
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                throw .invalid(field: "revision_reason", message: "Say why you are changing what was sent: the family will read it beside the revised report")
            }
            guard trimmed.count <= 4000 else { throw .invalid(field: "revision_reason", message: "The reason must be 4,000 characters or fewer") }
            self.revises = revises
            self.reason = trimmed
        }
    }

    public init(
        id: ID = ID(), caseID: CaseFile.ID, assessmentID: Assessment.ID?, formID: String, formVersion: Int, title: String,
        answers: [String: SubmittedAnswer], author: ActingUser, submittedOn: CalendarDate, revision: Revision? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.assessmentID = assessmentID
        self.formID = formID
        self.formVersion = formVersion
        self.title = title
        self.answers = answers
        self.author = author
        self.submittedOn = submittedOn
        self.revision = revision
    }
}

/// A family's comment on a report or assessment: their right to have their view recorded beside the council's.
public struct FamilyComment: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<FamilyComment>
    public let id: ID
    public let caseID: CaseFile.ID
    public let reportID: CaseReport.ID
    public let text: String
    public let author: ActingUser
    public let writtenOn: CalendarDate

    public init(id: ID = ID(), caseID: CaseFile.ID, reportID: CaseReport.ID, text: String, author: ActingUser, writtenOn: CalendarDate) throws(CaseworkError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: "comment", message: "Enter your comments") }
        guard trimmed.count <= 8000 else { throw .invalid(field: "comment", message: "Your comments must be 8,000 characters or fewer") }
        self.id = id
        self.caseID = caseID
        self.reportID = reportID
        self.text = trimmed
        self.author = author
        self.writtenOn = writtenOn
    }
}

/// A family's report that a session of provision did not happen. It is the family's account, kept as given and
/// shown to the practitioner, who records the delivery (with its reason) against the provision.
public struct MissedSessionReport: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<MissedSessionReport>
    public let id: ID
    public let caseID: CaseFile.ID
    public let provisionID: Provision.ID
    public let sessionDate: CalendarDate
    public let whatHappened: String
    public let reportedBy: ActingUser
    public let reportedOn: CalendarDate

    public init(
        id: ID = ID(), caseID: CaseFile.ID, provisionID: Provision.ID, sessionDate: CalendarDate, whatHappened: String,
        reportedBy: ActingUser, reportedOn: CalendarDate
    ) throws(CaseworkError) {
        guard sessionDate <= reportedOn else {
            throw .invalid(field: "session_date", message: "The date of the session must be today or in the past")
        }
        let trimmed = whatHappened.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: "what_happened", message: "Tell us what happened") }
        guard trimmed.count <= 4000 else { throw .invalid(field: "what_happened", message: "What happened must be 4,000 characters or fewer") }
        self.id = id
        self.caseID = caseID
        self.provisionID = provisionID
        self.sessionDate = sessionDate
        self.whatHappened = trimmed
        self.reportedBy = reportedBy
        self.reportedOn = reportedOn
    }
}
