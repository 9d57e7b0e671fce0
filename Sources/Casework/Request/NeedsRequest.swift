// A needs request as the family sent it: the form it was made with and the answers, kept as given.

/// A submitted needs request. It keeps the form id and version it was made with, so it stays readable after
/// the form changes, and the answers exactly as checked at the time.
public struct NeedsRequest: Sendable, Hashable, Codable {
    public let formID: String
    public let formVersion: Int
    /// Day 0 of the statutory clocks.
    public let receivedOn: CalendarDate
    public let submittedBy: ActingUser
    /// CIN census referral source (1A a family member or carer, 2A school, 3A GP, ...).
    public let referralSource: String
    /// Answers by field id.
    public let answers: [String: SubmittedAnswer]

    public init(
        formID: String, formVersion: Int, receivedOn: CalendarDate, submittedBy: ActingUser,
        referralSource: String, answers: [String: SubmittedAnswer]
    ) {
        precondition(!formID.isEmpty && formVersion > 0, "a request records the form and version it was made with")
        self.formID = formID
        self.formVersion = formVersion
        self.receivedOn = receivedOn
        self.submittedBy = submittedBy
        self.referralSource = referralSource
        self.answers = answers
    }
}

/// One checked answer in a stored request. It mirrors the Forms module's `Answer` without depending on the
/// expression language, so a stored request can be read by any later version of Heeded.
public indirect enum SubmittedAnswer: Sendable, Hashable, Codable {
    case text(String)
    case yesNo(Bool)
    case choice(String)
    case choices([String])
    /// A number as written (decimal text, so nothing is lost to binary floating point).
    case number(String)
    case date(CalendarDate)
    case items([[String: SubmittedAnswer]])
}
