// How many needs requests one parent account may send in an hour.
import Casework
import Foundation

/// A fixed hourly allowance per account for sending needs requests, on the pages and through the API together.
///
/// A family sends one request at a time, so a few an hour is generous; a script sending thousands from one account
/// is stopped at the allowance and told when it may send again. The count is kept in this server's memory: with
/// several servers behind a load balancer each allows its own, which still bounds one account to a small multiple.
actor SubmissionLimit {
    private let perHour: Int?
    private struct Window {
        let start: Date
        var count: Int
    }
    private var windows: [Account.ID: Window] = [:]

    /// `perHour` nil: no limit (for benchmarks that send thousands of requests from one account).
    init(perHour: Int?) { self.perHour = perHour }

    /// Counts one request; false when the account has used its allowance for the current hour.
    func admit(_ account: Account.ID, at now: Date) -> Bool {
        guard let perHour else { return true }
        if windows.count > 10_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < 3600 } }
        var window = windows[account].flatMap { now.timeIntervalSince($0.start) < 3600 ? $0 : nil } ?? Window(start: now, count: 0)
        guard window.count < perHour else { return false }
        window.count += 1
        windows[account] = window
        return true
    }
}
