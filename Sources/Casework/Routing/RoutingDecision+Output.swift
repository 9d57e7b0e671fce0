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
        json += ",\"team\":\(team.map { Self.json($0.rawValue) } ?? "null")"
        json += ",\"adult_transition\":\(Self.json(adultTransition))"
        json += ",\"reasons\":[\(reasons.map { Self.json($0.description) }.joined(separator: ","))]"
        if !undecided.isEmpty {
            json += ",\"undecided\":[\(undecided.map { Self.json($0.table) }.joined(separator: ","))]"
        }
        if includingProvenance {
            json += ",\"provenance\":{\"files\":[\(provenance.files.map(Self.json).joined(separator: ","))]"
            json += ",\"version\":\(Self.json(provenance.version))"
            json += ",\"tables\":[\(provenance.tables.map(Self.json).joined(separator: ","))]"
            json += ",\"fired_rules\":[" + provenance.firedRules.map {
                "{\"table\":\(Self.json($0.table)),\"rule\":\(Self.json($0.rule))}"
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

    /// A JSON string literal, escaped as RFC 8259 requires.
    private static func json(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""  // the usual case: nothing to escape
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
