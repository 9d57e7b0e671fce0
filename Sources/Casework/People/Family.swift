// The family around the child: the parent carers (who may be entitled to their own assessment) and young carers.

/// The people who care for the child at home.
public struct Family: Sendable, Hashable, Codable {
    public var carers: [ParentCarer]
    /// Young carers at home, by name: anyone under 18 who cares for someone (the child, a parent, anyone; the child
    /// themself and the person who asked included). Each is entitled to a young carer's assessment (s17ZA).
    public var youngCarers: [String]

    public init(carers: [ParentCarer], youngCarers: [String] = []) {
        self.carers = carers
        self.youngCarers = youngCarers
    }
}

/// A parent or carer of the child.
public struct ParentCarer: Sendable, Hashable, Codable {
    public var name: String
    public var relationship: String
    /// s17ZD applies to a parent carer with parental responsibility who is 18 or over.
    public var hasParentalResponsibility: Bool
    public var isAdult: Bool

    public init(name: String, relationship: String, hasParentalResponsibility: Bool = true, isAdult: Bool = true) {
        self.name = name
        self.relationship = relationship
        self.hasParentalResponsibility = hasParentalResponsibility
        self.isAdult = isAdult
    }
}
