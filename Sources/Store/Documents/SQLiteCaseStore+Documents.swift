// Reports, family comments, missed-session reports, allocation and caseloads in SQLite.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore: CaseDocumentStore {
    public func submitReport(_ report: CaseReport, draftOwner: Account.ID?, draftPurpose: String?, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(report)
        try await audited(report.revision == nil ? "report.submitted" : "report.revised", subject: "report/\(report.id)", by: who) { db in
            guard let file = try Self.caseFile(report.caseID, in: db) else { throw CaseStoreError.notFound(kind: "case", id: report.caseID.description) }
            let replaced = try report.revision.map { revision in
                guard let earlier = try String.fetchOne(
                    db, sql: "SELECT body FROM case_report WHERE id = ? AND case_id = ?", arguments: [revision.revises.uuid, report.caseID.uuid]) else {
                    throw CaseStoreError.badReference("report \(revision.revises) is not in case \(report.caseID)")
                }
                return try StoredJSON.decode(CaseReport.self, from: earlier, table: "case_report")
            }
            if let replaced, replaced.assessmentID != report.assessmentID || replaced.formID != report.formID {
                throw CaseStoreError.badReference("report \(replaced.id) is not an earlier version of this one")
            }
            // Only the latest version is revised: two revisions of one report (two tabs) would fork the record.
            if let replaced, try Self.reports(ofCase: report.caseID, in: db).contains(where: { $0.revision?.revises == replaced.id }) {
                throw CaseStoreError.alreadyRevised(report: replaced.id.description)
            }
            if let assessmentID = report.assessmentID {
                guard let assessment = try Self.assessment(assessmentID, in: db), assessment.caseID == report.caseID else {
                    throw CaseStoreError.badReference("assessment \(assessmentID) is not in case \(report.caseID)")
                }
                // Sending completes the assessment; once complete, only a revision changes what was sent. An
                // assessment completed before it reached Heeded (imported) with no report yet takes its report once,
                // its status as it was.
                if report.revision != nil {
                    if assessment.status.isOpen || assessment.status == .declined {
                        throw CaseStoreError.badReference("assessment \(assessmentID) has not been sent, so there is nothing to revise")
                    }
                    let reopened = assessment.revised(on: report.submittedOn, by: who)
                    if reopened != assessment {
                        try Self.upsertAssessment(reopened, in: db)
                        try AuditLog.append(AuditEvent(
                            actor: who, action: "assessment.status", subject: "assessment/\(assessmentID)",
                            previousValue: try StoredJSON.encode(assessment), newValue: try StoredJSON.encode(reopened)), in: db, key: auditKey)
                    }
                } else if assessment.status.isOpen {
                    let completed = try assessment.completedBySending(on: report.submittedOn, by: who)
                    try Self.upsertAssessment(completed, in: db)
                    try AuditLog.append(AuditEvent(
                        actor: who, action: "assessment.status", subject: "assessment/\(assessmentID)",
                        previousValue: try StoredJSON.encode(assessment), newValue: try StoredJSON.encode(completed)), in: db, key: auditKey)
                } else if try assessment.status == .declined
                    || Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_report WHERE assessment_id = ?)", arguments: [assessmentID.uuid]) == true {
                    throw CaseworkError.illegalTransition(AssessmentTransitionError(from: assessment.status, to: .completed))
                }
            }
            try db.execute(
                sql: "INSERT INTO case_report (id, case_id, assessment_id, form_id, submitted_on, body) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [report.id.uuid, report.caseID.uuid, report.assessmentID?.uuid, report.formID, report.submittedOn.description, body])
            let recorded = try Self.needs(ofCase: report.caseID, in: db)
            let previousNeeds = Dictionary(recorded.map { ($0.id, $0) }) { first, _ in first }
            let needs = report.needRecords(request: file.request, recorded: recorded)
            for need in needs {
                let needBody = try StoredJSON.encode(need)
                try Self.upsertNeed(need, body: needBody, in: db)
                try AuditLog.append(AuditEvent(
                    actor: who, action: "need.saved", subject: "need/\(need.id)", previousValue: try previousNeeds[need.id].map(StoredJSON.encode), newValue: needBody),
                    in: db, key: auditKey)
            }
            for provision in try report.decidedProvision(meeting: needs) {
                let provisionBody = try StoredJSON.encode(provision)
                try Self.refreshLedger(ofProvision: try Self.upsertProvision(provision, body: provisionBody, in: db), in: db)
                try AuditLog.append(
                    AuditEvent(actor: who, action: "provision.saved", subject: "provision/\(provision.id)", previousValue: nil, newValue: provisionBody),
                    in: db, key: auditKey)
            }
            if let advice = try report.ehcAdvice(in: try Self.ehcContext(file, in: db), calendar: calendar) {
                let adviceBody = try StoredJSON.encode(advice)
                let previous = try String.fetchOne(db, sql: "SELECT body FROM ehc_advice WHERE id = ?", arguments: [advice.id.uuid])
                try Self.upsertEHCAdvice(advice, body: adviceBody, in: db)
                try AuditLog.append(
                    AuditEvent(actor: who, action: "ehc-advice.saved", subject: "ehc-advice/\(advice.id)", previousValue: previous, newValue: adviceBody),
                    in: db, key: auditKey)
            }
            if let draftOwner, let draftPurpose {
                try db.execute(sql: "DELETE FROM form_draft WHERE owner = ? AND purpose = ?", arguments: [draftOwner.uuid, draftPurpose])
            }
            return (try replaced.map { try StoredJSON.encode($0) }, body, ())
        }
    }

    public func reports(ofCase id: CaseFile.ID) async throws -> [CaseReport] {
        try await writer.read { db in try Self.reports(ofCase: id, in: db) }
    }

    static func reports(ofCase id: CaseFile.ID, in db: Database) throws -> [CaseReport] {
        try String.fetchAll(db, sql: "SELECT body FROM case_report WHERE case_id = ? ORDER BY submitted_on, rowid", arguments: [id.uuid])
            .map { try StoredJSON.decode(CaseReport.self, from: $0, table: "case_report") }
    }

    public func ehcContext(ofCase id: CaseFile.ID) async throws -> EHCCaseContext {
        try await writer.read { db in
            guard let file = try Self.caseFile(id, in: db) else { throw CaseStoreError.notFound(kind: "case", id: id.description) }
            return try Self.ehcContext(file, in: db)
        }
    }

    public func addComment(_ comment: FamilyComment, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(comment)
        try await audited("comment.added", subject: "report/\(comment.reportID)", by: who) { db in
            guard let caseID = try UUID.fetchOne(db, sql: "SELECT case_id FROM case_report WHERE id = ?", arguments: [comment.reportID.uuid]),
                  caseID == comment.caseID.uuid else {
                throw CaseStoreError.notFound(kind: "report", id: comment.reportID.description)
            }
            try db.execute(
                sql: "INSERT INTO family_comment (id, case_id, report_id, written_on, body) VALUES (?, ?, ?, ?, ?)",
                arguments: [comment.id.uuid, comment.caseID.uuid, comment.reportID.uuid, comment.writtenOn.description, body])
            return (nil, body, ())
        }
    }

    public func comments(ofCase id: CaseFile.ID) async throws -> [FamilyComment] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM family_comment WHERE case_id = ? ORDER BY written_on, rowid", arguments: [id.uuid])
                .map { try StoredJSON.decode(FamilyComment.self, from: $0, table: "family_comment") }
        }
    }

    public func reportMissedSession(_ report: MissedSessionReport, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(report)
        try await audited("missed-session.reported", subject: "provision/\(report.provisionID)", by: who) { db in
            guard let caseID = try UUID.fetchOne(db, sql: "SELECT case_id FROM provision WHERE id = ?", arguments: [report.provisionID.uuid]),
                  caseID == report.caseID.uuid else {
                throw CaseStoreError.notFound(kind: "provision", id: report.provisionID.description)
            }
            try db.execute(
                sql: "INSERT INTO missed_session (id, case_id, provision_id, session_date, body) VALUES (?, ?, ?, ?, ?)",
                arguments: [report.id.uuid, report.caseID.uuid, report.provisionID.uuid, report.sessionDate.description, body])
            return (nil, body, ())
        }
    }

    public func missedSessions(ofCase id: CaseFile.ID) async throws -> [MissedSessionReport] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM missed_session WHERE case_id = ? ORDER BY session_date DESC, rowid", arguments: [id.uuid])
                .map { try StoredJSON.decode(MissedSessionReport.self, from: $0, table: "missed_session") }
        }
    }

    public func allocate(_ id: Assessment.ID, to assessor: String?, by who: ActingUser) async throws -> Assessment {
        try await audited("assessment.allocated", subject: "assessment/\(id)", by: who) { db in
            guard var assessment = try Self.assessment(id, in: db) else { throw CaseStoreError.notFound(kind: "assessment", id: id.description) }
            let previous = assessment.assessor
            assessment.assessor = assessor
            try Self.upsertAssessment(assessment, in: db)
            return (previous, assessor, assessment)
        }
    }

    public func caseload(assessor: String, team: Team?) async throws -> [CaseloadItem] {
        try await writer.read { db in
            let open = "a.status IN \(Self.openStatuses)"
            var sql = """
                SELECT a.id, a.case_id, a.kind, a.status, a.requested_on, a.deadline_on, a.assessor, c.reference, c.child_name, c.team, \(Self.urgencySQL(table: "c"))
                FROM assessment a JOIN case_file c ON c.id = a.case_id
                WHERE \(open) AND a.assessor = ?
                """
            var arguments: StatementArguments = [assessor]
            if let team {
                sql += """

                    UNION ALL
                    SELECT a.id, a.case_id, a.kind, a.status, a.requested_on, a.deadline_on, a.assessor, c.reference, c.child_name, c.team, \(Self.urgencySQL(table: "c"))
                    FROM case_file c JOIN assessment a ON a.case_id = c.id
                    WHERE c.team = ? AND a.assessor IS NULL AND \(open)
                    """
                arguments += [team.rawValue]
            }
            sql += "\nORDER BY 6, 8 LIMIT 300"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                guard let kind = AssessmentKind(rawValue: row[2]), let status = AssessmentStatus(rawValue: row[3]) else {
                    throw StoreError.unreadableRecord(table: "assessment", detail: "unknown kind or status \(row[2] as String)/\(row[3] as String)")
                }
                let caseID = CaseFile.ID(row[1] as UUID)
                return CaseloadItem(
                    assessment: AssessmentSummary(
                        id: Assessment.ID(row[0] as UUID), caseID: caseID, kind: kind, status: status,
                        requestedOn: try Self.date(row[4], "assessment.requested_on"), deadline: try Self.date(row[5], "assessment.deadline_on")),
                    caseSummary: CaseSummary(id: caseID, reference: row[7], childName: row[8], team: try StoredCode.team(row[9], in: "case_file")),
                    assessor: row[6], urgency: Urgency(familyAnswer: row[10]))
            }
        }
    }

    public func awaitingDecision(team: Team?) async throws -> [WaitingRequest] {
        try await writer.read { db in try Self.waitingRequests(team: team, limit: 200, in: db) }
    }

    /// Requests no manager has decided on, in the duty queue's order (`WaitingRequest.dutyOrder`).
    static func waitingRequests(team: Team?, limit: Int?, in db: Database) throws -> [WaitingRequest] {
        var sql = """
            SELECT id, reference, child_name, team, opened_on, \(urgencySQL(table: "case_file")) AS urgency FROM case_file WHERE decided = 0
            """
        if team != nil { sql += " AND team = ?" }
        if let limit { sql += " ORDER BY CASE urgency WHEN 'crisis' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, opened_on LIMIT \(limit)" }
        return try Row.fetchAll(db, sql: sql, arguments: team.map { [$0.rawValue] } ?? []).map { row in
            WaitingRequest(
                summary: CaseSummary(id: CaseFile.ID(row[0] as UUID), reference: row[1], childName: row[2], team: try StoredCode.team(row[3], in: "case_file")),
                receivedOn: try Self.date(row[4], "case_file.opened_on"), urgency: Urgency(familyAnswer: row[5]))
        }.sorted(by: WaitingRequest.dutyOrder)
    }

    /// The family's urgency answer from a case body, or triage's where a manager triaged (as the family's codes).
    static func urgencySQL(table: String) -> String {
        """
        CASE json_extract(\(table).body, '$.managerDecision.triage.urgency') WHEN 'same-day' THEN 'crisis' WHEN 'urgent' THEN 'urgent' WHEN 'routine' THEN 'routine' \
        ELSE json_extract(\(table).body, '$.request.answers.urgency.choice._0') END
        """
    }

    public func assessors(ofCase id: CaseFile.ID) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT assessor FROM assessment WHERE case_id = ? AND assessor IS NOT NULL", arguments: [id.uuid])
        }
    }

    public func assessment(_ id: Assessment.ID) async throws -> Assessment? {
        try await writer.read { db in try Self.assessment(id, in: db) }
    }

    public func caseSummary(_ id: CaseFile.ID) async throws -> CaseSummary? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, reference, child_name, team FROM case_file WHERE id = ?", arguments: [id.uuid])
                .map { CaseSummary(id: CaseFile.ID($0[0] as UUID), reference: $0[1], childName: $0[2], team: try StoredCode.team($0[3], in: "case_file")) }
        }
    }
}

extension SQLiteCaseStore: ReportingStore {
    public func childDisabilities(team: Team?) async throws -> [CaseFile.ID: [DisabilityCode]] {
        try await writer.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, json_extract(body, '$.child.disabilities') FROM case_file \(team == nil ? "" : "WHERE team = ?")",
                arguments: team.map { [$0.rawValue] } ?? [])
            var result: [CaseFile.ID: [DisabilityCode]] = [:]
            while let row = try rows.next() {
                let codes: String = row[1] ?? "[]"
                // The list is JSON text such as ["AUT","COMM"]; the codes are plain capitals, so no decoder is needed.
                result[CaseFile.ID(row[0] as UUID)] = codes.split(whereSeparator: { !$0.isLetter }).compactMap { DisabilityCode(rawValue: String($0)) }
            }
            return result
        }
    }

    public func changeRevision() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT revision FROM store_revision WHERE id = 1") ?? 0 }
    }
}
