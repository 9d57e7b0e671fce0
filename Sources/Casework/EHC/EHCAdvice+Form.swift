// Tell it once: a submitted advice form (F4) becomes the EHC advice record the deadlines and the plan are kept from.
import Foundation

extension CaseReport {
    /// The EHC social care advice form's id.
    public static let ehcAdviceFormID = "ehc-social-care-advice"

    /// The advice a submitted F4 form gives, sent on the day the report was submitted; nil for any other form.
    /// It has the report's id, so reading it twice gives the same record; a revision keeps the id of the advice it
    /// revises, so the advice record is changed (its earlier version kept in the audit) rather than doubled. One
    /// EHC needs assessment gets one advice: a second for the same request reference is refused unless it is a
    /// revision. Section E outcomes, funding and the consent answers stay in the report.
    ///
    /// - Throws: `EHCAdviceRefused` naming the form's questions: a section D need number that is not in the
    ///   list, an amount without its unit, or anything `EHCAdvice.problems` counts as an error.
    public func ehcAdvice(in context: EHCCaseContext, calendar: WorkingDayCalendar) throws(EHCAdviceRefused) -> EHCAdvice? {
        guard formID == Self.ehcAdviceFormID else { return nil }
        var reader = AdviceAnswers(answers: answers)
        let basis = reader.choice("basis").flatMap(AdviceBasis.init(rawValue:))
        let known = reader.yesNo("known_to_social_care")
        let sectionD = reader.items("section_d_needs").enumerated().map { index, item in
            SectionDNeed(
                area: reader.code("need_area", of: item, field: "section_d_needs[\(index)].need_area", "the area of the need") ?? .other,
                need: item.text("need_description") ?? "", impact: item.text("need_impact") ?? "")
        }
        for (index, outcome) in reader.items("section_e_outcomes").enumerated() {
            _ = reader.needs(outcome.text("outcome_linked_needs"), of: sectionD, field: "section_e_outcomes[\(index)].outcome_linked_needs")
        }
        let provision = reader.items("provision_items").enumerated().map { index, item in
            let field = "provision_items[\(index)]"
            return EHCProvisionItem(
                description: item.text("provision_description") ?? "",
                section: reader.code("provision_section", of: item, field: "\(field).provision_section", "the plan section") ?? .h1,
                csdpaHead: item.choice("csdpa_head").flatMap(CSDPAHead.init(rawValue:)),
                amount: reader.amount(item, field: field),
                provider: item.text("provision_provider"),
                meets: reader.needs(item.text("provision_meets_needs"), of: sectionD, field: "\(field).provision_meets_needs"),
                educatesOrTrains: item.yesNo("provision_educates_or_trains") ?? false)
        }
        if let views = reader.text("child_views"), EHCAdvice.isPlaceholder(views) {
            reader.problems.append(.init(
                severity: .error, field: "child_views",
                message: "\"\(views)\" is not the child's views: write them as the child gave them, or how they were sought and why they could not be given"))
        }
        let reference = reader.text("ehc_request_ref") ?? ""
        let earlier = context.sentAdvice(for: reference)
        if let earlier, revision == nil {
            reader.problems.append(.init(
                severity: .error, field: "ehc_request_ref",
                message: "advice for EHC needs assessment \(earlier.ehcRequestReference) was sent on \(earlier.submittedOn?.long ?? "an earlier day"): to change it, revise that advice from the case page"))
        } else if earlier == nil, revision != nil {
            reader.problems.append(.init(
                severity: .error, field: "ehc_request_ref", message: "no advice has been sent for EHC needs assessment \(reference), so there is nothing to revise"))
        }
        guard let requestedOn = reader.date("date_requested") else {
            throw EHCAdviceRefused(problems: reader.problems + [.init(severity: .error, field: "date_requested", message: "give the date the advice was requested")])
        }
        let advice = EHCAdvice(
            id: revision == nil ? EHCAdvice.ID(id.uuid) : earlier?.id ?? EHCAdvice.ID(id.uuid), caseID: caseID, ehcRequestReference: reference, requestedOn: requestedOn,
            author: reader.text("author") ?? "", team: reader.team() ?? .disabledChildren, basis: basis,
            notKnownToService: known == false && basis != .newSection17Assessment, sectionD: sectionD, provision: provision,
            noNeedsReason: reader.text("no_needs_reason"), csdpaOmissionReason: reader.text("csdpa_omission_reason"), calendar: calendar)
        // Every problem at once: what could not be read, and what the advice as read breaks.
        let sent: EHCAdvice
        do {
            sent = try advice.submitted(on: submittedOn, in: context)
        } catch {
            // A provision item the form could not read is reported once, for what could not be read.
            let unread = Set(reader.problems.map(\.item))
            throw EHCAdviceRefused(problems: reader.problems + error.problems.filter { $0.item == nil || !unread.contains($0.item) })
        }
        guard reader.problems.isEmpty else { throw EHCAdviceRefused(problems: reader.problems) }
        return sent
    }
}

extension EHCAdviceProblem {
    /// The repeated item the problem is about (`provision_items[2]`), or nil for a question asked once.
    fileprivate var item: Substring? {
        guard let bracket = field.firstIndex(of: "]") else { return nil }
        return field[...bracket]
    }
}

/// Reads F4 answers by question id, collecting what cannot be read as advice.
private struct AdviceAnswers {
    let answers: [String: SubmittedAnswer]
    var problems: [EHCAdviceProblem] = []

    init(answers: [String: SubmittedAnswer]) { self.answers = answers }

    func text(_ id: String) -> String? {
        guard case .text(let text)? = answers[id] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func choice(_ id: String) -> String? {
        guard case .choice(let code)? = answers[id] else { return nil }
        return code
    }

    func yesNo(_ id: String) -> Bool? {
        guard case .yesNo(let answer)? = answers[id] else { return nil }
        return answer
    }

    func date(_ id: String) -> CalendarDate? {
        guard case .date(let date)? = answers[id] else { return nil }
        return date
    }

    func items(_ id: String) -> [AdviceAnswers] {
        guard case .items(let items)? = answers[id] else { return [] }
        return items.map(AdviceAnswers.init(answers:))
    }

    /// The code a required choice of `item` holds. A missing or unknown code means the answers were not made by this
    /// form: a problem, never a default (an unknown area read as "other", an unknown plan section as H1). The
    /// placeholder the caller puts in its place never leaves, since a problem refuses the advice.
    mutating func code<Code: RawRepresentable>(_ id: String, of item: AdviceAnswers, field: String, _ what: String) -> Code? where Code.RawValue == String {
        guard let text = item.choice(id) else {
            problems.append(.init(severity: .error, field: field, message: "choose \(what)"))
            return nil
        }
        guard let code = Code(rawValue: text) else {
            problems.append(.init(severity: .error, field: field, message: "\"\(text)\" is not one of the options for \(what)"))
            return nil
        }
        return code
    }

    /// The team the advice is from: any team code (a council names its own teams), but not none.
    mutating func team() -> Team? {
        guard let code = choice("team"), !code.isEmpty else {
            problems.append(.init(severity: .error, field: "team", message: "choose the team the advice is from"))
            return nil
        }
        return Team(rawValue: code)
    }

    /// The form's units, by their codes in the form.
    private static let units: [String: ProvisionUnit] = [
        "hours-per-week": .hoursPerWeek, "sessions-per-month": .sessionsPerMonth, "nights-per-year": .nightsPerYear, "one-off": .oneOff,
    ]

    /// The item's quantity in its unit; a quantity without a unit (or a unit without a quantity) is a problem.
    mutating func amount(_ item: AdviceAnswers, field: String) -> ProvisionAmount? {
        var quantity: Double?
        if case .number(let written)? = item.answers["provision_quantity"] { quantity = Double(written) }
        let unit = item.choice("provision_unit").flatMap { Self.units[$0] }
        switch (quantity, unit) {
        case (nil, nil):
            return nil
        case (let quantity?, let unit?):
            do {
                return try ProvisionAmount(quantity, unit)
            } catch {
                problems.append(.init(severity: .error, field: "\(field).provision_quantity", message: "the quantity must be more than 0"))
                return nil
            }
        case (nil, _?):
            problems.append(.init(severity: .error, field: "\(field).provision_quantity", message: "give the quantity for the unit chosen"))
            return nil
        case (_?, nil):
            problems.append(.init(severity: .error, field: "\(field).provision_unit", message: "choose the unit the quantity is in"))
            return nil
        }
    }

    /// Section D needs named by their numbers in the list ("1, 3"); each must be in the list.
    mutating func needs(_ written: String?, of sectionD: [SectionDNeed], field: String) -> [SectionDNeed.ID] {
        guard let written else { return [] }
        let parts = written.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).filter { $0.lowercased() != "and" }
        var ids: [SectionDNeed.ID] = []
        for part in parts {
            guard let number = Int(part), sectionD.indices.contains(number - 1) else {
                let range = sectionD.isEmpty ? "there are no section D needs listed" : "the section D needs are numbered 1 to \(sectionD.count)"
                problems.append(.init(severity: .error, field: field, message: "\"\(part)\" is not a section D need: \(range)"))
                return []
            }
            ids.append(sectionD[number - 1].id)
        }
        return ids
    }
}
