// Overdue work: assessments past deadline, advice past six weeks, carers never offered, reviews not held.
import Casework
import Store
import Testing

@Suite("Overdue work")
struct OverdueWorkTests {
    let file = mayasCase()

    @Test("an open assessment past its deadline is overdue by working days; a completed one is not")
    func assessments() throws {
        let open = Assessment(caseID: file.id, kind: .childInNeed, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
        let done = try Assessment(caseID: file.id, kind: .youngCarer, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
            .moved(to: .offered, on: day("2025-12-02"), by: assessor).moved(to: .accepted, on: day("2025-12-02"), by: parent)
            .moved(to: .inProgress, on: day("2025-12-02"), by: assessor).moved(to: .completed, on: day("2026-01-02"), by: assessor)
        let inputs = OverdueInputs(cases: summary(file), assessments: [open, done].map(AssessmentSummary.init), ehcAdvice: [], reviews: [])
        #expect(OverdueWork.find(inputs, asOf: day("2026-02-05"), calendar: .englandAndWales).isEmpty)
        let found = OverdueWork.find(inputs, asOf: day("2026-02-09"), calendar: .englandAndWales)
        #expect(found.count == 1)
        #expect(found[0].what == "child in need assessment (requested)")
        #expect(found[0].workingDaysOverdue == 2)
    }

    @Test("a request with no decision a working day after it arrived is overdue; Friday's is due on Monday")
    func referralDecision() {
        let friday = WaitingRequest(summary: summary(file)[file.id]!, receivedOn: day("2025-12-05"), urgency: .routine)
        let inputs = OverdueInputs(cases: summary(file), assessments: [], ehcAdvice: [], reviews: [], awaitingDecision: [friday])
        #expect(OverdueWork.find(inputs, asOf: day("2025-12-08"), calendar: .englandAndWales).isEmpty, "due Monday 8 December, day 1")
        let found = OverdueWork.find(inputs, asOf: day("2025-12-09"), calendar: .englandAndWales)
        #expect(found.map(\.kind) == [.referralDecision])
        #expect(found[0].dueOn == day("2025-12-08"))
        #expect(found[0].workingDaysOverdue == 1)
    }

    @Test("a request from a family in crisis is due the day it arrives (Saturday's on Monday), is overdue a working day later, and comes first")
    func sameDayRequest() {
        let other = CaseFile(child: file.child, family: file.family, request: file.request, routing: file.routing)
        var cases = summary(file)
        cases[other.id] = CaseSummary(id: other.id, reference: other.reference, childName: "Ada Quist", team: .duty)
        let crisis = WaitingRequest(summary: cases[file.id]!, receivedOn: day("2025-12-08"), urgency: .sameDay)
        let weekend = WaitingRequest(summary: cases[file.id]!, receivedOn: day("2025-12-06"), urgency: .sameDay)
        let routine = WaitingRequest(summary: cases[other.id]!, receivedOn: day("2025-12-01"), urgency: .routine)
        #expect(OverdueWork.find(OverdueInputs(cases: cases, assessments: [], ehcAdvice: [], reviews: [], awaitingDecision: [crisis]), asOf: day("2025-12-08"), calendar: .englandAndWales).isEmpty,
                "due today, the day it arrived")
        let found = OverdueWork.find(OverdueInputs(cases: cases, assessments: [], ehcAdvice: [], reviews: [], awaitingDecision: [routine, crisis]), asOf: day("2025-12-09"), calendar: .englandAndWales)
        #expect(found.map(\.kind) == [.sameDayRequest, .referralDecision], "the crisis first, though the routine request is 5 working days overdue")
        #expect(found[0].dueOn == day("2025-12-08"))
        #expect(found[0].workingDaysOverdue == 1)
        #expect(found[0].what.hasPrefix("same-day request (the family said they are in crisis)"))
        let saturday = OverdueWork.find(OverdueInputs(cases: cases, assessments: [], ehcAdvice: [], reviews: [], awaitingDecision: [weekend]), asOf: day("2025-12-09"), calendar: .englandAndWales)
        #expect(saturday.first?.dueOn == day("2025-12-08"))
        #expect([routine, crisis].sorted(by: WaitingRequest.dutyOrder) == [crisis, routine], "the duty queue puts the crisis first")
    }

    @Test("a parent carer assessment never offered and past its deadline is one overdue line, not two")
    func carerOnce() {
        let carer = Assessment(caseID: file.id, kind: .parentCarer, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
        let inputs = OverdueInputs(cases: summary(file), assessments: [AssessmentSummary(carer)], ehcAdvice: [], reviews: [])
        let found = OverdueWork.find(inputs, asOf: day("2026-03-02"), calendar: .englandAndWales)
        #expect(found.map(\.kind) == [.assessment])
        #expect(found.first?.what == "parent carer needs assessment (requested, never offered)")
    }

    @Test("a parent carer assessment requested and not offered within 5 working days is flagged")
    func carerNeverOffered() throws {
        let carer = Assessment(caseID: file.id, kind: .parentCarer, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
        let inputs = OverdueInputs(cases: summary(file), assessments: [AssessmentSummary(carer)], ehcAdvice: [], reviews: [])
        #expect(OverdueWork.find(inputs, asOf: day("2025-12-08"), calendar: .englandAndWales).isEmpty)
        let found = OverdueWork.find(inputs, asOf: day("2025-12-09"), calendar: .englandAndWales)
        #expect(found.map(\.kind) == [.parentCarerNotOffered])
        let offered = try carer.moved(to: .offered, on: day("2025-12-09"), by: assessor)
        #expect(OverdueWork.find(OverdueInputs(cases: summary(file), assessments: [AssessmentSummary(offered)], ehcAdvice: [], reviews: []), asOf: day("2025-12-20"), calendar: .englandAndWales).isEmpty)
    }

    @Test("EHC advice not sent after six weeks, and a review not held by its date, are overdue")
    func adviceAndReviews() {
        let advice = EHCAdvice(caseID: file.id, ehcRequestReference: "EHC-2025-0412", requestedOn: day("2025-12-01"), author: "A. Okafor",
                               team: .disabledChildren, basis: .newSection17Assessment, sectionD: [], provision: [], calendar: .englandAndWales)
        let review = Review(caseID: file.id, kind: .childInNeedPlan, dueOn: day("2026-01-05"))
        let held = Review(caseID: file.id, kind: .parentCarer, dueOn: day("2026-01-05"), heldOn: day("2026-01-05"))
        let inputs = OverdueInputs(cases: summary(file), assessments: [], ehcAdvice: [AdviceSummary(advice)], reviews: [review, held])
        let found = OverdueWork.find(inputs, asOf: day("2026-01-13"), calendar: .englandAndWales)
        #expect(found.map(\.kind) == [.review, .ehcAdvice])
        #expect(found[1].dueOn == day("2026-01-12"))
    }
}
