// Tell it once: the services an assessment decides become provision records, linked to the needs the same
// assessment records.

extension CaseReport {
    /// The parent carer needs assessment form's id.
    public static let parentCarerFormID = "parent-carer-assessment"

    /// The provision a sent assessment decides, linked to the needs it records and starting on the day given or
    /// the day the assessment is sent:
    /// - a child in need assessment (from version 3, which asks the needs each service meets and the amount):
    ///   each item of "Services decided", linked to the needs in the areas chosen;
    /// - a parent carer assessment (from version 4, which asks each need for support and the support for it):
    ///   the support agreed for each need, under s17 after a parent carer assessment (s17ZD).
    ///
    /// Empty for any other form, for earlier versions and for a revision (the provision agreed when it was first
    /// sent stands; change it on the case page).
    ///
    /// - Parameter needs: the need records the report makes (`needRecords(request:recorded:)`).
    /// - Throws: `ProvisionNotDecided`, naming each item's question: an area section 3 records no need in, or an
    ///   amount that is not more than 0.
    public func decidedProvision(meeting needs: [Need]) throws(ProvisionNotDecided) -> [Provision] {
        guard revision == nil else { return [] }
        let open = needs.filter { $0.isOpen(on: submittedOn) }
        var problems: [CaseworkError] = []
        var provisions: [Provision] = []
        func decide(_ item: [String: SubmittedAnswer], _ field: String, _ names: ServiceQuestions, meeting needIDs: [Need.ID], basis: LegalBasis?) {
            func choice(_ id: String) -> String? { if case .choice(let code)? = item[id] { code } else { nil } }
            func text(_ id: String) -> String? { if case .text(let words)? = item[id], !words.isEmpty { words } else { nil } }
            guard !needIDs.isEmpty, let basis,
                  let service = choice(names.type).flatMap(ServiceType.init(rawValue:)),
                  let unit = choice(names.unit).flatMap({ RecordForms.units[$0] }),
                  case .number(let written)? = item[names.amount], let quantity = Double(written) else { return }
            var start = submittedOn
            if case .date(let date)? = item[names.start] { start = date }
            do {
                provisions.append(try Provision(
                    caseID: caseID, needIDs: needIDs, service: service, description: text(names.description) ?? "",
                    amount: try ProvisionAmount(quantity, unit), startDate: start, provider: text(names.provider), legalBasis: basis))
            } catch {
                guard case .invalid(_, let message) = error else { return }
                problems.append(.invalid(field: "\(field).\(names.amount)", message: message))
            }
        }
        switch formID {
        case Self.childInNeedFormID where formVersion >= 3:
            guard case .items(let items)? = answers["services_decided"] else { return [] }
            let byArea = Dictionary(grouping: open, by: \.area)
            for (index, item) in items.enumerated() {
                let field = "services_decided[\(index)]"
                var areas: [LifeArea] = []
                if case .choices(let codes)? = item["service_meets"] { areas = codes.compactMap(LifeArea.init(rawValue:)) }
                let unrecorded = areas.filter { byArea[$0] == nil }
                guard unrecorded.isEmpty else {
                    let names = unrecorded.map(\.title).joined(separator: ", ")
                    problems.append(.invalid(
                        field: "\(field).service_meets",
                        message: "Section 3 records no need in \(names): write the need there, or choose the areas where it records one"))
                    continue
                }
                var basis: LegalBasis?
                if case .choice(let code)? = item["service_legal_basis"] { basis = LegalBasis(rawValue: code) }
                decide(item, field, .childInNeed, meeting: areas.flatMap { byArea[$0]!.map(\.id) }, basis: basis)
            }
        case Self.parentCarerFormID where formVersion >= 4:
            guard case .items(let items)? = answers["carer_needs"] else { return [] }
            for (index, item) in items.enumerated() {
                guard case .text(let words)? = item["carer_need"],
                      let need = open.first(where: { $0.area == .parentCarerSupport && $0.description == Self.needDescription(words) })
                else { continue }
                decide(item, "carer_needs[\(index)]", .parentCarer, meeting: [need.id], basis: .section17ZDLinked)
            }
        default:
            return []
        }
        guard problems.isEmpty else { throw ProvisionNotDecided(problems: problems) }
        return provisions
    }
}

/// The questions of one decided service, as each assessment form names them.
private struct ServiceQuestions {
    let type: String, amount: String, unit: String, description: String, provider: String, start: String

    static let childInNeed = ServiceQuestions(
        type: "service_type", amount: "service_amount", unit: "service_unit", description: "service_description",
        provider: "service_provider", start: "service_start")
    static let parentCarer = ServiceQuestions(
        type: "support_type", amount: "support_amount", unit: "support_unit", description: "support_service",
        provider: "support_provider", start: "support_start")
}

/// Services an assessment decided that cannot become provision as written, each beside its question.
public struct ProvisionNotDecided: Error, Sendable, Hashable {
    public let problems: [CaseworkError]
}
