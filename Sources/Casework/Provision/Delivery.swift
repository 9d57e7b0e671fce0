// What was actually delivered against a provision in one period, and why any of it was not.

/// A delivery record: one per provision per period. A later record for the same period replaces it (the
/// audit log keeps the earlier one).
public struct Delivery: Sendable, Hashable, Codable {
    public let provisionID: Provision.ID
    public let periodStart: CalendarDate
    public let periodEnd: CalendarDate
    public let plannedUnits: Double
    public let deliveredUnits: Double
    public let cancelledBy: CancelledBy?
    public let reason: ShortfallReason?
    public let notes: String?

    public init(
        provisionID: Provision.ID, periodStart: CalendarDate, periodEnd: CalendarDate, plannedUnits: Double,
        deliveredUnits: Double, cancelledBy: CancelledBy? = nil, reason: ShortfallReason? = nil, notes: String? = nil
    ) throws(CaseworkError) {
        guard periodStart <= periodEnd else {
            throw .invalid(field: "period_end", message: "The period ends on \(periodEnd.long), before it starts on \(periodStart.long)")
        }
        guard plannedUnits >= 0, deliveredUnits >= 0, plannedUnits.isFinite, deliveredUnits.isFinite else {
            throw .invalid(field: "delivered_units", message: "Enter 0 or more: what was planned and what was delivered cannot be less than nothing")
        }
        if deliveredUnits < plannedUnits && reason == nil {
            throw .invalid(field: "reason", message: "\(ProvisionAmount.plain(plannedUnits - deliveredUnits)) of the \(ProvisionAmount.plain(plannedUnits)) planned were not delivered: select why")
        }
        self.provisionID = provisionID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.plannedUnits = plannedUnits
        self.deliveredUnits = deliveredUnits
        self.cancelledBy = cancelledBy
        self.reason = reason
        self.notes = notes
    }

    public var shortfall: Double { max(0, plannedUnits - deliveredUnits) }
}

/// Who cancelled undelivered units.
public enum CancelledBy: String, Sendable, Hashable, Codable, CaseIterable {
    case provider, family
    case localAuthority = "local-authority"

    /// Who, as a sentence says it: "cancelled by the local authority".
    public var title: String {
        switch self {
        case .provider: "provider"
        case .family: "family"
        case .localAuthority: "local authority"
        }
    }
}

/// Why planned units were not delivered (F5).
public enum ShortfallReason: String, Sendable, Hashable, Codable, CaseIterable {
    case staffUnavailable = "staff-unavailable"
    case childUnwell = "child-unwell"
    case familyCancelled = "family-cancelled"
    case providerClosed = "provider-closed"
    case transport
    case noProvider = "no-provider"
    case other

    public var title: String {
        switch self {
        case .staffUnavailable: "staff unavailable"
        case .childUnwell: "child unwell"
        case .familyCancelled: "family cancelled"
        case .providerClosed: "provider closed"
        case .transport: "transport"
        case .noProvider: "no provider"
        case .other: "other"
        }
    }
}
