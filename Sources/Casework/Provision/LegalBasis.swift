// The duty a piece of provision is made under; it decides how enforceable it is and where it sits in an EHC plan.

/// The legal basis of a provision.
public enum LegalBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// Chronically Sick and Disabled Persons Act 1970 s2: a specific, enforceable duty. EHC section H1.
    case csdpaSection2 = "csdpa-s2"
    /// Children Act 1989 s17 services. EHC section H2.
    case section17 = "s17"
    /// s17 support following a parent carer needs assessment (s17ZD–ZF).
    case section17ZDLinked = "s17zd-linked"
    /// An overnight short break under s20 within Care Planning Regulations 2010 reg 48 (17 nights a stay,
    /// 75 in 12 months, same carer).
    case section20Reg48ShortBreak = "s20-reg48"
    /// Full s20 accommodation: the child is looked after.
    case section20 = "s20"
    /// A direct payment instead of services (s17A).
    case directPayment = "direct-payment"

    /// The EHC plan section this provision belongs in when written into a plan.
    public var ehcSection: EHCSection { self == .csdpaSection2 ? .h1 : .h2 }

    public var title: String {
        switch self {
        case .csdpaSection2: "CSDPA 1970 s2 (EHC H1)"
        case .section17: "Children Act 1989 s17 (EHC H2)"
        case .section17ZDLinked: "s17 support after a parent carer assessment (s17ZD)"
        case .section20Reg48ShortBreak: "s20 short break under reg 48"
        case .section20: "s20 accommodation"
        case .directPayment: "direct payment (s17A)"
        }
    }
}

/// The social care sections of an EHC plan.
public enum EHCSection: String, Sendable, Hashable, Codable {
    /// Social care provision under CSDPA 1970 s2.
    case h1 = "H1"
    /// Other social care provision.
    case h2 = "H2"
}
