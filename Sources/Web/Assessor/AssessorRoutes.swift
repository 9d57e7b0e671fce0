// The assessor's pages: the caseload, a case, the assessment forms, status moves, needs, provision, deliveries.
import Casework
import Foundation
import Forms
import Hummingbird

/// What practitioners do. Managers and administrators may do all of it too.
struct AssessorRoutes: Sendable {
    let services: WebServices

    /// The form each kind of assessment is written on.
    static let formIDs: [AssessmentKind: String] = [
        .childInNeed: CaseReport.childInNeedFormID, .parentCarer: "parent-carer-assessment", .youngCarer: "young-carer-assessment",
    ]

    func register(on router: some RouterMethods<WebContext>) {
        let staff = router.only(ActingUser.Role.staff)
        staff.get("/work") { request, context in try await caseload(request, context) }
        staff.get("/cases/:case") { request, context in try await casePage(request, context) }
        staff.post("/cases/:case/assessments/:assessment/status") { request, context in try await moveStatus(request, context) }
        FormJourneyRoutes(services: services, resolve: { request, context in
            try await assessmentJourney(request, context)
        }, submit: { target, draft, check, _, context in
            try await submitAssessment(target, draft: draft, check: check, context: context)
        }).register(on: staff, at: "/cases/:case/assessments/:assessment/form")
        FormJourneyRoutes(services: services, resolve: { request, context in
            try await adviceJourney(request, context)
        }, submit: { target, draft, check, _, context in
            try await submitAdvice(target, draft: draft, check: check, revision: nil, context: context)
        }).register(on: staff, at: "/cases/:case/ehc-advice")
        FormJourneyRoutes(services: services, resolve: { request, context in
            try await revisionJourney(request, context)
        }, submit: { target, draft, check, revision, context in
            try await submitAdvice(target, draft: draft, check: check, revision: revision, context: context)
        }).register(on: staff, at: "/cases/:case/reports/:report/revision")
        RecordRoutes(services: services).register(on: staff)
    }

    private func caseload(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let items = try await services.store.caseload(assessor: account.email, team: account.team)
        let today = services.today
        let calendar = services.configuration.calendar
        let rows = items.map { item in
            let daysLeft = calendar.workingDays(from: today, to: item.assessment.deadline)
            return CaseloadView.Row(
                childName: item.caseSummary.childName, reference: item.caseSummary.reference, href: "/cases/\(item.caseSummary.id)",
                assessment: item.assessment.kind.title.capitalizedFirst, status: Formatting.status(item.assessment.status),
                deadline: item.assessment.deadline.long, overdue: daysLeft < 0,
                timing: daysLeft < 0 ? "\(-daysLeft) working days overdue" : daysLeft == 0 ? "due today" : "\(daysLeft) working days left",
                holder: item.assessor ?? "Not allocated", urgency: Formatting.urgency(item.urgency))
        }
        return services.renderer.page(
            "caseload", CaseloadView(team: account.team.map { Formatting.words($0.rawValue) } ?? "all teams", rows: rows), title: "Caseload", context: context)
    }

    private func casePage(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let record = try await CaseAccess.record(caseID, for: account, services: services)
        var view = StaffCaseView(
            record: record, reports: try await services.store.reports(ofCase: caseID), comments: try await services.store.comments(ofCase: caseID),
            missed: try await services.store.missedSessions(ofCase: caseID), account: account,
            assessors: ActingUser.Role.managers.contains(account.role) ? try await services.store.accounts(role: .assessor).map(\.email) : [],
            drafts: try await services.store.draftsInProgress(purposes: record.assessments.map { "assessment/\($0.id)" } + ["ehc-advice/\(caseID)"]),
            services: services, csrf: context.csrfToken)
        view.notice = request.uri.queryParameters["done"].flatMap { StaffCaseView.notices[String($0)] }
        return services.renderer.page("staff-case", view, title: "\(record.file.child.fullName) (\(record.file.reference))", context: context, backLink: "/work")
    }

    private func moveStatus(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let assessmentID: Assessment.ID = try context.id("assessment")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard let target = context.form?["status"].flatMap(AssessmentStatus.init(rawValue:)) else {
            throw WebError.badRequest("Choose what the assessment has moved to.")
        }
        guard let assessment = try await services.store.assessment(assessmentID), assessment.caseID == caseID else { throw WebError.notFound }
        try await services.store.moveAssessment(assessmentID, to: target, on: services.today, by: account.actingUser)
        return .redirect(to: "/cases/\(caseID)#assessments", type: .normal)
    }

    // MARK: Assessment forms

    private func assessmentJourney(_ request: Request, _ context: WebContext) async throws -> JourneyTarget {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let assessmentID: Assessment.ID = try context.id("assessment")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard let summary = try await services.store.caseSummary(caseID),
              let assessment = try await services.store.assessment(assessmentID), assessment.caseID == caseID,
              let formID = Self.formIDs[assessment.kind], let form = services.library.form(formID) else {
            throw WebError.notFound
        }
        // Sent once, it stays sent: the page shows what was sent, and changing it is a revision from there.
        guard assessment.status.isOpen else {
            let sent = try await services.store.reports(ofCase: caseID).last { $0.assessmentID == assessmentID }
            throw WebError.alreadyDone(href: "/cases/\(caseID)" + (sent.map { "#report-\($0.id)" } ?? "#assessments"))
        }
        var journey = FormJourney(
            form: form, library: services.library, purpose: "assessment/\(assessmentID)", basePath: "/cases/\(caseID)/assessments/\(assessmentID)/form",
            caption: "\(summary.childName) (\(summary.reference))", today: services.today)
        journey.initialAnswers = { [services] in
            try await services.store.caseRecord(caseID, viewedBy: account.actingUser).knownAnswers(for: assessment)
        }
        journey.domainProblems = Self.provisionProblems(form: form, caseID: caseID, assessmentID: assessmentID, author: account.actingUser, today: services.today)
        return JourneyTarget(
            journey: journey, account: account, backLink: "/cases/\(caseID)", declaration: "The family will be able to read this report and add their comments.",
            sentHref: "/cases/\(caseID)#assessments")
    }

    private func submitAssessment(_ target: JourneyTarget, draft: FormDraft, check: AnswerCheck, context: WebContext) async throws -> Response {
        let caseID: CaseFile.ID = try context.id("case")
        let assessmentID: Assessment.ID = try context.id("assessment")
        let report = CaseReport(
            caseID: caseID, assessmentID: assessmentID, formID: target.journey.form.id, formVersion: target.journey.form.version,
            title: target.journey.form.title, answers: check.answers.values.compactMapValues(SubmittedAnswer.init),
            author: target.account.actingUser, submittedOn: services.today)
        try await services.store.submitReport(report, draftOwner: target.account.id, draftPurpose: target.journey.purpose, by: target.account.actingUser)
        return .redirect(to: "/cases/\(caseID)?done=sent#report-\(report.id)", type: .normal)
    }

    private func adviceJourney(_ request: Request, _ context: WebContext) async throws -> JourneyTarget {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard let summary = try await services.store.caseSummary(caseID), let form = services.library.form(CaseReport.ehcAdviceFormID) else { throw WebError.notFound }
        let today = services.today
        let known = try await services.store.ehcContext(ofCase: caseID)
        var journey = FormJourney(
            form: form, library: services.library, purpose: "ehc-advice/\(caseID)", basePath: "/cases/\(caseID)/ehc-advice",
            caption: "\(summary.childName) (\(summary.reference))", today: today)
        journey.initialAnswers = { [known] in known.adviceAnswers(on: today) }
        journey.domainProblems = Self.adviceProblems(form: form, caseID: caseID, known: known, author: account.actingUser, today: today, calendar: services.configuration.calendar)
        return JourneyTarget(
            journey: journey, account: account, backLink: "/cases/\(caseID)", declaration: "The family will be able to read this advice and add their comments.",
            sentHref: "/cases/\(caseID)#reports")
    }

    /// Services decided that could not become provision as written, shown beside their questions before sending.
    private static func provisionProblems(
        form: FormDefinition, caseID: CaseFile.ID, assessmentID: Assessment.ID, author: ActingUser, today: CalendarDate
    ) -> @Sendable (Answers) -> [AnswerProblem] {
        { answers in
            let report = CaseReport(
                caseID: caseID, assessmentID: assessmentID, formID: form.id, formVersion: form.version, title: form.title,
                answers: answers.values.compactMapValues(SubmittedAnswer.init), author: author, submittedOn: today)
            do throws(ProvisionNotDecided) {
                _ = try report.decidedProvision(meeting: report.assessedNeeds(request: nil))
                return []
            } catch {
                return error.problems.compactMap { problem in
                    guard case .invalid(let field, let message) = problem else { return nil }
                    return AnswerProblem(field: field, message: message)
                }
            }
        }
    }

    /// What the store would refuse in an advice, shown beside the questions before sending.
    private static func adviceProblems(
        form: FormDefinition, caseID: CaseFile.ID, known: EHCCaseContext, author: ActingUser, today: CalendarDate, calendar: WorkingDayCalendar
    ) -> @Sendable (Answers) -> [AnswerProblem] {
        { answers in
            let report = CaseReport(
                caseID: caseID, assessmentID: nil, formID: form.id, formVersion: form.version, title: form.title,
                answers: answers.values.compactMapValues(SubmittedAnswer.init), author: author, submittedOn: today)
            do throws(EHCAdviceRefused) {
                _ = try report.ehcAdvice(in: known, calendar: calendar)
                return []
            } catch {
                // Beside a question, a message reads as a sentence.
                return error.problems.map { AnswerProblem(field: $0.field, message: $0.message.capitalizedFirst) }
            }
        }
    }

    /// A sent report written again, on the form's current version, starting from what was sent. Only the latest
    /// version of a report can be revised; the reason is asked on the check page.
    private func revisionJourney(_ request: Request, _ context: WebContext) async throws -> JourneyTarget {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let reportID: CaseReport.ID = try context.id("report")
        try await CaseAccess.check(caseID, for: account, services: services)
        let reports = try await services.store.reports(ofCase: caseID)
        guard let summary = try await services.store.caseSummary(caseID), let revised = reports.first(where: { $0.id == reportID }),
              let form = services.library.form(revised.formID) else { throw WebError.notFound }
        if let newer = reports.last(where: { $0.revision?.revises == reportID }) {
            throw WebError.alreadyDone(href: "/cases/\(caseID)/reports/\(newer.id)/revision")
        }
        let today = services.today
        var journey = FormJourney(
            form: form, library: services.library, purpose: "revision/\(reportID)", basePath: "/cases/\(caseID)/reports/\(reportID)/revision",
            caption: "\(summary.childName) (\(summary.reference)): revising what was sent on \(revised.submittedOn.long)", today: today)
        let sent = revised.answers.mapValues(RawAnswer.init)
        journey.initialAnswers = { sent }
        if revised.formID == CaseReport.ehcAdviceFormID {
            // Checked as the advice it replaces would be, without that advice counting as already sent.
            var known = try await services.store.ehcContext(ofCase: caseID)
            let reference = revised.answers["ehc_request_ref"].flatMap { if case .text(let text) = $0 { text } else { nil } } ?? ""
            if let earlier = known.sentAdvice(for: reference) { known.sentAdvice.removeAll { $0.id == earlier.id } }
            journey.domainProblems = Self.adviceProblems(form: form, caseID: caseID, known: known, author: account.actingUser, today: today, calendar: services.configuration.calendar)
        }
        return JourneyTarget(
            journey: journey, account: account, backLink: "/cases/\(caseID)#report-\(reportID)",
            declaration: "The family will be able to read the revised version, your reason and what was sent before.", revising: revised)
    }

    /// Sends EHC advice, or the revision of any sent report.
    private func submitAdvice(
        _ target: JourneyTarget, draft: FormDraft, check: AnswerCheck, revision: CaseReport.Revision?, context: WebContext
    ) async throws -> Response {
        let caseID: CaseFile.ID = try context.id("case")
        let report = CaseReport(
            caseID: caseID, assessmentID: target.revising?.assessmentID, formID: target.journey.form.id, formVersion: target.journey.form.version,
            title: target.journey.form.title, answers: check.answers.values.compactMapValues(SubmittedAnswer.init),
            author: target.account.actingUser, submittedOn: services.today, revision: revision)
        try await services.store.submitReport(report, draftOwner: target.account.id, draftPurpose: target.journey.purpose, by: target.account.actingUser)
        return .redirect(to: "/cases/\(caseID)?done=sent#report-\(report.id)", type: .normal)
    }
}

struct CaseloadView {
    let team: String
    let rows: [Row]

    struct Row {
        let childName: String
        let reference: String
        let href: String
        let assessment: String
        let status: String
        let deadline: String
        let overdue: Bool
        let timing: String
        let holder: String
        let urgency: String?
    }
}
