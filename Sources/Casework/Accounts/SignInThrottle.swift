// How many failed sign-ins are allowed before an account or an address has to wait.
import Foundation

/// Limits password guessing. Failures are counted over a sliding window, per account (so one account cannot be
/// guessed at from many addresses) and per address (so one address cannot try many accounts).
public struct SignInThrottle: Sendable, Hashable {
    public var window: TimeInterval
    public var perAccount: Int
    public var perAddress: Int

    public init(window: TimeInterval = 15 * 60, perAccount: Int = 5, perAddress: Int = 20) {
        precondition(window > 0 && perAccount > 0 && perAddress > 0, "a throttle needs a window and limits")
        self.window = window
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    public static let standard = SignInThrottle()

    /// Whether another attempt may be made, given the failures in the window.
    public func allows(accountFailures: Int, addressFailures: Int) -> Bool {
        accountFailures < perAccount && addressFailures < perAddress
    }
}
