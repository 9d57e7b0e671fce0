// A child's record as practitioners see it: the request, the routing and its reasons, and every record with its actions.
import Casework
import Forms

struct StaffCaseView {
    let caseID: String
    let reference: String
    let childName: String
    let dateOfBirth: String
    let disabilities: String
    let team: String
    let carers: [String]
    let youngCarers: String
    let undecided: Bool
    /// How soon the family needs a response, when it is sooner than routine.
    let urgency: String?
    /// The family said they are in crisis and nobody has decided yet: what must happen today.
    let sameDayNotice: String?
    let recommendation: String
    let reasons: [String]
    let managerDecision: String?
    let isManager: Bool
    let decisionHref: String
    let requestSections: [SummarySection]
    let assessments: [AssessmentRow]
    let ehcHref: String
    let ehcDraftNote: String?
    let needs: [NeedRow]
    let provisions: [ProvisionRow]
    let unmet: [FamilyCaseView.UnmetLine]
    let reports: [ReportRow]
    let missed: [FamilyCaseView.MissedLine]
    let addNeedHref: String
    let addProvisionHref: String
    let csrfToken: String
    /// What was just done, said back ("Sent: the family can now read it").
    var notice: String?

    static func draftNote(_ draft: DraftInProgress) -> String {
        "Being written: a draft saved by \(draft.ownerEmail) on \(CalendarDate(draft.updatedAt).long)"
    }

    /// The notices a page shows after an action, by the code the action redirects with.
    static let notices = [
        "sent": "Sent. It is on the record below, and the family can now read it.",
        "need": "The need is recorded.",
        "provision": "The provision is agreed and recorded.",
        "delivery": "The delivery is recorded.",
    ]

    struct AssessmentRow {
        /// "Being written: a draft saved by … on …", so nobody starts the same assessment again.
        let draftNote: String?
        let title: String
        let subject: String
        let hasSubject: Bool
        let status: String
        let deadline: String
        let overdue: Bool
        let holder: String
        let hasForm: Bool
        let formHref: String
        /// The sent report, once there is one, and where to revise it.
        let sentHref: String?
        let reviseHref: String?
        let moves: [SelectOption]
        let hasMoves: Bool
        let statusAction: String
        let canAllocate: Bool
        let allocateAction: String
        let assessorOptions: [SelectOption]
        let selectID: String
    }

    struct NeedRow {
        let area: String
        let description: String
        let parentView: String
        let assessorView: String
        let provisionHref: String
    }

    struct ProvisionRow {
        /// The same lines and totals the family reads.
        let line: FamilyCaseView.ProvisionLine
        let deliveryHref: String
    }

    struct ReportRow {
        let id: String
        let title: String
        let submittedOn: String
        let author: String
        let sections: [SummarySection]
        let comments: [FamilyCaseView.CommentLine]
        let revisionNote: String?
        let replacedNote: String?
        let reviseHref: String?
    }

    init(
        record: CaseRecord, reports: [CaseReport], comments: [FamilyComment], missed: [MissedSessionReport], account: Account, assessors: [String],
        drafts: [DraftInProgress], services: WebServices, csrf: String
    ) {
        let file = record.file
        let id = file.id.description
        caseID = id
        reference = file.reference
        childName = file.child.fullName
        dateOfBirth = file.child.dateOfBirth.long
        disabilities = file.child.disabilities.isEmpty ? "None recorded" : file.child.disabilities.map(\.rawValue).joined(separator: ", ")
        team = Formatting.words(file.team.rawValue)
        carers = file.family.carers.map { "\($0.name) (\(Formatting.words($0.relationship)))\($0.hasParentalResponsibility ? ", parental responsibility" : "")\($0.isAdult ? "" : ", under 18")" }
        youngCarers = file.family.youngCarers.isEmpty ? "None" : file.family.youngCarers.joined(separator: ", ")
        undecided = file.outcome == nil
        urgency = Formatting.urgency(file.urgency)
        sameDayNotice = file.urgency == .sameDay && file.managerDecision == nil
            ? "The family said on \(file.openedOn.long) that they are in crisis, and were told a person would read this request that day. Read it, contact the family and decide today."
            : nil
        recommendation = file.currentRouting.outcome.map(ManagerRoutes.describe) ?? "The rules could not decide: a manager must."
        reasons = file.currentRouting.reasons
        managerDecision = file.managerDecision.map {
            "\($0.kind.rawValue.capitalizedFirst) by \($0.manager.id) on \($0.decidedOn.long): \(ManagerRoutes.describe($0.outcome))\($0.reason.map { ". Reason: \($0)" } ?? "")"
        }
        isManager = ActingUser.Role.managers.contains(account.role)
        decisionHref = "/cases/\(id)/decision"
        requestSections = services.library.form(file.request.formID, version: file.request.formVersion).map {
            AnswerDisplay.sections(file.request.answers, form: $0, library: services.library, changeLink: nil)
        } ?? []
        let today = services.today
        let isManager = self.isManager
        let latestReports = reports.filter { ReportNotes($0, among: reports).isLatest }
        assessments = record.assessments.map { assessment in
            let moves = assessment.status.next.filter { $0 != .authorised || isManager }.sorted { $0.rawValue < $1.rawValue }
            let sent = latestReports.last { $0.assessmentID == assessment.id }
            let draft = drafts.first { $0.purpose == "assessment/\(assessment.id)" }
            return AssessmentRow(
                draftNote: assessment.status.isOpen ? draft.map(Self.draftNote) : nil,
                title: assessment.kind.title.capitalizedFirst, subject: assessment.subject ?? "", hasSubject: !(assessment.subject ?? "").isEmpty, status: Formatting.status(assessment.status),
                deadline: assessment.deadline.date.long, overdue: assessment.status.isOpen && assessment.deadline.date < today,
                holder: assessment.assessor.map { "Held by \($0)" } ?? "Not allocated to anyone yet",
                hasForm: AssessorRoutes.formIDs[assessment.kind] != nil && assessment.status.isOpen, formHref: "/cases/\(id)/assessments/\(assessment.id)/form",
                sentHref: sent.map { "#report-\($0.id)" }, reviseHref: sent.map { "/cases/\(id)/reports/\($0.id)/revision" },
                moves: moves.map { SelectOption(value: $0.rawValue, label: Formatting.words($0.rawValue), selected: false) }, hasMoves: !moves.isEmpty,
                statusAction: "/cases/\(id)/assessments/\(assessment.id)/status",
                canAllocate: isManager, allocateAction: "/cases/\(id)/assessments/\(assessment.id)/allocate",
                assessorOptions: assessors.map { SelectOption(value: $0, label: $0, selected: $0 == assessment.assessor) },
                selectID: "allocate-\(assessment.id)")
        }
        ehcHref = "/cases/\(id)/ehc-advice"
        ehcDraftNote = drafts.first { $0.purpose == "ehc-advice/\(id)" }.map(Self.draftNote)
        needs = record.needs.map {
            NeedRow(area: $0.area.title.capitalizedFirst, description: $0.description, parentView: $0.parentView, assessorView: $0.assessorView,
                    provisionHref: "/cases/\(id)/provision/new?need=\($0.id)")
        }
        provisions = record.provisionStatements.map { statement in
            ProvisionRow(line: FamilyCaseView.ProvisionLine(statement), deliveryHref: "/cases/\(id)/provision/\(statement.provision.id)/deliveries/new")
        }
        let measure = DeliveryMeasure(asOf: today, policy: services.configuration.unmetPolicy)
        unmet = UnmetNeed.assessedButUnmet(UnmetNeedInputs(record: record, measure: measure), measure: measure).map(FamilyCaseView.UnmetLine.init)
        let commentsByReport = Dictionary(grouping: comments, by: \.reportID)
        self.reports = reports.map { report in
            let notes = ReportNotes(report, among: reports)
            return ReportRow(
                id: report.id.description, title: report.title, submittedOn: report.submittedOn.long, author: report.author.id,
                sections: services.library.form(report.formID, version: report.formVersion).map {
                    AnswerDisplay.sections(report.answers, form: $0, library: services.library, changeLink: nil)
                } ?? [],
                comments: (commentsByReport[report.id] ?? []).map { FamilyCaseView.CommentLine(text: $0.text, writtenOn: $0.writtenOn.long) },
                revisionNote: notes.revision, replacedNote: notes.replaced, reviseHref: notes.isLatest ? "/cases/\(id)/reports/\(report.id)/revision" : nil)
        }
        self.missed = missed.map { FamilyCaseView.MissedLine(date: $0.sessionDate.long, whatHappened: $0.whatHappened, reportedOn: $0.reportedOn.long) }
        addNeedHref = "/cases/\(id)/needs/new"
        addProvisionHref = "/cases/\(id)/provision/new"
        csrfToken = csrf
    }
}
