// The inputs for the manager's reports, read column by column: no JSON, one row per need or provision.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    /// Reads the cases, needs and provisions side by side, each in its own read transaction on its own
    /// connection, so the three scans share the machine's cores. The numbers must still add up to one moment:
    /// each read notes the store's revision (moved by every audited change), and if a change landed between
    /// them the reads are made again. (GRDB's shared WAL snapshots would do this directly, but its Linux build
    /// leaves them out.) After a few unlucky tries it reads all three in one transaction instead.
    public func unmetNeedInputs(team: Team?, measure: DeliveryMeasure) async throws -> UnmetNeedInputs {
        let (filter, arguments) = Self.teamFilter(team)
        @Sendable func revision(_ db: Database) throws -> Int64 {
            try Int64.fetchOne(db, sql: "SELECT revision FROM store_revision WHERE id = 1") ?? 0
        }
        // Provision and its deliveries are the largest tables: read them in two halves by row, so the work splits
        // evenly over two cores.
        let middle = try await writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT (min(row) + max(row)) / 2 + 1 FROM provision") ?? 0
        }
        for _ in 0..<3 {
            async let cases = writer.read { db in (try revision(db), try Self.caseSummaries(team: team, in: db)) }
            async let needs = writer.read { db in (try revision(db), try Self.needSummaries(filter: filter, arguments: arguments, in: db)) }
            async let firstHalf = writer.read { db in
                (try revision(db), try Self.provisionSummaries(team: team, filter: filter, arguments: arguments, rows: Int64.min..<middle, measure: measure, in: db))
            }
            async let secondHalf = writer.read { db in
                (try revision(db), try Self.provisionSummaries(team: team, filter: filter, arguments: arguments, rows: middle..<Int64.max, measure: measure, in: db))
            }
            let (caseRead, needRead, first, second) = try await (cases, needs, firstHalf, secondHalf)
            if Set([caseRead.0, needRead.0, first.0, second.0]).count == 1 {
                return UnmetNeedInputs(cases: caseRead.1, needs: needRead.1, provisions: first.1 + second.1)
            }
        }
        return try await writer.read { db in
            UnmetNeedInputs(
                cases: try Self.caseSummaries(team: team, in: db),
                needs: try Self.needSummaries(filter: filter, arguments: arguments, in: db),
                provisions: try Self.provisionSummaries(
                    team: team, filter: filter, arguments: arguments, rows: Int64.min..<Int64.max, measure: measure, in: db))
        }
    }

    private static func needSummaries(filter: String, arguments: StatementArguments, in db: Database) throws -> [NeedSummary] {
        var needs: [NeedSummary] = []
        let needRows = try Row.fetchCursor(db, sql: "SELECT id, case_id, area, identified_on, closed_on FROM need \(filter)", arguments: arguments)
        while let row = try needRows.next() {
            needs.append(NeedSummary(
                id: Need.ID(row[0] as UUID), caseID: CaseFile.ID(row[1] as UUID), area: try Self.code(row[2], "need.area"),
                identifiedOn: try Self.date(row[3], "need.identified_on"), closedOn: try (row[4] as String?).map { try Self.date($0, "need.closed_on") }))
        }
        return needs
    }

    /// The provisions whose row is in `rows`, with the needs each is linked to (and when those were assessed), each
    /// measured by `measure` from its stored ledger. Links, provisions and ledgers are each read in provision order
    /// (their key order, so no sort), side by side, so a provision's links and ledger are in hand when it is read.
    private static func provisionSummaries(
        team: Team?, filter: String, arguments: StatementArguments, rows: Range<Int64>, measure: DeliveryMeasure, in db: Database
    ) throws -> [ProvisionSummary] {
        // When each need was assessed, from one scan of the needs' covering index (sized first: growing the table
        // rehashes it). Joining each link to its need instead looks the need up in the need table at random, which
        // took about a second, in system calls, for a county's 240,000 links.
        var assessed: [Need.ID: CalendarDate] = [:]
        assessed.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM need") ?? 0)
        let needRows = try Row.fetchCursor(db, sql: "SELECT id, identified_on FROM need")
        while let row = try needRows.next() { assessed[Need.ID(row[0] as UUID)] = try Self.date(row[1], "need.identified_on") }
        let inRows = "provision_row >= \(rows.lowerBound) AND provision_row < \(rows.upperBound)"
        let ofTeam = team == nil ? "" : "AND provision_row IN (SELECT row FROM provision \(filter)) "
        let links = try Row.fetchCursor(
            db, sql: "SELECT provision_row, need_id FROM provision_need WHERE \(inRows) \(ofTeam)ORDER BY provision_row", arguments: arguments)
        var pendingLink = try links.next()
        var linkedNeeds: [Need.ID] = []
        var assessedOn: [CalendarDate] = []
        func readLinks(ofProvision provisionRow: Int64) throws {
            linkedNeeds.removeAll(keepingCapacity: true)
            assessedOn.removeAll(keepingCapacity: true)
            while let link = pendingLink, (link[0] as Int64) <= provisionRow {
                let need = Need.ID(link[1] as UUID)
                if link[0] as Int64 == provisionRow, let date = assessed[need] {
                    linkedNeeds.append(need)
                    assessedOn.append(date)
                }
                pendingLink = try links.next()
            }
        }
        let ledgers = try Row.fetchCursor(
            db, sql: "SELECT provision_row, bytes FROM delivery_ledger WHERE \(inRows) \(ofTeam)ORDER BY provision_row", arguments: arguments)
        var pendingLedger = try ledgers.next()
        // The stored ledger, or (should one be missing or from another version) one built from the records.
        func readLedger(ofProvision provisionRow: Int64) throws -> DeliveryLedger {
            var stored: DeliveryLedger?
            while let row = pendingLedger, (row[0] as Int64) <= provisionRow {
                if row[0] as Int64 == provisionRow, let bytes = row.dataNoCopy(atIndex: 1) { stored = DeliveryLedger(bytes: bytes) }
                pendingLedger = try ledgers.next()
            }
            return try stored ?? buildLedger(ofProvision: provisionRow, in: db)
        }
        var provisions: [ProvisionSummary] = []
        let provisionRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT row, id, case_id, service, quantity, unit, start_date, end_date, provider, legal_basis
                FROM provision WHERE row >= \(rows.lowerBound) AND row < \(rows.upperBound) \(filter.isEmpty ? "" : "AND " + filter.dropFirst(6))
                ORDER BY row
                """,
            arguments: arguments)
        while let row = try provisionRows.next() {
            let terms = try provisionTerms(row, from: 4, row: row[0])
            try readLinks(ofProvision: row[0])
            let ledger = try readLedger(ofProvision: row[0])
            provisions.append(ProvisionSummary(
                id: Provision.ID(row[1] as UUID), caseID: CaseFile.ID(row[2] as UUID), needIDs: linkedNeeds,
                service: try Self.code(row[3], "provision.service"), terms: terms,
                account: measure.account(terms, needsAssessedOn: assessedOn, ledger: ledger)))
        }
        return provisions
    }

    public func overdueInputs(team: Team?) async throws -> OverdueInputs {
        try await writer.read { db in
            let (filter, arguments) = Self.teamFilter(team)
            let cases = try Self.caseSummaries(team: team, in: db)
            let open = "status IN \(Self.openStatuses)"
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
            let waiting = try Self.waitingRequests(team: team, limit: nil, in: db)
            return OverdueInputs(cases: cases, assessments: assessments, ehcAdvice: advice, reviews: reviews, awaitingDecision: waiting)
        }
    }

    // MARK: Helpers

    static func teamFilter(_ team: Team?) -> (String, StatementArguments) {
        guard let team else { return ("", []) }
        return ("WHERE case_id IN (SELECT id FROM case_file WHERE team = ?)", [team.rawValue])
    }

    static func caseSummaries(team: Team?, in db: Database) throws -> [CaseFile.ID: CaseSummary] {
        var cases: [CaseFile.ID: CaseSummary] = [:]
        cases.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM case_file") ?? 0)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, reference, child_name, team FROM case_file \(team == nil ? "" : "WHERE team = ?")",
            arguments: team.map { [$0.rawValue] } ?? [])
        while let row = try rows.next() {
            let id = CaseFile.ID(row[0] as UUID)
            cases[id] = CaseSummary(id: id, reference: row[1], childName: row[2], team: try StoredCode.team(row[3], in: "case_file"))
        }
        return cases
    }

    static func date(_ text: String, _ column: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw StoreError.unreadableRecord(table: column, detail: "\"\(text)\" is not a date") }
        return date
    }

    /// A stored code read back; one Heeded does not know is an error naming the column, never a default.
    static func code<Code: RawRepresentable<String>>(_ text: String, _ column: String) throws -> Code {
        guard let code = Code(rawValue: text) else { throw StoreError.unreadableRecord(table: column, detail: "\"\(text)\" is not a code Heeded knows") }
        return code
    }
}
