// The family's pages: their requests, the needs request journey, and each child's record.
import Casework
import Foundation
import Forms
import Hummingbird

/// What a parent can do. Every case page checks that the case is theirs (`CaseAccess`) before reading it.
struct ParentRoutes: Sendable {
    let services: WebServices

    func register(on router: some RouterMethods<WebContext>) {
        let family = router.only(ActingUser.Role.parents)
        family.get("/family") { request, context in try await home(request, context) }
        FormJourneyRoutes(services: services, resolve: { request, context in
            var journey = FormJourney(
                form: services.intake.form, library: services.library, purpose: NeedsRequestIntake.formID, basePath: "/request",
                caption: nil, today: services.today)
            journey.domainProblems = { [intake = services.intake, today = services.today] in intake.problems($0, on: today) }
            return JourneyTarget(
                journey: journey, account: context.signedInAccount, backLink: "/family",
                declaration: "By sending this request you confirm that what you have told us is true to the best of your knowledge.",
                sentHref: "/family?sent=1")
        }, submit: { target, draft, _, _, context in
            try await receive(target, draft: draft, context: context)
        }).register(on: family, at: "/request")
        family.get("/family/records") { request, context in try await records(request, context, json: false) }
        family.get("/family/records.json") { request, context in try await records(request, context, json: true) }
        family.get("/family/cases/:case") { request, context in try await casePage(request, context, received: false) }
        family.get("/family/cases/:case/received") { request, context in try await casePage(request, context, received: true) }
        family.post("/family/cases/:case/reports/:report/comments") { request, context in try await addComment(request, context) }
        family.get("/family/cases/:case/missed-session") { request, context in try await missedSessionPage(request, context, problems: [:], status: .ok) }
        family.post("/family/cases/:case/missed-session") { request, context in try await reportMissedSession(request, context) }
    }

    private func home(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let cases = try await services.store.casesOwned(by: account.id)
        let draft = try await services.store.draft(owner: account.id, purpose: NeedsRequestIntake.formID)
        let view = FamilyHomeView(
            cases: cases.map { FamilyHomeView.Line(reference: $0.reference, childName: $0.childName, href: "/family/cases/\($0.id)") },
            hasDraft: draft != nil, draftSaved: draft.map { CalendarDate($0.updatedAt).long },
            alreadySent: request.uri.queryParameters["sent"] == "1" && draft == nil)
        return services.renderer.page("family-home", view, title: "Your requests", context: context)
    }

    /// Everything held about the family, as a page or as JSON; each download is audited, with what it held.
    private func records(_ request: Request, _ context: WebContext, json: Bool) async throws -> Response {
        let account = context.signedInAccount
        let records = try await FamilyRecords.read(for: account, services: services)
        try await services.store.recordDisclosure(
            "records.downloaded", subject: "account/\(account.id)",
            detail: (json ? "JSON: " : "page: ") + records.cases.map(\.record.file.reference).joined(separator: ", "), by: account.actingUser)
        guard json else {
            return services.renderer.page("family-records", FamilyRecordsView(records, services: services), title: "Everything we hold about your family", context: context, backLink: "/family")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"heeded-records.json\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(FamilyRecordsJSON(records, services: services)))))
    }

    /// The whole path after "Send": the intake decides, the store writes case, owner and audit in one
    /// transaction, and only then is the family shown "received".
    private func receive(_ target: JourneyTarget, draft: FormDraft, context: WebContext) async throws -> Response {
        switch services.intake.receive(draft.answers, from: target.account.actingUser, on: services.today) {
        case .needsChanges:
            return .redirect(to: "/request/check", type: .normal)
        case .ready(let received):
            guard await services.submissions.admit(target.account.id, at: Date()) else { throw WebError.tooManyRequests }
            try await services.store.receive(received, ownedBy: target.account.id, by: target.account.actingUser)
            services.metrics.received(received.file, through: .pages)
            return .redirect(to: "/family/cases/\(received.file.id)/received", type: .normal)
        }
    }

    private func casePage(_ request: Request, _ context: WebContext, received: Bool) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let record = try await CaseAccess.record(caseID, for: account, services: services)
        let reports = try await services.store.reports(ofCase: caseID)
        let comments = try await services.store.comments(ofCase: caseID)
        let missed = try await services.store.missedSessions(ofCase: caseID)
        var view = FamilyCaseView(record: record, reports: reports, comments: comments, missed: missed, services: services, received: received, csrf: context.csrfToken)
        view.notice = request.uri.queryParameters["done"].flatMap { FamilyCaseView.notices[String($0)] }
        return services.renderer.page(received ? "received" : "family-case", view, title: received ? "Request received" : "\(record.file.child.fullName)’s record", context: context,
                                      backLink: received ? nil : "/family")
    }

    private func addComment(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let reportID: CaseReport.ID = try context.id("report")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard try await services.store.reports(ofCase: caseID).contains(where: { $0.id == reportID }) else { throw WebError.notFound }
        do {
            let comment = try FamilyComment(caseID: caseID, reportID: reportID, text: context.form?["comment"] ?? "", author: account.actingUser, writtenOn: services.today)
            try await services.store.addComment(comment, by: account.actingUser)
        } catch let error as CaseworkError {
            guard case .invalid(_, let message) = error else { throw error }
            let record = try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
            var view = FamilyCaseView(
                record: record, reports: try await services.store.reports(ofCase: caseID), comments: try await services.store.comments(ofCase: caseID),
                missed: try await services.store.missedSessions(ofCase: caseID), services: services, received: false, csrf: context.csrfToken)
            view.commentError = CommentError(reportID: reportID.description, message: message)
            view.reports = view.reports.map { report in
                var report = report
                if report.id == reportID.description { report.hasError = true; report.errorMessage = message }
                return report
            }
            view.errors = [ErrorLink(href: "#comment-\(reportID)", message: message)]
            return services.renderer.page("family-case", view, title: "\(record.file.child.fullName)’s record", context: context, status: .unprocessableContent,
                                          hasErrors: true, backLink: "/family")
        }
        return .redirect(to: "/family/cases/\(caseID)?done=comment#report-\(reportID)", type: .normal)
    }

    private func missedSessionPage(_ request: Request, _ context: WebContext, problems: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let record = try await CaseAccess.record(caseID, for: account, services: services)
        let form = context.form
        let view = MissedSessionView(
            caseHref: "/family/cases/\(caseID)", action: "/family/cases/\(caseID)/missed-session", csrfToken: context.csrfToken,
            provisions: record.provisions.enumerated().map { index, provision in
                MissedSessionView.Choice(index: index, value: provision.id.description, label: "\(provision.description) (\(provision.amount.words), \(provision.provider ?? "no provider yet"))",
                                         checked: form?["provision"] == provision.id.description)
            },
            day: form?["session_date-day"] ?? "", month: form?["session_date-month"] ?? "", year: form?["session_date-year"] ?? "",
            whatHappened: form?["what_happened"] ?? "",
            provisionError: problems["provision"], dateError: problems["session_date"], whatError: problems["what_happened"],
            errors: [("provision", "#f-provision"), ("session_date", "#f-session_date-day"), ("what_happened", "#f-what_happened")].compactMap { key, href in
                problems[key].map { ErrorLink(href: href, message: $0) }
            })
        return services.renderer.page("missed-session", view, title: "Tell us about a session that did not happen", context: context, status: status,
                                      hasErrors: !problems.isEmpty, backLink: "/family/cases/\(caseID)")
    }

    private func reportMissedSession(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        try await CaseAccess.check(caseID, for: account, services: services)
        let form = context.form ?? FormBody(fields: [])
        var problems: [String: String] = [:]
        let provisionID = form["provision"].flatMap(Provision.ID.init)
        if provisionID == nil { problems["provision"] = "Select the support the session was part of" }
        let date = FormDates.date(form, "session_date")
        if date == nil { problems["session_date"] = "Enter the date of the session, for example 27 3 2026" }
        if (form.text("what_happened") ?? "").isEmpty { problems["what_happened"] = "Tell us what happened" }
        if problems.isEmpty, let provisionID, let date {
            do {
                let report = try MissedSessionReport(
                    caseID: caseID, provisionID: provisionID, sessionDate: date, whatHappened: form["what_happened"] ?? "",
                    reportedBy: account.actingUser, reportedOn: services.today)
                try await services.store.reportMissedSession(report, by: account.actingUser)
                return .redirect(to: "/family/cases/\(caseID)?done=missed-session#provision", type: .normal)
            } catch CaseworkError.invalid(let field, let message) {
                problems[field] = message
            } catch CaseStoreError.notFound {
                problems["provision"] = "Select the support the session was part of"
            }
        }
        return try await missedSessionPage(request, context, problems: problems, status: .unprocessableContent)
    }
}

/// Dates posted as three boxes (day, month, year), the GOV.UK pattern.
enum FormDates {
    static func date(_ form: FormBody, _ name: String) -> CalendarDate? {
        guard let day = Int(form.text(name + "-day") ?? ""), let month = Int(form.text(name + "-month") ?? ""),
              let year = Int(form.text(name + "-year") ?? ""), year >= 1900 else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
