// The manager's pages: triage and routing decisions, allocation, unmet need (with its chart and CSV), overdue work.
import Casework
import Forms
import Foundation
import Hummingbird

/// What a team manager does. Unmet need and overdue work are computed by Casework (`UnmetNeed`,
/// `OverdueWork`); these pages only filter, order and show them.
struct ManagerRoutes: Sendable {
    let services: WebServices

    static let teams: [(value: String, label: String)] = [
        (Team.disabledChildren.rawValue, "Disabled children’s team"), (Team.assessmentAndIntervention.rawValue, "Assessment and intervention"),
        (Team.earlyHelp.rawValue, "Early help"), (Team.duty.rawValue, "Duty (waiting for a decision)"),
    ]

    func register(on router: some RouterMethods<WebContext>) {
        let managers = router.only(ActingUser.Role.managers)
        managers.get("/manage") { request, context in try await overview(request, context) }
        managers.get("/manage/decisions") { request, context in try await decisions(request, context) }
        managers.get("/cases/:case/decision") { request, context in try await decisionPage(request, context) }
        FormJourneyRoutes(services: services, resolve: { request, context in
            try await triageJourney(request, context)
        }, submit: { target, draft, check, _, context in
            try await submitTriage(target, draft: draft, check: check, context: context)
        }).register(on: managers, at: "/cases/:case/triage")
        managers.post("/cases/:case/assessments/:assessment/allocate") { request, context in try await allocate(request, context) }
        managers.get("/manage/unmet") { request, context in try await unmet(request, context) }
        managers.get("/manage/unmet.csv") { request, context in try await unmetCSV(request, context) }
        managers.get("/manage/overdue") { request, context in try await overdue(request, context) }
    }

    private func overview(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let waiting = try await services.store.awaitingDecision(team: nil)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        let view = ManagerOverview(
            waitingCount: waiting.count == 200 ? "200 or more" : "\(waiting.count)", sameDayNotice: Self.sameDayNotice(waiting.count { $0.urgency == .sameDay }), unmetCount: snapshot.items.count,
            noProvision: snapshot.items.count { $0.kind == .noProvision }, team: account.team.map { Formatting.words($0.rawValue) } ?? "")
        return services.renderer.page("manager-overview", view, title: "Overview", context: context)
    }

    static func sameDayNotice(_ count: Int) -> String? {
        switch count {
        case 0: nil
        case 1: "1 family says they are in crisis and is waiting for a decision."
        default: "\(count) families say they are in crisis and are waiting for a decision."
        }
    }

    private func decisions(_ request: Request, _ context: WebContext) async throws -> Response {
        let waiting = try await services.store.awaitingDecision(team: nil)
        let view = DecisionsView(rows: waiting.map {
            DecisionsView.Row(
                childName: $0.summary.childName, reference: $0.summary.reference, team: Formatting.words($0.summary.team.rawValue),
                receivedOn: $0.receivedOn.long, urgency: Formatting.urgency($0.urgency), sameDay: $0.urgency == .sameDay,
                href: "/cases/\($0.summary.id)/decision")
        })
        return services.renderer.page("decisions", view, title: "Routing decisions waiting", context: context)
    }

    /// What the rules decided on the request, with the reasons, and the manager's decision once there is one; the
    /// decision itself is made with the triage form (`/cases/:case/triage`).
    private func decisionPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let file = try await CaseAccess.record(caseID, for: account, services: services).file
        let decided = file.managerDecision
        let triaged = decided?.triage?.routing
        let view = DecisionView(
            childName: file.child.fullName, reference: file.reference, caseHref: "/cases/\(caseID)",
            reasons: file.routing.reasons, undecided: file.routing.outcome == nil,
            recommendation: file.routing.outcome.map(Self.describe) ?? "The rules could not decide.",
            triageReasons: triaged?.reasons ?? [],
            triageRecommendation: triaged.map { $0.outcome.map(Self.describe) ?? "The rules could not decide: the manager decided." },
            existing: decided.map {
                "\($0.kind.rawValue.capitalizedFirst) by \($0.manager.id) on \($0.decidedOn.long): \(Self.describe($0.outcome))\($0.reason.map { ". Reason: \($0)" } ?? "")"
            },
            triageHref: "/cases/\(caseID)/triage")
        return services.renderer.page("decision", view, title: "Routing decision", context: context, backLink: "/manage/decisions")
    }

    static func describe(_ outcome: RoutingOutcome) -> String {
        var parts: [String] = []
        if outcome.childInNeedAssessment { parts.append("child in need assessment") }
        if outcome.parentCarerAssessment { parts.append("parent carer needs assessment") }
        if outcome.youngCarerAssessment { parts.append("young carer’s assessment") }
        if outcome.section47 { parts.append("a strategy discussion about a s47 enquiry") }
        if outcome.adultTransition { parts.append("a Care Act transition assessment to consider") }
        return (parts.isEmpty ? "no assessment" : parts.joined(separator: ", ")) + "; team: " + Formatting.words(outcome.team.rawValue)
    }

    // MARK: Triage

    /// The triage form for a case not yet decided, started with what the request already says.
    private func triageJourney(_ request: Request, _ context: WebContext) async throws -> JourneyTarget {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let file = try await CaseAccess.record(caseID, for: account, services: services).file
        guard file.managerDecision == nil else { throw WebError.alreadyDone(href: "/cases/\(caseID)/decision") }
        let triage = services.triage
        let today = services.today
        var journey = FormJourney(
            form: triage.form, library: services.library, purpose: "triage/\(caseID)", basePath: "/cases/\(caseID)/triage",
            caption: "\(file.child.fullName) (\(file.reference))", today: today)
        let known = Self.knownAnswers(file, manager: account, today: today)
        journey.initialAnswers = { known }
        journey.domainProblems = { answers in
            guard case .needsChanges(let problems) = triage.decide(checked: answers, for: file, by: account.actingUser, on: today) else { return [] }
            return problems
        }
        journey.preview = { answers in
            let routing = triage.routing(answers, for: file, on: today)
            return CheckPreview(
                heading: "What the rules recommend on these facts",
                summary: routing.outcome.map(Self.describe) ?? "The rules cannot decide all of it: your answers below decide.",
                lines: routing.reasons.map(Formatting.plainReason))
        }
        return JourneyTarget(
            journey: journey, account: account, backLink: "/cases/\(caseID)/decision",
            declaration: "The family will see the decision and the reasons. Only your answer on reasonable cause starts a section 47 enquiry.")
    }

    /// What the request already tells triage: the duty worker confirms it rather than typing it again.
    static func knownAnswers(_ file: CaseFile, manager: Account, today: CalendarDate) -> [String: RawAnswer] {
        var answers: [String: RawAnswer] = [
            "decided_by": .value(manager.email), "safeguarding_decided_by": .value(manager.email), "decision_date": .value(today.description),
        ]
        let codes = file.child.disabilities.map(\.rawValue)
        if !codes.isEmpty {
            answers["disability_codes"] = .values(codes)
            answers["child_appears_disabled"] = .value(codes == ["NONE"] ? "no" : "yes")
        }
        if let carer = file.family.carers.first {
            answers["parent_carer_has_parental_responsibility"] = .value(carer.hasParentalResponsibility ? "yes" : "no")
            answers["parent_carer_is_adult"] = .value(carer.isAdult ? "yes" : "no")
        }
        if case .choice(let urgency)? = file.request.answers["urgency"] {
            answers["urgency"] = .value(Urgency(familyAnswer: urgency).rawValue)
        }
        return answers
    }

    private func submitTriage(_ target: JourneyTarget, draft: FormDraft, check: AnswerCheck, context: WebContext) async throws -> Response {
        let caseID: CaseFile.ID = try context.id("case")
        let file = try await CaseAccess.record(caseID, for: target.account, services: services).file
        switch services.triage.decide(draft.answers, for: file, by: target.account.actingUser, on: services.today) {
        case .needsChanges:
            // The check page showed these already; a change between showing and sending shows them again.
            return .redirect(to: "\(target.journey.basePath)/check", type: .normal)
        case .ready(let decision):
            try await services.store.recordManagerDecision(decision, caseID: caseID, by: target.account.actingUser)
            try await services.store.removeDraft(owner: target.account.id, purpose: target.journey.purpose)
            return .redirect(to: "/cases/\(caseID)", type: .normal)
        }
    }

    private func allocate(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let assessmentID: Assessment.ID = try context.id("assessment")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard let assessment = try await services.store.assessment(assessmentID), assessment.caseID == caseID else { throw WebError.notFound }
        let chosen = context.form?.text("assessor")
        if let chosen {
            guard let assessor = try await services.store.account(email: chosen), assessor.role == .assessor || assessor.role == .manager else {
                throw WebError.badRequest("Choose an assessor from the list.")
            }
        }
        try await services.store.allocate(assessmentID, to: chosen, by: account.actingUser)
        return .redirect(to: "/cases/\(caseID)#assessments", type: .normal)
    }

    private func unmet(_ request: Request, _ context: WebContext) async throws -> Response {
                let filter = try UnmetFilter(request: request)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        let (total, page, pages, items) = filter.page(of: snapshot)
        let points = filter.trend(of: snapshot)
        let view = UnmetView(
            total: total, asOf: snapshot.asOf.long, computedAt: Formatting.time(snapshot.computedAt), filterLine: filter.summary,
            rows: items.map(UnmetView.Row.init),
            teams: Self.teams.map { SelectOption(value: $0.value, label: $0.label, selected: filter.team?.rawValue == $0.value) },
            services: [SelectOption(value: "none", label: "No provision agreed", selected: filter.noProvisionOnly)]
                + ServiceType.allCases.map { SelectOption(value: $0.rawValue, label: Formatting.words($0.rawValue).capitalizedFirst, selected: filter.service == $0) },
            disabilities: DisabilityCode.allCases.filter { $0 != .none }.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: filter.disability == $0) },
            longestFirst: filter.longestFirst,
            sortHref: "/manage/unmet" + filter.query(page: 1, longestFirst: !filter.longestFirst),
            csvHref: "/manage/unmet.csv" + filter.query(page: 1),
            previousHref: page > 1 ? "/manage/unmet" + filter.query(page: page - 1) : nil,
            nextHref: page < pages ? "/manage/unmet" + filter.query(page: page + 1) : nil,
            pageLine: "Page \(page) of \(pages)",
            toleranceLine: Formatting.toleranceLine(snapshot.policy),
            chart: TrendChart.svg(points),
            trend: points.map {
                // The last point is today's, not a month end's: said so, so it reads beside the headline, not beside last month.
                UnmetView.TrendRow(
                    month: $0.asOf == snapshot.asOf ? "Today, \($0.asOf.long)" : $0.asOf.long, noProvision: $0.noProvision, behind: $0.behindOnDelivery,
                    total: $0.total)
            })
        return services.renderer.page("unmet", view, title: "Assessed but unmet need", context: context)
    }

    private func unmetCSV(_ request: Request, _ context: WebContext) async throws -> Response {
                let filter = try UnmetFilter(request: request)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        let causes = ShortfallCause.allCases
        var csv = "reference,child,team,area,kind,service,legal_basis,units_due,units_delivered,shortfall,unit,"
            + causes.map { "missed_" + $0.rawValue.replacingOccurrences(of: "-", with: "_") }.joined(separator: ",")
            + ",missed_by_month,tolerance,unmet_since,days_unmet,reason\r\n"
        filter.forEach(in: snapshot) { item in
            let fields: [String] = [
                item.caseReference, item.childName, item.team.rawValue, item.area.rawValue, item.kind.rawValue, item.service?.rawValue ?? "",
                item.legalBasis?.rawValue ?? "", item.unitsDue.map(Formatting.number) ?? "", item.unitsDelivered.map(Formatting.number) ?? "",
                item.shortfall.map(Formatting.number) ?? "", item.unit?.rawValue ?? "",
            ] + causes.map { cause in item.missed.map { Formatting.number(($0[cause] * 10).rounded() / 10) } ?? "" } + [
                item.missedByMonth.map { "\($0.month.description.prefix(7)):\(Formatting.number($0.units))" }.joined(separator: ";"),
                item.tolerance.map(Formatting.number) ?? "", item.unmetSince.description, String(item.daysUnmet), item.reason,
            ]
            csv += fields.map(CSV.field).joined(separator: ",") + "\r\n"
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"unmet-need-\(snapshot.asOf).csv\""],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    private func overdue(_ request: Request, _ context: WebContext) async throws -> Response {
                let team = request.uri.queryParameters["team"].flatMap { $0.isEmpty ? nil : Team(rawValue: String($0)) }
        let work = OverdueWork.find(try await services.store.overdueInputs(team: team), asOf: services.today, calendar: services.configuration.calendar)
        let view = OverdueView(
            total: work.isEmpty ? "Nothing is past its deadline" : work.count == 1 ? "1 piece of work is past its deadline" : "\(work.count) pieces of work are past their deadline",
            teams: Self.teams.map { SelectOption(value: $0.value, label: $0.label, selected: team?.rawValue == $0.value) },
            rows: work.prefix(500).map {
                OverdueView.Row(
                    reference: $0.caseReference, childName: $0.childName, href: "/cases/\($0.caseID)", team: Formatting.words($0.team.rawValue),
                    what: $0.what, due: $0.dueOn.long, overdue: $0.workingDaysOverdue)
            },
            truncated: work.count > 500)
        return services.renderer.page("overdue", view, title: "Overdue work", context: context)
    }
}

/// RFC 4180 fields, with spreadsheet formula injection defused (a leading = + - @ is prefixed with ').
enum CSV {
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
