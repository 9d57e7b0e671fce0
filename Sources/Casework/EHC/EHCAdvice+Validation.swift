// The checks an EHC social care advice must pass before it is sent.
import Foundation

/// A problem with the advice, naming the F4 field it is about.
public struct EHCAdviceProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }
    public let severity: Severity
    /// The question in the advice form (F4, `ehc-social-care-advice`) it is about, as the form names answers
    /// (`basis`, `provision_items[2].csdpa_head`), so a page can show it beside that question.
    public let field: String
    public let message: String

    public var description: String { "\(severity.rawValue): \(field): \(message)" }
}

extension EHCAdvice {
    /// Everything wrong with the advice; errors block submission, warnings are shown to the author.
    ///
    /// - Parameters:
    ///   - knownProvisions: the case's provision, to check that linked items exist and have the right duty.
    ///   - today: the date of checking, for the 6-week deadline.
    public func problems(knownProvisions: [Provision], today: CalendarDate) -> [EHCAdviceProblem] {
        var problems: [EHCAdviceProblem] = []
        func error(_ field: String, _ message: String) { problems.append(.init(severity: .error, field: field, message: message)) }
        func warning(_ field: String, _ message: String) { problems.append(.init(severity: .warning, field: field, message: message)) }

        if notKnownToService {
            error("known_to_social_care", basis == nil
                ? "\"not known to this service\" is not social care advice: a child having an EHC needs assessment with no social care record must be assessed (start a new s17 assessment and record it as the basis)"
                : "\"not known to this service\" contradicts the recorded basis (\(basis!.rawValue)): write the advice from that assessment")
        }
        if basis == nil {
            error("basis", "say what the advice rests on: an existing assessment under 12 months old, a new s17 assessment, an early help assessment, or existing advice all agree is sufficient")
        }
        if author.trimmingCharacters(in: .whitespaces).isEmpty { error("author", "the advice needs an author") }
        if sectionD.isEmpty && (noNeedsReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty && !notKnownToService {
            error("no_needs_reason", "record the child's social care needs, or say why there are none")
        }
        let needIDs = Set(sectionD.map(\.id))
        let provisionsByID = Dictionary(knownProvisions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var met = Set<SectionDNeed.ID>()
        for (index, item) in provision.enumerated() {
            let question = "provision_items[\(index)]"
            if item.description.trimmingCharacters(in: .whitespaces).isEmpty { error("\(question).provision_description", "describe the provision") }
            if item.section == .h1 && item.csdpaHead == nil {
                error("\(question).csdpa_head", "H1 provision is made under CSDPA 1970 s2: name the head (practical assistance at home, recreation, travel, ...)")
            }
            if item.section == .h2 && item.csdpaHead != nil {
                warning("\(question).provision_section", "it names a CSDPA s2 head (\(item.csdpaHead!.rawValue)), so it belongs in H1, where the duty is enforceable")
            }
            if item.educatesOrTrains {
                error("\(question).provision_educates_or_trains", "provision that educates or trains belongs in section F (special educational provision), not H")
            }
            if item.meets.isEmpty {
                error("\(question).provision_meets_needs", "link the provision to the section D need it meets")
            }
            for id in item.meets where !needIDs.contains(id) {
                error("\(question).provision_meets_needs", "links to a section D need that is not in this advice (\(id))")
            }
            met.formUnion(item.meets)
            if let provisionID = item.provisionID {
                if let known = provisionsByID[provisionID] {
                    if known.caseID != caseID {
                        error(question, "links to provision from another child's case")
                    } else if known.legalBasis.ehcSection != item.section && known.legalBasis != .directPayment {
                        error("\(question).provision_section", "the linked provision is under \(known.legalBasis.title), which belongs in \(known.legalBasis.ehcSection.rawValue), not \(item.section.rawValue)")
                    }
                } else {
                    error(question, "links to provision that is not in the case record (\(provisionID))")
                }
            }
        }
        for (index, need) in sectionD.enumerated() where !met.contains(need.id) {
            warning("section_d_needs[\(index)]", "no H1 or H2 provision meets this need (\(need.area.title)); say where it is met")
        }
        if submittedOn == nil && today > deadline.date {
            warning("date_requested", "the advice was due on \(deadline.date), 6 weeks from the request on \(requestedOn)")
        } else if let submittedOn, submittedOn > deadline.date {
            warning("date_requested", "sent on \(submittedOn), after the 6-week deadline of \(deadline.date)")
        }
        return problems
    }

    /// The advice ready to send, or the errors that stop it.
    public func submitted(on date: CalendarDate, knownProvisions: [Provision]) throws(EHCAdviceRefused) -> EHCAdvice {
        var copy = self
        copy.submittedOn = date
        let errors = copy.problems(knownProvisions: knownProvisions, today: date).filter { $0.severity == .error }
        guard errors.isEmpty else { throw EHCAdviceRefused(problems: errors) }
        return copy
    }
}

/// The advice cannot be sent until these are put right.
public struct EHCAdviceRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public let problems: [EHCAdviceProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
