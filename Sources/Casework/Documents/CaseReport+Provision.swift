// Tell it once: the services a child in need assessment decides become provision records, linked to the needs the
// same assessment records.

extension CaseReport {
    /// The provision a sent child in need assessment decides: each item of "Services decided" (from version 3 of
    /// the form, which asks the needs each meets and the amount) becomes a provision record, linked to the needs
    /// this assessment records in the areas chosen, starting on the day given or the day the assessment is sent.
    /// Empty for any other form, for version 1 and 2 assessments (which did not ask what each service meets), and
    /// for a revision (the provision agreed when it was first sent stands; change it on the case page).
    ///
    /// - Parameter needs: the need records the report makes (`needRecords(request:recorded:)`).
    /// - Throws: `ProvisionNotDecided`, naming each item's question: an area section 3 records no need in, or an
    ///   amount that is not more than 0.
    public func decidedProvision(meeting needs: [Need]) throws(ProvisionNotDecided) -> [Provision] {
        guard formID == Self.childInNeedFormID, formVersion >= 3, revision == nil,
              case .items(let items)? = answers["services_decided"] else { return [] }
        let byArea = Dictionary(grouping: needs.filter { $0.isOpen(on: submittedOn) }, by: \.area)
        var problems: [CaseworkError] = []
        var provisions: [Provision] = []
        for (index, item) in items.enumerated() {
            let field = "services_decided[\(index)]"
            func choice(_ id: String) -> String? { if case .choice(let code)? = item[id] { code } else { nil } }
            func text(_ id: String) -> String? { if case .text(let words)? = item[id], !words.isEmpty { words } else { nil } }
            var areas: [LifeArea] = []
            if case .choices(let codes)? = item["service_meets"] { areas = codes.compactMap(LifeArea.init(rawValue:)) }
            let unrecorded = areas.filter { byArea[$0] == nil }
            if !unrecorded.isEmpty {
                let names = unrecorded.map(\.title).joined(separator: ", ")
                problems.append(.invalid(
                    field: "\(field).service_meets",
                    message: "Section 3 records no need in \(names): write the need there, or choose the areas where it records one"))
                continue
            }
            guard !areas.isEmpty,
                  let service = choice("service_type").flatMap(ServiceType.init(rawValue:)),
                  let basis = choice("service_legal_basis").flatMap(LegalBasis.init(rawValue:)),
                  let unit = choice("service_unit").flatMap({ RecordForms.units[$0] }),
                  case .number(let written)? = item["service_amount"], let quantity = Double(written) else { continue }
            var start = submittedOn
            if case .date(let date)? = item["service_start"] { start = date }
            do {
                provisions.append(try Provision(
                    caseID: caseID, needIDs: areas.flatMap { byArea[$0]!.map(\.id) }, service: service, description: text("service_description") ?? "",
                    amount: try ProvisionAmount(quantity, unit), startDate: start, provider: text("service_provider"), legalBasis: basis))
            } catch {
                guard case .invalid(_, let message) = error else { continue }
                problems.append(.invalid(field: "\(field).service_amount", message: message))
            }
        }
        guard problems.isEmpty else { throw ProvisionNotDecided(problems: problems) }
        return provisions
    }
}

/// Services an assessment decided that cannot become provision as written, each beside its question.
public struct ProvisionNotDecided: Error, Sendable, Hashable {
    public let problems: [CaseworkError]
}
