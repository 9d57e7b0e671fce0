// The child a case is about.

/// A child known to the service. Names are as the family gives them.
public struct Child: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Child>
    public let id: ID
    public var givenName: String
    public var familyName: String
    public var dateOfBirth: CalendarDate
    /// CIN census codes for the areas of life affected; empty when no disability is apparent yet.
    public var disabilities: [DisabilityCode]

    public init(id: ID = ID(), givenName: String, familyName: String, dateOfBirth: CalendarDate, disabilities: [DisabilityCode]) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.disabilities = disabilities
    }

    public var fullName: String { "\(givenName) \(familyName)" }

    /// Age in whole years on a date.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - dateOfBirth.year
        if (date.month, date.day) < (dateOfBirth.month, dateOfBirth.day) { years -= 1 }
        return years
    }
}
