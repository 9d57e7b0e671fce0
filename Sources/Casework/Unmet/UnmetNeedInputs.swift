// The plain values unmet need is computed from: needs, provision and delivery totals, not whole records.

/// Everything `UnmetNeed.assessedButUnmet` reads. Deliveries arrive already measured per provision
/// (`DeliveryMeasure`), so a store measures each provision as it reads its records and a year of weekly deliveries
/// for a whole county is held as one small account per provision, never as the records themselves.
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

/// A provision with its delivery measured (`DeliveryAccount`), the form the report reads.
public struct ProvisionSummary: Sendable, Hashable {
    public let id: Provision.ID
    public let caseID: CaseFile.ID
    public let needIDs: [Need.ID]
    public let service: ServiceType
    public let terms: ProvisionTerms
    public let account: DeliveryAccount

    public var amount: ProvisionAmount { terms.amount }
    public var startDate: CalendarDate { terms.startDate }
    public var endDate: CalendarDate? { terms.endDate }
    public var provider: String? { terms.provider }
    public var legalBasis: LegalBasis { terms.legalBasis }

    public init(id: Provision.ID, caseID: CaseFile.ID, needIDs: [Need.ID], service: ServiceType, terms: ProvisionTerms, account: DeliveryAccount) {
        self.id = id
        self.caseID = caseID
        self.needIDs = needIDs
        self.service = service
        self.terms = terms
        self.account = account
    }

    public init(_ provision: Provision, account: DeliveryAccount) {
        self.init(
            id: provision.id, caseID: provision.caseID, needIDs: provision.needIDs, service: provision.service, terms: ProvisionTerms(provision),
            account: account)
    }
}

/// How a store measures each provision's deliveries as it reads them: as of which day, under which policy, and
/// on which earlier days the trend asks whether it was behind.
public struct DeliveryMeasure: Sendable, Hashable {
    public let asOf: CalendarDate
    public let policy: UnmetNeedPolicy
    /// At most 32 days (`DeliveryAccount.behindOnTrendDates` is a bit set).
    public let trendDates: [CalendarDate]

    public init(asOf: CalendarDate, policy: UnmetNeedPolicy = .standard, trendDates: [CalendarDate] = []) {
        precondition(trendDates.count <= 32, "the trend marks at most 32 dates")
        self.asOf = asOf
        self.policy = policy
        self.trendDates = trendDates
    }

    /// The account of one provision, given its delivery records and the days its needs were assessed.
    public func account(_ terms: ProvisionTerms, needsAssessedOn: [CalendarDate], periods: [DeliveryPeriod]) -> DeliveryAccount {
        account(terms, needsAssessedOn: needsAssessedOn, ledger: DeliveryLedger(terms, periods: periods))
    }

    /// The account of one provision, given its ledger (the records summed into periods) and when its needs were assessed.
    public func account(_ terms: ProvisionTerms, needsAssessedOn: [CalendarDate], ledger: DeliveryLedger) -> DeliveryAccount {
        DeliveryAccount.measure(
            terms, shouldStart: needsAssessedOn.min() ?? terms.startDate, ledger: ledger, asOf: asOf, policy: policy, trendDates: trendDates)
    }
}

/// A provision's delivery records added up as they were entered: what every page shows as "planned" and
/// "delivered", computed here only, so the parent's page, the assessor's, the API and the CSV agree.
public struct DeliveryTotals: Sendable, Hashable, Codable {
    public var plannedUnits: Double
    public var deliveredUnits: Double
    public var records: Int

    public init(plannedUnits: Double = 0, deliveredUnits: Double = 0, records: Int = 0) {
        self.plannedUnits = plannedUnits
        self.deliveredUnits = deliveredUnits
        self.records = records
    }

    public init(_ deliveries: [Delivery]) {
        self.init()
        for delivery in deliveries {
            plannedUnits += delivery.plannedUnits
            deliveredUnits += delivery.deliveredUnits
            records += 1
        }
    }
}
