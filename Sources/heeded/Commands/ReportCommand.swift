// `heeded report`: the manager's lists of unmet need and overdue work, as a table, CSV or JSON.
import ArgumentParser
import Casework
import Foundation
import Store

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Lists a team manager acts on.",
        subcommands: [Unmet.self, Overdue.self]
    )

    struct Unmet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every assessed need not being met: no provision, or provision behind on delivery.",
            discussion: """
                A need is unmet when nothing in force or agreed meets it (from the day it was identified, or the \
                day after its provision ended), or when its provision missed units it owed. Units are due from when \
                provision should have started (--arrange-within days after its need was assessed, if that is before \
                the agreed start), \
                pro rata to the agreed amount, period by period, up to --as-of less the recording lag (a week by \
                default, since deliveries are logged after the event); days no record covers count as missed. \
                Provision under CSDPA s2 (EHC H1) is behind at any missed unit; other provision (H2) after more than \
                --h2-tolerance of what was due. Cancellations by the family, or because the child was unwell, are \
                shown by cause but not counted. "Since" is the first day of the first period with units missed. \
                Longest-waiting first.
                """
        )

        @OptionGroup var data: DataDirectoryOption
        @Option(help: "Only this team (disabled-children, assessment-and-intervention, early-help).") var team: String?
        @Option(help: "table, csv or json.") var format: ReportFormat = .table
        @Option(name: .customLong("as-of"), help: "The date to report on (YYYY-MM-DD; default today).") var asOf: String?
        @Option(name: .customLong("h2-tolerance"), help: "For provision other than CSDPA s2 (H2): the fraction of units due that may be missed before it counts as behind (none is allowed for H1).")
        var h2Tolerance: Double = 0
        @Option(name: .customLong("recording-lag"), help: "Days of delivery not yet expected to be recorded.") var recordingLag: Int = 7
        @Option(name: .customLong("arrange-within"), help: "Days the council allows to arrange provision once a need is assessed.") var arrangeWithin: Int = 28

        func validate() throws {
            guard (0...1).contains(h2Tolerance) else { throw ValidationError("--h2-tolerance is a fraction from 0 to 1, e.g. 0.1 for 10%") }
            guard recordingLag >= 0 else { throw ValidationError("--recording-lag cannot be negative") }
            guard arrangeWithin >= 0 else { throw ValidationError("--arrange-within cannot be negative") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, not \"\(asOf)\"") }
            if team == "" { throw ValidationError("--team needs a team code") }
        }

        func run() async throws {
            let store = try data.openExistingStore()
            let date = asOf.flatMap { CalendarDate(iso: $0) } ?? CalendarDate(Date())
            let measure = DeliveryMeasure(asOf: date, policy: UnmetNeedPolicy(h2Tolerance: h2Tolerance, recordingLagDays: recordingLag, arrangeWithinDays: arrangeWithin))
            let inputs = try await store.unmetNeedInputs(team: team.map { Team(rawValue: $0) }, measure: measure)
            let unmet = UnmetNeed.assessedButUnmet(inputs, measure: measure)
            let noProvision = unmet.lazy.filter { $0.kind == .noProvision }.count
            await ReportOutput.write(unmet, format: format, columns: ReportOutput.unmetColumns)
            printError("\(unmet.count) unmet (\(noProvision) needs with no provision, \(unmet.count - noProvision) provisions behind on delivery) "
                + "across \(inputs.cases.count) cases, \(inputs.needs.count) needs, \(inputs.provisions.count) provisions, as of \(date)")
        }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work past its deadline: assessments, EHC advice, parent carer assessments never offered, reviews.",
            discussion: """
                Assessments still open after their deadline (45 working days for child in need and carers' \
                assessments, 15 for a s47 enquiry to its conference); parent carer assessments requested but not \
                offered within 5 working days; EHC social care advice not sent 6 weeks after the request; reviews \
                not held by their due date. Most overdue first, in working days.
                """
        )

        @OptionGroup var data: DataDirectoryOption
        @Option(help: "Only this team.") var team: String?
        @Option(help: "table, csv or json.") var format: ReportFormat = .table
        @Option(name: .customLong("as-of"), help: "The date to report on (YYYY-MM-DD; default today).") var asOf: String?

        func validate() throws {
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, not \"\(asOf)\"") }
            if team == "" { throw ValidationError("--team needs a team code") }
        }

        func run() async throws {
            let store = try data.openExistingStore()
            let date = asOf.flatMap { CalendarDate(iso: $0) } ?? CalendarDate(Date())
            let inputs = try await store.overdueInputs(team: team.map { Team(rawValue: $0) })
            let overdue = OverdueWork.find(inputs, asOf: date, calendar: .englandAndWales)
            await ReportOutput.write(overdue, format: format, columns: ReportOutput.overdueColumns)
            printError("\(overdue.count) overdue items across \(inputs.cases.count) cases, as of \(date)")
        }
    }
}

/// How a report is printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
