// How dates, amounts and codes read on a page: "5 February 2026", not "2026-02-05".
import Casework
import Foundation

extension CalendarDate {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "5 February 2026", the GOV.UK style.
    var long: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }
    /// "Feb 2026", for a chart's axis.
    var monthLabel: String { "\(Self.monthNames[month - 1].prefix(3)) \(year)" }
}

enum Formatting {
    /// A number without a needless ".0".
    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// "14:05", UK time, for "figures as of".
    static func time(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: instant)
    }

    /// A routing reason for a family: the words without the rule reference practitioners use.
    static func plainReason(_ reason: String) -> String {
        guard reason.hasSuffix(")"), let open = reason.range(of: " (rule ", options: .backwards) ?? reason.range(of: " (table ", options: .backwards) else {
            return reason
        }
        return String(reason[..<open.lowerBound])
    }

    static func words(_ code: String) -> String {
        code.replacingOccurrences(of: "-", with: " ")
    }
}
