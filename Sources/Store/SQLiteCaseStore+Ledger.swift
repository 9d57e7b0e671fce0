// Each provision's delivery ledger, kept beside its records so the unmet-need report reads one value per provision.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    /// Builds provision `row`'s ledger from its terms and delivery records and stores it. Called in the transaction
    /// of every write that changes either, so the stored ledger is never behind the records it sums.
    static func refreshLedger(ofProvision row: Int64, in db: Database) throws {
        let ledger = try buildLedger(ofProvision: row, in: db)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO delivery_ledger (provision_row, bytes) VALUES (?, ?)")
            .execute(arguments: [row, Data(ledger.bytes)])
    }

    /// Provision `row`'s ledger, from its records.
    static func buildLedger(ofProvision row: Int64, in db: Database) throws -> DeliveryLedger {
        let provision = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT quantity, unit, start_date, end_date, provider, legal_basis FROM provision WHERE row = ?"), arguments: [row])
        guard let provision else { throw StoreError.unreadableRecord(table: "provision", detail: "row \(row) is not recorded") }
        let records = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT provision_row, period_start, period_end, planned, delivered, cancelled_by, reason FROM delivery
                WHERE provision_row = ? ORDER BY period_start
                """),
            arguments: [row])
        var periods: [DeliveryPeriod] = []
        while let record = try records.next() { periods.append(try period(record)) }
        return DeliveryLedger(try provisionTerms(provision, from: 0, row: row), periods: periods)
    }

    /// A provision's terms from six columns starting at `first`: quantity, unit, start_date, end_date, provider,
    /// legal_basis.
    static func provisionTerms(_ columns: Row, from first: Int, row: Int64) throws -> ProvisionTerms {
        guard let unit = ProvisionUnit(rawValue: columns[first + 1]), let amount = try? ProvisionAmount(columns[first], unit) else {
            throw StoreError.unreadableRecord(
                table: "provision", detail: "row \(row) has amount \(columns[first] as DatabaseValue) \(columns[first + 1] as DatabaseValue)")
        }
        let basis: LegalBasis = try StoredCode.code(columns[first + 5], "legal_basis of row \(row)", in: "provision")
        return ProvisionTerms(
            amount: amount, startDate: try date(columns[first + 2], "provision.start_date"),
            endDate: try (columns[first + 3] as String?).map { try date($0, "provision.end_date") }, provider: columns[first + 4], legalBasis: basis)
    }

    /// A delivery row (provision_row, period_start, period_end, planned, delivered, cancelled_by, reason) as the
    /// ledger reads it.
    static func period(_ row: Row) throws -> DeliveryPeriod {
        let cancelledBy: CancelledBy? = try StoredCode.optionalCode(row[5], "cancelled_by", in: "delivery")
        let reason: ShortfallReason? = try StoredCode.optionalCode(row[6], "reason", in: "delivery")
        return DeliveryPeriod(
            start: try date(row[1], "delivery.period_start"), end: try date(row[2], "delivery.period_end"), planned: row[3], delivered: row[4],
            cause: ShortfallCause(reason: reason, cancelledBy: cancelledBy))
    }
}
