// Everything stored comes back exactly as it went in.
import Casework
import Foundation
import Store
import Testing

@Suite("Store round trips")
struct RoundTripTests {
    @Test("a case with one of every record reads back equal, field for field")
    func everything() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        #expect(record.file == family.file)
        #expect(record.file.request.answers == family.file.request.answers)
        #expect(record.file.routing == family.file.routing)
        #expect(record.assessments == family.assessments)
        #expect(record.needs == [family.need])
        #expect(record.provisions == [family.provision])
        #expect(record.deliveries == family.deliveries)
        #expect(record.ehcAdvice == [family.advice])
        #expect(record.overnightStays == [family.stay])
        #expect(record.reviews == [family.review])
    }

    @Test("an assessment moved through its flow keeps each step, and an illegal move is refused and not stored")
    func assessmentFlow() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        let id = family.assessments[0].id
        try await temporary.store.moveAssessment(id, to: .offered, on: day("2025-09-02"), by: assessor)
        await #expect(throws: CaseworkError.illegalTransition(AssessmentTransitionError(from: .offered, to: .completed))) {
            try await temporary.store.moveAssessment(id, to: .completed, on: day("2025-09-03"), by: assessor)
        }
        let moved = try await temporary.store.moveAssessment(id, to: .accepted, on: day("2025-09-03"), by: parent)
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: assessor)
        #expect(record.assessments[0] == moved)
        #expect(record.assessments[0].history.map(\.status) == [.requested, .offered, .accepted])
    }

    @Test("a manager's override is stored beside the routing as made, and a confirmed s47 adds its record")
    func managerDecision() async throws {
        let temporary = try TemporaryStore()
        let outcome = RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: false, youngCarerAssessment: false, section47: true, team: .assessmentAndIntervention)
        let family = try IdrisFamily(outcome: outcome)
        try await family.store(in: temporary.store)
        let decision = try ManagerDecision.confirming(family.file.routing, by: manager, on: day("2025-09-02"))
        let updated = try await temporary.store.recordManagerDecision(decision, caseID: family.file.id, by: manager)
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        #expect(record.file == updated)
        #expect(record.file.managerDecision == decision)
        #expect(record.assessments.map(\.kind) == [.childInNeed, .section47])
        await #expect(throws: CaseworkError.self) {
            try await temporary.store.recordManagerDecision(decision, caseID: family.file.id, by: manager)
        }
    }

    @Test("a second delivery record for the same period replaces the first, and the measure follows")
    func deliveryCorrection() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        // Counted to 19 October: two weeks due, 15 hours; the second week 4.5 short, then corrected.
        let measure = DeliveryMeasure(asOf: day("2025-10-26"))
        let before = try await temporary.store.unmetNeedInputs(team: nil, measure: measure)
        #expect(before.provisions.first?.account.missed.councilOrProvider == 4.5)
        let corrected = try Delivery(provisionID: family.provision.id, periodStart: day("2025-10-13"), periodEnd: day("2025-10-19"), plannedUnits: 7.5, deliveredUnits: 7.5)
        try await temporary.store.recordDelivery(corrected, inCase: family.file.id, by: assessor)
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: assessor)
        #expect(record.deliveries == [family.deliveries[0], corrected])
        let inputs = try await temporary.store.unmetNeedInputs(team: nil, measure: measure)
        #expect(inputs.provisions.first?.account.delivered == 15)
        // Started five days after the need was assessed, well within the time allowed to arrange it: nothing missed.
        #expect(inputs.provisions.first?.account.missed.counted == 0)
    }

    @Test("the report inputs agree with the records they summarise, each provision measured as Casework measures a whole record")
    func reportInputs() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        let measure = DeliveryMeasure(asOf: day("2025-12-01"), trendDates: UnmetNeedTrend.dates(endingOn: day("2025-12-01")))
        let inputs = try await temporary.store.unmetNeedInputs(team: .disabledChildren, measure: measure)
        #expect(inputs.needs == [NeedSummary(family.need)])
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: assessor)
        #expect(inputs.provisions == UnmetNeedInputs(record: record, measure: measure).provisions)
        #expect(inputs.provisions.first?.account.missed.counted ?? 0 > 0, "weeks after 19 October were never recorded")
        #expect(inputs.cases[family.file.id]?.childName == "Idris Achterberg")
        #expect(try await temporary.store.unmetNeedInputs(team: .earlyHelp, measure: measure).needs.isEmpty)
        let overdue = try await temporary.store.overdueInputs(team: nil)
        #expect(Set(overdue.assessments) == Set(family.assessments.map(AssessmentSummary.init)))
        #expect(overdue.ehcAdvice == [AdviceSummary(family.advice)])
        #expect(overdue.reviews == [family.review])
    }

    @Test("the stored ledger follows a change to the provision's terms, and a missing one is built from the records")
    func ledgerFollowsTerms() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        let measure = DeliveryMeasure(asOf: day("2025-10-26"))
        // 7.5 hours a week: the second week is 4.5 short. Agreed again at 3 hours a week: both weeks are met.
        var changed = family.provision
        changed.amount = try ProvisionAmount(3, .hoursPerWeek)
        try await temporary.store.saveProvision(changed, by: assessor)
        let inputs = try await temporary.store.unmetNeedInputs(team: nil, measure: measure)
        #expect(inputs.provisions.first?.account.missed.counted == 0)
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: assessor)
        #expect(inputs.provisions == UnmetNeedInputs(record: record, measure: measure).provisions)
        try await temporary.store.writer.write { db in try db.execute(sql: "DELETE FROM delivery_ledger") }
        #expect(try await temporary.store.unmetNeedInputs(team: nil, measure: measure).provisions == inputs.provisions)
    }

    @Test("records that point at another child's case or at nothing are refused")
    func badReferences() async throws {
        let temporary = try TemporaryStore()
        let idris = try IdrisFamily()
        let other = try IdrisFamily()
        try await idris.store(in: temporary.store)
        try await temporary.store.receive(ReceivedRequest(file: other.file, assessments: []), ownedBy: nil, by: parent)
        let crossed = try Provision(caseID: other.file.id, needIDs: [idris.need.id], service: .homeCare, description: "x",
                                    amount: ProvisionAmount(1, .hoursPerWeek), startDate: day("2025-10-01"), provider: nil, legalBasis: .section17)
        await #expect(throws: CaseStoreError.self) { try await temporary.store.saveProvision(crossed, by: assessor) }
        await #expect(throws: CaseStoreError.self) { try await temporary.store.recordDelivery(other.deliveries[0], inCase: other.file.id, by: assessor) }
        // A provision that exists, but in another child's case, is not there for this case: nothing is written.
        let overwrite = try Delivery(provisionID: idris.provision.id, periodStart: idris.deliveries[0].periodStart, periodEnd: idris.deliveries[0].periodEnd,
                                     plannedUnits: 7.5, deliveredUnits: 7.5)
        await #expect(throws: CaseStoreError.notFound(kind: "provision", id: idris.provision.id.description)) {
            try await temporary.store.recordDelivery(overwrite, inCase: other.file.id, by: assessor)
        }
        #expect(try await temporary.store.caseRecord(idris.file.id, viewedBy: assessor).deliveries == idris.deliveries)
        await #expect(throws: CaseStoreError.alreadyExists(kind: "case", id: idris.file.id.description)) {
            try await temporary.store.receive(ReceivedRequest(file: idris.file, assessments: []), ownedBy: nil, by: parent)
        }
    }

    @Test("a request waiting for a decision is read for overdue work with the urgency the family gave; a decided one is not")
    func awaitingDecision() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        var answers = family.file.request.answers
        answers["urgency"] = .choice("crisis")
        let request = NeedsRequest(
            formID: "needs-request", formVersion: 2, receivedOn: day("2025-09-01"), submittedBy: parent, referralSource: "1A", answers: answers)
        let file = CaseFile(child: family.file.child, family: family.file.family, request: request, routing: family.file.routing)
        try await temporary.store.receive(ReceivedRequest(file: file, assessments: []), ownedBy: nil, by: parent)
        let waiting = try await temporary.store.overdueInputs(team: nil).awaitingDecision
        #expect(waiting.map(\.summary.id) == [file.id])
        #expect(waiting.map(\.receivedOn) == [day("2025-09-01")])
        #expect(waiting.map(\.urgency) == [.sameDay])
        #expect(try await temporary.store.awaitingDecision(team: nil).map(\.urgency) == [.sameDay])
        let decision = try ManagerDecision.confirming(file.routing, by: ActingUser(id: "greer", role: .manager), on: day("2025-09-02"))
        try await temporary.store.recordManagerDecision(decision, caseID: file.id, by: ActingUser(id: "greer", role: .manager))
        #expect(try await temporary.store.overdueInputs(team: nil).awaitingDecision.isEmpty)
    }

    @Test("submitted EHC advice with errors is refused by the store")
    func adviceRefused() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        var notKnown = EHCAdvice(caseID: family.file.id, ehcRequestReference: "EHC-2025-2000", requestedOn: day("2025-11-01"), author: "A. Okafor",
                                 team: .disabledChildren, basis: nil, notKnownToService: true, sectionD: [], provision: [], calendar: .englandAndWales)
        notKnown.submittedOn = day("2025-11-03")
        await #expect(throws: EHCAdviceRefused.self) { try await temporary.store.saveEHCAdvice(notKnown, by: assessor) }
    }

    @Test("a bulk import stores everything with one audit entry")
    func bulkImport() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        var batch = ImportBatch(source: "test")
        batch.cases = [(family.file, family.assessments)]
        batch.needs = [family.need]
        batch.provisions = [family.provision]
        batch.deliveries = family.deliveries
        batch.ehcAdvice = [family.advice]
        batch.overnightStays = [family.stay]
        batch.reviews = [family.review]
        try await temporary.store.importBatch(batch, by: ActingUser(id: "importer", role: .system))
        let entries = try await temporary.store.auditEntries(from: 1, limit: 10)
        #expect(entries.map(\.event.action) == ["import.batch"])
        let record = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        #expect(record.deliveries == family.deliveries)
        #expect(record.ehcAdvice == [family.advice])
    }

    @Test("a submitted child in need assessment stores the needs it records in the same write; a refused report stores neither")
    func reportWithNeeds() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await temporary.store.receive(ReceivedRequest(file: family.file, assessments: family.assessments), ownedBy: nil, by: parent)
        func report(assessmentID: Assessment.ID?) -> CaseReport {
            CaseReport(
                caseID: family.file.id, assessmentID: assessmentID, formID: CaseReport.childInNeedFormID, formVersion: 1, title: "Child in need assessment",
                answers: ["personal_care_needs": .text("Two adults for every transfer."), "personal_care_severity": .choice("severe"),
                          "sleep_needs": .text("Settles well."), "sleep_severity": .choice("none")],
                author: assessor, submittedOn: day("2025-10-01"))
        }
        await #expect(throws: CaseStoreError.self) {
            try await temporary.store.submitReport(report(assessmentID: Assessment.ID()), draftOwner: nil, draftPurpose: nil, by: assessor)
        }
        var record = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        #expect(record.needs.isEmpty)
        #expect(try await temporary.store.reports(ofCase: family.file.id).isEmpty)

        try await temporary.store.submitReport(report(assessmentID: family.assessments[0].id), draftOwner: nil, draftPurpose: nil, by: assessor)
        record = try await temporary.store.caseRecord(family.file.id, viewedBy: manager)
        #expect(record.needs.map(\.area) == [.personalCare])
        #expect(record.needs.first?.assessmentID == family.assessments[0].id)
        let actions = try await temporary.store.auditEntries(from: 1, limit: 20).map(\.event.action)
        #expect(actions.contains("report.submitted") && actions.contains("need.saved"))
    }

    @Test("sending completes an open assessment once; one completed before it reached Heeded takes its report once, its status kept")
    func reportOncePerAssessment() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await temporary.store.receive(ReceivedRequest(file: family.file, assessments: family.assessments), ownedBy: nil, by: parent)
        func report(_ assessment: Assessment) -> CaseReport {
            CaseReport(
                caseID: family.file.id, assessmentID: assessment.id, formID: "young-carer-assessment", formVersion: 1, title: "Young carer's needs assessment",
                answers: [:], author: assessor, submittedOn: day("2025-10-01"))
        }
        let open = family.assessments[0]
        try await temporary.store.submitReport(report(open), draftOwner: nil, draftPurpose: nil, by: assessor)
        #expect(try await temporary.store.assessment(open.id)?.status == .completed)
        await #expect(throws: CaseworkError.self, "a second send of the same assessment") {
            try await temporary.store.submitReport(report(open), draftOwner: nil, draftPurpose: nil, by: assessor)
        }
        let imported = family.assessments[1]
        for status in [AssessmentStatus.offered, .accepted, .inProgress, .completed, .authorised] {
            _ = try await temporary.store.moveAssessment(imported.id, to: status, on: day("2025-09-20"), by: status == .accepted ? parent : manager)
        }
        try await temporary.store.submitReport(report(imported), draftOwner: nil, draftPurpose: nil, by: assessor)
        #expect(try await temporary.store.assessment(imported.id)?.status == .authorised)
        await #expect(throws: CaseworkError.self) {
            try await temporary.store.submitReport(report(imported), draftOwner: nil, draftPurpose: nil, by: assessor)
        }
        #expect(try await temporary.store.reports(ofCase: family.file.id).count == 2)
    }

    @Test("revising an authorised assessment's report takes it back to completed for a manager to sign off again; only the latest version is revised")
    func revisionOfAuthorised() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await temporary.store.receive(ReceivedRequest(file: family.file, assessments: family.assessments), ownedBy: nil, by: parent)
        let assessment = family.assessments[0]
        func report(_ revision: CaseReport.Revision?) -> CaseReport {
            CaseReport(
                caseID: family.file.id, assessmentID: assessment.id, formID: "young-carer-assessment", formVersion: 1, title: "Young carer's needs assessment",
                answers: [:], author: assessor, submittedOn: day("2025-10-01"), revision: revision)
        }
        let first = report(nil)
        try await temporary.store.submitReport(first, draftOwner: nil, draftPurpose: nil, by: assessor)
        _ = try await temporary.store.moveAssessment(assessment.id, to: .authorised, on: day("2025-10-02"), by: manager)
        try await temporary.store.submitReport(
            report(try CaseReport.Revision(revises: first.id, reason: "The school's view came after")), draftOwner: nil, draftPurpose: nil, by: assessor)
        #expect(try await temporary.store.assessment(assessment.id)?.status == .completed)
        await #expect(throws: CaseStoreError.alreadyRevised(report: first.id.description)) {
            try await temporary.store.submitReport(
                report(try CaseReport.Revision(revises: first.id, reason: "Another tab")), draftOwner: nil, draftPurpose: nil, by: assessor)
        }
        #expect(try await temporary.store.reports(ofCase: family.file.id).count == 2)
    }

    @Test("a stored code Heeded does not know stops the report with the column named, rather than becoming a default")
    func unknownCodes() async throws {
        for (sql, column) in [("UPDATE need SET area = 'flying'", "need.area"), ("UPDATE provision SET service = 'teleport'", "provision.service")] {
            let temporary = try TemporaryStore()
            try await IdrisFamily().store(in: temporary.store)
            try await temporary.store.writer.write { db in try db.execute(sql: sql) }
            let measure = DeliveryMeasure(asOf: day("2026-01-05"), policy: .standard, trendDates: [])
            await #expect(throws: StoreError.self) { try await temporary.store.unmetNeedInputs(team: nil, measure: measure) }
            do {
                _ = try await temporary.store.unmetNeedInputs(team: nil, measure: measure)
            } catch {
                #expect("\(error)".contains(column), "\(error)")
            }
        }
    }

    @Test("a delivery's stored shortfall code, or a case's empty team, is an error naming the column, not no reason or a default team")
    func unreadableDeliveryCodesAndTeams() async throws {
        let temporary = try TemporaryStore()
        let family = try IdrisFamily()
        try await family.store(in: temporary.store)
        try await temporary.store.writer.write { db in try db.execute(sql: "UPDATE delivery SET reason = 'moon-landing' WHERE reason IS NOT NULL") }
        await #expect {
            _ = try await temporary.store.caseRecord(family.file.id, viewedBy: assessor)
        } throws: { error in
            error is StoreError && "\(error)".contains("reason is \"moon-landing\"")
        }
        let other = try TemporaryStore()
        try await IdrisFamily().store(in: other.store)
        try await other.store.writer.write { db in try db.execute(sql: "UPDATE case_file SET team = ''") }
        let measure = DeliveryMeasure(asOf: day("2026-01-05"), policy: .standard, trendDates: [])
        await #expect {
            _ = try await other.store.unmetNeedInputs(team: nil, measure: measure)
        } throws: { error in
            error is StoreError && "\(error)".contains("team is empty")
        }
    }
}
