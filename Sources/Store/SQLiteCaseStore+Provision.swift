// Needs, provision and deliveries: the records unmet need is computed from.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    public func saveNeed(_ need: Need, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(need)
        try await audited("need.saved", subject: "need/\(need.id)", by: who) { db in
            guard try Self.caseFile(need.caseID, in: db) != nil else { throw CaseStoreError.notFound(kind: "case", id: need.caseID.description) }
            let previous = try String.fetchOne(db, sql: "SELECT body FROM need WHERE id = ?", arguments: [need.id.uuid])
            if let previous, try StoredJSON.decode(Need.self, from: previous, table: "need").caseID != need.caseID {
                throw CaseStoreError.badReference("need \(need.id) belongs to another case")
            }
            try Self.upsertNeed(need, body: body, in: db)
            return (previous, body, ())
        }
    }

    public func saveProvision(_ provision: Provision, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(provision)
        try await audited("provision.saved", subject: "provision/\(provision.id)", by: who) { db in
            let previous = try String.fetchOne(db, sql: "SELECT body FROM provision WHERE id = ?", arguments: [provision.id.uuid])
            try Self.checkNeeds(of: provision, in: db)
            try Self.refreshLedger(ofProvision: try Self.upsertProvision(provision, body: body, in: db), in: db)
            return (previous, body, ())
        }
    }

    public func recordDelivery(_ delivery: Delivery, inCase caseID: CaseFile.ID, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(delivery)
        try await audited("delivery.recorded", subject: "provision/\(delivery.provisionID)/\(delivery.periodStart)", by: who) { db in
            guard let row = try Int64.fetchOne(
                db, sql: "SELECT row FROM provision WHERE id = ? AND case_id = ?", arguments: [delivery.provisionID.uuid, caseID.uuid])
            else {
                throw CaseStoreError.notFound(kind: "provision", id: delivery.provisionID.description)
            }
            let previous = try Row.fetchOne(
                db, sql: "SELECT * FROM delivery WHERE provision_row = ? AND period_start = ?", arguments: [row, delivery.periodStart.description]
            ).map { try StoredJSON.encode(Self.delivery($0, provisionID: delivery.provisionID)) }
            try Self.upsertDelivery(delivery, row: row, in: db)
            try Self.refreshLedger(ofProvision: row, in: db)
            return (previous, body, ())
        }
    }

    // MARK: Rows

    static func upsertNeed(_ need: Need, body: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO need (id, case_id, area, identified_on, closed_on, body) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET area = excluded.area, identified_on = excluded.identified_on, closed_on = excluded.closed_on, body = excluded.body
                """,
            arguments: [need.id.uuid, need.caseID.uuid, need.area.rawValue, need.identifiedOn.description, need.closedOn?.description, body])
    }

    static func checkNeeds(of provision: Provision, in db: Database) throws {
        for needID in provision.needIDs {
            let caseID = try Data.fetchOne(db, sql: "SELECT case_id FROM need WHERE id = ?", arguments: [needID.uuid])
            guard let caseID else { throw CaseStoreError.badReference("provision \(provision.id) names need \(needID), which is not recorded") }
            guard caseID == provision.caseID.uuid.data else {
                throw CaseStoreError.badReference("provision \(provision.id) names need \(needID) from another child's case")
            }
        }
    }

    /// Inserts or replaces a provision; returns its row number (deliveries refer to it).
    @discardableResult
    static func upsertProvision(_ provision: Provision, body: String, in db: Database) throws -> Int64 {
        let row = try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO provision (id, case_id, service, quantity, unit, start_date, end_date, provider, legal_basis, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET service = excluded.service, quantity = excluded.quantity, unit = excluded.unit,
                    start_date = excluded.start_date, end_date = excluded.end_date, provider = excluded.provider,
                    legal_basis = excluded.legal_basis, body = excluded.body
                RETURNING row
                """,
            arguments: [
                provision.id.uuid, provision.caseID.uuid, provision.service.rawValue, provision.amount.quantity, provision.amount.unit.rawValue,
                provision.startDate.description, provision.endDate?.description, provision.provider, provision.legalBasis.rawValue, body,
            ])!
        try db.execute(sql: "DELETE FROM provision_need WHERE provision_row = ?", arguments: [row])
        for needID in provision.needIDs {
            try db.execute(sql: "INSERT OR IGNORE INTO provision_need (provision_row, need_id) VALUES (?, ?)", arguments: [row, needID.uuid])
        }
        return row
    }

    static func provisionRow(_ id: Provision.ID, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT row FROM provision WHERE id = ?", arguments: [id.uuid])
    }

    static func upsertDelivery(_ delivery: Delivery, row: Int64, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO delivery (provision_row, period_start, period_end, planned, delivered, cancelled_by, reason, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(provision_row, period_start) DO UPDATE SET period_end = excluded.period_end, planned = excluded.planned,
                delivered = excluded.delivered, cancelled_by = excluded.cancelled_by, reason = excluded.reason, notes = excluded.notes
            """)
        try statement.execute(arguments: [
            row, delivery.periodStart.description, delivery.periodEnd.description, delivery.plannedUnits, delivery.deliveredUnits,
            delivery.cancelledBy?.rawValue, delivery.reason?.rawValue, delivery.notes,
        ])
    }

    static func delivery(_ row: Row, provisionID: Provision.ID) throws -> Delivery {
        func date(_ column: String) throws -> CalendarDate {
            let text: String = row[column]
            guard let date = CalendarDate(iso: text) else { throw StoreError.unreadableRecord(table: "delivery", detail: "\(column) is \"\(text)\"") }
            return date
        }
        do {
            return try Delivery(
                provisionID: provisionID, periodStart: date("period_start"), periodEnd: date("period_end"), plannedUnits: row["planned"],
                deliveredUnits: row["delivered"], cancelledBy: try StoredCode.optionalCode(row["cancelled_by"], "cancelled_by", in: "delivery"),
                reason: try StoredCode.optionalCode(row["reason"], "reason", in: "delivery"), notes: row["notes"])
        } catch let error as CaseworkError {
            throw StoreError.unreadableRecord(table: "delivery", detail: error.description)
        }
    }
}

extension UUID {
    /// The 16 bytes GRDB stores for a UUID, for comparing with a fetched blob.
    var data: Data { withUnsafeBytes(of: uuid) { Data($0) } }
}
