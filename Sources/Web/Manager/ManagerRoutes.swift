// The manager's pages: routing decisions, allocation, unmet need (with its chart and CSV), overdue work.
import Casework
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

    func register(on router: WebRouter) {
        router.get("/manage") { request, context in try await overview(request, context) }
        router.get("/manage/decisions") { request, context in try await decisions(request, context) }
        router.get("/cases/:case/decision") { request, context in try await decisionPage(request, context, errors: [:]) }
        router.post("/cases/:case/decision") { request, context in try await decide(request, context) }
        router.post("/cases/:case/assessments/:assessment/allocate") { request, context in try await allocate(request, context) }
        router.get("/manage/unmet") { request, context in try await unmet(request, context) }
        router.get("/manage/unmet.csv") { request, context in try await unmetCSV(request, context) }
        router.get("/manage/overdue") { request, context in try await overdue(request, context) }
    }

    private func overview(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = try context.signedIn(request, as: ActingUser.Role.managers)
        let waiting = try await services.store.awaitingDecision(team: nil)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        let view = ManagerOverview(
            waitingCount: waiting.count == 200 ? "200 or more" : "\(waiting.count)", unmetCount: snapshot.items.count,
            noProvision: snapshot.items.count { $0.kind == .noProvision }, team: account.team.map { Formatting.words($0.rawValue) } ?? "")
        return services.renderer.page("manager-overview", view, title: "Overview", context: context)
    }

    private func decisions(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.signedIn(request, as: ActingUser.Role.managers)
        let waiting = try await services.store.awaitingDecision(team: nil)
        let view = DecisionsView(rows: waiting.map {
            DecisionsView.Row(childName: $0.childName, reference: $0.reference, team: Formatting.words($0.team.rawValue), href: "/cases/\($0.id)/decision")
        })
        return services.renderer.page("decisions", view, title: "Routing decisions waiting", context: context)
    }

    private func decisionPage(_ request: Request, _ context: WebContext, errors: [String: String]) async throws -> Response {
        let account = try context.signedIn(request, as: ActingUser.Role.managers)
        let caseID: CaseFile.ID = try context.id("case")
        let record = try await CaseAccess.record(caseID, for: account, services: services)
        let file = record.file
        let form = context.form
        let outcome = file.routing.outcome
        var questions: [QuestionView] = []
        if outcome != nil {
            questions.append(.radios(
                "decision", "What do you decide?", options: [("confirm", "Confirm what the rules decided"), ("change", "Change it (give the outcome and your reason below)")],
                selected: form?["decision"], error: errors["decision"]))
        }
        let current = Set(form?.values("outputs") ?? [
            outcome?.childInNeedAssessment == true ? "cin" : nil, outcome?.parentCarerAssessment == true ? "pca" : nil,
            outcome?.youngCarerAssessment == true ? "yca" : nil,
        ].compactMap { $0 })
        questions += [
            .checkboxes("outputs", "Assessments and enquiries", options: [
                ("cin", "Child in need assessment (s17)"), ("pca", "Parent carer needs assessment (s17ZD)"), ("yca", "Young carer’s needs assessment (s17ZA)"),
                ("s47", "Section 47 enquiry: there is reasonable cause to suspect significant harm"),
            ], selected: current, hint: "Only when changing. A s47 enquiry never replaces the child in need assessment: it continues alongside.", error: errors["outputs"]),
            .radios("team", "Team", options: Self.teams.filter { $0.value != Team.duty.rawValue }, selected: form?["team"] ?? outcome?.team.rawValue,
                    hint: "Only when changing.", error: errors["team"]),
            .longText("reason", "Your reason", value: form?["reason"] ?? "", hint: "Needed when you change the decision. The family can read it.", error: errors["reason"], optional: true),
        ]
        let view = DecisionView(
            childName: file.child.fullName, reference: file.reference, caseHref: "/cases/\(caseID)",
            reasons: file.routing.reasons, undecided: outcome == nil,
            recommendation: outcome.map(Self.describe) ?? "The rules could not decide.",
            existing: file.managerDecision.map { "\($0.kind.rawValue.capitalizedFirst) by \($0.manager.id) on \($0.decidedOn.long)\($0.reason.map { ": \($0)" } ?? "")" },
            form: SimpleFormView(
                caption: "\(file.child.fullName) (\(file.reference))", title: "Routing decision", action: "/cases/\(caseID)/decision",
                csrfToken: context.csrfToken, questions: questions, submitLabel: "Record decision", cancelHref: "/cases/\(caseID)"))
        return services.renderer.page(
            "decision", view, title: "Routing decision", context: context, status: errors.isEmpty ? .ok : .unprocessableContent, hasErrors: !errors.isEmpty,
            backLink: "/manage/decisions")
    }

    static func describe(_ outcome: RoutingOutcome) -> String {
        var parts: [String] = []
        if outcome.childInNeedAssessment { parts.append("child in need assessment") }
        if outcome.parentCarerAssessment { parts.append("parent carer needs assessment") }
        if outcome.youngCarerAssessment { parts.append("young carer’s assessment") }
        if outcome.section47 { parts.append("a strategy discussion about a s47 enquiry (recommended)") }
        return (parts.isEmpty ? "no assessment" : parts.joined(separator: ", ")) + "; team: " + Formatting.words(outcome.team.rawValue)
    }

    private func decide(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = try context.signedIn(request, as: ActingUser.Role.managers)
        let caseID: CaseFile.ID = try context.id("case")
        try await CaseAccess.check(caseID, for: account, services: services)
        let record = try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
        let form = context.form ?? FormBody(fields: [])
        var errors: [String: String] = [:]
        let routing = record.file.routing
        let choice = routing.outcome == nil ? "change" : form["decision"]
        let decision: ManagerDecision
        do {
            switch choice {
            case "confirm":
                decision = try ManagerDecision.confirming(routing, by: account.actingUser, on: services.today)
            case "change":
                let outputs = Set(form.values("outputs"))
                guard let team = form["team"].flatMap({ code in Self.teams.first { $0.value == code } }).map({ Team(rawValue: $0.value) }) else {
                    errors["team"] = "Select the team"
                    return try await decisionPage(request, context, errors: errors)
                }
                decision = try ManagerDecision.overriding(
                    routing,
                    with: RoutingOutcome(
                        childInNeedAssessment: outputs.contains("cin"), parentCarerAssessment: outputs.contains("pca"),
                        youngCarerAssessment: outputs.contains("yca"), section47: outputs.contains("s47"), team: team),
                    reason: form["reason"] ?? "", by: account.actingUser, on: services.today)
            default:
                errors["decision"] = "Select whether you confirm or change the decision"
                return try await decisionPage(request, context, errors: errors)
            }
            try await services.store.recordManagerDecision(decision, caseID: caseID, by: account.actingUser)
        } catch CaseworkError.invalid(let field, let message) {
            errors[field == "outcome" ? "decision" : field] = message
            return try await decisionPage(request, context, errors: errors)
        }
        return .redirect(to: "/cases/\(caseID)", type: .normal)
    }

    private func allocate(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = try context.signedIn(request, as: ActingUser.Role.managers)
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
        _ = try context.signedIn(request, as: ActingUser.Role.managers)
        let filter = try UnmetFilter(request: request)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        let (total, page, pages, items) = filter.page(of: snapshot)
        let trend = try await services.reports.trend(store: services.store, asOf: services.today)
        let points = trend.points
        let view = UnmetView(
            total: total, asOf: snapshot.asOf.long, computedAt: Formatting.time(snapshot.computedAt),
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
            chart: TrendChart.svg(points),
            trend: points.map { UnmetView.TrendRow(month: $0.asOf.long, noProvision: $0.noProvision, behind: $0.behindOnDelivery, total: $0.total) })
        return services.renderer.page("unmet", view, title: "Assessed but unmet need", context: context)
    }

    private func unmetCSV(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.signedIn(request, as: ActingUser.Role.managers)
        let filter = try UnmetFilter(request: request)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        var csv = "reference,child,team,area,kind,service,legal_basis,units_due,units_delivered,shortfall,unit,unmet_since,days_unmet,reason\r\n"
        filter.forEach(in: snapshot) { item in
            let fields: [String] = [
                item.caseReference, item.childName, item.team.rawValue, item.area.rawValue, item.kind.rawValue, item.service?.rawValue ?? "",
                item.legalBasis?.rawValue ?? "", item.unitsDue.map(Formatting.number) ?? "", item.unitsDelivered.map(Formatting.number) ?? "",
                item.shortfall.map(Formatting.number) ?? "", item.unit?.rawValue ?? "", item.unmetSince.description, String(item.daysUnmet), item.reason,
            ]
            csv += fields.map(CSV.field).joined(separator: ",") + "\r\n"
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"unmet-need-\(snapshot.asOf).csv\""],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    private func overdue(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try context.signedIn(request, as: ActingUser.Role.managers)
        let team = request.uri.queryParameters["team"].flatMap { $0.isEmpty ? nil : Team(rawValue: String($0)) }
        let work = OverdueWork.find(try await services.store.overdueInputs(team: team), asOf: services.today)
        let view = OverdueView(
            total: work.count,
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
