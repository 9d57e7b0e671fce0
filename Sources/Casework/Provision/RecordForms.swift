// Tell it once, check it once: the need, provision and delivery forms (Forms/need.xml, provision.xml, delivery.xml)
// become the domain's records here, and every rule a record must keep is the record type's own.
import FEEL
import Forms

/// The forms a practitioner records needs, provision and delivery with, and what their answers make.
public enum RecordForms {
    public static let needFormID = "need"
    public static let provisionFormID = "provision"
    public static let deliveryFormID = "delivery"

    /// The provision form's unit codes.
    static let units: [String: ProvisionUnit] = [
        "hours-per-week": .hoursPerWeek, "sessions-per-month": .sessionsPerMonth, "nights-per-year": .nightsPerYear,
        "pounds-per-4-weeks": .poundsPerFourWeeks, "one-off": .oneOff,
    ]
}

extension Need {
    /// The need a checked need form records: the family's view beside the assessor's. A need says what it is, and
    /// what the assessor makes of it; the family's view and the outcome may come later.
    public static func recorded(_ answers: Answers, caseID: CaseFile.ID, on date: CalendarDate) throws(CaseworkError) -> Need {
        guard let area = answers.choice("area").flatMap(LifeArea.init(rawValue:)) else {
            throw .invalid(field: "area", message: "Select the area of life the need is in")
        }
        guard let description = answers.text("description") else { throw .invalid(field: "description", message: "Say what the need is") }
        guard let view = answers.text("assessor_view") else { throw .invalid(field: "assessor_view", message: "Give your view of the need") }
        return Need(
            caseID: caseID, area: area, description: description, parentView: answers.text("parent_view") ?? "", assessorView: view,
            outcomeSought: answers.text("outcome_sought") ?? "", identifiedOn: date)
    }
}

extension Provision {
    /// The provision a checked provision form agrees, for the needs chosen beside it.
    public static func agreed(_ answers: Answers, caseID: CaseFile.ID, needIDs: [Need.ID]) throws(CaseworkError) -> Provision {
        guard let service = answers.choice("service").flatMap(ServiceType.init(rawValue:)) else {
            throw .invalid(field: "service", message: "Select the kind of service")
        }
        guard let unit = answers.choice("unit").flatMap({ RecordForms.units[$0] }) else { throw .invalid(field: "unit", message: "Select what the amount is per") }
        guard let basis = answers.choice("legal_basis").flatMap(LegalBasis.init(rawValue:)) else {
            throw .invalid(field: "legal_basis", message: "Select the legal basis")
        }
        guard case .number(let quantity)? = answers["quantity"] else { throw .invalid(field: "quantity", message: "Enter how much is agreed") }
        guard let start = answers.date("start_date") else { throw .invalid(field: "start_date", message: "Enter the start date") }
        let end = answers.date("end_date")
        do {
            return try Provision(
                caseID: caseID, needIDs: needIDs, service: service, description: answers.text("description") ?? "",
                amount: try ProvisionAmount(quantity.doubleValue, unit), startDate: start, endDate: end, provider: answers.text("provider"),
                legalBasis: basis)
        } catch {
            // The form's own names: the amount is its `quantity` question.
            if case .invalid(let field, let message) = error, field == "agreed_amount" { throw .invalid(field: "quantity", message: message) }
            throw error
        }
    }
}

extension Delivery {
    /// The delivery a checked delivery form records for a provision.
    public static func recorded(_ answers: Answers, provisionID: Provision.ID) throws(CaseworkError) -> Delivery {
        guard let start = answers.date("period_start") else { throw .invalid(field: "period_start", message: "Enter the first day of the period") }
        guard let end = answers.date("period_end") else { throw .invalid(field: "period_end", message: "Enter the last day of the period") }
        guard case .number(let planned)? = answers["planned_units"] else { throw .invalid(field: "planned_units", message: "Enter what was planned") }
        guard case .number(let delivered)? = answers["delivered_units"] else { throw .invalid(field: "delivered_units", message: "Enter what was delivered") }
        return try Delivery(
            provisionID: provisionID, periodStart: start, periodEnd: end, plannedUnits: planned.doubleValue, deliveredUnits: delivered.doubleValue,
            cancelledBy: answers.choice("cancelled_by").flatMap(CancelledBy.init(rawValue:)),
            reason: answers.choice("reason").flatMap(ShortfallReason.init(rawValue:)), notes: answers.text("notes"))
    }

    /// What stops this record being kept against its provision, beside the question it is about: a period outside the
    /// provision's dates or not yet over, more delivered than planned, or a period overlapping another already
    /// recorded (a record for the same first day replaces that one: that is a correction).
    public func problems(against provision: Provision, existing: [Delivery], today: CalendarDate) -> [CaseworkError] {
        var problems: [CaseworkError] = []
        if periodStart < provision.startDate {
            problems.append(.invalid(field: "period_start", message: "The provision started on \(provision.startDate.long): a period cannot begin before it"))
        }
        if let end = provision.endDate, periodEnd > end {
            problems.append(.invalid(field: "period_end", message: "The provision ended on \(end.long): a period cannot end after it"))
        }
        if periodEnd > today {
            problems.append(.invalid(field: "period_end", message: "The period has not ended yet: record it once it has"))
        }
        if deliveredUnits > plannedUnits {
            problems.append(.invalid(
                field: "delivered_units",
                message: "More was delivered than planned: if extra was given to make up missed time, record it against the period it made up"))
        }
        if let clash = existing.first(where: { $0.periodStart != periodStart && $0.periodStart <= periodEnd && periodStart <= $0.periodEnd }) {
            problems.append(.invalid(
                field: "period_start",
                message: "This period overlaps the one already recorded from \(clash.periodStart.long) to \(clash.periodEnd.long): correct that record, or record only the days after it"))
        }
        return problems
    }
}
