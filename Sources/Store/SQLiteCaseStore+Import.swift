// Bulk import: many records in one transaction, with one audit entry naming the batch.
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    public func importBatch(_ batch: ImportBatch, by who: ActingUser) async throws {
        guard !batch.isEmpty else { return }
        let summary = try StoredJSON.encode(ImportSummary(source: batch.source, counts: batch.counts, cases: batch.cases.map(\.file.reference)))
        try await audited("import.batch", subject: "import/\(batch.source)", by: who) { db in
            for (file, assessments) in batch.cases {
                try Self.insertCase(file, body: try StoredJSON.encode(file), in: db)
                for assessment in assessments { try Self.upsertAssessment(assessment, in: db) }
            }
            for need in batch.needs { try Self.upsertNeed(need, body: try StoredJSON.encode(need), in: db) }
            var rows: [Provision.ID: Int64] = [:]
            for provision in batch.provisions {
                rows[provision.id] = try Self.upsertProvision(provision, body: try StoredJSON.encode(provision), in: db)
            }
            // Every provision written or given records has its ledger built again, once, after the batch's records.
            var touched = Set(rows.values)
            for delivery in batch.deliveries {
                guard let row = try rows[delivery.provisionID] ?? Self.provisionRow(delivery.provisionID, in: db) else {
                    throw CaseStoreError.notFound(kind: "provision", id: delivery.provisionID.description)
                }
                try Self.upsertDelivery(delivery, row: row, in: db)
                touched.insert(row)
            }
            for row in touched { try Self.refreshLedger(ofProvision: row, in: db) }
            for advice in batch.ehcAdvice { try Self.upsertEHCAdvice(advice, body: try StoredJSON.encode(advice), in: db) }
            for stay in batch.overnightStays {
                try db.execute(
                    sql: "INSERT INTO overnight_stay (id, case_id, first_night, nights, carer, legal_basis, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [stay.id.uuid, stay.caseID.uuid, stay.firstNight.description, stay.nights, stay.carer, stay.legalBasis.rawValue, try StoredJSON.encode(stay)])
            }
            for review in batch.reviews { try Self.upsertReview(review, body: try StoredJSON.encode(review), in: db) }
            return (nil, summary, ())
        }
    }
}

/// What an import's audit entry records.
struct ImportSummary: Encodable {
    let source: String
    let counts: [String: Int]
    let cases: [String]
}
