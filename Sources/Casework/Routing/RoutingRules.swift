// The routing decision tables, read once from a rules folder; the one place that talks to the DMN engine.
import Decisions
import FEEL
import Foundation

/// The decision tables that route a needs request (Forms/rules/*.dmn), parsed once and evaluated many times.
///
/// Between them the files must decide each of the contract's five answers, by decision name:
/// `cin_assessment`, `parent_carer_assessment`, `young_carer_assessment`, `safeguarding_s47`, `team`. Every
/// input data a file declares must be a routing input (`RoutingInputs.names`) or one of those answers decided
/// in an earlier file. Where each value comes from is worked out here, at load, so routing a request is
/// copying values into slots and running the tables.
public struct RoutingRules: Sendable {
    /// The decisions the contract answers, in its order.
    public static let decisionNames = [
        "cin_assessment", "parent_carer_assessment", "young_carer_assessment", "safeguarding_s47", "team",
    ]

    /// The rules files read, by name.
    public let files: [String]
    /// A fingerprint of the files' names and contents: edit a rule and the version changes.
    public let version: String
    let models: [BoundModel]

    /// A model with its inputs wired to the routing values and its answers to the contract's decisions.
    struct BoundModel: Sendable {
        let model: DecisionModel
        /// Model input slot ← position in the routing values (the inputs, then the contract's answers).
        let bindings: [(slot: Int, source: Int)]
        /// The decisions this model answers: where each result is, which contract answer it is, and its rules.
        let answers: [Answer]
    }

    /// One contract answer a model gives, with what to record for each of its rules, made once at load.
    struct Answer: Sendable {
        let position: Int
        let decision: Int
        /// By rule position: the rule's reason for people, which also names the rule for the record.
        let reasons: [RoutingDecision.Reason]
    }

    /// Reads every `*.dmn` file in `directory`.
    public static func load(directory: String) throws(RoutingRulesError) -> RoutingRules {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".dmn") }.sorted()
        } catch {
            throw RoutingRulesError("\(directory): cannot read the rules folder (\(error.localizedDescription))")
        }
        guard !names.isEmpty else {
            throw RoutingRulesError("\(directory): no .dmn files (pass --rules with the folder of routing tables)")
        }
        var fingerprint = Fingerprint()
        var models: [BoundModel] = []
        var decidedIn: [String: String] = [:]
        for name in names {
            let file = folder.appendingPathComponent(name)
            do {
                fingerprint.add(Array(name.utf8))
                fingerprint.add(Array(try Data(contentsOf: file)))
            } catch {
                throw RoutingRulesError("\(file.path): cannot read (\(error.localizedDescription))")
            }
            let model: DecisionModel
            do {
                model = try DecisionModel.load(file: file.path)
            } catch {
                throw RoutingRulesError(error.description)
            }
            models.append(try bind(model, file: name, decidedEarlier: decidedIn))
            for decision in model.decisionNames where decisionNames.contains(decision) {
                if let other = decidedIn[decision] {
                    throw RoutingRulesError("\(decision) is decided in both \(other) and \(name); keep one")
                }
                decidedIn[decision] = name
            }
        }
        let missing = decisionNames.filter { decidedIn[$0] == nil }
        guard missing.isEmpty else {
            throw RoutingRulesError(
                "\(directory): no decision named \(missing.joined(separator: ", ")) in \(names.joined(separator: ", ")) "
                    + "(the routing tables must decide \(decisionNames.joined(separator: ", ")))")
        }
        return RoutingRules(files: names, version: fingerprint.hex, models: models)
    }

    private static func bind(_ model: DecisionModel, file: String, decidedEarlier: [String: String]) throws(RoutingRulesError) -> BoundModel {
        var bindings: [(slot: Int, source: Int)] = []
        for input in model.inputNames {
            guard let slot = model.inputSlot(input) else { continue }
            if let index = RoutingInputs.names.firstIndex(of: input) {
                bindings.append((slot, index))
            } else if let decision = decisionNames.firstIndex(of: input), decidedEarlier[input] != nil {
                bindings.append((slot, RoutingInputs.names.count + decision))
            } else {
                throw RoutingRulesError(
                    "\(file): input \"\(input)\" is not a routing input (the inputs are \(RoutingInputs.names.joined(separator: ", ")), "
                        + "and the answers of tables in files read before this one)")
            }
        }
        var answers: [Answer] = []
        for (decision, name) in decisionNames.enumerated() {
            guard let position = model.decisionPosition(name) else { continue }
            let reasons = model.rules(of: name).map { rule in
                let text = rule.annotations["reason"] ?? rule.annotations.values.first
                    ?? "This rule has no reason written yet; the rules author needs to add one."
                return RoutingDecision.Reason(table: name, rule: rule.id, text: text)
            }
            answers.append(Answer(position: position, decision: decision, reasons: reasons))
        }
        return BoundModel(model: model, bindings: bindings, answers: answers)
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
