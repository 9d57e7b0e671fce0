// Receiving a needs request: answers checked against the form, bound to facts, routed, and a case made of it.
import FEEL
import Forms

/// The one path by which a family's answers become a case, used by the web pages and the JSON API alike.
///
/// It decides everything and stores nothing: the caller stores the result (`IntakeStore.receive`) and only
/// then tells the family "received". The same form definition renders the pages and checks the answers, so
/// a page can never accept what the check refuses.
public struct NeedsRequestIntake: Sendable {
    public let form: FormDefinition
    public let library: FormLibrary
    public let router: RequestRouter
    public let calendar: WorkingDayCalendar

    /// The form a needs request is made with.
    public static let formID = "needs-request"

    public init(library: FormLibrary, router: RequestRouter, calendar: WorkingDayCalendar) throws(CaseworkError) {
        guard let form = library.form(Self.formID) else {
            throw .invalid(field: "forms", message: "the forms folder has no \(Self.formID) form, so no request can be made")
        }
        self.form = form
        self.library = library
        self.router = router
        self.calendar = calendar
    }

    /// What came of a submission.
    public enum Outcome: Sendable {
        /// Some answers need changing; nothing was decided.
        case needsChanges([AnswerProblem])
        /// A case to store, with its opening assessments and how it was routed.
        case ready(ReceivedRequest)
    }

    /// Checks the answers and, when they stand, routes them and makes the case.
    ///
    /// A request the tables cannot decide still makes a case: its routing has no outcome, it waits with the duty
    /// team, and no assessment opens until a person decides. The same happens if the form's bindings give facts
    /// the contract refuses (a fault in the form, never the family's): the request is never lost to it.
    public func receive(_ raw: [String: RawAnswer], from who: ActingUser, on date: CalendarDate) -> Outcome {
        let check = form.check(raw, library: library, today: date)
        guard check.isValid else { return .needsChanges(check.problems) }
        let answers = check.answers
        let problems = problems(answers, on: date)
        guard problems.isEmpty else { return .needsChanges(problems) }
        // Concerns are the duty worker's coding of what was said, never asked of the family: a request arrives with
        // none (`RequestFacts(bound:)` reads a missing list as empty), and a worker's coding comes later, at triage.
        let (facts, routing) = route(form.facts(from: answers, receivedDate: date))
        let request = NeedsRequest(
            formID: form.id, formVersion: form.version, receivedOn: date, submittedBy: who,
            referralSource: facts?.referralSource.rawValue ?? "1A", answers: answers.values.compactMapValues(SubmittedAnswer.init))
        let file = CaseFile(child: child(answers, facts: facts), family: family(answers, facts: facts), request: request, routing: routing)
        return .ready(ReceivedRequest(file: file, assessments: file.initialAssessments(calendar: calendar)))
    }

    /// What the form cannot say but a person would notice: a child's date of birth more than 10 months ahead is no
    /// baby's due date, and one more than 100 years ago is a typing slip.
    public func problems(_ answers: Answers, on date: CalendarDate) -> [AnswerProblem] {
        guard let born = answers.date("child_dob") else { return [] }
        if born > date.adding(months: 10) {
            return [AnswerProblem(field: "child_dob", message: "That is more than 10 months from now, and a baby not born yet is due within 9: check the year of your child's date of birth, or due date")]
        }
        if born < date.adding(months: -100 * 12) {
            return [AnswerProblem(field: "child_dob", message: "Check the year of your child's date of birth: it is more than 100 years ago")]
        }
        return []
    }

    /// What the routing tables decide on bound facts; undecided, with the reason, when the tables cannot decide or
    /// the facts are not ones the contract allows (a fault in a form, never the family's): the request then waits
    /// for a person, and is never lost to it.
    public func routing(of bound: [String: FEELValue]) -> RoutingRecord {
        route(bound).routing
    }

    private func route(_ bound: [String: FEELValue]) -> (facts: RequestFacts?, routing: RoutingRecord) {
        let facts: RequestFacts
        do {
            facts = try RequestFacts(bound: bound)
        } catch {
            return (nil, RoutingRecord(
                outcome: nil,
                reasons: ["The answers could not be turned into facts for the routing rules (\(error)). A duty worker will decide what happens next, within one working day."],
                tables: [], firedRules: []))
        }
        let decision = router.route(facts)
        return (facts, decision.record ?? RoutingRecord(
            outcome: nil, reasons: decision.reasons.map(\.description) + ["A duty worker will decide what happens next, within one working day."],
            tables: decision.provenance.tables.map { DecisionTableVersion(table: $0, version: decision.provenance.version) },
            firedRules: decision.provenance.firedRules))
    }

    /// The facts a stored request binds, worked out again from its answers with the version of the form it was made
    /// with (tell it once: triage adds to what the family said, it does not ask again). Nil when that version of
    /// the form is no longer in the library or the answers no longer check.
    public func boundFacts(of request: NeedsRequest) -> [String: FEELValue]? {
        guard let form = library.form(request.formID, version: request.formVersion) else { return nil }
        let check = form.check(request.answers.mapValues(RawAnswer.init), library: library, today: request.receivedOn)
        guard check.isValid else { return nil }
        return form.facts(from: check.answers, receivedDate: request.receivedOn)
    }

    private func child(_ answers: Answers, facts: RequestFacts?) -> Child {
        let name = answers["child_name"].map(\.displayText) ?? "Not given"
        let words = name.split(separator: " ")
        let given = words.first.map(String.init) ?? name
        let family = words.dropFirst().joined(separator: " ")
        var dateOfBirth = CalendarDate(daysSinceEpoch: 0)
        if case .date(let date)? = answers["child_dob"] { dateOfBirth = date }
        return Child(givenName: given, familyName: family, dateOfBirth: dateOfBirth, disabilities: facts?.child.disabilityCodes ?? [])
    }

    private func family(_ answers: Answers, facts: RequestFacts?) -> Family {
        var carers: [ParentCarer] = []
        let relationship = answers["relationship"].map(\.displayText) ?? "other"
        if let facts {
            switch relationship {
            case "young-person":
                break
            case "professional":
                // A referral names the child's main carer, who is the parent carer whoever made the request.
                carers.append(ParentCarer(
                    name: answers["main_carer_name"].map(\.displayText) ?? "", relationship: "main carer",
                    hasParentalResponsibility: facts.parentCarerHasParentalResponsibility, isAdult: facts.parentCarerIsAdult))
            default:
                carers.append(ParentCarer(
                    name: answers["requester_name"].map(\.displayText) ?? "", relationship: relationship,
                    hasParentalResponsibility: facts.parentCarerHasParentalResponsibility, isAdult: facts.parentCarerIsAdult))
            }
        }
        // Everyone under 18 the request says cares for someone: household members, the child, the person asking.
        var youngCarers: [String] = []
        if case .items(let household)? = answers["household"] {
            for member in household {
                guard case .number(let age)? = member["member_age"], age < 18 else { continue }
                if case .yesNo(true)? = member["member_helps_caring"] {
                    youngCarers.append(member["member_name"].map(\.displayText) ?? "")
                } else if case .yesNo(true)? = member["member_cares_for_others"] {
                    youngCarers.append(member["member_name"].map(\.displayText) ?? "")
                }
            }
        }
        if case .yesNo(true)? = answers["child_cares_for_someone"], let facts, !facts.subjectIsAdult {
            youngCarers.append(answers["child_name"].map(\.displayText) ?? "")
        }
        let requesterCares = [answers["requester_helps_care_for_child"], answers["requester_cares_for_someone_else"]].contains { answer in
            if case .yesNo(true)? = answer { true } else { false }
        }
        if requesterCares {
            youngCarers.append(answers[relationship == "young-person" ? "child_name" : "requester_name"].map(\.displayText) ?? "")
        }
        return Family(carers: carers, youngCarers: youngCarers)
    }
}

/// A request ready to store: the case and the assessments it opens with.
public struct ReceivedRequest: Sendable, Hashable {
    public let file: CaseFile
    public let assessments: [Assessment]

    public init(file: CaseFile, assessments: [Assessment]) {
        self.file = file
        self.assessments = assessments
    }
}

extension RawAnswer {
    /// A stored answer as a page would post it again, to be checked afresh.
    public init(_ stored: SubmittedAnswer) {
        switch stored {
        case .text(let text), .choice(let text), .number(let text): self = .value(text)
        case .yesNo(let value): self = .value(value ? "yes" : "no")
        case .choices(let values): self = .values(values)
        case .date(let date): self = .value(date.description)
        case .items(let items): self = .items(items.map { $0.mapValues(RawAnswer.init) })
        }
    }
}

extension SubmittedAnswer {
    /// The stored form of a checked answer; computed values are not stored (they are recomputed from the form).
    public init?(_ answer: Answer) {
        switch answer {
        case .text(let text): self = .text(text)
        case .yesNo(let value): self = .yesNo(value)
        case .choice(let value): self = .choice(value)
        case .choices(let values): self = .choices(values)
        case .number(let number): self = .number("\(number)")
        case .date(let date): self = .date(date)
        case .items(let items): self = .items(items.map { $0.compactMapValues(SubmittedAnswer.init) })
        case .computed: return nil
        }
    }
}
