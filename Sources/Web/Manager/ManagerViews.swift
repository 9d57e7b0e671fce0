// The views of the manager's pages.
import Casework

struct SelectOption {
    let value: String
    let label: String
    let selected: Bool
}

struct ManagerOverview {
    let waitingCount: String
    /// Families who said they are in crisis, waiting for a decision today.
    let sameDayNotice: String?
    let unmetCount: Int
    let noProvision: Int
    let team: String
}

struct DecisionsView {
    let rows: [Row]

    struct Row {
        let childName: String
        let reference: String
        let team: String
        let receivedOn: String
        /// "Same day: family in crisis" or "Urgent: this week"; nil for a routine request.
        let urgency: String?
        let sameDay: Bool
        let href: String
    }
}

struct DecisionView {
    let childName: String
    let reference: String
    let caseHref: String
    let reasons: [String]
    let undecided: Bool
    let recommendation: String
    /// What the rules said again on the triaged facts, once triaged.
    let triageReasons: [String]
    let triageRecommendation: String?
    let existing: String?
    let triageHref: String
}

struct UnmetView {
    let total: Int
    let asOf: String
    /// When the figures were worked out (they are kept until the records change).
    let computedAt: String
    /// What the filters keep, which every figure on the page counts (the chart's too); nil for everything.
    let filterLine: String?
    let rows: [Row]
    let teams: [SelectOption]
    let services: [SelectOption]
    let disabilities: [SelectOption]
    let longestFirst: Bool
    let sortHref: String
    let csvHref: String
    let previousHref: String?
    let nextHref: String?
    let pageLine: String
    let toleranceLine: String
    /// Server-made SVG of numbers only (see `TrendChart`); rendered unescaped.
    let chart: String
    let trend: [TrendRow]

    struct Row {
        let reference: String
        let childName: String
        let href: String
        let team: String
        let area: String
        let what: String
        let since: String
        let days: Int
        let reason: String
        let missedByMonth: String
        let causes: String

        init(_ item: UnmetNeed) {
            reference = item.caseReference
            childName = item.childName
            href = "/cases/\(item.caseID)"
            team = Formatting.words(item.team.rawValue)
            area = item.area.title.capitalizedFirst
            if item.kind == .noProvision {
                what = "No provision agreed"
            } else {
                what = "\(Formatting.words(item.service?.rawValue ?? "provision").capitalizedFirst): \(Formatting.number(item.shortfall ?? 0)) \(item.unit?.countedThing ?? "units") missed"
            }
            since = item.unmetSince.long
            days = item.daysUnmet
            reason = item.reason
            missedByMonth = Formatting.missedByMonth(item)
            causes = Formatting.causes(item)
        }
    }

    struct TrendRow {
        let month: String
        let noProvision: Int
        let behind: Int
        let total: Int
    }
}

struct OverdueView {
    /// "1 piece of work is past its deadline".
    let total: String
    let teams: [SelectOption]
    let rows: [Row]
    let truncated: Bool

    struct Row {
        let reference: String
        let childName: String
        let href: String
        let team: String
        let what: String
        let due: String
        let overdue: Int
    }
}
