// A form filled in a section a page: reading a page's answers, the task list, and check-your-answers.
import Casework
import Foundation
import Forms

/// One form being filled in by one account for one purpose, a section a page, saved as a draft each page.
struct FormJourney: Sendable {
    let form: FormDefinition
    let library: FormLibrary
    /// The draft's purpose (`needs-request`, `assessment/<id>`, `ehc-advice/<case>`).
    let purpose: String
    /// Where the journey's pages live: `<base>`, `<base>/section/<id>`, `<base>/check`, `<base>/submit`.
    let basePath: String
    /// A line above each page's heading: whom the form is about.
    let caption: String?
    let today: CalendarDate
    /// Problems the domain finds in answers the form accepts (EHC advice naming a section D need that is not
    /// there); asked only once the form's own checks pass.
    var domainProblems: (@Sendable (Answers) -> [AnswerProblem])?
    /// Answers a new draft starts with: what the case already knows, so nobody is asked twice. Worked out only when
    /// a draft is started, since it may read (and so log a look at) the child's record.
    var initialAnswers: @Sendable () async throws -> [String: RawAnswer] = { [:] }
    /// What sending would do, shown on the check page once the answers stand (the routing on a manager's triage).
    var preview: (@Sendable (Answers) -> CheckPreview)?

    func newDraft(owner: Account.ID) async throws -> FormDraft {
        var draft = FormDraft(owner: owner, purpose: purpose, formID: form.id, formVersion: form.version)
        draft.answers = try await initialAnswers()
        return draft
    }

    func check(_ draft: FormDraft) -> AnswerCheck {
        let check = form.check(settled(draft).answers, library: library, today: today)
        guard check.isValid, let domainProblems else { return check }
        return check.adding(domainProblems(check.answers))
    }

    /// The draft without the entry just added to a repeating group while nothing is in it yet: it is on the page to be
    /// filled in, and is neither an answer nor a problem anywhere else (the check page, the task list, sending).
    func settled(_ draft: FormDraft) -> FormDraft {
        var draft = draft
        for field in form.sections.flatMap(\.fields) {
            guard case .items(var items)? = draft.answers[field.id] else { continue }
            while items.last?.isEmpty == true { items.removeLast() }
            draft.answers[field.id] = items.isEmpty ? nil : .items(items)
        }
        return draft
    }

    func section(_ id: String) -> Section? {
        form.sections.first { $0.id == id }
    }

    /// The sections asked given the draft so far.
    func askedSections(_ check: AnswerCheck) -> [Section] {
        form.askedSections(given: check.answers)
    }

    /// The top-level field a problem belongs to (`household[0].member_age` belongs to `household`).
    static func topField(of key: String) -> String {
        String(key.prefix { $0 != "[" })
    }

    /// Problems for the questions of one section.
    func problems(in section: Section, _ check: AnswerCheck) -> [AnswerProblem] {
        let ids = Set(section.fields.map(\.id))
        return check.problems.filter { ids.contains(Self.topField(of: $0.field)) }
    }

    // MARK: Reading a page

    /// The raw answers a page posted for its section's questions (see `PostedAnswers`).
    func answers(from body: FormBody, section: Section, keepEmptyItems: Bool) -> [String: RawAnswer] {
        PostedAnswers.read(body, fields: section.fields, keepEmptyItems: keepEmptyItems)
    }

    /// The draft after an "add another" or "remove" button. An entry left with nothing in it is not kept beside a new
    /// one, so pressing "add" twice gives one empty entry, and the only empty entry a group holds is its last
    /// (which `settled` leaves out).
    static func changingItems(_ draft: FormDraft, action: String) -> FormDraft? {
        var draft = draft
        let parts = action.split(separator: ":").map(String.init)
        if parts.count == 2, parts[0] == "add" {
            var items: [[String: RawAnswer]] = []
            if case .items(let existing)? = draft.answers[parts[1]] { items = existing.filter { !$0.isEmpty } }
            items.append([:])
            draft.answers[parts[1]] = .items(items)
            return draft
        }
        if parts.count == 3, parts[0] == "remove", let index = Int(parts[2]) {
            guard case .items(var items)? = draft.answers[parts[1]], items.indices.contains(index) else { return draft }
            items.remove(at: index)
            let last = items.count - 1
            items = items.enumerated().filter { !$0.element.isEmpty || $0.offset == last }.map(\.element)
            draft.answers[parts[1]] = items.isEmpty ? nil : .items(items)
            return draft
        }
        return nil
    }

    // MARK: Views

    /// The questions a page shows; `revealed` names those an answer on the page has just brought in.
    func questions(in section: Section, draft: FormDraft, check: AnswerCheck, problems: [AnswerProblem] = [], revealed: Set<String> = []) -> [QuestionView] {
        let messages = Dictionary(problems.map { ($0.field, $0.message) }) { first, _ in first }
        let builder = QuestionBuilder(form: form, library: library, raw: draft.answers, answers: check.answers, problems: messages, revealed: revealed)
        return builder.questions(in: section)
    }

    func pageView(
        section: Section, draft: FormDraft, check: AnswerCheck, problems: [AnswerProblem], revealed: Set<String> = [], returnToCheck: Bool, csrf: String
    ) -> SectionPageView {
        let questions = questions(in: section, draft: draft, check: check, problems: problems, revealed: revealed)
        var links: [ErrorLink] = []
        var revealedLinks: [ErrorLink] = []
        var revealedOptional = 0
        func collect(_ views: [QuestionView]) {
            for view in views {
                if view.hasError { links.append(ErrorLink(href: "#" + view.errorTarget, message: view.error)) }
                if view.isRevealed {
                    revealedLinks.append(ErrorLink(href: "#" + view.errorTarget, message: view.label))
                    if view.optional { revealedOptional += 1 }
                }
                for item in view.items { collect(item.questions) }
            }
        }
        collect(questions)
        // Counted over every section the form has, so the total does not change as answers bring sections in or rule them out.
        let position = (form.sections.firstIndex { $0.id == section.id } ?? 0) + 1
        return SectionPageView(
            caption: caption, formTitle: form.title, title: section.title, intro: section.intro, questions: questions, errors: links,
            revealed: revealedLinks, revealedNotice: Self.revealedNotice(revealedLinks.count, optional: revealedOptional),
            action: "\(basePath)/section/\(section.id)", csrfToken: csrf,
            shown: FormJourneyRoutes.names(questions).sorted().joined(separator: " "), returnToCheck: returnToCheck,
            progress: "Section \(position) of \(form.sections.count)", overviewHref: basePath)
    }

    /// Why the person is still on the page after "Save and continue": `count` questions brought in, `optional` of
    /// them needing no answer.
    static func revealedNotice(_ count: Int, optional: Int) -> String? {
        guard count > 0 else { return nil }
        if optional == 0 {
            return count == 1 ? "We need one more answer on this page because of what you told us"
                : "We need \(count) more answers on this page because of what you told us"
        }
        let questions = count == 1 ? "a question" : "\(count) questions"
        let which = count == 1 ? "optional" : optional == count ? "all optional" : "\(optional) of them optional"
        return "What you told us adds \(questions) to this page (\(which))"
    }

    func taskList(draft: FormDraft, check: AnswerCheck) -> TaskListView {
        let asked = Set(askedSections(check).map(\.id))
        // Every section is listed, those ruled out as "Not needed", so the number of sections stays the same as answers change.
        let tasks = form.sections.map { section in
            guard asked.contains(section.id) else {
                return TaskView(title: section.title, href: "\(basePath)/section/\(section.id)", status: "Not needed", completed: false, needed: false)
            }
            let hasProblems = !problems(in: section, check).isEmpty
            let answered = section.fields.contains { draft.answers[$0.id] != nil }
            let visited = draft.visitedSections.contains(section.id)
            let status = visited && !hasProblems ? "Completed" : (visited || answered) ? "In progress" : "Not started"
            return TaskView(title: section.title, href: "\(basePath)/section/\(section.id)", status: status, completed: status == "Completed", needed: true)
        }
        let done = tasks.filter(\.completed).count
        let notNeeded = tasks.count - asked.count
        return TaskListView(
            caption: caption, title: form.title, summary: form.summary, legalBasis: form.legalBasis, tasks: tasks,
            completedCount: done, total: tasks.count,
            notNeeded: notNeeded == 0 ? nil : notNeeded == 1
                ? "1 section is not needed because of the answers so far." : "\(notNeeded) sections are not needed because of the answers so far.",
            checkHref: "\(basePath)/check", allDone: done + notNeeded == tasks.count)
    }

    func checkView(
        draft: FormDraft, check: AnswerCheck, problems: [AnswerProblem], csrf: String, declaration: String?, revision: RevisionQuestion?, draftSaved: Bool
    ) -> CheckAnswersView {
        let submitted = check.answers.values.compactMapValues(SubmittedAnswer.init)
        let sections = AnswerDisplay.sections(submitted, form: form, library: library) { section, field in
            "\(basePath)/section/\(section.id)?return=check#\(QuestionBuilder.htmlID(field.id))"
        }
        let links = problems.map { problem in
            if problem.field == "revision_reason" { return ErrorLink(href: "#revision_reason", message: problem.message) }
            let top = Self.topField(of: problem.field)
            let section = form.section(containing: top)?.id ?? form.sections[0].id
            let label = form.field(top)?.label ?? top
            return ErrorLink(href: "\(basePath)/section/\(section)?return=check#\(QuestionBuilder.htmlID(problem.field))", message: "\(label): \(problem.message)")
        }
        return CheckAnswersView(
            caption: caption, title: "Check your answers", formTitle: form.title, sections: sections, errors: links,
            action: "\(basePath)/submit", csrfToken: csrf, declaration: declaration, preview: check.isValid ? preview?(check.answers) : nil,
            revision: revision, draftState: draftSaved ? "saved" : "new")
    }
}

struct SectionPageView {
    let caption: String?
    let formTitle: String
    let title: String
    let intro: String?
    let questions: [QuestionView]
    let errors: [ErrorLink]
    /// Links to the questions an answer on this page has just brought in, under `revealedNotice`.
    let revealed: [ErrorLink]
    let revealedNotice: String?
    let action: String
    let csrfToken: String
    /// The questions this page showed, so that a question revealed by an answer is shown before it is required.
    let shown: String
    let returnToCheck: Bool
    let progress: String
    let overviewHref: String
}

struct TaskListView {
    let caption: String?
    let title: String
    let summary: String?
    let legalBasis: String
    let tasks: [TaskView]
    let completedCount: Int
    let total: Int
    /// How many sections the answers so far rule out, when any do.
    let notNeeded: String?
    let checkHref: String
    let allDone: Bool
}

struct TaskView {
    let title: String
    let href: String
    let status: String
    let completed: Bool
    /// False for a section the answers rule out: listed, but not linked.
    let needed: Bool
}

struct CheckAnswersView {
    let caption: String?
    let title: String
    let formTitle: String
    let sections: [SummarySection]
    let errors: [ErrorLink]
    let action: String
    let csrfToken: String
    let declaration: String?
    let preview: CheckPreview?
    let revision: RevisionQuestion?
    /// "saved" when the page shows a stored draft, so that sending it twice is seen as sent once.
    let draftState: String
}

/// The question a revision of a sent report asks on its check page.
struct RevisionQuestion {
    let sentOn: String
    let reason: String
    let error: String?
}

/// A panel on the check page saying what sending will do.
struct CheckPreview {
    let heading: String
    let summary: String
    let lines: [String]
}
