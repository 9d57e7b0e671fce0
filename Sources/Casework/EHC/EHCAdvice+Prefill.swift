// Tell it once: the EHC advice form starts with the needs and provision the case already records.
import Forms

extension EHCCaseContext {
    /// Answers the EHC social care advice form (F4) starts with: each open need as a section D need, and each
    /// provision in force as H1 (CSDPA s2) or H2 provision linked to those needs by number. The author checks
    /// and completes them; nothing assessed has to be typed twice, and CSDPA s2 provision is in H1 from the start.
    public func adviceAnswers(on date: CalendarDate) -> [String: RawAnswer] {
        let open = needs.filter { $0.isOpen(on: date) }
        let number = Dictionary(open.enumerated().map { ($0.element.id, $0.offset + 1) }) { first, _ in first }
        var answers: [String: RawAnswer] = [:]
        if !open.isEmpty {
            answers["section_d_needs"] = .items(open.map { need in
                [
                    "need_area": .value(need.area.rawValue), "need_description": .value(need.description),
                    "need_impact": .value(need.assessorView.isEmpty ? need.parentView : need.assessorView),
                ].filter { if case .value(let text) = $0.value { !text.isEmpty } else { true } }
            })
        }
        let current = provisions.filter { $0.endDate.map { $0 >= date } ?? true }
        if !current.isEmpty {
            answers["provision_items"] = .items(current.map { provision in
                var item: [String: RawAnswer] = [
                    "provision_description": .value(provision.description),
                    "provision_section": .value(provision.legalBasis.ehcSection.rawValue),
                    "provision_quantity": .value(String(provision.amount.quantity)),
                    "provision_start": .value(provision.startDate.description),
                    "provision_educates_or_trains": .value("no"),
                    "provision_meets_needs": .value(provision.needIDs.compactMap { number[$0] }.map(String.init).joined(separator: ", ")),
                ]
                if let unit = Self.formUnits[provision.amount.unit] { item["provision_unit"] = .value(unit) }
                if let provider = provision.provider { item["provision_provider"] = .value(provider) }
                if provision.legalBasis.ehcSection == .h1, let head = Self.csdpaHeads[provision.service] { item["csdpa_head"] = .value(head.rawValue) }
                if provision.legalBasis == .directPayment { item["provision_funding"] = .value("direct-payment") }
                return item
            })
        }
        return answers
    }

    /// The advice form's unit codes.
    private static let formUnits: [ProvisionUnit: String] = [
        .hoursPerWeek: "hours-per-week", .sessionsPerMonth: "sessions-per-month", .nightsPerYear: "nights-per-year", .oneOff: "one-off",
    ]

    /// The CSDPA s2 head a kind of service usually comes under; the author confirms it.
    private static let csdpaHeads: [ServiceType: CSDPAHead] = [
        .homeCare: .practicalAssistanceAtHome, .dayShortBreak: .nonResidentialShortBreaks, .equipment: .adaptationsAndEquipment,
        .adaptation: .adaptationsAndEquipment, .activityAccess: .recreation, .transport: .travel,
    ]
}
