// Recording a need, turning needs into provision, and recording what was delivered: each a one-page form from its
// definition (Forms/need.xml, provision.xml, delivery.xml), checked by the form and then by the domain type it makes.
import Casework
import Foundation
import Forms
import Hummingbird

/// The three record pages. A page's answers are checked against its form definition, as every journey's are; what the
/// domain then refuses (`CaseworkError.invalid(field:message:)`, from `Need.recorded`, `Provision.agreed`,
/// `Delivery.recorded` and `Delivery.problems(against:existing:today:)`) is shown beside the question it names.
struct RecordRoutes: Sendable {
    let services: WebServices

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/cases/:case/needs/new") { request, context in try await needPage(request, context, posted: nil) }
        router.post("/cases/:case/needs/new") { request, context in try await saveNeed(request, context) }
        router.get("/cases/:case/provision/new") { request, context in try await provisionPage(request, context, posted: nil) }
        router.post("/cases/:case/provision/new") { request, context in try await saveProvision(request, context) }
        router.get("/cases/:case/provision/:provision/deliveries/new") { request, context in try await deliveryPage(request, context, posted: nil) }
        router.post("/cases/:case/provision/:provision/deliveries/new") { request, context in try await saveDelivery(request, context) }
    }

    /// What a post brought back to its page: the raw answers, and each problem by question.
    private struct Posted {
        var raw: [String: RawAnswer]
        var problems: [String: String]
    }

    private func open(_ request: Request, _ context: WebContext) async throws -> (Account, CaseFile.ID, CaseSummary) {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard let summary = try await services.store.caseSummary(caseID) else { throw WebError.notFound }
        return (account, caseID, summary)
    }

    private func form(_ id: String) throws -> FormDefinition {
        guard let form = services.library.form(id) else { throw WebError.notFound }
        return form
    }

    /// The page for a one-section form, with any questions the page itself adds before the form's.
    private func page(
        _ form: FormDefinition, caption: String, action: String, posted: Posted?, initial: [String: RawAnswer] = [:], before: [QuestionView] = [],
        submitLabel: String, cancel: String, context: WebContext
    ) -> Response {
        let raw = posted?.raw ?? initial
        let check = form.check(raw, library: services.library, today: services.today)
        let builder = QuestionBuilder(form: form, library: services.library, raw: raw, answers: check.answers, problems: posted?.problems ?? [:])
        let view = SimpleFormView(
            caption: caption, title: form.title, intro: form.summary, action: action, csrfToken: context.csrfToken,
            questions: before + form.sections.flatMap(builder.questions(in:)), submitLabel: submitLabel, cancelHref: cancel)
        let failed = !(posted?.problems.isEmpty ?? true)
        return services.renderer.page(
            "simple-form", view, title: form.title, context: context, status: failed ? .unprocessableContent : .ok, hasErrors: failed, backLink: cancel)
    }

    /// The answers posted for the form, checked; the form's problems by question when they do not stand.
    private func read(_ form: FormDefinition, _ context: WebContext) -> (Posted, Answers?) {
        let body = context.form ?? FormBody(fields: [])
        let raw = PostedAnswers.read(body, fields: form.sections.flatMap(\.fields), keepEmptyItems: false)
        let check = form.check(raw, library: services.library, today: services.today)
        let problems = Dictionary(check.problems.map { ($0.field, $0.message) }) { first, _ in first }
        return (Posted(raw: raw, problems: problems), check.isValid ? check.answers : nil)
    }

    private static func invalid(_ error: CaseworkError, into posted: inout Posted) {
        if case .invalid(let field, let message) = error { posted.problems[field] = posted.problems[field] ?? message }
    }

    // MARK: Needs

    private func needPage(_ request: Request, _ context: WebContext, posted: Posted?) async throws -> Response {
        let (_, caseID, summary) = try await open(request, context)
        return page(
            try form(RecordForms.needFormID), caption: "\(summary.childName) (\(summary.reference))", action: "/cases/\(caseID)/needs/new",
            posted: posted, submitLabel: "Save need", cancel: "/cases/\(caseID)", context: context)
    }

    private func saveNeed(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, caseID, _) = try await open(request, context)
        var (posted, answers) = read(try form(RecordForms.needFormID), context)
        if let answers {
            do {
                try await services.store.saveNeed(try Need.recorded(answers, caseID: caseID, on: services.today), by: account.actingUser)
                return .redirect(to: "/cases/\(caseID)?done=need#needs", type: .normal)
            } catch let error as CaseworkError {
                Self.invalid(error, into: &posted)
            }
        }
        return try await needPage(request, context, posted: posted)
    }

    // MARK: Provision

    private func provisionPage(_ request: Request, _ context: WebContext, posted: Posted?) async throws -> Response {
        let (account, caseID, summary) = try await open(request, context)
        let record = try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
        // Which needs it meets: the case's own open needs, chosen beside the form's questions.
        let chosen = Set(context.form?.values("needs") ?? request.uri.queryParameters["need"].map { [String($0)] } ?? [])
        let needs = QuestionView.checkboxes(
            "needs", "Which needs does it meet?",
            options: record.needs.filter { $0.isOpen(on: services.today) }.map { ($0.id.description, "\($0.area.title.capitalizedFirst): \($0.description)") },
            selected: chosen, error: posted?.problems["needs"])
        return page(
            try form(RecordForms.provisionFormID), caption: "\(summary.childName) (\(summary.reference))", action: "/cases/\(caseID)/provision/new",
            posted: posted, initial: ["start_date": .value(services.today.description)], before: [needs], submitLabel: "Save provision",
            cancel: "/cases/\(caseID)", context: context)
    }

    private func saveProvision(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, caseID, _) = try await open(request, context)
        var (posted, answers) = read(try form(RecordForms.provisionFormID), context)
        let needIDs = (context.form?.values("needs") ?? []).compactMap(Need.ID.init)
        if needIDs.isEmpty { posted.problems["needs"] = "Select the assessed needs this provision meets" }
        if let answers, posted.problems.isEmpty {
            do {
                try await services.store.saveProvision(try Provision.agreed(answers, caseID: caseID, needIDs: needIDs), by: account.actingUser)
                return .redirect(to: "/cases/\(caseID)?done=provision#provision", type: .normal)
            } catch let error as CaseworkError {
                Self.invalid(error, into: &posted)
            } catch is CaseStoreError {
                posted.problems["needs"] = "Select needs of this child's case"
            }
        }
        return try await provisionPage(request, context, posted: posted)
    }

    // MARK: Deliveries

    private func provision(_ request: Request, _ context: WebContext) async throws -> (Account, CaseFile.ID, CaseSummary, CaseRecord, Provision) {
        let (account, caseID, summary) = try await open(request, context)
        let provisionID: Provision.ID = try context.id("provision")
        let record = try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
        guard let provision = record.provisions.first(where: { $0.id == provisionID }) else { throw WebError.notFound }
        return (account, caseID, summary, record, provision)
    }

    private func deliveryPage(_ request: Request, _ context: WebContext, posted: Posted?) async throws -> Response {
        let (_, caseID, summary, _, provision) = try await provision(request, context)
        return page(
            try form(RecordForms.deliveryFormID),
            caption: "\(summary.childName) (\(summary.reference)): \(provision.description), \(provision.amount.words) from \(provision.provider ?? "no provider yet")",
            action: "/cases/\(caseID)/provision/\(provision.id)/deliveries/new", posted: posted, submitLabel: "Save delivery",
            cancel: "/cases/\(caseID)", context: context)
    }

    private func saveDelivery(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, caseID, _, record, provision) = try await provision(request, context)
        var (posted, answers) = read(try form(RecordForms.deliveryFormID), context)
        if let answers {
            do {
                let delivery = try Delivery.recorded(answers, provisionID: provision.id)
                let existing = record.deliveries.filter { $0.provisionID == provision.id }
                let problems = delivery.problems(against: provision, existing: existing, today: services.today)
                if problems.isEmpty {
                    try await services.store.recordDelivery(delivery, inCase: caseID, by: account.actingUser)
                    return .redirect(to: "/cases/\(caseID)?done=delivery#provision", type: .normal)
                }
                for problem in problems { Self.invalid(problem, into: &posted) }
            } catch let error as CaseworkError {
                Self.invalid(error, into: &posted)
            }
        }
        return try await deliveryPage(request, context, posted: posted)
    }
}
