// EHC advice, overnight stays, reviews, and reading a child's whole record (an audited viewing).
import Casework
import Foundation
import GRDB

extension SQLiteCaseStore {
    public func saveEHCAdvice(_ advice: EHCAdvice, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(advice)
        try await audited("ehc-advice.saved", subject: "ehc-advice/\(advice.id)", by: who) { db in
            guard let file = try Self.caseFile(advice.caseID, in: db) else { throw CaseStoreError.notFound(kind: "case", id: advice.caseID.description) }
            if let submitted = advice.submittedOn {
                _ = try advice.submitted(on: submitted, in: try Self.ehcContext(file, in: db))
            }
            let previous = try String.fetchOne(db, sql: "SELECT body FROM ehc_advice WHERE id = ?", arguments: [advice.id.uuid])
            try Self.upsertEHCAdvice(advice, body: body, in: db)
            return (previous, body, ())
        }
    }

    public func recordOvernightStay(_ stay: OvernightStay, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(stay)
        try await audited("overnight-stay.recorded", subject: "overnight-stay/\(stay.id)", by: who) { db in
            guard try Self.caseFile(stay.caseID, in: db) != nil else { throw CaseStoreError.notFound(kind: "case", id: stay.caseID.description) }
            let previous = try String.fetchOne(db, sql: "SELECT body FROM overnight_stay WHERE id = ?", arguments: [stay.id.uuid])
            try db.execute(
                sql: """
                    INSERT INTO overnight_stay (id, case_id, first_night, nights, carer, legal_basis, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET first_night = excluded.first_night, nights = excluded.nights, carer = excluded.carer,
                        legal_basis = excluded.legal_basis, body = excluded.body
                    """,
                arguments: [stay.id.uuid, stay.caseID.uuid, stay.firstNight.description, stay.nights, stay.carer, stay.legalBasis.rawValue, body])
            return (previous, body, ())
        }
    }

    public func saveReview(_ review: Review, by who: ActingUser) async throws {
        let body = try StoredJSON.encode(review)
        try await audited("review.saved", subject: "review/\(review.id)", by: who) { db in
            guard try Self.caseFile(review.caseID, in: db) != nil else { throw CaseStoreError.notFound(kind: "case", id: review.caseID.description) }
            let previous = try String.fetchOne(db, sql: "SELECT body FROM review WHERE id = ?", arguments: [review.id.uuid])
            try Self.upsertReview(review, body: body, in: db)
            return (previous, body, ())
        }
    }

    public func caseRecord(_ id: CaseFile.ID, viewedBy viewer: ActingUser) async throws -> CaseRecord {
        // A write transaction, because the viewing is recorded: nobody reads a child's record unseen.
        try await audited("record.viewed", subject: "case/\(id)", by: viewer) { db in
            guard let file = try Self.caseFile(id, in: db) else { throw CaseStoreError.notFound(kind: "case", id: id.description) }
            let provisions = try Self.provisions(ofCase: id, in: db)
            var deliveries: [Delivery] = []
            for provision in provisions {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT d.* FROM delivery d JOIN provision p ON p.row = d.provision_row WHERE p.id = ? ORDER BY d.period_start",
                    arguments: [provision.id.uuid])
                deliveries += try rows.map { try Self.delivery($0, provisionID: provision.id) }
            }
            func bodies<T: Decodable>(_ type: T.Type, _ table: String, orderBy: String) throws -> [T] {
                try String.fetchAll(db, sql: "SELECT body FROM \(table) WHERE case_id = ? ORDER BY \(orderBy), rowid", arguments: [id.uuid])
                    .map { try StoredJSON.decode(type, from: $0, table: table) }
            }
            let record = CaseRecord(
                file: file, assessments: try Self.assessments(ofCase: id, in: db), needs: try bodies(Need.self, "need", orderBy: "identified_on"),
                provisions: provisions, deliveries: deliveries, ehcAdvice: try bodies(EHCAdvice.self, "ehc_advice", orderBy: "deadline_on"),
                overnightStays: try bodies(OvernightStay.self, "overnight_stay", orderBy: "first_night"),
                reviews: try bodies(Review.self, "review", orderBy: "due_on"))
            return (nil, nil, record)
        }
    }

    // MARK: Rows

    /// What an EHC advice on the case is checked against.
    static func ehcContext(_ file: CaseFile, in db: Database) throws -> EHCCaseContext {
        EHCCaseContext(
            provisions: try provisions(ofCase: file.id, in: db),
            needs: try needs(ofCase: file.id, in: db),
            childDateOfBirth: file.child.dateOfBirth,
            sentAdvice: try String.fetchAll(
                db, sql: "SELECT body FROM ehc_advice WHERE case_id = ? AND submitted_on IS NOT NULL ORDER BY submitted_on, rowid", arguments: [file.id.uuid])
                .map { try StoredJSON.decode(EHCAdvice.self, from: $0, table: "ehc_advice") })
    }

    static func needs(ofCase id: CaseFile.ID, in db: Database) throws -> [Need] {
        try String.fetchAll(db, sql: "SELECT body FROM need WHERE case_id = ? ORDER BY identified_on, rowid", arguments: [id.uuid])
            .map { try StoredJSON.decode(Need.self, from: $0, table: "need") }
    }

    static func provisions(ofCase id: CaseFile.ID, in db: Database) throws -> [Provision] {
        try String.fetchAll(db, sql: "SELECT body FROM provision WHERE case_id = ? ORDER BY start_date, row", arguments: [id.uuid])
            .map { try StoredJSON.decode(Provision.self, from: $0, table: "provision") }
    }

    static func upsertEHCAdvice(_ advice: EHCAdvice, body: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO ehc_advice (id, case_id, request_reference, deadline_on, submitted_on, body) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET request_reference = excluded.request_reference, deadline_on = excluded.deadline_on,
                    submitted_on = excluded.submitted_on, body = excluded.body
                """,
            arguments: [advice.id.uuid, advice.caseID.uuid, advice.ehcRequestReference, advice.deadline.date.description, advice.submittedOn?.description, body])
    }

    static func upsertReview(_ review: Review, body: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO review (id, case_id, kind, due_on, held_on, body) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, due_on = excluded.due_on, held_on = excluded.held_on, body = excluded.body
                """,
            arguments: [review.id.uuid, review.caseID.uuid, review.kind.rawValue, review.dueOn.description, review.heldOn?.description, body])
    }
}
