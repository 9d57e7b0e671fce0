// The assessment status flow: every legal move allowed, every other refused with a reason.
import Casework
import Store
import Testing

@Suite("Assessment status flow")
struct AssessmentStatusTests {
    static let legal: Set<[AssessmentStatus]> = [
        [.requested, .offered], [.offered, .accepted], [.offered, .declined],
        [.accepted, .inProgress], [.inProgress, .completed], [.completed, .authorised],
    ]

    static var allPairs: [(AssessmentStatus, AssessmentStatus)] {
        AssessmentStatus.allCases.flatMap { from in AssessmentStatus.allCases.map { (from, $0) } }
    }

    @Test("each move in the flow is allowed and every other is refused", arguments: allPairs)
    func everyTransition(from: AssessmentStatus, to: AssessmentStatus) {
        if Self.legal.contains([from, to]) {
            #expect((try? from.moving(to: to)) == to)
        } else {
            #expect(throws: AssessmentTransitionError(from: from, to: to)) { try from.moving(to: to) }
        }
    }

    @Test("a refused move says where the assessment may go instead")
    func refusalMessage() {
        let error = AssessmentTransitionError(from: .requested, to: .completed)
        #expect(error.description == "an assessment that is requested cannot become completed: it may only move to offered")
        #expect(AssessmentTransitionError(from: .authorised, to: .inProgress).description.hasSuffix("it is final"))
    }

    @Test("an assessment walks the whole flow and keeps the date of each step")
    func walkTheFlow() throws {
        var assessment = Assessment(caseID: mayasCase().id, kind: .childInNeed, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
        #expect(assessment.deadline.date == day("2026-02-05"))
        assessment = try assessment.moved(to: .offered, on: day("2025-12-02"), by: assessor)
        assessment = try assessment.moved(to: .accepted, on: day("2025-12-03"), by: parent)
        assessment = try assessment.moved(to: .inProgress, on: day("2025-12-08"), by: assessor)
        assessment = try assessment.moved(to: .completed, on: day("2026-01-20"), by: assessor)
        assessment = try assessment.moved(to: .authorised, on: day("2026-01-22"), by: manager)
        #expect(assessment.status == .authorised)
        #expect(assessment.date(of: .offered) == day("2025-12-02"))
        #expect(assessment.history.count == 6)
    }

    @Test("only a manager authorises an assessment")
    func authorisation() throws {
        var assessment = Assessment(caseID: mayasCase().id, kind: .parentCarer, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
        for status in [AssessmentStatus.offered, .accepted, .inProgress, .completed] {
            assessment = try assessment.moved(to: status, on: day("2025-12-10"), by: assessor)
        }
        #expect(throws: CaseworkError.notAllowed(who: assessor, action: "authorise an assessment")) {
            try assessment.moved(to: .authorised, on: day("2025-12-11"), by: assessor)
        }
    }

    @Test("a step dated before the previous one is refused")
    func datesGoForward() throws {
        let assessment = try Assessment(caseID: mayasCase().id, kind: .childInNeed, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
            .moved(to: .offered, on: day("2025-12-05"), by: assessor)
        #expect(throws: CaseworkError.self) { try assessment.moved(to: .accepted, on: day("2025-12-04"), by: parent) }
    }

    @Test("an illegal move on an assessment is refused with the transition named")
    func illegalOnAssessment() {
        let assessment = Assessment(caseID: mayasCase().id, kind: .childInNeed, requestedOn: day("2025-12-01"), calendar: .englandAndWales)
        #expect(throws: CaseworkError.illegalTransition(AssessmentTransitionError(from: .requested, to: .inProgress))) {
            try assessment.moved(to: .inProgress, on: day("2025-12-02"), by: assessor)
        }
    }
}
