// The team a case is allocated to; a council names its own teams in its routing tables.

/// A team code as the routing tables give it (`disabled-children`, `assessment-and-intervention`,
/// `early-help`, `adult-social-care`), kept as text because a council may add its own.
public struct Team: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        precondition(!rawValue.isEmpty, "a team needs a code")
        self.rawValue = rawValue
    }

    public static let disabledChildren = Team(rawValue: "disabled-children")
    public static let assessmentAndIntervention = Team(rawValue: "assessment-and-intervention")
    public static let earlyHelp = Team(rawValue: "early-help")
    /// The person is 18 or over: not a child (Children Act 1989 s105(1)); a Care Act 2014 assessment instead.
    public static let adultSocialCare = Team(rawValue: "adult-social-care")
    /// Where a request waits when the routing tables could not decide: the duty worker and manager.
    public static let duty = Team(rawValue: "duty")

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard !code.isEmpty else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "a team code may not be empty") }
        self.init(rawValue: code)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
