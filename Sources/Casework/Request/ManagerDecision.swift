// A team manager's confirmation of the routing, or an override with its reason.
import Foundation

/// The manager's word on a routing decision. An override must say why, and the original decision is kept
/// beside it: a family can always see what the rules said and what a person changed.
public struct ManagerDecision: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case confirmed, overridden
    }

    public let kind: Kind
    /// The outcome that now applies: the routing's own when confirmed.
    public let outcome: RoutingOutcome
    public let reason: String?
    public let manager: ActingUser
    public let decidedOn: CalendarDate
    /// The day of the strategy discussion, when the decision confirms one: the initial child protection
    /// conference's 15 working days run from it (Working Together 2023).
    public let strategyDiscussionOn: CalendarDate?
    /// The manager's reasons for their safeguarding decision, naming the evidence.
    public let safeguardingReason: String?
    /// The triage the decision was made with, when it was made through the triage form.
    public let triage: Triage?

    /// The manager agrees with the routing tables; refused when the tables could not decide (there is nothing
    /// to confirm: the manager decides with `overriding`, giving the outcome and a reason).
    public static func confirming(
        _ routing: RoutingRecord, by manager: ActingUser, on date: CalendarDate, strategyDiscussionOn: CalendarDate? = nil,
        safeguardingReason: String? = nil, triage: Triage? = nil
    ) throws(CaseworkError) -> ManagerDecision {
        guard let outcome = (triage?.routing ?? routing).outcome else {
            throw .invalid(field: "outcome", message: "the routing tables could not decide this request, so there is nothing to confirm: choose the outcome and say why")
        }
        guard manager.role == .manager || manager.role == .administrator else {
            throw .notAllowed(who: manager, action: "confirm a routing decision")
        }
        return ManagerDecision(
            kind: .confirmed, outcome: outcome, reason: nil, manager: manager, decidedOn: date, strategyDiscussionOn: strategyDiscussionOn,
            safeguardingReason: safeguardingReason, triage: triage)
    }

    /// The manager changes the outcome (or decides one the tables could not); refused without a reason, and
    /// refused if it has a s47 enquiry without the child in need assessment: the enquiry is made alongside the
    /// assessment and never replaces it (Working Together 2023), whatever the tables had said.
    public static func overriding(
        _ routing: RoutingRecord, with outcome: RoutingOutcome, reason: String, by manager: ActingUser, on date: CalendarDate,
        strategyDiscussionOn: CalendarDate? = nil, safeguardingReason: String? = nil, triage: Triage? = nil
    ) throws(CaseworkError) -> ManagerDecision {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .invalid(field: "reason", message: "an override of the routing decision needs a reason the family can read")
        }
        guard manager.role == .manager || manager.role == .administrator else {
            throw .notAllowed(who: manager, action: "override a routing decision")
        }
        if outcome.section47 && !outcome.childInNeedAssessment {
            throw .invalid(
                field: "outputs",
                message: "a section 47 enquiry never replaces the child in need assessment: it carries on alongside, so keep the assessment")
        }
        return ManagerDecision(
            kind: .overridden, outcome: outcome, reason: trimmed, manager: manager, decidedOn: date, strategyDiscussionOn: strategyDiscussionOn,
            safeguardingReason: safeguardingReason, triage: triage)
    }

    public init(
        kind: Kind, outcome: RoutingOutcome, reason: String?, manager: ActingUser, decidedOn: CalendarDate, strategyDiscussionOn: CalendarDate? = nil,
        safeguardingReason: String? = nil, triage: Triage? = nil
    ) {
        self.kind = kind
        self.outcome = outcome
        self.reason = reason
        self.manager = manager
        self.decidedOn = decidedOn
        self.strategyDiscussionOn = strategyDiscussionOn
        self.safeguardingReason = safeguardingReason
        self.triage = triage
    }
}
