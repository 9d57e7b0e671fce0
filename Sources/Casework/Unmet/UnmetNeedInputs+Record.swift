// Unmet need for one child: the inputs built from a whole case record, so the family sees what the manager sees.

extension UnmetNeedInputs {
    /// The inputs for one case, each provision measured as a store measures it.
    public init(record: CaseRecord, measure: DeliveryMeasure) {
        let summary = CaseSummary(id: record.file.id, reference: record.file.reference, childName: record.file.child.fullName, team: record.file.team)
        let byProvision = Dictionary(grouping: record.deliveries, by: \.provisionID)
        let assessedOn = Dictionary(record.needs.map { ($0.id, $0.identifiedOn) }) { first, _ in first }
        self.init(
            cases: [record.file.id: summary],
            needs: record.needs.map(NeedSummary.init),
            provisions: record.provisions.map { provision in
                ProvisionSummary(provision, account: measure.account(
                    ProvisionTerms(provision), needsAssessedOn: provision.needIDs.compactMap { assessedOn[$0] },
                    periods: (byProvision[provision.id] ?? []).map(DeliveryPeriod.init)))
            })
    }
}
