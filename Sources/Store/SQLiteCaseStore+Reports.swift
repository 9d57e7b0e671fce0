// The inputs for the manager's reports, read column by column: no JSON, one row per need or provision.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    public func unmetNeedInputs(team: Team?) async throws -> UnmetNeedInputs {
        try await writer.read { db in
            let (filter, arguments) = Self.teamFilter(team)
            let cases = try Self.caseSummaries(team: team, in: db)
            var needs: [NeedSummary] = []
            let needRows = try Row.fetchCursor(db, sql: "SELECT id, case_id, area, identified_on, closed_on FROM need \(filter)", arguments: arguments)
            while let row = try needRows.next() {
                needs.append(NeedSummary(
                    id: Need.ID(row[0] as UUID), caseID: CaseFile.ID(row[1] as UUID), area: LifeArea(rawValue: row[2]) ?? .other,
                    identifiedOn: try Self.date(row[3], "need.identified_on"), closedOn: try (row[4] as String?).map { try Self.date($0, "need.closed_on") }))
            }
            var needsByProvision: [Int64: [Need.ID]] = [:]
            let links = try Row.fetchCursor(
                db, sql: "SELECT provision_row, need_id FROM provision_need \(team == nil ? "" : "WHERE provision_row IN (SELECT row FROM provision \(filter))")",
                arguments: arguments)
            while let row = try links.next() {
                needsByProvision[row[0], default: []].append(Need.ID(row[1] as UUID))
            }
            var provisions: [ProvisionSummary] = []
            let provisionRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT row, id, case_id, service, quantity, unit, start_date, end_date, provider, legal_basis,
                        planned_total, delivered_total, delivery_count, latest_reason, latest_cancelled_by
                    FROM provision \(filter)
                    """,
                arguments: arguments)
            while let row = try provisionRows.next() {
                guard let unit = ProvisionUnit(rawValue: row[5]), let amount = try? ProvisionAmount(row[4], unit) else {
                    throw StoreError.unreadableRecord(table: "provision", detail: "row \(row[0] as Int64) has amount \(row[4] as DatabaseValue) \(row[5] as DatabaseValue)")
                }
                provisions.append(ProvisionSummary(
                    id: Provision.ID(row[1] as UUID), caseID: CaseFile.ID(row[2] as UUID), needIDs: needsByProvision[row[0]] ?? [],
                    service: ServiceType(rawValue: row[3]) ?? .other, amount: amount, startDate: try Self.date(row[6], "provision.start_date"),
                    endDate: try (row[7] as String?).map { try Self.date($0, "provision.end_date") }, provider: row[8],
                    legalBasis: LegalBasis(rawValue: row[9]) ?? .section17,
                    delivered: DeliveryTotals(
                        plannedUnits: row[10], deliveredUnits: row[11], records: row[12],
                        latestReason: (row[13] as String?).flatMap(ShortfallReason.init(rawValue:)),
                        latestCancelledBy: (row[14] as String?).flatMap(CancelledBy.init(rawValue:)))))
            }
            return UnmetNeedInputs(cases: cases, needs: needs, provisions: provisions)
        }
    }

    public func overdueInputs(team: Team?) async throws -> OverdueInputs {
        try await writer.read { db in
            let (filter, arguments) = Self.teamFilter(team)
            let cases = try Self.caseSummaries(team: team, in: db)
            let open = "status IN ('requested', 'offered', 'accepted', 'in-progress')"
            var assessments: [AssessmentSummary] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, case_id, kind, status, requested_on, deadline_on FROM assessment \(filter.isEmpty ? "WHERE" : filter + " AND") \(open)",
                arguments: arguments)
            while let row = try rows.next() {
                guard let kind = AssessmentKind(rawValue: row[2]), let status = AssessmentStatus(rawValue: row[3]) else {
                    throw StoreError.unreadableRecord(table: "assessment", detail: "unknown kind or status \(row[2] as String)/\(row[3] as String)")
                }
                assessments.append(AssessmentSummary(
                    id: Assessment.ID(row[0] as UUID), caseID: CaseFile.ID(row[1] as UUID), kind: kind, status: status,
                    requestedOn: try Self.date(row[4], "assessment.requested_on"), deadline: try Self.date(row[5], "assessment.deadline_on")))
            }
            var advice: [AdviceSummary] = []
            let adviceRows = try Row.fetchCursor(
                db, sql: "SELECT id, case_id, request_reference, deadline_on FROM ehc_advice \(filter.isEmpty ? "WHERE" : filter + " AND") submitted_on IS NULL",
                arguments: arguments)
            while let row = try adviceRows.next() {
                advice.append(AdviceSummary(
                    id: EHCAdvice.ID(row[0] as UUID), caseID: CaseFile.ID(row[1] as UUID), ehcRequestReference: row[2],
                    deadline: try Self.date(row[3], "ehc_advice.deadline_on"), submittedOn: nil))
            }
            let reviews = try String.fetchAll(
                db, sql: "SELECT body FROM review \(filter.isEmpty ? "WHERE" : filter + " AND") held_on IS NULL", arguments: arguments
            ).map { try StoredJSON.decode(Review.self, from: $0, table: "review") }
            return OverdueInputs(cases: cases, assessments: assessments, ehcAdvice: advice, reviews: reviews)
        }
    }

    // MARK: Helpers

    static func teamFilter(_ team: Team?) -> (String, StatementArguments) {
        guard let team else { return ("", []) }
        return ("WHERE case_id IN (SELECT id FROM case_file WHERE team = ?)", [team.rawValue])
    }

    static func caseSummaries(team: Team?, in db: Database) throws -> [CaseFile.ID: CaseSummary] {
        var cases: [CaseFile.ID: CaseSummary] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, reference, child_name, team FROM case_file \(team == nil ? "" : "WHERE team = ?")",
            arguments: team.map { [$0.rawValue] } ?? [])
        while let row = try rows.next() {
            let id = CaseFile.ID(row[0] as UUID)
            let code: String = row[3]
            cases[id] = CaseSummary(id: id, reference: row[1], childName: row[2], team: code.isEmpty ? .disabledChildren : Team(rawValue: code))
        }
        return cases
    }

    static func date(_ text: String, _ column: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw StoreError.unreadableRecord(table: column, detail: "\"\(text)\" is not a date") }
        return date
    }
}
