// How much provision, per what period: the measure delivery is checked against.

/// The unit a provision is agreed in (F5).
public enum ProvisionUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case hoursPerWeek = "hours/week"
    case sessionsPerMonth = "sessions/month"
    case nightsPerYear = "nights/year"
    case poundsPerFourWeeks = "£/4 weeks"
    /// Equipment, an adaptation: delivered once, due from the start date.
    case oneOff = "one-off"

    /// The thing counted, for "12 hours behind".
    public var countedThing: String {
        switch self {
        case .hoursPerWeek: "hours"
        case .sessionsPerMonth: "sessions"
        case .nightsPerYear: "nights"
        case .poundsPerFourWeeks: "£"
        case .oneOff: "items"
        }
    }

    /// Delivered in whole units (a session, a night), so a part period is due in whole units.
    var isCountedWhole: Bool { self == .sessionsPerMonth || self == .nightsPerYear }

    /// A period long enough that the part of it gone by is counted before it ends (a month, a year); a week's or
    /// four weeks' provision is counted when its period is over.
    var isCountedSoFar: Bool { self == .sessionsPerMonth || self == .nightsPerYear }

    /// Days in one period; nil for one-off provision.
    var periodDays: Double? {
        switch self {
        case .hoursPerWeek: 7
        case .sessionsPerMonth: 365.25 / 12
        case .nightsPerYear: 365.25
        case .poundsPerFourWeeks: 28
        case .oneOff: nil
        }
    }
}

/// An agreed amount: 6 hours a week, 2 sessions a month, 30 nights a year.
public struct ProvisionAmount: Sendable, Hashable, Codable, CustomStringConvertible {
    public let quantity: Double
    public let unit: ProvisionUnit

    public init(_ quantity: Double, _ unit: ProvisionUnit) throws(CaseworkError) {
        guard quantity > 0, quantity.isFinite else {
            throw .invalid(field: "agreed_amount", message: "Enter an amount more than 0")
        }
        self.quantity = quantity
        self.unit = unit
    }

    /// Units due over `days` days of provision, pro rata (a week of 6 hours a week is 6).
    public func unitsDue(overDays days: Int) -> Double {
        guard days > 0 else { return 0 }
        guard let period = unit.periodDays else { return quantity }
        return quantity * Double(days) / period
    }

    public var description: String { "\(Self.plain(quantity)) \(unit.rawValue)" }

    /// The amount as a family reads it: "6 hours a week", "1 session a month", "£120 every 4 weeks", "once".
    public var words: String {
        let number = Self.plain(quantity)
        let one = quantity == 1
        return switch unit {
        case .hoursPerWeek: one ? "1 hour a week" : "\(number) hours a week"
        case .sessionsPerMonth: one ? "1 session a month" : "\(number) sessions a month"
        case .nightsPerYear: one ? "1 night a year" : "\(number) nights a year"
        case .poundsPerFourWeeks: "£\(number) every 4 weeks"
        case .oneOff: one ? "once" : "\(number) items, once"
        }
    }

    /// A quantity as people write it: "3" rather than "3.0"; "2.5" stays.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
