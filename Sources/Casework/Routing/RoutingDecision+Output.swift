// The decision as the contract prints it (one JSON object) and as a person reads it (text).

extension RoutingDecision {
    /// The contract's decision as one line of JSON, keys in the contract's order: the answers, then
    /// `reasons`. When a table could not decide, its answer is `null` and `undecided` lists the tables a
    /// person must decide. `provenance` (files, version, tables, fired rules) is added when asked for.
    public func jsonLine(includingProvenance: Bool = false) -> String {
        var json = "{"
        json += "\"cin_assessment\":\(Self.json(cinAssessment))"
        json += ",\"parent_carer_assessment\":\(Self.json(parentCarerAssessment))"
        json += ",\"young_carer_assessment\":\(Self.json(youngCarerAssessment))"
        json += ",\"safeguarding_s47\":\(Self.json(safeguardingS47))"
        json += ",\"team\":\(team.map { $0.rawValue.jsonLiteral } ?? "null")"
        json += ",\"adult_transition\":\(Self.json(adultTransition))"
        json += ",\"reasons\":[\(reasons.map { $0.description.jsonLiteral }.joined(separator: ","))]"
        if !undecided.isEmpty {
            json += ",\"undecided\":[\(undecided.map { $0.table.jsonLiteral }.joined(separator: ","))]"
        }
        if includingProvenance {
            json += ",\"provenance\":{\"files\":[\(provenance.files.map(\.jsonLiteral).joined(separator: ","))]"
            json += ",\"version\":\(provenance.version.jsonLiteral)"
            json += ",\"tables\":[\(provenance.tables.map(\.jsonLiteral).joined(separator: ","))]"
            json += ",\"fired_rules\":[" + provenance.firedRules.map {
                "{\"table\":\($0.table.jsonLiteral),\"rule\":\($0.rule.jsonLiteral)}"
            }.joined(separator: ",") + "]}"
        }
        return json + "}"
    }

    /// The decision for a person: each answer on its own line, then why, then which rules.
    public var text: String {
        func answer(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "undecided: a person decides" }
        var lines = [
            "Child in need assessment (s17): \(answer(cinAssessment))",
            "Parent carer needs assessment (s17ZD): \(answer(parentCarerAssessment))",
            "Young carer's needs assessment (s17ZA): \(answer(youngCarerAssessment))",
            "Safeguarding enquiry (s47) recommended: \(answer(safeguardingS47))",
            "Team: \(team?.rawValue ?? "undecided: a person decides")",
            "Care Act transition assessment (s58, s60) to consider: \(answer(adultTransition))",
            "Why:",
        ]
        lines += reasons.map { "  - \($0.description)" }
        lines.append("Rules: \(provenance.files.joined(separator: ", ")), version \(provenance.version)")
        return lines.joined(separator: "\n")
    }

    private static func json(_ flag: Bool?) -> String { flag.map { $0 ? "true" : "false" } ?? "null" }
}
