// How a form's answers become the request facts that the routing rules read.
import FEEL
import HeededXML

/// One request fact computed from a form's answers.
public struct Binding: Sendable {
    /// A key of the request-facts contract, such as `child.age_years`.
    public let fact: String
    public let expression: FormExpression
}

/// The request facts a binding may name: the keys of shared/contracts/request-facts.md.
public enum RequestFactKeys {
    public static let all: [String] = [
        "child.age_years", "child.disability_codes", "child.diagnosis_status",
        "requester.relationship", "requester.parental_responsibility", "requester.adult",
        "referral_source", "requests",
        "parent_carer.assessment_requested", "parent_carer.strain_count",
        "parent_disability_or_illness", "young_carers", "concerns",
        // Version 2 of the contract (each optional; a binding that gives null leaves the contract's default).
        "child.independently_mobile", "child.disability_dominant", "parent_carer.parental_responsibility", "parent_carer.adult",
        "young_carers_for_others", "previous_referrals",
    ]

    /// Names a binding expression may read besides the form's fields.
    public static let systemVariables: Set<String> = ["received_date"]
}
