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

/// What the case already holds that an EHC advice is checked against.
public struct EHCCaseContext: Sendable, Hashable {
    /// The case's provision: linked items must exist and have the right duty, and CSDPA s2 provision must appear.
    public var provisions: [Provision]
    /// The case's assessed needs.
    public var needs: [Need]
    /// The child's date of birth: CSDPA 1970 s2, and so EHC section H1, is for children under 18.
    public var childDateOfBirth: CalendarDate?
    /// Advice already sent on the case: one EHC needs assessment gets one advice, changed only by a revision.
    public var sentAdvice: [EHCAdvice]

    public init(provisions: [Provision], needs: [Need], childDateOfBirth: CalendarDate?, sentAdvice: [EHCAdvice] = []) {
        self.provisions = provisions
        self.needs = needs
        self.childDateOfBirth = childDateOfBirth
        self.sentAdvice = sentAdvice
    }

    public init(record: CaseRecord) {
        self.init(
            provisions: record.provisions, needs: record.needs, childDateOfBirth: record.file.child.dateOfBirth,
            sentAdvice: record.ehcAdvice.filter { $0.submittedOn != nil })
    }

    /// The advice already sent for an EHC needs assessment, by its reference (compared without case or spaces).
    public func sentAdvice(for reference: String) -> EHCAdvice? {
        let wanted = EHCAdvice.normalised(reference)
        return sentAdvice.last { EHCAdvice.normalised($0.ehcRequestReference) == wanted }
    }

    /// Nothing known about the case (advice checked on its own).
    public static let none = EHCCaseContext(provisions: [], needs: [], childDateOfBirth: nil)
}

extension EHCAdvice {
    /// Everything wrong with the advice; errors block submission, warnings are shown to the author.
    ///
    /// - Parameters:
    ///   - context: the case's provision, needs and the child's date of birth.
    ///   - today: the date of checking, for the 6-week deadline.
    public func problems(in context: EHCCaseContext, today: CalendarDate) -> [EHCAdviceProblem] {
        let knownProvisions = context.provisions
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
        if sectionD.isEmpty && !notKnownToService {
            let assessed = context.needs.filter { $0.caseID == caseID && $0.isOpen(on: submittedOn ?? today) }
            if !assessed.isEmpty {
                var named = Set<LifeArea>()
                let areas = assessed.map(\.area).filter { named.insert($0).inserted }.map(\.title).joined(separator: "; ")
                error("no_needs_reason", "the case has \(assessed.count) assessed \(assessed.count == 1 ? "need" : "needs") (\(areas)): put \(assessed.count == 1 ? "it" : "them") in section D")
            } else if (noNeedsReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                error("no_needs_reason", "record the child's social care needs, or say why there are none")
            } else if Self.isPlaceholder(noNeedsReason) {
                error("no_needs_reason", "\"\(noNeedsReason!)\" does not say why the child has no social care needs: give the reason, from what the service knows of the child")
            }
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
            if item.amount == nil {
                error("\(question).provision_quantity", "say how much and how often: provision in an EHC plan must be specific and quantified")
            }
            if item.section == .h1, let birth = context.childDateOfBirth, birth.adding(months: 18 * 12) <= requestedOn {
                error("\(question).provision_section",
                      "the young person is 18 or over, so CSDPA 1970 s2 no longer applies: social care provision for them is made under the Care Act 2014 and goes in section H2")
            }
            if item.meets.isEmpty {
                error("\(question).provision_meets_needs", "link the provision to the section D need it meets")
            }
            for id in item.meets where !needIDs.contains(id) {
                error("\(question).provision_meets_needs", "links to a section D need that is not in this advice: choose from the needs listed in section D")
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
                    error(question, "links to provision that is not in the case record: choose provision from the case, or describe it here")
                }
            }
        }
        // CSDPA s2 provision already agreed on the case is an enforceable duty the plan must carry: its need in
        // section D (by area) with H1 provision meeting it, or the author says why not.
        let h1Areas = Set(sectionD.filter { need in provision.contains { $0.section == .h1 && $0.meets.contains(need.id) } }.map(\.area))
        let needsByID = Dictionary(context.needs.map { ($0.id, $0) }) { first, _ in first }
        let missing = knownProvisions.filter { $0.legalBasis == .csdpaSection2 && $0.caseID == caseID && ($0.endDate.map { $0 >= requestedOn } ?? true) }
            .flatMap { provision in provision.needIDs.compactMap { needsByID[$0] }.filter { $0.isOpen(on: requestedOn) }.map { (provision, $0) } }
            .filter { !h1Areas.contains($0.1.area) }
        if !missing.isEmpty && (csdpaOmissionReason ?? "").allSatisfy(\.isWhitespace) {
            let named = missing.map { "\($0.1.area.title) (\($0.0.description))" }.joined(separator: "; ")
            error("csdpa_omission_reason",
                  "the case has provision under CSDPA 1970 s2 for \(named): put the need in section D and the provision in H1, or say here why not")
        }
        for (index, need) in sectionD.enumerated() where !met.contains(need.id) {
            warning("section_d_needs[\(index)]", "no H1 or H2 provision meets this need (\(need.area.title)); say where it is met")
        }
        if submittedOn == nil && today > deadline.date {
            warning("date_requested", "the advice was due on \(deadline.date.long), 6 weeks from the request on \(requestedOn.long)")
        } else if let submittedOn, submittedOn > deadline.date {
            warning("date_requested", "sent on \(submittedOn.long), after the 6-week deadline of \(deadline.date.long)")
        }
        return problems
    }

    /// Answers that stand in for an answer ("not known to this service", "n/a", "tbc"): the form has something in
    /// the box, but the family and the EHC plan learn nothing from it.
    public static func isPlaceholder(_ text: String?) -> Bool {
        guard let text else { return false }
        let words = text.lowercased().filter { $0.isLetter || $0 == " " || $0 == "/" }.split(separator: " ").joined(separator: " ")
        return words.isEmpty || placeholders.contains(words)
    }

    private static let placeholders: Set<String> = [
        "not known", "not known to this service", "not known to the service", "not known to social care", "unknown", "n/a", "na", "none",
        "nil", "tbc", "to be confirmed", "to follow", "see above", "see attached", "not applicable", "no", "nothing", "not available",
    ]

    /// A reference compared as people type it: without case, and spaces or dashes.
    static func normalised(_ reference: String) -> String {
        reference.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// The advice ready to send, or the errors that stop it.
    public func submitted(on date: CalendarDate, in context: EHCCaseContext) throws(EHCAdviceRefused) -> EHCAdvice {
        var copy = self
        copy.submittedOn = date
        let errors = copy.problems(in: context, today: date).filter { $0.severity == .error }
        guard errors.isEmpty else { throw EHCAdviceRefused(problems: errors) }
        return copy
    }
}

/// The advice cannot be sent until these are put right.
public struct EHCAdviceRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public let problems: [EHCAdviceProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
