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
                day after its provision ended), or when the units delivered are behind those due to date by more \
                than the tolerance. Units due are counted pro rata from the start date up to --as-of less the \
                recording lag (a week by default, since deliveries are logged after the event). "Since" is the \
                first day of provision the delivered units do not cover. Longest-waiting first.
                """
        )

        @OptionGroup var data: DataDirectoryOption
        @Option(help: "Only this team (disabled-children, assessment-and-intervention, early-help).") var team: String?
        @Option(help: "table, csv or json.") var format: ReportFormat = .table
        @Option(name: .customLong("as-of"), help: "The date to report on (YYYY-MM-DD; default today).") var asOf: String?
        @Option(help: "The fraction of units due that may be missing before provision counts as behind.") var tolerance: Double = 0.1
        @Option(name: .customLong("recording-lag"), help: "Days of delivery not yet expected to be recorded.") var recordingLag: Int = 7

        func validate() throws {
            guard (0...1).contains(tolerance) else { throw ValidationError("--tolerance is a fraction from 0 to 1, e.g. 0.1 for 10%") }
            guard recordingLag >= 0 else { throw ValidationError("--recording-lag cannot be negative") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, not \"\(asOf)\"") }
            if team == "" { throw ValidationError("--team needs a team code") }
        }

        func run() async throws {
            let store = try data.openExistingStore()
            let date = asOf.flatMap { CalendarDate(iso: $0) } ?? CalendarDate(Date())
            let inputs = try await store.unmetNeedInputs(team: team.map { Team(rawValue: $0) })
            let unmet = UnmetNeed.assessedButUnmet(inputs, asOf: date, policy: UnmetNeedPolicy(tolerance: tolerance, recordingLagDays: recordingLag))
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
            let overdue = OverdueWork.find(inputs, asOf: date)
            await ReportOutput.write(overdue, format: format, columns: ReportOutput.overdueColumns)
            printError("\(overdue.count) overdue items across \(inputs.cases.count) cases, as of \(date)")
        }
    }
}

/// How a report is printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
