// The audit log searched for people: by child or case (the case and every record in it), actor and action.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore: AuditSearchStore {
    /// The most cases a search by child reaches; a name shared by more is narrowed by typing more of it.
    static let auditSearchCaseLimit = 50

    /// The tables whose records belong to a case, and how the audit log names a record of each.
    static let caseRecordSubjects = [
        ("assessment", "assessment"), ("need", "need"), ("provision", "provision"), ("ehc_advice", "ehc-advice"),
        ("overnight_stay", "overnight-stay"), ("review", "review"), ("case_report", "report"),
    ]

    public func recordDisclosure(_ action: String, subject: String, detail: String, by who: ActingUser) async throws {
        try await audited(action, subject: subject, by: who) { _ in (nil, detail, ()) }
    }

    public func auditEntries(matching query: AuditQuery, offset: Int, limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if query.child != nil || query.caseID != nil {
                let subjects = try Self.subjects(ofCasesMatching: query, in: db)
                guard !subjects.records.isEmpty else { return [] }
                // A delivery is audited under its provision's subject with the period after it.
                conditions.append(
                    "(subject IN (\(Self.placeholders(subjects.records.count))) OR substr(subject, 1, 46) IN (\(Self.placeholders(max(subjects.provisions.count, 1)))))")
                arguments += subjects.records
                arguments += subjects.provisions.isEmpty ? [""] : subjects.provisions
            }
            if let actor = query.actor {
                conditions.append("instr(lower(actor_id), lower(?)) > 0")
                arguments.append(actor)
            }
            if let action = query.action {
                conditions.append("(action = ? OR substr(action, 1, ?) = ?)")
                arguments += [action, action.count + 1, action + "."]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log \(filter) ORDER BY sequence DESC LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [limit, offset])
            ).map(AuditLog.entry)
        }
    }

    /// The audit subjects of the cases a query names, and of every record in them (provision apart, for its deliveries).
    private static func subjects(ofCasesMatching query: AuditQuery, in db: Database) throws -> (records: [String], provisions: [String]) {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let child = query.child {
            conditions.append("(instr(lower(child_name), lower(?)) > 0 OR reference = upper(?))")
            arguments += [child, child]
        }
        if let caseID = query.caseID {
            conditions.append("id = ?")
            arguments.append(caseID.uuid)
        }
        let cases = try UUID.fetchAll(
            db, sql: "SELECT id FROM case_file WHERE \(conditions.joined(separator: " AND ")) LIMIT \(auditSearchCaseLimit)",
            arguments: StatementArguments(arguments))
        guard !cases.isEmpty else { return ([], []) }
        var records = cases.map { "case/\(CaseFile.ID($0))" }
        var provisions: [String] = []
        for (table, kind) in caseRecordSubjects {
            let ids = try UUID.fetchAll(
                db, sql: "SELECT id FROM \(table) WHERE case_id IN (\(placeholders(cases.count)))", arguments: StatementArguments(cases))
            let subjects = ids.map { "\(kind)/\($0.uuidString.lowercased())" }
            records += subjects
            if table == "provision" { provisions = subjects }
        }
        return (records, provisions)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
