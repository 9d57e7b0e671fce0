// A piece of provision agreed to meet one or more needs: what, how much, from when, by whom, under which duty.

/// Provision agreed for a child or carer. Linking it to needs is what lets Heeded show a need with none.
public struct Provision: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Provision>
    public let id: ID
    public let caseID: CaseFile.ID
    /// The needs it meets; at least one.
    public var needIDs: [Need.ID]
    public var service: ServiceType
    public var description: String
    public var amount: ProvisionAmount
    public var startDate: CalendarDate
    /// The last day of provision; nil while open-ended.
    public var endDate: CalendarDate?
    /// Nil while no provider has been found, which is itself a reason for unmet need.
    public var provider: String?
    public var legalBasis: LegalBasis

    public init(
        id: ID = ID(), caseID: CaseFile.ID, needIDs: [Need.ID], service: ServiceType, description: String,
        amount: ProvisionAmount, startDate: CalendarDate, endDate: CalendarDate? = nil, provider: String?, legalBasis: LegalBasis
    ) throws(CaseworkError) {
        guard !needIDs.isEmpty else {
            throw .invalid(field: "needs", message: "provision must say which assessed need it meets")
        }
        if let endDate, endDate < startDate {
            throw .invalid(field: "end_date", message: "The end date, \(endDate.long), is before the start date, \(startDate.long)")
        }
        self.id = id
        self.caseID = caseID
        self.needIDs = needIDs
        self.service = service
        self.description = description
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
        self.provider = provider
        self.legalBasis = legalBasis
    }
}
