// Triage: the duty manager's coding of a request and decision on it, made with the triage form in one step.
import FEEL
import Forms

/// The one path by which a manager's triage becomes their decision on a case, used by the triage pages.
///
/// The triage form's answers are checked against its definition; its bindings (the concerns coded, whether the
/// disability is the main issue, whether the child moves about on their own, the parent carer's facts) are laid
/// over the facts of the request itself, and the routing tables run again on them. The manager's own answers then
/// decide: whether there is reasonable cause to suspect significant harm (only a manager's answer starts s47), and
/// anything they change, with their reason. Like `NeedsRequestIntake`, it decides and stores nothing.
public struct TriageIntake: Sendable {
    public let form: FormDefinition
    public let requests: NeedsRequestIntake

    /// The form triage is made with.
    public static let formID = "triage-decision"

    public init(requests: NeedsRequestIntake) throws(CaseworkError) {
        guard let form = requests.library.form(Self.formID) else {
            throw .invalid(field: "forms", message: "the forms folder has no \(Self.formID) form, so no request can be triaged")
        }
        self.form = form
        self.requests = requests
    }

    public enum Outcome: Sendable {
        /// Some answers need changing, each beside its question; nothing was decided.
        case needsChanges([AnswerProblem])
        /// The manager's decision, with the triage it was made with, ready to store.
        case ready(ManagerDecision)
    }

    /// What the routing tables say on the request's facts with the triage's laid over them (also shown to the
    /// manager before they send, so they see what their coding changes).
    public func routing(_ answers: Answers, for file: CaseFile, on date: CalendarDate) -> RoutingRecord {
        guard var facts = requests.boundFacts(of: file.request) else {
            return RoutingRecord(
                outcome: nil, reasons: ["The request's answers could not be read as facts for the routing rules, so the manager decides every part of it."],
                tables: [], firedRules: [])
        }
        for (key, value) in form.facts(from: answers, receivedDate: date) where value != .null { facts[key] = value }
        return requests.routing(of: facts)
    }

    public func decide(_ raw: [String: RawAnswer], for file: CaseFile, by manager: ActingUser, on date: CalendarDate) -> Outcome {
        let check = form.check(raw, library: requests.library, today: date)
        guard check.isValid else { return .needsChanges(check.problems) }
        return decide(checked: check.answers, for: file, by: manager, on: date)
    }

    /// The decision from answers already checked against the triage form.
    public func decide(checked answers: Answers, for file: CaseFile, by manager: ActingUser, on date: CalendarDate) -> Outcome {
        let routing = routing(answers, for: file, on: date)
        let triage = Triage(
            formID: form.id, formVersion: form.version, answers: answers.values.compactMapValues(SubmittedAnswer.init), routing: routing,
            urgency: answers.choice("urgency").flatMap(Urgency.init(rawValue:)) ?? .routine)
        let s47 = answers.yesNo("reasonable_cause_significant_harm") ?? false
        let strategy = answers.date("strategy_discussion_date")
        let safeguardingReason = answers.text("reasonable_cause_reason")
        let changed = answers.yesNo("overrides_recommendation") == true ? Set(answers.choices("overridden_outputs")) : []
        let recommended = routing.outcome
        var problems: [AnswerProblem] = []
        /// An answer as changed, or as the tables recommended; a problem beside the override question when the
        /// tables could not decide it and the manager has not.
        func answer<Value>(_ key: String, _ title: String, changedTo: Value?, recommended: Value?) -> Value? {
            if changed.contains(key), let changedTo { return changedTo }
            if let recommended { return recommended }
            problems.append(AnswerProblem(
                field: "overrides_recommendation",
                message: "The routing rules could not decide the \(title). Choose to change the recommendations and decide it"))
            return nil
        }
        let cin = answer("cin-assessment", "child in need assessment", changedTo: answers.yesNo("override_cin_assessment"), recommended: recommended?.childInNeedAssessment)
        let pcna = answer("parent-carer-assessment", "parent carer assessment", changedTo: answers.yesNo("override_parent_carer_assessment"), recommended: recommended?.parentCarerAssessment)
        let ycna = answer("young-carer-assessment", "young carer's assessment", changedTo: answers.yesNo("override_young_carer_assessment"), recommended: recommended?.youngCarerAssessment)
        let team = answer("team", "team", changedTo: answers.choice("override_team").map { Team(rawValue: $0) }, recommended: recommended?.team)
        guard problems.isEmpty, let cin, let pcna, let ycna, let team else { return .needsChanges(problems) }
        // A s47 enquiry is made alongside the child in need assessment, so reasonable cause brings the assessment
        // with it; only a manager's explicit "no" to the assessment reaches the refusal in `overriding`.
        let outcome = RoutingOutcome(
            childInNeedAssessment: cin || (s47 && !changed.contains("cin-assessment")), parentCarerAssessment: pcna, youngCarerAssessment: ycna, section47: s47, team: team,
            adultTransition: recommended?.adultTransition ?? false)
        do {
            if outcome == recommended {
                return .ready(try ManagerDecision.confirming(
                    file.routing, by: manager, on: date, strategyDiscussionOn: strategy, safeguardingReason: safeguardingReason, triage: triage))
            }
            // A change to the recommendation needs the family's reason; a s47 answer that differs from the rules' alone
            // is explained by the safeguarding reason the manager gave.
            let reason = answers.text("override_reason") ?? safeguardingReason ?? ""
            return .ready(try ManagerDecision.overriding(
                file.routing, with: outcome, reason: reason, by: manager, on: date, strategyDiscussionOn: strategy,
                safeguardingReason: safeguardingReason, triage: triage))
        } catch {
            switch error {
            case .invalid(let field, let message):
                let question = field == "outputs" ? "override_cin_assessment" : field == "reason" ? "override_reason" : field
                return .needsChanges([AnswerProblem(field: question, message: message.prefix(1).uppercased() + message.dropFirst())])
            default:
                return .needsChanges([AnswerProblem(field: "decided_by", message: "Only a manager can make this decision")])
            }
        }
    }
}
