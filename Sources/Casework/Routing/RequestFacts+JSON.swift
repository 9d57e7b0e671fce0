// Reading request facts from the contract's JSON, refusing anything that is not exactly what it allows.
import FEEL
import Foundation

extension RequestFacts {
    /// Reads one request-facts object (shared/contracts/request-facts.md). Every key the contract lists is
    /// required; keys it does not list are ignored. The first problem found is thrown, naming its key.
    public init(json data: Data) throws(RequestFactsError) {
        try self.init(json: try JSONValue.parse(data))
    }

    /// Reads one request-facts object already parsed (a worked case holds one).
    init(json value: JSONValue) throws(RequestFactsError) {
        try self.init(reading: FactReader(value: value, path: ""))
    }

    /// Reads one request-facts object from JSON text.
    public init(json text: String) throws(RequestFactsError) {
        try self.init(json: Data(text.utf8))
    }

    /// Reads the facts a form's bindings produced (`FormDefinition.facts(from:receivedDate:)`), keyed by the
    /// contract's dotted names (`child.age_years`). They are checked exactly as JSON facts are, so a binding
    /// that gives a wrong type or an unknown code is refused with the fact's name.
    ///
    /// `concerns` is the duty worker's coding, which a family's own request never sets: when no form bound
    /// it, no concern has been coded yet, and the list is empty.
    public init(bound facts: [String: FEELValue]) throws(RequestFactsError) {
        var root: [String: JSONValue] = ["concerns": .array([])]
        for (key, value) in facts {
            let parts = key.split(separator: ".").map(String.init)
            guard let last = parts.last else { continue }
            if parts.count == 1 {
                root[last] = JSONValue(value)
            } else {
                guard case .object(var members)? = root[parts[0]] ?? .object([:]) else { continue }
                members[last] = JSONValue(value)
                root[parts[0]] = .object(members)
            }
        }
        try self.init(reading: FactReader(value: .object(root), path: ""))
    }

    private init(reading facts: FactReader) throws(RequestFactsError) {
        let child = try facts.object("child")
        let codes: [DisabilityCode] = try child.list("disability_codes") { (code) throws(RequestFactsError) in
            try code.code(DisabilityCode.self, "a CIN census disability code")
        }
        if codes.contains(.none) && codes.count > 1 {
            throw RequestFactsError(key: child.path("disability_codes"), problem: "NONE may only stand alone (an empty list also means no disability)")
        }
        let requester = try facts.object("requester")
        let parentCarer = try facts.object("parent_carer")
        self.init(
            child: Child(
                ageYears: try child.integer("age_years", in: 0...25),
                disabilityCodes: codes,
                diagnosisStatus: try child.code("diagnosis_status", DiagnosisStatus.self, "a diagnosis status"),
                independentlyMobile: try child.optionalBoolean("independently_mobile"),
                disabilityDominant: try child.optionalBoolean("disability_dominant")),
            requester: Requester(
                relationship: try requester.code("relationship", Relationship.self, "a relationship"),
                parentalResponsibility: try requester.boolean("parental_responsibility"),
                adult: try requester.boolean("adult")),
            referralSource: try facts.code("referral_source", ReferralSource.self, "a CIN census referral source code"),
            requests: try facts.list("requests") { (request) throws(RequestFactsError) in try request.code(RequestKind.self, "a request kind") },
            parentCarer: ParentCarer(
                assessmentRequested: try parentCarer.boolean("assessment_requested"),
                strainCount: try parentCarer.integer("strain_count", in: 0...Int.max),
                parentalResponsibility: try parentCarer.optionalBoolean("parental_responsibility"),
                adult: try parentCarer.optionalBoolean("adult")),
            parentDisabilityOrIllness: try facts.boolean("parent_disability_or_illness"),
            youngCarers: try facts.integer("young_carers", in: 0...Int.max),
            youngCarersForOthers: try facts.optionalInteger("young_carers_for_others", in: 0...Int.max) ?? 0,
            previousReferrals: try facts.optionalInteger("previous_referrals", in: 0...Int.max) ?? 0,
            concerns: try facts.list("concerns") { (concern) throws(RequestFactsError) in
                let entry = try concern.asObject()
                let code = try entry.code("code", ConcernCode.self, "a concern code")
                let description = try entry.optionalString("description")
                if code == .otherDescribed && (description ?? "").allSatisfy(\.isWhitespace) {
                    throw RequestFactsError(key: entry.path("description"), problem: "required for code other-described: the duty worker's words")
                }
                return Concern(
                    code: code,
                    about: try entry.code("about", ConcernSubject.self, "whom a concern is about"),
                    corroboration: try entry.optionalCode("corroboration", Corroboration.self, "a corroboration") ?? .uncorroborated,
                    severity: try entry.optionalCode("severity", Severity.self, "a severity") ?? .serious,
                    description: description)
            })
    }
}

/// A JSON value and the key path that leads to it, with typed reads that fail with that path in the message.
private struct FactReader {
    let value: JSONValue
    let path: String

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func member(_ key: String) throws(RequestFactsError) -> FactReader {
        guard case .object(let members) = value else {
            throw RequestFactsError(key: path, problem: "expected an object, found \(value.shortDescription)")
        }
        guard let found = members[key] else {
            throw RequestFactsError(key: path(key), problem: "missing (required by the request-facts contract)")
        }
        return FactReader(value: found, path: path(key))
    }

    private func wrongType(_ expected: String) -> RequestFactsError {
        RequestFactsError(key: path, problem: "expected \(expected), found \(value.shortDescription)")
    }

    func asObject() throws(RequestFactsError) -> FactReader {
        guard case .object = value else { throw wrongType("an object") }
        return self
    }

    func object(_ key: String) throws(RequestFactsError) -> FactReader { try member(key).asObject() }

    func boolean(_ key: String) throws(RequestFactsError) -> Bool {
        let found = try member(key)
        guard case .bool(let flag) = found.value else { throw found.wrongType("true or false") }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(RequestFactsError) -> Int {
        let found = try member(key)
        let bounds = range.upperBound == Int.max ? "a whole number, 0 or more" : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case .number(let number) = found.value, number.rounded() == number, abs(number) < 1e15 else {
            throw found.wrongType(bounds)
        }
        guard range.contains(Int(number)) else { throw found.wrongType(bounds) }
        return Int(number)
    }

    func code<Code: RawRepresentable & CaseIterable>(_ type: Code.Type, _ what: String) throws(RequestFactsError) -> Code
    where Code.RawValue == String {
        guard case .string(let text) = value else { throw wrongType("\(what) (a string)") }
        guard let code = Code(rawValue: text) else {
            let known = Code.allCases.map(\.rawValue).joined(separator: ", ")
            throw RequestFactsError(key: path, problem: "\"\(text)\" is not \(what) (\(known))")
        }
        return code
    }

    func code<Code: RawRepresentable & CaseIterable>(_ key: String, _ type: Code.Type, _ what: String) throws(RequestFactsError) -> Code
    where Code.RawValue == String {
        try member(key).code(type, what)
    }

    // Version 2's keys are optional: absent (or null) takes the contract's default; anything else is read as
    // strictly as a required key.

    private func optionalMember(_ key: String) throws(RequestFactsError) -> FactReader? {
        guard case .object(let members) = value else {
            throw RequestFactsError(key: path, problem: "expected an object, found \(value.shortDescription)")
        }
        guard let found = members[key], found != .null else { return nil }
        return FactReader(value: found, path: path(key))
    }

    func optionalBoolean(_ key: String) throws(RequestFactsError) -> Bool? {
        guard try optionalMember(key) != nil else { return nil }
        return try boolean(key)
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(RequestFactsError) -> Int? {
        guard try optionalMember(key) != nil else { return nil }
        return try integer(key, in: range)
    }

    func optionalCode<Code: RawRepresentable & CaseIterable>(_ key: String, _ type: Code.Type, _ what: String) throws(RequestFactsError) -> Code?
    where Code.RawValue == String {
        guard let found = try optionalMember(key) else { return nil }
        return try found.code(type, what)
    }

    func optionalString(_ key: String) throws(RequestFactsError) -> String? {
        guard let found = try optionalMember(key) else { return nil }
        guard case .string(let text) = found.value else { throw found.wrongType("a string") }
        return text
    }

    func list<Element>(_ key: String, _ element: (FactReader) throws(RequestFactsError) -> Element) throws(RequestFactsError) -> [Element] {
        let found = try member(key)
        guard case .array(let items) = found.value else { throw found.wrongType("a list") }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try element(FactReader(value: item, path: "\(found.path)[\(index)]")))
        }
        return result
    }
}

private extension JSONValue {
    /// A FEEL value as the JSON the contract describes: dates and durations as their ISO text.
    init(_ value: FEELValue) {
        switch value {
        case .null: self = .null
        case .boolean(let flag): self = .bool(flag)
        case .number(let number): self = .number(number.doubleValue)
        case .string(let text): self = .string(text)
        case .list(let items): self = .array(items.map(JSONValue.init))
        case .context(let context): self = .object(Dictionary(context.entries.map { ($0.key, JSONValue($0.value)) }) { first, _ in first })
        default: self = .string(value.plainText)
        }
    }
}
