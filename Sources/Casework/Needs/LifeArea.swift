// The areas of a child's life that needs are recorded in (F2 developmental domains, F4 section D domains).
import Foundation

/// An area of the child's (or family's) life. Every need sits in exactly one.
public enum LifeArea: String, Sendable, Hashable, Codable, CaseIterable {
    case healthAndClinicalCare = "health-and-clinical-care"
    case communication
    case mobility
    case handFunction = "hand-function"
    case personalCare = "personal-care"
    case continence
    case sleepAndNightTimeCare = "sleep-and-night-time-care"
    case behaviourAndEmotionalWellbeing = "behaviour-and-emotional-wellbeing"
    case safetyAndSupervision = "safety-and-supervision"
    case learningAndEducation = "learning-and-education"
    case identityAndSocialPresentation = "identity-and-social-presentation"
    case familyAndSocialRelationships = "family-and-social-relationships"
    case leisureAndCommunity = "leisure-and-community"
    case selfCareAndIndependence = "self-care-and-independence"
    case parentCarerSupport = "parent-carer-support"
    case homeEnvironmentAndEquipment = "home-environment-and-equipment"
    case other

    /// Plain words for a page or report.
    public var title: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}
