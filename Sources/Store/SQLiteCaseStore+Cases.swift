// Cases and assessments: the manager's decision, and moving assessments along their flow (a new case arrives through `receive`).
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    public func recordManagerDecision(_ decision: ManagerDecision, caseID: CaseFile.ID, by who: ActingUser) async throws -> CaseFile {
        try await audited("case.manager-decision", subject: "case/\(caseID)", by: who) { db in
            guard let file = try Self.caseFile(caseID, in: db) else { throw CaseStoreError.notFound(kind: "case", id: caseID.description) }
            let existing = try Self.assessments(ofCase: caseID, in: db)
            let (updated, added) = try file.applying(decision, existing: existing, calendar: calendar)
            let body = try StoredJSON.encode(updated)
            try db.execute(sql: "UPDATE case_file SET team = ?, body = ? WHERE id = ?", arguments: [updated.team.rawValue, body, caseID.uuid])
            for assessment in added { try Self.upsertAssessment(assessment, in: db) }
            return (try StoredJSON.encode(file), body, updated)
        }
    }

    public func addAssessment(_ assessment: Assessment, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(assessment)
        try await audited("assessment.added", subject: "assessment/\(assessment.id)", by: who) { db in
            guard try Self.caseFile(assessment.caseID, in: db) != nil else { throw CaseStoreError.notFound(kind: "case", id: assessment.caseID.description) }
            guard try Self.assessment(assessment.id, in: db) == nil else { throw CaseStoreError.alreadyExists(kind: "assessment", id: assessment.id.description) }
            try Self.upsertAssessment(assessment, in: db)
            return (nil, body, ())
        }
    }

    public func moveAssessment(_ id: Assessment.ID, to status: AssessmentStatus, on date: CalendarDate, by who: ActingUser) async throws -> Assessment {
        try await audited("assessment.status", subject: "assessment/\(id)", by: who) { db in
            guard let current = try Self.assessment(id, in: db) else { throw CaseStoreError.notFound(kind: "assessment", id: id.description) }
            let moved = try current.moved(to: status, on: date, by: who)
            try Self.upsertAssessment(moved, in: db)
            return (try StoredJSON.encode(current), try StoredJSON.encode(moved), moved)
        }
    }

    // MARK: Rows

    /// The statuses Casework counts as open (`AssessmentStatus.isOpen`), as an SQL list for queries over open work.
    static let openStatuses = "(" + AssessmentStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    static func insertCase(_ file: CaseFile, body: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO case_file (id, reference, team, child_name, opened_on, body) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [file.id.uuid, file.reference, file.team.rawValue, file.child.fullName, file.openedOn.description, body])
    }

    static func caseFile(_ id: CaseFile.ID, in db: Database) throws -> CaseFile? {
        try String.fetchOne(db, sql: "SELECT body FROM case_file WHERE id = ?", arguments: [id.uuid])
            .map { try StoredJSON.decode(CaseFile.self, from: $0, table: "case_file") }
    }

    static func upsertAssessment(_ assessment: Assessment, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO assessment (id, case_id, kind, status, requested_on, deadline_on, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET status = excluded.status, body = excluded.body
                """,
            arguments: [
                assessment.id.uuid, assessment.caseID.uuid, assessment.kind.rawValue, assessment.status.rawValue,
                assessment.requestedOn.description, assessment.deadline.date.description, try StoredJSON.encode(assessment),
            ])
    }

    static func assessment(_ id: Assessment.ID, in db: Database) throws -> Assessment? {
        try String.fetchOne(db, sql: "SELECT body FROM assessment WHERE id = ?", arguments: [id.uuid])
            .map { try StoredJSON.decode(Assessment.self, from: $0, table: "assessment") }
    }

    static func assessments(ofCase id: CaseFile.ID, in db: Database) throws -> [Assessment] {
        try String.fetchAll(db, sql: "SELECT body FROM assessment WHERE case_id = ? ORDER BY requested_on, rowid", arguments: [id.uuid])
            .map { try StoredJSON.decode(Assessment.self, from: $0, table: "assessment") }
    }
}
