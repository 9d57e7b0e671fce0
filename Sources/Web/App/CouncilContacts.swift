// The council's telephone numbers for a family who needs help today: set by the council, shown wherever a page
// tells a family to call.

/// The numbers a family in crisis is told to call. They come from the council's configuration (`heeded serve
/// --duty-phone --out-of-hours-phone`); a number the council has not set is never invented: the page says where
/// to find it instead.
public struct CouncilContacts: Sendable, Hashable {
    /// The children's duty team, in working hours.
    public var dutyPhone: String?
    /// When the duty team answers ("Monday to Friday, 9am to 5pm").
    public var dutyHours: String
    /// The emergency duty team, outside the duty team's hours.
    public var outOfHoursPhone: String?

    public init(dutyPhone: String? = nil, dutyHours: String = "Monday to Friday, 9am to 5pm", outOfHoursPhone: String? = nil) {
        self.dutyPhone = dutyPhone.flatMap(Self.cleaned)
        self.dutyHours = dutyHours
        self.outOfHoursPhone = outOfHoursPhone.flatMap(Self.cleaned)
    }

    /// What the pages say when the council has set no numbers.
    public static let unset = CouncilContacts()

    /// Invented numbers for the demonstration: Ofcom keeps 01632 960000 to 960999 for drama, so nobody real is rung.
    public static let demonstration = CouncilContacts(dutyPhone: "01632 960000", outOfHoursPhone: "01632 960001")

    private static func cleaned(_ number: String) -> String? {
        let trimmed = number.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// The lines of the "help today" box, as a page shows them.
struct ContactLines {
    let duty: String
    let outOfHours: String
    let emergency = "If anyone is in danger right now, call 999."

    init(_ contacts: CouncilContacts) {
        duty = contacts.dutyPhone.map { "Children’s duty team: \($0) (\(contacts.dutyHours))." }
            ?? "Children’s duty team: the number is on your council’s website, under children’s social care (\(contacts.dutyHours))."
        outOfHours = contacts.outOfHoursPhone.map { "Out of hours, the emergency duty team: \($0)." }
            ?? "Out of hours: your council’s emergency duty team (the number is on your council’s website)."
    }
}
