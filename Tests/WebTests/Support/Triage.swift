// Filling in the triage form a section a page, as a duty manager does.
import Foundation
import HTTPTypes

/// A manager's triage answers, section by section, with the answers most triages give by default.
struct TriageAnswers {
    var disabilityCodes = ["COMM", "LD", "BEH"]
    var movesIndependently = true
    var disabilityDominant = true
    var parentCarerHasParentalResponsibility = true
    var strain = ["sleep-deprivation"]
    /// (code, about, corroboration, severity for injuries)
    var concerns: [(code: String, about: String, corroboration: String, severity: String?)] = []
    var reasonableCause = false
    var reasonableCauseReason = "Nothing recorded suggests significant harm."
    var strategyDiscussion: (day: Int, month: Int, year: Int)? = nil
    /// Overridden outputs (`cin-assessment`, `parent-carer-assessment`, `young-carer-assessment`, `team`) and their new answers.
    var overrides: [String: String] = [:]
    var overrideReason = ""
    var manager = "greer@example.org"

    func sections() -> [(String, [(String, String)])] {
        var child: [(String, String)] = [
            ("child_appears_disabled", disabilityCodes.isEmpty ? "no" : "yes"), ("child_moves_independently", movesIndependently ? "yes" : "no"),
            ("disability_dominant_issue", disabilityDominant ? "yes" : "no"),
        ]
        child += disabilityCodes.map { ("disability_codes", $0) }
        if disabilityCodes.contains("AUT") { child.append(("autism_diagnosed", "yes")) }
        var carer: [(String, String)] = [
            ("parent_carer_has_parental_responsibility", parentCarerHasParentalResponsibility ? "yes" : "no"), ("parent_carer_is_adult", "yes"),
            ("pcna_trigger", strain.isEmpty ? "none" : "appearance-of-need"),
        ]
        carer += strain.map { ("carer_strain_indicators", $0) }
        var worries: [(String, String)] = [("concerns_coded.count", String(concerns.count)), ("child_to_parent_or_sibling_harm", "no")]
        for (index, concern) in concerns.enumerated() {
            let prefix = "concerns_coded[\(index)]."
            worries += [
                (prefix + "concern_code", concern.code), (prefix + "about", concern.about), (prefix + "concern_who", "The school nurse"),
                (prefix + "concern_what", "Recorded in the nurse's words"), (prefix + "concern_source", "School nurse's call"),
                (prefix + "concern_corroboration", concern.corroboration),
            ]
            if concern.corroboration != "uncorroborated" { worries.append((prefix + "concern_corroboration_details", "Checked by the police that evening")) }
            if let severity = concern.severity { worries.append((prefix + "concern_severity", severity)) }
        }
        var safeguarding: [(String, String)] = [
            ("reasonable_cause_significant_harm", reasonableCause ? "yes" : "no"), ("reasonable_cause_reason", reasonableCauseReason),
            ("safeguarding_decided_by", manager),
        ]
        if let date = strategyDiscussion {
            safeguarding += [
                ("strategy_discussion_date-day", String(date.day)), ("strategy_discussion_date-month", String(date.month)),
                ("strategy_discussion_date-year", String(date.year)),
            ]
        }
        var outcome: [(String, String)] = [
            ("urgency", "routine"), ("overrides_recommendation", overrides.isEmpty ? "no" : "yes"), ("decided_by", manager),
            ("decision_date-day", "2"), ("decision_date-month", "3"), ("decision_date-year", "2026"),
        ]
        if !overrides.isEmpty {
            outcome += overrides.keys.sorted().map { ("overridden_outputs", $0) }
            let names = ["cin-assessment": "override_cin_assessment", "parent-carer-assessment": "override_parent_carer_assessment",
                         "young-carer-assessment": "override_young_carer_assessment", "team": "override_team"]
            outcome += overrides.map { (names[$0.key]!, $0.value) }
            outcome.append(("override_reason", overrideReason))
        }
        return [("child", child), ("parent_carer", carer), ("concerns", worries), ("safeguarding_decision", safeguarding), ("outcome", outcome)]
    }
}

extension Browser {
    /// Answers every section of a case's triage form, then sends it; returns the send's response.
    @discardableResult
    mutating func triage(_ caseID: String, _ answers: TriageAnswers) async throws -> Page {
        let base = "/cases/\(caseID)/triage"
        for (section, fields) in answers.sections() {
            let page = try await submit("\(base)/section/\(section)", [("_action", "continue")] + fields)
            precondition(page.status == .seeOther || page.status == .unprocessableContent, "section \(section): \(page.status)")
        }
        return try await submit("\(base)/check", to: "\(base)/submit", [])
    }
}
