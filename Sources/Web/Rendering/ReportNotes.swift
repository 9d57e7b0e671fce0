// What a report's place in its revisions says on a page: "revised because…", or "replaced by a revision".
import Casework

/// How one report stands among the case's reports, said the same way to the family and to practitioners.
struct ReportNotes {
    /// Why this version was written, when it revises an earlier one.
    let revision: String?
    /// That a later version replaces this one, which stays on the record.
    let replaced: String?

    var isLatest: Bool { replaced == nil }

    init(_ report: CaseReport, among reports: [CaseReport]) {
        let earlier = report.revision.flatMap { revision in reports.first { $0.id == revision.revises } }
        revision = report.revision.map { revision in
            "This revises the version sent on \(earlier?.submittedOn.long ?? "an earlier day"). Why it was changed: \(revision.reason)"
        }
        replaced = reports.last { $0.revision?.revises == report.id }.map {
            "Replaced on \($0.submittedOn.long) by a revised version. It is kept so the record of what was sent stays true."
        }
    }
}
