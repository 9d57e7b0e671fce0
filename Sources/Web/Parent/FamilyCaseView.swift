// A child's record as the family sees it: why it was routed, what is due when, needs, provision, what is behind.
import Casework
import Forms

/// The family's view of one case. What is behind comes from `UnmetNeed.assessedButUnmet`, the same function the
/// manager's report uses, run over this child's record alone.
struct FamilyCaseView {
    let reference: String
    let childName: String
    let openedOn: String
    let undecided: Bool
    let team: String
    let reasons: [String]
    /// A manager changed the rules' recommendation: the reasons listed are what the rules said before.
    let overridden: Bool
    let managerNote: String?
    let assessments: [AssessmentLine]
    let hasAssessments: Bool
    /// The child's needs.
    let needs: [NeedLine]
    /// The parent carer's own needs for support, from their assessment.
    let carerNeeds: [String]
    let provisions: [ProvisionLine]
    let unmet: [UnmetLine]
    var reports: [ReportView]
    let missed: [MissedLine]
    let missedHref: String
    let csrfToken: String
    let received: Bool
    /// The family said they are in crisis: what happens today, shown first.
    let sameDay: String?
    /// Who will contact the family, how and by when.
    let nextSteps: String
    /// What the family just did, said back to them ("Your comment was added").
    var notice: String?
    var commentError: CommentError?
    var errors: [ErrorLink] = []

    struct AssessmentLine {
        let title: String
        let subject: String?
        /// What this is and why, where the title alone would alarm or mislead (a section 47 enquiry).
        let explanation: String?
        let status: String
        let due: String
        let dueRule: String
    }

    struct NeedLine {
        let area: String
        let description: String
        /// Nil until the family's view is written down.
        let parentView: String?
        let assessorView: String
    }

    /// A provision and every delivery recorded against it, with the totals, from `CaseRecord.provisionStatements`:
    /// the family's page and staff's show the same lines.
    struct ProvisionLine {
        let description: String
        let amount: String
        /// Nil while no provider has been found.
        let provider: String?
        let legalBasis: String
        let period: String
        let deliveries: [DeliveryLine]
        let plannedTotal: String
        let deliveredTotal: String

        init(_ statement: ProvisionStatement) {
            let provision = statement.provision
            description = provision.description
            amount = provision.amount.words.capitalizedFirst
            provider = provision.provider
            legalBasis = provision.legalBasis.title
            period = "From \(provision.startDate.long)" + (provision.endDate.map { " to \($0.long)" } ?? "")
            deliveries = statement.deliveries.map { delivery in
                DeliveryLine(
                    period: "\(delivery.periodStart.long) to \(delivery.periodEnd.long)", planned: Formatting.number(delivery.plannedUnits),
                    delivered: Formatting.number(delivery.deliveredUnits), reason: delivery.reason?.title.capitalizedFirst)
            }
            plannedTotal = Formatting.number(statement.totals.plannedUnits)
            deliveredTotal = Formatting.number(statement.totals.deliveredUnits)
        }
    }

    struct DeliveryLine {
        let period: String
        let planned: String
        let delivered: String
        let reason: String?
    }

    /// One unmet need, as both the family's page and the practitioner's show it.
    struct UnmetLine {
        let area: String
        let what: String
        let since: String
        let reason: String
        /// Month by month, and by cause.
        let detail: String

        init(_ item: UnmetNeed) {
            area = item.area.title.capitalizedFirst
            what = item.kind == .noProvision ? "Nothing has been agreed yet for this need"
                : "\(Formatting.number(item.shortfall ?? 0)) \(item.unit?.countedThing ?? "units") missed (\(Formatting.number(item.unitsDelivered ?? 0)) of \(Formatting.number(item.unitsDue ?? 0)) delivered since it should have started)"
            since = item.unmetSince.long
            reason = item.reason
            detail = [Formatting.missedByMonth(item), Formatting.causes(item)].filter { !$0.isEmpty }.joined(separator: ". ")
        }
    }

    struct ReportView {
        let id: String
        let title: String
        let submittedOn: String
        let sections: [SummarySection]
        let comments: [CommentLine]
        let action: String
        var hasError: Bool
        var errorMessage: String
        let revisionNote: String?
        let replacedNote: String?
    }

    struct CommentLine {
        let text: String
        let writtenOn: String
    }

    struct MissedLine {
        let date: String
        let whatHappened: String
        let reportedOn: String
    }

    init(record: CaseRecord, reports: [CaseReport], comments: [FamilyComment], missed: [MissedSessionReport], services: WebServices, received: Bool, csrf: String) {
        let file = record.file
        reference = file.reference
        childName = file.child.fullName
        openedOn = file.openedOn.long
        undecided = file.outcome == nil
        team = Formatting.teamName(file.team)
        reasons = file.currentRouting.reasons.map(Formatting.plainReason)
        overridden = file.managerDecision?.kind == .overridden
        // The decision that applies comes first: after an override the rules' reasons are what was recommended before it.
        managerNote = file.managerDecision.map { decision in
            let safeguarding = decision.outcome.section47
                ? " A manager decided there is reasonable cause to suspect significant harm, so a section 47 enquiry is being made alongside your child's assessment, which carries on."
                : ""
            return (decision.kind == .confirmed ? "A manager confirmed what the rules recommended on \(decision.decidedOn.long)."
                : "A manager changed what the rules recommended on \(decision.decidedOn.long). Their reason: \(decision.reason ?? "")") + safeguarding
        }
        // "You can read it below" only where there is a report to read.
        let reported = Set(reports.compactMap(\.assessmentID))
        assessments = record.assessments(visibleTo: .parent).map { assessment in
            AssessmentLine(
                title: assessment.kind.title.capitalizedFirst, subject: assessment.subject,
                explanation: assessment.kind == .section47 ? file.managerDecision.map(Self.section47Explanation) : nil,
                status: Formatting.familyStatus(assessment.status, reportShown: reported.contains(assessment.id)), due: assessment.deadline.date.long,
                dueRule: Self.rule(assessment.deadline))
        }
        hasAssessments = !assessments.isEmpty
        needs = record.needs.filter { $0.area != .parentCarerSupport }.map {
            NeedLine(area: $0.area.title.capitalizedFirst, description: $0.description, parentView: $0.parentView.isEmpty ? nil : $0.parentView, assessorView: $0.assessorView)
        }
        carerNeeds = record.needs.filter { $0.area == .parentCarerSupport }.map(\.description)
        provisions = record.provisionStatements.map(ProvisionLine.init)
        let measure = DeliveryMeasure(asOf: services.today, policy: services.configuration.unmetPolicy)
        unmet = UnmetNeed.assessedButUnmet(UnmetNeedInputs(record: record, measure: measure), measure: measure).map(UnmetLine.init)
        let commentsByReport = Dictionary(grouping: comments, by: \.reportID)
        self.reports = reports.map { report in
            let form = services.library.form(report.formID, version: report.formVersion)
            let notes = ReportNotes(report, among: reports)
            return ReportView(
                id: report.id.description, title: report.title, submittedOn: report.submittedOn.long,
                sections: form.map { AnswerDisplay.sections(report.answers, form: $0, library: services.library, changeLink: nil) } ?? [],
                comments: (commentsByReport[report.id] ?? []).map { CommentLine(text: $0.text, writtenOn: $0.writtenOn.long) },
                action: "/family/cases/\(file.id)/reports/\(report.id)/comments", hasError: false, errorMessage: "",
                revisionNote: notes.revision, replacedNote: notes.replaced)
        }
        self.missed = missed.map { MissedLine(date: $0.sessionDate.long, whatHappened: $0.whatHappened, reportedOn: $0.reportedOn.long) }
        missedHref = "/family/cases/\(file.id)/missed-session"
        csrfToken = csrf
        self.received = received
        let how = Self.contactWay(file.request)
        let calendar = services.configuration.calendar
        if file.urgency == .sameDay && file.managerDecision == nil {
            let today = calendar.workingDay(onOrAfter: file.openedOn)
            sameDay = "You told us you are in crisis. A person in our duty team will read your request on \(today == file.openedOn ? "the day it arrived, " : "")\(today.long), "
                + "and contact you \(Self.urgentWay(file.request)) that day. If you need to speak to someone before then, call the numbers at the top of this page."
        } else {
            sameDay = nil
        }
        if file.managerDecision == nil && file.outcome == nil {
            nextSteps = "A person in our duty team will read your request and decide what happens next by \(calendar.deadline(.referralDecision, from: file.openedOn).date.long). They will contact you \(how)."
        } else if record.assessments(visibleTo: .parent).contains(where: { $0.status.isOpen }) {
            nextSteps = "A worker from our \(team) team will contact you \(how) to arrange the assessments below, which must be done by the dates shown."
        } else if !record.assessments(visibleTo: .parent).contains(where: { $0.status == .completed || $0.status == .authorised }) && hasAssessments {
            nextSteps = "You said no to the assessments we offered. Tell us if you change your mind, and we will offer them again."
        } else if hasAssessments {
            nextSteps = "Your assessments are finished. Your worker in our \(team) team will contact you \(how) about the support agreed, and when it will be reviewed."
        } else {
            nextSteps = "Our \(team) team will contact you \(how) about what happens next."
        }
    }

    /// The notices a page shows after an action, by the code the action redirects with (never words from the address).
    static let notices = [
        "comment": "Your comment was added beside the report. Your worker will read it.",
        "missed-session": "Thank you: we have recorded the session that did not happen, and your worker will look into it.",
    ]

    /// How a family in crisis is reached the same day: a letter or an arranged video call is too slow, so by phone
    /// when they gave a number.
    static func urgentWay(_ request: NeedsRequest) -> String {
        guard case .choice(let way)? = request.answers["preferred_contact"], way == "letter" || way == "video" else { return contactWay(request) }
        guard case .text(let phone)? = request.answers["contact_phone"], !phone.isEmpty else { return "the quickest way we can" }
        return "by phone on \(phone)"
    }

    /// The way the family asked to be contacted, as words to follow "contact you".
    static func contactWay(_ request: NeedsRequest) -> String {
        func text(_ id: String) -> String? {
            guard case .text(let value)? = request.answers[id], !value.isEmpty else { return nil }
            return value
        }
        guard case .choice(let way)? = request.answers["preferred_contact"] else { return "the way you asked" }
        return switch way {
        case "phone": "by phone" + (text("contact_phone").map { " on \($0)" } ?? "")
        case "text-message": "by text message" + (text("contact_phone").map { " to \($0)" } ?? "")
        case "email": "by email" + (text("contact_email").map { " at \($0)" } ?? "")
        case "letter": "by letter"
        case "video": "to arrange a video call"
        default: "the way you asked"
        }
    }

    /// A section 47 enquiry said plainly to the family: who decided, on what test, and that the assessment carries on.
    static func section47Explanation(_ decision: ManagerDecision) -> String {
        "A manager decided on \(decision.decidedOn.long) that there is reasonable cause to suspect your child is suffering, or is likely to "
            + "suffer, significant harm, so the council must make enquiries (Children Act 1989 section 47). A social worker will talk to you "
            + "about what this means and what happens next. Your child's assessment and any support carry on alongside it."
            + (decision.safeguardingReason.map { " The manager's reason: \($0)" } ?? "")
    }

    static func rule(_ deadline: Deadline) -> String {
        switch deadline.timescale {
        case .workingDays(let days): "\(days) working days from \(deadline.startedOn.long)"
        case .weeks(let weeks): "\(weeks) weeks from \(deadline.startedOn.long)"
        }
    }
}

struct CommentError {
    let reportID: String
    let message: String
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
