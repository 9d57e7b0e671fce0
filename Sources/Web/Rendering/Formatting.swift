// How dates, amounts and codes read on a page: "5 February 2026", not "2026-02-05".
import Casework
import Foundation

extension CalendarDate {
    /// "Feb 2026", for a chart's axis.
    var monthLabel: String { "\(Self.monthNames[month - 1].prefix(3)) \(year)" }
}

enum Formatting {
    /// A request's urgency as staff read it in a list: nil for a routine one, so only the urgent stand out.
    static func urgency(_ urgency: Urgency) -> String? {
        switch urgency {
        case .sameDay: "Same day: family in crisis"
        case .urgent: "Urgent: this week"
        case .routine: nil
        }
    }

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

    /// "4 December 2026 at 14:05", UK time.
    static func dateTime(_ instant: Date) -> String {
        "\(CalendarDate(instant).long) at \(time(instant))"
    }

    /// A routing reason for a family: the words without the rule reference practitioners use.
    static func plainReason(_ reason: String) -> String {
        guard reason.hasSuffix(")"), let open = reason.range(of: " (rule ", options: .backwards) ?? reason.range(of: " (table ", options: .backwards) else {
            return reason
        }
        return String(reason[..<open.lowerBound])
    }

    /// A team as a sentence names it after "our": "our disabled children’s team".
    static func teamName(_ team: Team) -> String {
        team == .disabledChildren ? "disabled children’s" : words(team.rawValue)
    }

    static func words(_ code: String) -> String {
        code.replacingOccurrences(of: "-", with: " ")
    }

    /// An assessment's status as practitioners read it: "In progress", not "in-progress".
    static func status(_ status: AssessmentStatus) -> String {
        status.words.capitalizedFirst
    }

    /// An assessment's status as the family reads it, from their side of it.
    static func familyStatus(_ status: AssessmentStatus, reportShown: Bool) -> String {
        switch status {
        case .requested: "Not started yet"
        case .offered: "Offered to you: tell your assessor if you want it"
        case .accepted: "You accepted it: it will start soon"
        case .declined: "You said no to it"
        case .inProgress: "In progress"
        case .completed: reportShown ? "Finished: you can read it below" : "Finished"
        case .authorised: reportShown ? "Finished and signed off by a manager: you can read it below" : "Finished and signed off by a manager"
        }
    }

    /// "Missed: 26 hours in January 2026, 24 hours in February 2026": the counted shortfall month by month.
    static func missedByMonth(_ item: UnmetNeed) -> String {
        guard !item.missedByMonth.isEmpty else { return "" }
        let thing = item.unit?.countedThing ?? "units"
        return "Missed: " + item.missedByMonth.map { "\(number($0.units)) \(thing) in \(CalendarDate.monthNames[$0.month.month - 1]) \($0.month.year)" }
            .joined(separator: ", ")
    }

    /// "no provider found 20 hours; cancelled by the family 6 hours (not counted)": each cause with units missed.
    static func causes(_ item: UnmetNeed) -> String {
        guard let missed = item.missed else { return "" }
        let thing = item.unit?.countedThing ?? "units"
        return ShortfallCause.allCases.filter { missed[$0] >= 0.05 }.map { cause in
            "\(cause.title.capitalizedFirst) \(number((missed[cause] * 10).rounded() / 10)) \(thing)\(cause.isCounted ? "" : " (not counted)")"
        }.joined(separator: "; ")
    }

    /// The tolerance line a manager sees beside the figures it can hide.
    static func toleranceLine(_ policy: UnmetNeedPolicy) -> String {
        let h2 = policy.h2Tolerance == 0
            ? "none for other provision (H2) either"
            : "up to \(number(policy.h2Tolerance * 100))% of what was due for other provision (H2), set by the council"
        return "Missed provision is counted from when it should have started (\(policy.arrangeWithinDays) days after the need was assessed), period by period. Tolerance: none for provision under CSDPA 1970 s2 (EHC H1), where any missed hour is a breach; \(h2). Cancellations by the family, or because the child was unwell, are shown but never counted."
    }
}
