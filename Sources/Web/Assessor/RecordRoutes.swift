// Recording a need, turning needs into provision, and recording what was delivered.
import Casework
import Foundation
import Hummingbird

/// The three record forms. Each is checked by the domain type it makes (`Need`, `Provision`, `Delivery`): a rule
/// it breaks comes back as `CaseworkError.invalid(field:message:)` and is shown beside that question.
struct RecordRoutes: Sendable {
    let services: WebServices

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/cases/:case/needs/new") { request, context in try await needPage(request, context, errors: [:]) }
        router.post("/cases/:case/needs/new") { request, context in try await saveNeed(request, context) }
        router.get("/cases/:case/provision/new") { request, context in try await provisionPage(request, context, errors: [:]) }
        router.post("/cases/:case/provision/new") { request, context in try await saveProvision(request, context) }
        router.get("/cases/:case/provision/:provision/deliveries/new") { request, context in try await deliveryPage(request, context, errors: [:]) }
        router.post("/cases/:case/provision/:provision/deliveries/new") { request, context in try await saveDelivery(request, context) }
    }

    private func open(_ request: Request, _ context: WebContext) async throws -> (Account, CaseFile.ID, CaseSummary) {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        try await CaseAccess.check(caseID, for: account, services: services)
        guard let summary = try await services.store.caseSummary(caseID) else { throw WebError.notFound }
        return (account, caseID, summary)
    }

    private func page(_ view: SimpleFormView, _ context: WebContext, errors: [String: String], back: String) -> Response {
        services.renderer.page(
            "simple-form", view, title: view.title, context: context, status: errors.isEmpty ? .ok : .unprocessableContent, hasErrors: !errors.isEmpty,
            backLink: back)
    }

    // MARK: Needs

    private func needPage(_ request: Request, _ context: WebContext, errors: [String: String]) async throws -> Response {
        let (_, caseID, summary) = try await open(request, context)
        let form = context.form
        let view = SimpleFormView(
            caption: "\(summary.childName) (\(summary.reference))", title: "Record a need",
            intro: "Write the need in the area of the child’s life it belongs to, with the family’s view beside yours.",
            action: "/cases/\(caseID)/needs/new", csrfToken: context.csrfToken,
            questions: [
                .radios("area", "Area of life", options: LifeArea.allCases.map { ($0.rawValue, $0.title.capitalizedFirst) }, selected: form?["area"], error: errors["area"]),
                .text("description", "The need, in a sentence", value: form?["description"] ?? "", error: errors["description"]),
                .longText("parent_view", "The family’s view, in their words", value: form?["parent_view"] ?? "", error: errors["parent_view"], optional: true),
                .longText("assessor_view", "Your view", value: form?["assessor_view"] ?? "", error: errors["assessor_view"]),
                .longText("outcome_sought", "The outcome sought", value: form?["outcome_sought"] ?? "", error: errors["outcome_sought"], optional: true),
            ],
            submitLabel: "Save need", cancelHref: "/cases/\(caseID)")
        return page(view, context, errors: errors, back: "/cases/\(caseID)")
    }

    private func saveNeed(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, caseID, _) = try await open(request, context)
        let form = context.form ?? FormBody(fields: [])
        var errors: [String: String] = [:]
        let area = form["area"].flatMap(LifeArea.init(rawValue:))
        if area == nil { errors["area"] = "Select the area of life" }
        if form.text("description") == nil { errors["description"] = "Describe the need" }
        if form.text("assessor_view") == nil { errors["assessor_view"] = "Give your view of the need" }
        guard errors.isEmpty, let area else { return try await needPage(request, context, errors: errors) }
        let need = Need(
            caseID: caseID, area: area, description: form.text("description") ?? "", parentView: form.text("parent_view") ?? "",
            assessorView: form.text("assessor_view") ?? "", outcomeSought: form.text("outcome_sought") ?? "", identifiedOn: services.today)
        try await services.store.saveNeed(need, by: account.actingUser)
        return .redirect(to: "/cases/\(caseID)#needs", type: .normal)
    }

    // MARK: Provision

    static let unitLabels: [ProvisionUnit: String] = [
        .hoursPerWeek: "Hours a week", .sessionsPerMonth: "Sessions a month", .nightsPerYear: "Nights a year", .poundsPerFourWeeks: "Pounds every 4 weeks",
        .oneOff: "One-off (equipment or an adaptation)",
    ]

    private func provisionPage(_ request: Request, _ context: WebContext, errors: [String: String]) async throws -> Response {
        let (account, caseID, summary) = try await open(request, context)
        let record = try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
        let form = context.form
        let chosenNeeds = Set(form?.values("needs") ?? request.uri.queryParameters["need"].map { [String($0)] } ?? [])
        let view = SimpleFormView(
            caption: "\(summary.childName) (\(summary.reference))", title: "Agree provision",
            intro: "Say which assessed needs it meets, what it is, how much, from when, from whom and under which duty.",
            action: "/cases/\(caseID)/provision/new", csrfToken: context.csrfToken,
            questions: [
                .checkboxes("needs", "Which needs does it meet?", options: record.needs.filter { $0.isOpen(on: services.today) }.map { ($0.id.description, "\($0.area.title.capitalizedFirst): \($0.description)") },
                            selected: chosenNeeds, error: errors["needs"]),
                .radios("service", "Kind of service", options: ServiceType.allCases.map { ($0.rawValue, Formatting.words($0.rawValue).capitalizedFirst) }, selected: form?["service"], error: errors["service"]),
                .text("description", "What will be provided", value: form?["description"] ?? "", error: errors["description"]),
                .number("quantity", "How much", value: form?["quantity"] ?? "", error: errors["agreed_amount"]),
                .radios("unit", "Per", options: ProvisionUnit.allCases.map { ($0.rawValue, Self.unitLabels[$0] ?? $0.rawValue) }, selected: form?["unit"], error: errors["unit"]),
                .date("start_date", "Start date", form: form, default: form == nil ? services.today : nil, error: errors["start_date"]),
                .date("end_date", "End date", form: form, error: errors["end_date"], optional: true),
                .text("provider", "Provider", value: form?["provider"] ?? "", hint: "Leave empty while no provider has been found: it will show as unmet need.", error: errors["provider"], optional: true),
                .radios("legal_basis", "Legal basis", options: LegalBasis.allCases.map { ($0.rawValue, $0.title) }, selected: form?["legal_basis"], error: errors["legal_basis"]),
            ],
            submitLabel: "Save provision", cancelHref: "/cases/\(caseID)")
        return page(view, context, errors: errors, back: "/cases/\(caseID)")
    }

    private func saveProvision(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, caseID, _) = try await open(request, context)
        let form = context.form ?? FormBody(fields: [])
        var errors: [String: String] = [:]
        let needIDs = form.values("needs").compactMap(Need.ID.init)
        let service = form["service"].flatMap(ServiceType.init(rawValue:))
        let unit = form["unit"].flatMap(ProvisionUnit.init(rawValue:))
        let legalBasis = form["legal_basis"].flatMap(LegalBasis.init(rawValue:))
        let quantity = Double(form.text("quantity") ?? "")
        let start = FormDates.date(form, "start_date")
        let endGiven = [form.text("end_date-day"), form.text("end_date-month"), form.text("end_date-year")].contains { $0 != nil }
        let end = FormDates.date(form, "end_date")
        if service == nil { errors["service"] = "Select the kind of service" }
        if form.text("description") == nil { errors["description"] = "Say what will be provided" }
        if quantity == nil { errors["agreed_amount"] = "Enter how much, as a number, like 6" }
        if unit == nil { errors["unit"] = "Select what the amount is per" }
        if start == nil { errors["start_date"] = "Enter a real start date, for example 27 3 2026" }
        if endGiven && end == nil { errors["end_date"] = "Enter a real end date, or leave it empty" }
        if legalBasis == nil { errors["legal_basis"] = "Select the legal basis" }
        if errors.isEmpty, let service, let unit, let legalBasis, let quantity, let start {
            do {
                let provision = try Provision(
                    caseID: caseID, needIDs: needIDs, service: service, description: form.text("description") ?? "",
                    amount: try ProvisionAmount(quantity, unit), startDate: start, endDate: end, provider: form.text("provider"), legalBasis: legalBasis)
                try await services.store.saveProvision(provision, by: account.actingUser)
                return .redirect(to: "/cases/\(caseID)#provision", type: .normal)
            } catch CaseworkError.invalid(let field, let message) {
                errors[field] = message
            } catch let error as CaseStoreError {
                errors["needs"] = "\(error)"
            }
        }
        return try await provisionPage(request, context, errors: errors)
    }

    // MARK: Deliveries

    private func deliveryPage(_ request: Request, _ context: WebContext, errors: [String: String]) async throws -> Response {
        let (account, caseID, summary) = try await open(request, context)
        let provisionID: Provision.ID = try context.id("provision")
        let record = try await services.store.caseRecord(caseID, viewedBy: account.actingUser)
        guard let provision = record.provisions.first(where: { $0.id == provisionID }) else { throw WebError.notFound }
        let form = context.form
        let view = SimpleFormView(
            caption: "\(summary.childName) (\(summary.reference))", title: "Record delivery",
            intro: "\(provision.description): \(provision.amount) from \(provision.provider ?? "no provider yet"). Record what was planned and what happened for one period.",
            action: "/cases/\(caseID)/provision/\(provisionID)/deliveries/new", csrfToken: context.csrfToken,
            questions: [
                .date("period_start", "First day of the period", form: form, error: errors["period_start"]),
                .date("period_end", "Last day of the period", form: form, error: errors["period_end"]),
                .number("planned_units", "Planned", value: form?["planned_units"] ?? "", unit: provision.amount.unit.countedThing, error: errors["planned_units"]),
                .number("delivered_units", "Delivered", value: form?["delivered_units"] ?? "", unit: provision.amount.unit.countedThing, error: errors["delivered_units"]),
                .radios("cancelled_by", "If any was cancelled, who cancelled it?", options: CancelledBy.allCases.map { ($0.rawValue, Formatting.words($0.rawValue).capitalizedFirst) },
                        selected: form?["cancelled_by"], error: errors["cancelled_by"], optional: true),
                .radios("reason", "If less was delivered than planned, why?", options: ShortfallReason.allCases.map { ($0.rawValue, $0.title.capitalizedFirst) },
                        selected: form?["reason"], error: errors["reason"], optional: true),
                .longText("notes", "Notes", value: form?["notes"] ?? "", error: errors["notes"], optional: true),
            ],
            submitLabel: "Save delivery", cancelHref: "/cases/\(caseID)")
        return page(view, context, errors: errors, back: "/cases/\(caseID)")
    }

    private func saveDelivery(_ request: Request, _ context: WebContext) async throws -> Response {
        let (account, caseID, _) = try await open(request, context)
        let provisionID: Provision.ID = try context.id("provision")
        let form = context.form ?? FormBody(fields: [])
        var errors: [String: String] = [:]
        let start = FormDates.date(form, "period_start"), end = FormDates.date(form, "period_end")
        let planned = Double(form.text("planned_units") ?? ""), delivered = Double(form.text("delivered_units") ?? "")
        if start == nil { errors["period_start"] = "Enter a real date, for example 27 3 2026" }
        if end == nil { errors["period_end"] = "Enter a real date, for example 27 3 2026" }
        if planned == nil { errors["planned_units"] = "Enter the planned amount as a number" }
        if delivered == nil { errors["delivered_units"] = "Enter the delivered amount as a number" }
        if errors.isEmpty, let start, let end, let planned, let delivered {
            do {
                let delivery = try Delivery(
                    provisionID: provisionID, periodStart: start, periodEnd: end, plannedUnits: planned, deliveredUnits: delivered,
                    cancelledBy: form["cancelled_by"].flatMap(CancelledBy.init(rawValue:)), reason: form["reason"].flatMap(ShortfallReason.init(rawValue:)),
                    notes: form.text("notes"))
                try await services.store.recordDelivery(delivery, inCase: caseID, by: account.actingUser)
                return .redirect(to: "/cases/\(caseID)#provision", type: .normal)
            } catch CaseworkError.invalid(let field, let message) {
                errors[field == "period_end" ? "period_end" : field] = message
            }
        }
        return try await deliveryPage(request, context, errors: errors)
    }
}
