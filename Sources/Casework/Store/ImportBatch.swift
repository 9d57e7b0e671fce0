// Many records stored at once: a migration from a legacy system, or the demo generator's invented families.

/// Records to store together in one transaction with one audit entry that lists what came in. Used where
/// writing one audit entry per row would be noise (a year of weekly deliveries for thousands of children); the
/// entry still says who imported what and when.
public struct ImportBatch: Sendable {
    /// A label for the audit entry ("demo generate --seed 7, batch 3").
    public var source: String
    public var cases: [(file: CaseFile, assessments: [Assessment])] = []
    public var needs: [Need] = []
    public var provisions: [Provision] = []
    public var deliveries: [Delivery] = []
    public var ehcAdvice: [EHCAdvice] = []
    public var overnightStays: [OvernightStay] = []
    public var reviews: [Review] = []

    public init(source: String) { self.source = source }

    public var isEmpty: Bool {
        cases.isEmpty && needs.isEmpty && provisions.isEmpty && deliveries.isEmpty && ehcAdvice.isEmpty && overnightStays.isEmpty && reviews.isEmpty
    }

    /// Counts for the audit entry.
    public var counts: [String: Int] {
        [
            "cases": cases.count, "assessments": cases.reduce(0) { $0 + $1.assessments.count }, "needs": needs.count,
            "provisions": provisions.count, "deliveries": deliveries.count, "ehcAdvice": ehcAdvice.count,
            "overnightStays": overnightStays.count, "reviews": reviews.count,
        ]
    }
}
