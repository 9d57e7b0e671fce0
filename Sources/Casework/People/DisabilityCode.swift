// The Children in Need census disability codes: the areas of life an impairment affects.

/// A CIN census disability code. A code needs no diagnosis; `none` may only stand alone.
public enum DisabilityCode: String, Sendable, Hashable, Codable, CaseIterable {
    case mobility = "MOB"
    case handFunction = "HAND"
    case personalCare = "PC"
    case continence = "INC"
    case communication = "COMM"
    case learning = "LD"
    case hearing = "HEAR"
    case vision = "VIS"
    case behaviour = "BEH"
    case consciousness = "CON"
    case autism = "AUT"
    case other = "DDA"
    case none = "NONE"
}
