// Unmet need for one child: the inputs built from a whole case record, so the family sees what the manager sees.

extension UnmetNeedInputs {
    /// The inputs for one case, deliveries summed as a store would sum them.
    public init(record: CaseRecord) {
        let summary = CaseSummary(id: record.file.id, reference: record.file.reference, childName: record.file.child.fullName, team: record.file.team)
        let byProvision = Dictionary(grouping: record.deliveries, by: \.provisionID)
        self.init(
            cases: [record.file.id: summary],
            needs: record.needs.map(NeedSummary.init),
            provisions: record.provisions.map { ProvisionSummary($0, delivered: DeliveryTotals(byProvision[$0.id] ?? [])) })
    }
}
