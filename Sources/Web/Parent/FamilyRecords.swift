// Everything Heeded holds about a family, for the family (UK GDPR Art. 15): as a page that prints, and as JSON.
import Casework
import Forms
import Foundation

/// One family's records: every case the account sent, each with what the family's own case page shows (the request
/// as sent, why it was routed, assessments, needs, provision and every delivery, reports and comments, sessions
/// reported missed) and who opened the record when. What a family may see of a case is `CaseRecord`'s rule, as on
/// their case page; nothing of another family's is read.
struct FamilyRecords: Sendable {
    struct Case: Sendable {
        let record: CaseRecord
        let reports: [CaseReport]
        let comments: [FamilyComment]
        let missed: [MissedSessionReport]
        /// The audit log's entries for each time the record was opened, newest first.
        let views: [AuditEntry]
    }

    let email: String
    let downloadedAt: Date
    let cases: [Case]

    /// Reads the account's cases; the caller audits the download.
    static func read(for account: Account, services: WebServices) async throws -> FamilyRecords {
        var cases: [Case] = []
        for summary in try await services.store.casesOwned(by: account.id) {
            let record = try await services.store.caseRecord(summary.id, viewedBy: account.actingUser)
            cases.append(Case(
                record: record, reports: try await services.store.reports(ofCase: summary.id),
                comments: try await services.store.comments(ofCase: summary.id), missed: try await services.store.missedSessions(ofCase: summary.id),
                views: try await services.store.auditEntries(matching: AuditQuery(caseID: summary.id, action: "record.viewed"), offset: 0, limit: 10_000)))
        }
        return FamilyRecords(email: account.email, downloadedAt: Date(), cases: cases)
    }
}

/// The records as one readable page.
struct FamilyRecordsView {
    let email: String
    let downloadedAt: String
    let cases: [CaseSection]

    struct CaseSection {
        let page: FamilyCaseView
        /// The needs request as the family sent it, section by section.
        let request: [SummarySection]
        let views: [ViewLine]
    }

    struct ViewLine {
        let when: String
        let who: String
    }

    init(_ records: FamilyRecords, services: WebServices) {
        email = records.email
        downloadedAt = Formatting.dateTime(records.downloadedAt)
        cases = records.cases.map { item in
            let request = item.record.file.request
            let form = services.library.form(request.formID, version: request.formVersion)
            return CaseSection(
                page: FamilyCaseView(
                    record: item.record, reports: item.reports, comments: item.comments, missed: item.missed, services: services,
                    received: false, csrf: ""),
                request: form.map { AnswerDisplay.sections(request.answers, form: $0, library: services.library, changeLink: nil) } ?? [],
                views: item.views.map { entry in
                    ViewLine(
                        when: Formatting.dateTime(entry.recordedDate),
                        who: entry.event.actor.role == .parent ? "You (\(entry.event.actor.id))" : "\(entry.event.actor.id) (\(Formatting.words(entry.event.actor.role.rawValue)))")
                })
        }
    }
}

/// The records as JSON, for a family who wants them in another program: each case as the API gives it to them
/// (`CaseJSON`), with what only the download adds.
struct FamilyRecordsJSON: Encodable {
    let email: String
    let downloadedAt: Date
    let cases: [CaseRecordsJSON]

    struct CaseRecordsJSON: Encodable {
        let `case`: CaseJSON
        let child: Child
        let family: Family
        let request: NeedsRequest
        let managerDecision: DecisionJSON?
        let ehcAdvice: [EHCAdvice]
        let reports: [CaseReport]
        let comments: [FamilyComment]
        let missedSessions: [MissedSessionReport]
        let views: [ViewJSON]
    }

    /// The manager's decision as the family reads it (the triage's coding of who said what stays with the council's
    /// record, as on the family's page).
    struct DecisionJSON: Encodable {
        let decidedOn: CalendarDate
        let confirmedTheRules: Bool
        let reason: String?
        let section47: Bool
    }

    struct ViewJSON: Encodable {
        let at: Date
        let by: String
        let role: String
    }

    init(_ records: FamilyRecords, services: WebServices) {
        email = records.email
        downloadedAt = records.downloadedAt
        cases = records.cases.map { item in
            let file = item.record.file
            return CaseRecordsJSON(
                case: CaseJSON(item.record, for: .parent, services: services), child: file.child, family: file.family, request: file.request,
                managerDecision: file.managerDecision.map {
                    DecisionJSON(decidedOn: $0.decidedOn, confirmedTheRules: $0.kind == .confirmed, reason: $0.reason, section47: $0.outcome.section47)
                },
                ehcAdvice: item.record.ehcAdvice, reports: item.reports, comments: item.comments, missedSessions: item.missed,
                views: item.views.map {
                    ViewJSON(at: $0.recordedDate, by: $0.event.actor.id, role: $0.event.actor.role.rawValue)
                })
        }
    }
}
