// The pages of any form journey: overview (task list), a page per section, check your answers, and submit.
import Casework
import Forms
import Hummingbird

/// A journey resolved for one request: the form, who fills it in, and where "back" goes. Resolving does the
/// access checks, so every page of the journey is guarded the same way.
struct JourneyTarget: Sendable {
    let journey: FormJourney
    let account: Account
    let backLink: String
    /// What the person confirms by sending (shown above the send button).
    let declaration: String?
    /// The sent report this journey revises: the check page then asks why, and sending keeps both.
    var revising: CaseReport? = nil
    /// Where a second "send" of a draft already sent goes (a double click, or a second tab), instead of a page
    /// of errors about an empty form.
    var sentHref: String? = nil
}

/// Registers a journey's routes. The needs request and each practitioner form use the same pages; they differ
/// in how the journey is resolved and what submitting does.
struct FormJourneyRoutes: Sendable {
    let services: WebServices
    let resolve: @Sendable (Request, WebContext) async throws -> JourneyTarget
    /// Sends the checked answers; the revision is set, with the author's reason, when the journey revises a report.
    let submit: @Sendable (JourneyTarget, FormDraft, AnswerCheck, CaseReport.Revision?, WebContext) async throws -> Response

    func register(on router: some RouterMethods<WebContext>, at path: String) {
        router.get(RouterPath(path)) { request, context in try await overview(request, context) }
        router.get(RouterPath(path + "/section/:section")) { request, context in try await sectionPage(request, context) }
        router.post(RouterPath(path + "/section/:section")) { request, context in try await saveSection(request, context) }
        router.get(RouterPath(path + "/check")) { request, context in try await checkPage(request, context, attempted: false) }
        router.post(RouterPath(path + "/submit")) { request, context in try await checkPage(request, context, attempted: true) }
    }

    private func draft(_ target: JourneyTarget) async throws -> FormDraft {
        let stored = try await services.store.draft(owner: target.account.id, purpose: target.journey.purpose)
        if let stored { return stored }
        return try await target.journey.newDraft(owner: target.account.id)
    }

    private func overview(_ request: Request, _ context: WebContext) async throws -> Response {
        let target = try await resolve(request, context)
        let draft = try await draft(target)
        let view = target.journey.taskList(draft: draft, check: target.journey.check(draft))
        return services.renderer.page("task-list", view, title: target.journey.form.title, context: context, backLink: target.backLink)
    }

    private func section(_ target: JourneyTarget, _ context: WebContext, _ check: AnswerCheck) throws -> Section {
        guard let id = context.parameters.get("section"), let section = target.journey.section(id),
              target.journey.askedSections(check).contains(where: { $0.id == id }) else { throw WebError.notFound }
        return section
    }

    private func sectionPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let target = try await resolve(request, context)
        let draft = try await draft(target)
        let check = target.journey.check(draft)
        let section = try section(target, context, check)
        let revealed = request.cookies[Self.revealedCookie].map { Set($0.value.split(separator: "/").map(String.init)) } ?? []
        let view = target.journey.pageView(
            section: section, draft: draft, check: check, problems: [], revealed: revealed, returnToCheck: request.uri.queryParameters["return"] == "check",
            csrf: context.csrfToken)
        var response = services.renderer.page("section", view, title: section.title, context: context, backLink: target.journey.basePath)
        if !revealed.isEmpty { response.setCookie(revealedCookie(for: target.journey, section, value: "", maxAge: 0)) }
        return response
    }

    /// Carries the questions a saved answer brought in to the page shown next, which marks them; scoped to the section's
    /// page and read once, so the address stays the page's own.
    static let revealedCookie = "heeded_revealed"

    private func revealedCookie(for journey: FormJourney, _ section: Section, value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: Self.revealedCookie, value: value, maxAge: maxAge, path: "\(journey.basePath)/section/\(section.id)",
            secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    private func saveSection(_ request: Request, _ context: WebContext) async throws -> Response {
        let target = try await resolve(request, context)
        let journey = target.journey
        var draft = try await draft(target)
        let section = try section(target, context, journey.check(draft))
        let body = context.form ?? FormBody(fields: [])
        let action = body["_action"] ?? "continue"
        let changesItems = action.hasPrefix("add:") || action.hasPrefix("remove:")
        let returnToCheck = body["_return"] == "check"
        let here = "\(journey.basePath)/section/\(section.id)" + (returnToCheck ? "?return=check" : "")
        draft = draft.replacing(section.fields.map(\.id), with: journey.answers(from: body, section: section, keepEmptyItems: changesItems))
        if changesItems, let changed = FormJourney.changingItems(draft, action: action) {
            try await services.store.saveDraft(changed)
            let group = action.split(separator: ":")[1]
            return .redirect(to: here + "#" + QuestionBuilder.htmlID(String(group)), type: .normal)
        }
        if action == "save" {
            try await services.store.saveDraft(draft)
            return .redirect(to: journey.basePath, type: .normal)
        }
        if !draft.visitedSections.contains(section.id) { draft.visitedSections.append(section.id) }
        try await services.store.saveDraft(draft)

        let check = journey.check(draft)
        let shown = Set((body["_shown"] ?? "").split(separator: " ").map(String.init))
        let revealed = Self.names(journey.questions(in: section, draft: draft, check: check)).subtracting(shown)
        let problems = journey.problems(in: section, check).filter { shown.contains($0.field) }
        if !problems.isEmpty {
            let view = journey.pageView(
                section: section, draft: draft, check: check, problems: problems, revealed: revealed, returnToCheck: returnToCheck, csrf: context.csrfToken)
            return services.renderer.page(
                "section", view, title: section.title, context: context, status: .unprocessableContent, hasErrors: true, backLink: journey.basePath)
        }
        // An answer on this page may have revealed a question: show it, marked, before moving on.
        if !revealed.isEmpty {
            var response = Response.redirect(to: here, type: .normal)
            response.setCookie(revealedCookie(for: journey, section, value: revealed.sorted().joined(separator: "/"), maxAge: 600))
            return response
        }
        if returnToCheck { return .redirect(to: "\(journey.basePath)/check", type: .normal) }
        let sections = journey.askedSections(check)
        if let index = sections.firstIndex(where: { $0.id == section.id }), index + 1 < sections.count {
            return .redirect(to: "\(journey.basePath)/section/\(sections[index + 1].id)", type: .normal)
        }
        return .redirect(to: "\(journey.basePath)/check", type: .normal)
    }

    /// Every question name on a page, items' questions included.
    static func names(_ questions: [QuestionView]) -> Set<String> {
        var names = Set<String>()
        for question in questions {
            names.insert(question.name)
            for item in question.items { names.formUnion(Self.names(item.questions)) }
        }
        return names
    }

    private func checkPage(_ request: Request, _ context: WebContext, attempted: Bool) async throws -> Response {
        let target = try await resolve(request, context)
        let stored = try await services.store.draft(owner: target.account.id, purpose: target.journey.purpose)
        // The check page says whether it showed a saved draft; a send of one that is no longer there was sent already.
        if attempted, stored == nil, context.form?["_draft"] == "saved", let sentHref = target.sentHref {
            return .redirect(to: sentHref, type: .normal)
        }
        let found = if let stored { stored } else { try await target.journey.newDraft(owner: target.account.id) }
        // An entry just added to a repeating group and left empty is not sent.
        let draft = target.journey.settled(found)
        let check = target.journey.check(draft)
        var problems = attempted ? check.problems : []
        let reason = context.form?["revision_reason"] ?? ""
        if attempted && check.isValid {
            guard let revised = target.revising else { return try await submit(target, draft, check, nil, context) }
            let revision: CaseReport.Revision?
            do throws(CaseworkError) {
                revision = try CaseReport.Revision(revises: revised.id, reason: reason)
            } catch {
                guard case .invalid(let field, let message) = error else { throw error }
                revision = nil
                problems = [AnswerProblem(field: field, message: message)]
            }
            if let revision { return try await submit(target, draft, check, revision, context) }
        }
        let view = target.journey.checkView(
            draft: draft, check: check, problems: problems, csrf: context.csrfToken, declaration: target.declaration,
            revision: target.revising.map { RevisionQuestion(sentOn: $0.submittedOn.long, reason: reason, error: problems.first { $0.field == "revision_reason" }?.message) },
            draftSaved: stored != nil)
        return services.renderer.page(
            "check-answers", view, title: "Check your answers", context: context, status: attempted ? .unprocessableContent : .ok,
            hasErrors: attempted, backLink: target.journey.basePath)
    }
}
