// The routing decision tables, compiled once from a rules folder's files; the one place that talks to the DMN engine.
import Decisions
import FEEL

/// The decision tables that route a needs request (Forms/rules/*.dmn), parsed once and evaluated many times.
///
/// Between them the files must decide each of the contract's answers, by decision name (`decisionNames`), and,
/// in a file of its own, the concern table (`concernDecision`), which is asked once per coded concern. Every
/// input data a file declares must be a routing input (`RoutingInputs.names`), the concern counts
/// (`RoutingInputs.concernCounts`), or one of the answers decided in an earlier file; the concern table may also
/// read the concern's own inputs (`RoutingInputs.concernNames`). Where each value comes from is worked out here,
/// at load, so routing a request is copying values into slots and running the tables.
public struct RoutingRules: Sendable {
    /// The decisions the contract answers, in its order.
    public static let decisionNames = [
        "cin_assessment", "parent_carer_assessment", "young_carer_assessment", "safeguarding_s47", "team", "adult_transition",
    ]

    /// The decision asked of each coded concern: does it give reasonable cause to suspect significant harm
    /// (true), not on its own (false), or is it for a person to judge (null)?
    public static let concernDecision = "concern_gives_cause"

    /// The annotation column holding each rule's reason for each reader; a reader whose column a rule leaves
    /// empty is given the parent's.
    public static let reasonColumns: [ReasonReader: String] = [
        .parent: "reason", .referrer: "reason_referrer", .youngPerson: "reason_young_person",
    ]

    /// The rules files read, by name.
    public let files: [String]
    /// A fingerprint of the files' names and contents: edit a rule and the version changes.
    public let version: String
    let models: [BoundModel]
    /// The concern table, with its inputs wired to the request's and the concern's values.
    let concernModel: BoundModel

    /// A model with its inputs wired to the routing values and its answers to the contract's decisions.
    struct BoundModel: Sendable {
        let model: DecisionModel
        /// Model input slot ← position in the routing values (the inputs, the concern counts, then the contract's
        /// answers; for the concern table, the inputs and then the concern's own).
        let bindings: [(slot: Int, source: Int)]
        /// The decisions this model answers: where each result is, which contract answer it is, and its rules.
        let answers: [Answer]
    }

    /// One answer a model gives, with what to record for each of its rules, made once at load.
    struct Answer: Sendable {
        let position: Int
        /// Which of `decisionNames` it answers; for the concern table, 0.
        let decision: Int
        /// By reader (`ReasonReader.allCases` order), then by rule position: the rule's reason for that reader,
        /// which also names the rule for the record.
        let reasons: [[RoutingDecision.Reason]]

        func reason(rule: Int, for reader: ReasonReader) -> RoutingDecision.Reason? {
            let byRule = reasons[ReasonReader.allCases.firstIndex(of: reader)!]
            return rule < byRule.count ? byRule[rule] : nil
        }
    }

    /// Positions in the routing values: the request's inputs, the concern counts, then the contract's answers.
    static let concernCountsBase = RoutingInputs.names.count
    static let answersBase = concernCountsBase + RoutingInputs.concernCounts.count
    static let valueCount = answersBase + decisionNames.count

    private init(files: [String], version: String, models: [BoundModel], concernModel: BoundModel) {
        self.files = files
        self.version = version
        self.models = models
        self.concernModel = concernModel
    }

    /// Compiles the routing tables of a rules folder (read at the edge: `DMNFolder(path:)`).
    public init(folder: DMNFolder) throws(RoutingRulesError) {
        let directory = folder.path
        let names = folder.files.map(\.name)
        var fingerprint = Fingerprint()
        var models: [BoundModel] = []
        var concernModel: BoundModel?
        var decidedIn: [String: String] = [:]
        for file in folder.files {
            let name = file.name
            fingerprint.add(Array(name.utf8))
            fingerprint.add(file.bytes)
            let model: DecisionModel
            do {
                model = try DecisionModel.load(bytes: file.bytes, file: directory.hasSuffix("/") ? directory + name : directory + "/" + name)
            } catch {
                throw RoutingRulesError(error.description)
            }
            if model.decisionNames.contains(Self.concernDecision) {
                if let other = decidedIn[Self.concernDecision] {
                    throw RoutingRulesError("\(Self.concernDecision) is decided in both \(other) and \(name); keep one")
                }
                let answers = model.decisionNames.filter { Self.decisionNames.contains($0) }
                guard answers.isEmpty else {
                    throw RoutingRulesError(
                        "\(name): the concern table \(Self.concernDecision) is asked once per concern, so its file cannot also decide "
                            + answers.joined(separator: ", ") + "; move them to another file")
                }
                decidedIn[Self.concernDecision] = name
                concernModel = try Self.bindConcernModel(model, file: name)
                continue
            }
            models.append(try Self.bind(model, file: name, decidedEarlier: decidedIn))
            for decision in model.decisionNames where Self.decisionNames.contains(decision) {
                if let other = decidedIn[decision] {
                    throw RoutingRulesError("\(decision) is decided in both \(other) and \(name); keep one")
                }
                decidedIn[decision] = name
            }
        }
        let missing = (Self.decisionNames + [Self.concernDecision]).filter { decidedIn[$0] == nil }
        guard missing.isEmpty, let concernModel else {
            throw RoutingRulesError(
                "\(directory): no decision named \(missing.joined(separator: ", ")) in \(names.joined(separator: ", ")) "
                    + "(the routing tables must decide \(Self.decisionNames.joined(separator: ", ")), and \(Self.concernDecision) for each concern)")
        }
        self.init(files: names, version: fingerprint.hex, models: models, concernModel: concernModel)
    }

    private static func bind(_ model: DecisionModel, file: String, decidedEarlier: [String: String]) throws(RoutingRulesError) -> BoundModel {
        var bindings: [(slot: Int, source: Int)] = []
        for input in model.inputNames {
            guard let slot = model.inputSlot(input) else { continue }
            if let index = RoutingInputs.names.firstIndex(of: input) {
                bindings.append((slot, index))
            } else if let index = RoutingInputs.concernCounts.firstIndex(of: input), decidedEarlier[concernDecision] != nil {
                bindings.append((slot, concernCountsBase + index))
            } else if let decision = decisionNames.firstIndex(of: input), decidedEarlier[input] != nil {
                bindings.append((slot, answersBase + decision))
            } else {
                throw RoutingRulesError(
                    "\(file): input \"\(input)\" is not a routing input (the inputs are \(RoutingInputs.names.joined(separator: ", ")), "
                        + "\(RoutingInputs.concernCounts.joined(separator: ", ")) once the concern table is read, "
                        + "and the answers of tables in files read before this one)")
            }
        }
        var answers: [Answer] = []
        for (decision, name) in decisionNames.enumerated() {
            guard let position = model.decisionPosition(name) else { continue }
            answers.append(Answer(position: position, decision: decision, reasons: reasons(of: name, in: model)))
        }
        return BoundModel(model: model, bindings: bindings, answers: answers)
    }

    private static func bindConcernModel(_ model: DecisionModel, file: String) throws(RoutingRulesError) -> BoundModel {
        var bindings: [(slot: Int, source: Int)] = []
        for input in model.inputNames {
            guard let slot = model.inputSlot(input) else { continue }
            if let index = RoutingInputs.names.firstIndex(of: input) {
                bindings.append((slot, index))
            } else if let index = RoutingInputs.concernNames.firstIndex(of: input) {
                bindings.append((slot, RoutingInputs.names.count + index))
            } else {
                throw RoutingRulesError(
                    "\(file): input \"\(input)\" of the concern table is not a concern input (\(RoutingInputs.concernNames.joined(separator: ", "))) "
                        + "nor a routing input (\(RoutingInputs.names.joined(separator: ", ")))")
            }
        }
        let position = model.decisionPosition(concernDecision)!
        return BoundModel(
            model: model, bindings: bindings,
            answers: [Answer(position: position, decision: 0, reasons: reasons(of: concernDecision, in: model))])
    }

    /// Each rule's reason for each reader, made once: the reader's annotation column, else the parent's.
    private static func reasons(of decision: String, in model: DecisionModel) -> [[RoutingDecision.Reason]] {
        let rules = model.rules(of: decision)
        return ReasonReader.allCases.map { reader in
            rules.map { rule in
                let own = reasonColumns[reader].flatMap { rule.annotations[$0] }.flatMap { $0.isEmpty ? nil : $0 }
                let text = own ?? rule.annotations["reason"] ?? rule.annotations.values.first
                    ?? "This rule has no reason written yet; the rules author needs to add one."
                return RoutingDecision.Reason(table: decision, rule: rule.id, text: text)
            }
        }
    }
}

/// Rules that cannot be used: no files, a file the DMN engine refuses, or a decision missing or decided twice.
public struct RoutingRulesError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// FNV-1a, 64 bits: a stable fingerprint of the rules text (identity, not security).
private struct Fingerprint {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
