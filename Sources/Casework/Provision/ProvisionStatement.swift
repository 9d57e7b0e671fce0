// One provision with everything recorded against it: the one place every view (the family's, staff's, the API's)
// takes a provision's deliveries and totals from, so they cannot disagree.

/// A provision, every delivery recorded against it in period order, and their totals.
public struct ProvisionStatement: Sendable, Hashable {
    public let provision: Provision
    public let deliveries: [Delivery]
    /// What the records add up to: planned and delivered units over every record.
    public let totals: DeliveryTotals

    public init(provision: Provision, deliveries: [Delivery]) {
        self.provision = provision
        self.deliveries = deliveries.sorted { ($0.periodStart, $0.periodEnd) < ($1.periodStart, $1.periodEnd) }
        self.totals = DeliveryTotals(deliveries)
    }
}

extension CaseRecord {
    /// Each of the case's provisions with its deliveries, in the order the provisions are held.
    public var provisionStatements: [ProvisionStatement] {
        let byProvision = Dictionary(grouping: deliveries, by: \.provisionID)
        return provisions.map { ProvisionStatement(provision: $0, deliveries: byProvision[$0.id] ?? []) }
    }
}
