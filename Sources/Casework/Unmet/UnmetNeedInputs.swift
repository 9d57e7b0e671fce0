// The plain values unmet need is computed from: needs, provision and delivery totals, not whole records.

/// Everything `UnmetNeed.assessedButUnmet` reads. Deliveries arrive already summed per provision, so a
/// store can add them up where they live (a SQL SUM, a running total) and a year of weekly deliveries for
/// a whole county fits in memory as one row per provision.
public struct UnmetNeedInputs: Sendable {
    public var cases: [CaseFile.ID: CaseSummary]
    public var needs: [NeedSummary]
    public var provisions: [ProvisionSummary]

    public init(cases: [CaseFile.ID: CaseSummary], needs: [NeedSummary], provisions: [ProvisionSummary]) {
        self.cases = cases
        self.needs = needs
        self.provisions = provisions
    }
}

/// A need, without its free text.
public struct NeedSummary: Sendable, Hashable {
    public let id: Need.ID
    public let caseID: CaseFile.ID
    public let area: LifeArea
    public let identifiedOn: CalendarDate
    public let closedOn: CalendarDate?

    public init(id: Need.ID, caseID: CaseFile.ID, area: LifeArea, identifiedOn: CalendarDate, closedOn: CalendarDate?) {
        self.id = id
        self.caseID = caseID
        self.area = area
        self.identifiedOn = identifiedOn
        self.closedOn = closedOn
    }

    public init(_ need: Need) {
        self.init(id: need.id, caseID: need.caseID, area: need.area, identifiedOn: need.identifiedOn, closedOn: need.closedOn)
    }
}

/// A provision with its deliveries summed.
public struct ProvisionSummary: Sendable, Hashable {
    public let id: Provision.ID
    public let caseID: CaseFile.ID
    public let needIDs: [Need.ID]
    public let service: ServiceType
    public let amount: ProvisionAmount
    public let startDate: CalendarDate
    public let endDate: CalendarDate?
    public let provider: String?
    public let legalBasis: LegalBasis
    public let delivered: DeliveryTotals

    public init(
        id: Provision.ID, caseID: CaseFile.ID, needIDs: [Need.ID], service: ServiceType, amount: ProvisionAmount,
        startDate: CalendarDate, endDate: CalendarDate?, provider: String?, legalBasis: LegalBasis, delivered: DeliveryTotals
    ) {
        self.id = id
        self.caseID = caseID
        self.needIDs = needIDs
        self.service = service
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.provider = provider
        self.legalBasis = legalBasis
        self.delivered = delivered
    }

    public init(_ provision: Provision, delivered: DeliveryTotals) {
        self.init(
            id: provision.id, caseID: provision.caseID, needIDs: provision.needIDs, service: provision.service, amount: provision.amount,
            startDate: provision.startDate, endDate: provision.endDate, provider: provision.provider, legalBasis: provision.legalBasis,
            delivered: delivered)
    }
}

/// A provision's deliveries added up, with the latest stated reason for a shortfall.
public struct DeliveryTotals: Sendable, Hashable, Codable {
    public var plannedUnits: Double
    public var deliveredUnits: Double
    public var records: Int
    public var latestReason: ShortfallReason?
    public var latestCancelledBy: CancelledBy?

    public init(plannedUnits: Double = 0, deliveredUnits: Double = 0, records: Int = 0, latestReason: ShortfallReason? = nil, latestCancelledBy: CancelledBy? = nil) {
        self.plannedUnits = plannedUnits
        self.deliveredUnits = deliveredUnits
        self.records = records
        self.latestReason = latestReason
        self.latestCancelledBy = latestCancelledBy
    }

    /// Totals of a list of deliveries (what a store's SUM must agree with).
    public init(_ deliveries: [Delivery]) {
        self.init()
        for delivery in deliveries.sorted(by: { $0.periodEnd < $1.periodEnd }) {
            plannedUnits += delivery.plannedUnits
            deliveredUnits += delivery.deliveredUnits
            records += 1
            if let reason = delivery.reason {
                latestReason = reason
                latestCancelledBy = delivery.cancelledBy
            }
        }
    }
}
