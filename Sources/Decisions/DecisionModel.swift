// A loaded DMN model: its decisions, ready to evaluate over many sets of inputs.
import FEEL
import Foundation
import HeededXML

/// A DMN model (one `.dmn` file) parsed, checked and compiled once.
///
/// Every value the model names (input data, decisions, business knowledge models) has a slot, and every
/// expression was compiled against those slots, so evaluating is reading and writing an array: no names are
/// looked up and nothing is parsed. Load once, evaluate as often as needed, from any task.
public struct DecisionModel: Sendable {
    /// The file the model was read from.
    public let file: String
    /// The model's `name` attribute.
    public let name: String
    public let inputNames: [String]
    /// Decisions in the order they are evaluated (every decision after the decisions it requires).
    public let decisionNames: [String]

    let decisions: [CompiledDecision]
    let inputTypes: [ValueType?]
    /// The slots as a model run starts: inputs null, decisions null, business knowledge models filled in.
    let initialSlots: [FEELValue]
    private let decisionIndex: [String: Int]
    private let inputIndex: [String: Int]

    init(
        file: String, name: String, inputNames: [String], inputTypes: [ValueType?], decisions: [CompiledDecision],
        initialSlots: [FEELValue]
    ) {
        self.file = file
        self.name = name
        self.inputNames = inputNames
        self.inputTypes = inputTypes
        self.decisions = decisions
        self.decisionNames = decisions.map(\.name)
        self.initialSlots = initialSlots
        decisionIndex = Dictionary(decisions.enumerated().map { ($1.name, $0) }) { first, _ in first }
        inputIndex = Dictionary(inputNames.enumerated().map { ($1, $0) }) { first, _ in first }
    }

    /// Reads a `.dmn` file (DMN 1.1 to 1.5, elements matched by local name). Every problem found is thrown
    /// together, each with its file, line and column: XML errors, unparsable cells and expressions, unknown
    /// names, broken requirements, and rules of a UNIQUE table that can match the same input.
    ///
    /// With `.evaluateDespiteProblems` the model loads as the DMN specification evaluates it: a decision whose
    /// logic cannot be compiled is null (with the reason as its problem), a built-in called with the wrong
    /// arguments or a name nothing defines is null, and the other decisions decide as usual; `problems` lists
    /// what was passed over. Only a file that is not a DMN model at all is refused.
    public static func load(file path: String, strictness: Strictness = .refuseProblems) throws(XMLErrors) -> DecisionModel {
        try read(XML.load(file: path), file: path, strictness: strictness)
    }

    /// Reads a model from memory; `file` names it in problems.
    public static func load(bytes: [UInt8], file: String, strictness: Strictness = .refuseProblems) throws(XMLErrors) -> DecisionModel {
        try read(XML.parse(bytes, file: file), file: file, strictness: strictness)
    }

    private static func read(_ root: XMLElement, file: String, strictness: Strictness) throws(XMLErrors) -> DecisionModel {
        var reader = DMNReader(file: file)
        let model = reader.read(root)
        guard var model, strictness == .evaluateDespiteProblems || reader.problems.isEmpty else {
            throw XMLErrors(reader.problems.isEmpty ? [XMLProblem(file: file, line: 1, column: 1, message: "the model could not be read")] : reader.problems)
        }
        model.problems = reader.problems
        return model
    }

    /// Whether loading refuses a model with any problem (a rules author's check, the routing tables), or loads
    /// it as the specification evaluates it (the TCK, models from elsewhere).
    public enum Strictness: Sendable {
        case refuseProblems
        case evaluateDespiteProblems
    }

    /// What loading with `.evaluateDespiteProblems` passed over; empty for a model loaded strictly.
    public internal(set) var problems: [XMLProblem] = []

    // MARK: Evaluating by name

    /// Evaluates every decision with inputs given by name. An input that does not fit its declared type is
    /// treated as null, and the decisions that read it say so.
    public func evaluate(_ inputs: [String: FEELValue]) -> DecisionResults {
        var slots = initialSlots
        var inputProblems: [String] = []
        for (name, value) in inputs {
            guard let index = inputIndex[name] else { continue }
            if let problem = inputTypes[index]?.problem(with: value) {
                inputProblems.append("input \(name): \(problem)")
                continue
            }
            slots[index] = value
        }
        var results = run(&slots)
        if !inputProblems.isEmpty {
            // A decision left without a value may be so because of a refused input: say so first.
            let refused = inputProblems.sorted().joined(separator: "; ")
            results = DecisionResults(results: results.results.map { result in
                guard !result.isDecided || result.value.isNull else { return result }
                return DecisionResult(value: result.value, firedRules: result.firedRules,
                                      problem: result.problem.map { "\(refused); \($0)" } ?? refused)
            }, index: decisionIndex)
        }
        return results
    }

    /// One decision's result, evaluating what it needs; nil when the model has no decision of that name.
    public func evaluate(decision name: String, inputs: [String: FEELValue]) -> DecisionResult? {
        guard decisionIndex[name] != nil else { return nil }
        return evaluate(inputs)[name]
    }

    // MARK: Evaluating by slot

    /// A set of inputs addressed by slot, for callers that evaluate the model many times.
    public struct Inputs: Sendable {
        var slots: [FEELValue]

        public subscript(slot: Int) -> FEELValue {
            get { slots[slot] }
            set { slots[slot] = newValue }
        }
    }

    /// The slot of an input, to fill `Inputs` without looking names up each time.
    public func inputSlot(_ name: String) -> Int? { inputIndex[name] }

    /// The position of a decision in `DecisionResults`.
    public func decisionPosition(_ name: String) -> Int? { decisionIndex[name] }

    /// Inputs with every value null.
    public func makeInputs() -> Inputs { Inputs(slots: initialSlots) }

    /// Evaluates every decision. Values are trusted to fit their types (they come from typed code).
    public func evaluate(_ inputs: consuming Inputs) -> DecisionResults {
        var slots = inputs.slots
        return run(&slots)
    }

    private func run(_ slots: inout [FEELValue]) -> DecisionResults {
        var results: [DecisionResult] = []
        results.reserveCapacity(decisions.count)
        for decision in decisions {
            var (value, fired, problem) = decision.logic.evaluate(slots: slots)
            if problem == nil, let typeProblem = decision.type?.problem(with: value) {
                problem = typeProblem
                value = .null
            }
            slots[decision.slot] = value
            results.append(DecisionResult(value: value, firedRules: fired, problem: problem))
        }
        return DecisionResults(results: results, index: decisionIndex)
    }

    // MARK: Reading the rules

    /// The rules of a decision's table, for turning fired rule positions into ids and reasons.
    public func rules(of decision: String) -> [RuleInfo] {
        guard let index = decisionIndex[decision], case .table(let table) = decisions[index].logic else { return [] }
        return table.rules.map(\.info)
    }

    /// A decision table's hit policy, for tools that describe the model.
    public func hitPolicy(of decision: String) -> HitPolicy? {
        guard let index = decisionIndex[decision], case .table(let table) = decisions[index].logic else { return nil }
        return table.hitPolicy
    }
}

/// A decision of a model, compiled; a class so that running the model copies no arrays.
final class CompiledDecision: Sendable {
    let name: String
    let slot: Int
    /// The decision's declared type, resolved; nil when there is nothing to check.
    let type: ValueType?
    let logic: Logic

    init(name: String, slot: Int, type: ValueType?, logic: Logic) {
        self.name = name
        self.slot = slot
        self.type = type
        self.logic = logic
    }
}

/// The results of evaluating a model, one per decision, in evaluation order.
public struct DecisionResults: Sendable {
    public let results: [DecisionResult]
    private let index: [String: Int]

    init(results: [DecisionResult], index: [String: Int]) {
        self.results = results
        self.index = index
    }

    public subscript(decision: String) -> DecisionResult? {
        index[decision].map { results[$0] }
    }

    public subscript(position: Int) -> DecisionResult { results[position] }
}

/// One decision's outcome.
public struct DecisionResult: Sendable {
    /// The value; null when the decision could not be made.
    public let value: FEELValue
    /// The rules of the decision's table that matched and count towards the value (positions from 0, in the
    /// order the hit policy used them); empty for other kinds of logic.
    public let firedRules: FiredRules
    /// Why the decision could not be made (no rule matched, two rules of a UNIQUE table matched, a value
    /// outside its type); nil when it was made.
    public let problem: String?

    /// Made, with a value.
    public var isDecided: Bool { problem == nil }
}
