// The council's settings for when provision counts as behind.

/// How much leeway delivery has before it shows as unmet need.
public struct UnmetNeedPolicy: Sendable, Hashable, Codable {
    /// The fraction of units due that may be missing before a provision shows as behind (0.1 = 10%).
    public var tolerance: Double
    /// Deliveries are recorded after the event (a week's hours at the end of the week), so units due in the
    /// last few days are not yet counted.
    public var recordingLagDays: Int

    public init(tolerance: Double = 0.1, recordingLagDays: Int = 7) {
        precondition((0...1).contains(tolerance), "tolerance is a fraction between 0 and 1, given \(tolerance)")
        precondition(recordingLagDays >= 0, "recording lag cannot be negative")
        self.tolerance = tolerance
        self.recordingLagDays = recordingLagDays
    }

    public static let standard = UnmetNeedPolicy()
}
