// One overnight short-break stay: where, from which night, for how many nights, under which duty.

/// A stay away from home, booked or taken. Reg 48 counts its days (see `Reg48Limits`), per series with one carer.
public struct OvernightStay: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<OvernightStay>
    public let id: ID
    public let caseID: CaseFile.ID
    public let provisionID: Provision.ID?
    /// The carer or setting; reg 48's lighter regime applies to a series of stays with the same carer.
    public let carer: String
    public let firstNight: CalendarDate
    public let nights: Int
    public let legalBasis: LegalBasis

    public init(
        id: ID = ID(), caseID: CaseFile.ID, provisionID: Provision.ID? = nil, carer: String, firstNight: CalendarDate,
        nights: Int, legalBasis: LegalBasis
    ) throws(CaseworkError) {
        guard nights >= 1 else { throw .invalid(field: "nights", message: "A stay is at least one night") }
        self.id = id
        self.caseID = caseID
        self.provisionID = provisionID
        self.carer = carer
        self.firstNight = firstNight
        self.nights = nights
        self.legalBasis = legalBasis
    }
}
