// The council's settings for when provision counts as behind.

/// How much leeway delivery has before it shows as unmet need.
///
/// None for provision under CSDPA 1970 s2 (EHC section H1): once the council has decided a service is necessary,
/// the duty to provide it is specific and enforceable, so any shortfall is a breach. A council may set a tolerance for
/// other provision (EHC section H2); it is shown on the manager's page beside the figures it hides.
public struct UnmetNeedPolicy: Sendable, Hashable, Codable {
    /// For provision other than CSDPA s2: the fraction of units due that may be missed before a provision shows as
    /// behind (0.1 = 10%). 0 by default.
    public var h2Tolerance: Double
    /// Deliveries are recorded after the event (a week's hours at the end of the week), so units due in the
    /// last few days are not yet counted.
    public var recordingLagDays: Int
    /// How long the council allows to arrange provision once a need is assessed: from then on, provision that has
    /// not started is missed, waiting to start. 28 days (a local standard; Heeded's assumption, shown on the page).
    public var arrangeWithinDays: Int

    public init(h2Tolerance: Double = 0, recordingLagDays: Int = 7, arrangeWithinDays: Int = 28) {
        precondition((0...1).contains(h2Tolerance), "tolerance is a fraction between 0 and 1, given \(h2Tolerance)")
        precondition(recordingLagDays >= 0, "recording lag cannot be negative")
        precondition(arrangeWithinDays >= 0, "the time to arrange provision cannot be negative")
        self.h2Tolerance = h2Tolerance
        self.recordingLagDays = recordingLagDays
        self.arrangeWithinDays = arrangeWithinDays
    }

    /// The tolerance for provision under a duty: none for CSDPA s2 (H1).
    public func tolerance(for basis: LegalBasis) -> Double {
        basis.ehcSection == .h1 ? 0 : h2Tolerance
    }

    public static let standard = UnmetNeedPolicy()
}
