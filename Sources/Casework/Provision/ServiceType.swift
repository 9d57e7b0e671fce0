// The kind of service a provision is (F5 service_type).

public enum ServiceType: String, Sendable, Hashable, Codable, CaseIterable {
    case dayShortBreak = "day-short-break"
    case overnightShortBreak = "overnight-short-break"
    case homeCare = "home-care"
    case directPayment = "direct-payment"
    case equipment
    case adaptation
    case activityAccess = "activity-access"
    case transport
    case siblingSupport = "sibling-support"
    case informationAndAdvice = "information-and-advice"
    case other
}
