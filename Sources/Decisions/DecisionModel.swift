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
    /// Every input the caller may give, by the name the model reads it with (`import.name` for an imported
    /// model's); free inputs included.
    public let inputNames: [String]
    /// The inputs no `inputData` declares, read by a table's input expression (Camunda's way: the caller
    /// supplies them), in the order first read.
    public let freeInputNames: [String]
    /// Decisions in the order they are evaluated (every decision after the decisions it requires).
    public let decisionNames: [String]

    let decisions: [CompiledDecision]
    let graph: DecisionGraph
    private let inputs: [Input]
    private let decisionIndex: [String: Int]
    private let inputIndex: [String: Int]
    private let services: [String: FEELFunction]
    /// `versionTag` by decision name; the model's own under "".
    private let versionTags: [String: String]

    /// An input: where its value goes, and the names a caller may give it by.
    struct Input: Sendable {
        let name: String
        let keys: [String]
        let slot: Int
        let type: ValueType?
        let isFree: Bool
    }

    init(
        file: String, name: String, inputs: [Input], decisions: [CompiledDecision], graph: DecisionGraph,
        services: [String: FEELFunction], versionTags: [String: String]
    ) {
        self.file = file
        self.name = name
        self.inputs = inputs
        self.inputNames = inputs.map(\.name)
        self.freeInputNames = inputs.filter(\.isFree).map(\.name)
        self.decisions = decisions
        self.graph = graph
        self.decisionNames = decisions.map(\.name)
        self.services = services
        self.versionTags = versionTags
        var decisionIndex: [String: Int] = [:]
        // Decisions by id as well as by name (the TCK and Camunda invoke a decision by its id); names first.
        for (position, decision) in decisions.enumerated() where decisionIndex[decision.name] == nil {
            decisionIndex[decision.name] = position
        }
        for (position, decision) in decisions.enumerated() where !decision.id.isEmpty && decisionIndex[decision.id] == nil {
            decisionIndex[decision.id] = position
        }
        self.decisionIndex = decisionIndex
        var inputIndex: [String: Int] = [:]
        for (position, input) in inputs.enumerated() {
            for key in input.keys where inputIndex[key] == nil { inputIndex[key] = position }
        }
        self.inputIndex = inputIndex
    }

    /// The slots as a model run starts: inputs null, decisions null, knowledge models and services filled in.
    var initialSlots: [FEELValue] { graph.initialSlots }

    /// The `versionTag` of a decision (Camunda's `camunda:versionTag`), by name or id, or of the model itself
    /// when `decision` is nil; nil when none is given.
    public func versionTag(of decision: String? = nil) -> String? {
        guard let decision else { return versionTags[""] }
        guard let position = decisionIndex[decision] else { return nil }
        return versionTags[decisions[position].name]
    }

    /// Reads a `.dmn` file (DMN 1.1 to 1.5, elements matched by local name). Every problem found is thrown
    /// together, each with its file, line and column: XML errors, unparsable cells and expressions, unknown
    /// names, broken requirements, and rules of a UNIQUE table that can match the same input.
    ///
    /// With `.evaluateDespiteProblems` the model loads as the DMN specification evaluates it: a decision whose
    /// logic cannot be compiled is null (with the reason as its problem), a built-in called with the wrong
    /// arguments or a name nothing defines is null, and the other decisions decide as usual; `problems` lists
    /// what was passed over. Only a file that is not a DMN model at all is refused.
    ///
    /// Models it imports are found among the `.dmn` files in the same folder, by namespace.
    public static func load(file path: String, strictness: Strictness = .refuseProblems) throws(XMLErrors) -> DecisionModel {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let findImport = { (namespace: String) -> (root: XMLElement, file: String)? in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".dmn") {
                let file = folder.appendingPathComponent(name).path
                if let root = try? XML.load(file: file), root.attribute("namespace") == namespace { return (root, file) }
            }
            return nil
        }
        return try read(XML.load(file: path), file: path, strictness: strictness, findImport: findImport)
    }

    /// Reads a model from memory; `file` names it in problems. It can import nothing.
    public static func load(bytes: [UInt8], file: String, strictness: Strictness = .refuseProblems) throws(XMLErrors) -> DecisionModel {
        try read(XML.parse(bytes, file: file), file: file, strictness: strictness, findImport: { _ in nil })
    }

    private static func read(
        _ root: XMLElement, file: String, strictness: Strictness, findImport: @escaping (String) -> (root: XMLElement, file: String)?
    ) throws(XMLErrors) -> DecisionModel {
        var reader = DMNReader(file: file, findImport: findImport)
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
        for (name, given) in inputs {
            guard let index = inputIndex[name] else { continue }
            let input = self.inputs[index]
            let value = input.type?.coerced(given) ?? given
            if let problem = input.type?.problem(with: value) {
                inputProblems.append("input \(name): \(problem)")
                continue
            }
            slots[input.slot] = value
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
    public func inputSlot(_ name: String) -> Int? { inputIndex[name].map { inputs[$0].slot } }

    /// Invokes a decision service of the model by name or id, with its parameters by name (missing ones are
    /// null); nil when the model has no such service.
    public func evaluate(service name: String, inputs: [String: FEELValue]) -> FEELValue? {
        guard let service = services[name] else { return nil }
        let arguments = service.parameters.map { inputs[$0] ?? .null }
        return service(arguments)
    }

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
            let result = decision.decide(slots: slots)
            slots[decision.slot] = result.value
            results.append(result)
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
    let id: String
    let slot: Int
    /// The slots of the decisions it requires.
    let requires: [Int]
    /// The decision's declared type, resolved; nil when there is nothing to check.
    let type: ValueType?
    let logic: Logic

    init(name: String, id: String, slot: Int, requires: [Int], type: ValueType?, logic: Logic) {
        self.name = name
        self.id = id
        self.slot = slot
        self.requires = requires
        self.type = type
        self.logic = logic
    }

    /// Evaluates the logic and holds the value to the declared type: a value of another type is null, with
    /// the reason (after FEEL's singleton-list conversions).
    func decide(slots: [FEELValue]) -> DecisionResult {
        var budget = FEELBudget()
        return decide(slots: slots, budget: &budget)
    }

    func decide(slots: [FEELValue], budget: inout FEELBudget) -> DecisionResult {
        var (value, fired, problem) = logic.evaluate(slots: slots, budget: &budget)
        if let type { (value, fired, problem) = type.held(value, firedRules: fired, problem: problem) }
        return DecisionResult(value: value, firedRules: fired, problem: problem)
    }
}

/// The decisions of a model in evaluation order, and the slots a run starts from: shared by the model and by
/// its decision services, which evaluate part of it.
final class DecisionGraph: @unchecked Sendable {
    let decisions: [CompiledDecision]
    /// Written once, by the reader, before the model is returned (it holds the decision services, which hold
    /// this graph); only read after that, so sharing it between tasks is safe.
    var initialSlots: [FEELValue] = []

    init(decisions: [CompiledDecision]) {
        self.decisions = decisions
    }

    /// Evaluates the decisions `outputs` need, in order, except those `given`; returns the outputs' values.
    func run(_ slots: inout [FEELValue], for outputs: [Int], given: Set<Int>, budget: inout FEELBudget) -> [FEELValue] {
        var needed = Set<Int>()
        var pending = outputs
        let bySlot = Dictionary(decisions.map { ($0.slot, $0) }) { first, _ in first }
        while let slot = pending.popLast() {
            guard !given.contains(slot), needed.insert(slot).inserted else { continue }
            pending += bySlot[slot]?.requires ?? []
        }
        for decision in decisions where needed.contains(decision.slot) {
            slots[decision.slot] = decision.decide(slots: slots, budget: &budget).value
        }
        return outputs.map { slots[$0] }
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
