// Reads a DMN `definitions` document into a compiled model, collecting every problem with its place.
import FEEL
import HeededXML

/// Turns a parsed DMN document into a `DecisionModel`. Elements are matched by local name, so DMN 1.1 to 1.5
/// (and files with no namespace at all) read alike; elements the engine has no use for (diagrams,
/// extension elements, text annotations, a modeler's own attributes) are passed over.
///
/// A model may import others (`<import namespace=...>`), found among the models beside it by namespace: their
/// elements join this model's, read from it by the import's name (`myimport.Say Hello`), each evaluated once
/// however many models import it.
struct DMNReader {
    let file: String
    /// Finds an imported model by namespace: its root element and file.
    let findImport: (String) -> (root: XMLElement, file: String)?
    private(set) var problems: [XMLProblem] = []
    /// The named types of the model whose logic is being compiled, for `instance of` and typed parameters.
    var feelTypes: [String: FEELType] { currentTypes.feelTypes }
    /// The item definitions of the model whose logic is being compiled.
    var currentTypes = TypeSystem(items: [:])

    init(file: String, findImport: @escaping (String) -> (root: XMLElement, file: String)? = { _ in nil }) {
        self.file = file
        self.findImport = findImport
    }

    mutating func report(_ location: XMLLocation, _ message: String) {
        problems.append(XMLProblem(at: location, message))
    }

    /// One `definitions` document: the model read or one it imports.
    private struct Unit {
        let namespace: String
        let root: XMLElement
        /// Imported namespaces by the name this model reads them with.
        let imports: [(name: String, namespace: String)]
        let types: TypeSystem
    }

    /// An input, decision, knowledge model or decision service, before its logic is compiled.
    private struct Element {
        enum Kind { case input, decision, knowledgeModel, service }
        let kind: Kind
        let unit: Int
        let id: String
        let name: String
        let typeRef: String?
        let required: [(href: String, element: XMLElement)]
        let knowledge: [(href: String, element: XMLElement)]
        let source: XMLElement
    }

    mutating func read(_ root: XMLElement) -> DecisionModel? {
        guard root.name == "definitions" else {
            report(root.location, "a DMN file's root element is <definitions>, not <\(root.name)>")
            return nil
        }
        let units = readUnits(root)

        // Every element of every model, by its namespace and id; inputs first, then decisions, knowledge
        // models and decision services: each gets a slot, in that order.
        var elements: [Element] = []
        for kind in [Element.Kind.input, .decision, .knowledgeModel, .service] {
            let tag = switch kind {
            case .input: "inputData"
            case .decision: "decision"
            case .knowledgeModel: "businessKnowledgeModel"
            case .service: "decisionService"
            }
            for (index, unit) in units.enumerated() {
                elements += unit.root.children(named: tag).map { element($0, kind: kind, unit: index) }
            }
        }
        var byKey: [String: Int] = [:]
        var seenNames: [String: XMLLocation] = [:]
        for (slot, item) in elements.enumerated() {
            let key = units[item.unit].namespace + "#" + item.id
            if byKey[key] != nil, !item.id.isEmpty { report(item.source.location, "id \"\(item.id)\" is used twice") }
            byKey[key] = slot
            guard item.unit == 0 else { continue }
            if let first = seenNames[item.name] {
                report(item.source.location, "the name \"\(item.name)\" is used twice (first at line \(first.line))")
            }
            seenNames[item.name] = item.source.location
            if item.name.isEmpty { report(item.source.location, "<\(item.source.name)> has no name") }
        }
        func target(_ href: String, from unit: Int) -> Int? {
            guard let hash = href.lastIndex(of: "#") else { return byKey[units[unit].namespace + "#" + href] }
            let namespace = href[..<hash].isEmpty ? units[unit].namespace : String(href[..<hash])
            return byKey[namespace + "#" + href[href.index(after: hash)...]]
        }
        for item in elements where item.kind == .decision || item.kind == .knowledgeModel {
            for (href, element) in item.required + item.knowledge where target(href, from: item.unit) == nil {
                report(element.location, "\(href) names no element of this model")
            }
        }

        // The name each model reads a slot by: its own elements plainly, an import's as `import.name`; a slot
        // a model cannot see gets a name no expression can spell.
        let viewNames: [[String]] = units.indices.map { unit in
            elements.enumerated().map { slot, item in
                if item.unit == unit { return item.name }
                if let imported = units[unit].imports.first(where: { $0.namespace == units[item.unit].namespace }) {
                    return imported.name + "." + item.name
                }
                return "\u{0}\(slot)"
            }
        }
        // Camunda's way: a table's input expression may read a variable no input declares, which the caller
        // supplies. Each such name becomes an input of the model, typed from the input expression.
        let free = freeInputs(units[0], known: viewNames[0])
        let freeSlots = free.map(\.name)
        let slotCount = elements.count + free.count
        func names(for unit: Int) -> [String] { viewNames[unit] + (unit == 0 ? freeSlots : free.map { _ in "\u{0}free" }) }

        var initialSlots = Array(repeating: FEELValue.null, count: slotCount)
        let functions = knowledgeModelFunctions(elements, units: units, target: target, names: names)
        for (slot, item) in elements.enumerated() where item.kind == .knowledgeModel {
            initialSlots[slot] = functions[slot] ?? .null
        }

        var compiled: [Int: CompiledDecision] = [:]
        for (slot, decision) in elements.enumerated() where decision.kind == .decision {
            currentTypes = units[decision.unit].types
            let before = problems.count
            var logic: Logic?
            if let logicElement = Self.logicElement(of: decision.source) {
                let slots = names(for: decision.unit)
                logic = compileLogic(logicElement, slots: slots, layout: self.layout(slots), owner: decision.name)
            } else {
                report(decision.source.location, "decision \"\(decision.name)\" has no logic (a decision table or an expression)")
            }
            // A decision that cannot be compiled is null when evaluated, with the reason; the others still decide.
            let failed = logic == nil ? Logic.failed(problems[before...].map(\.message).joined(separator: "; ")) : nil
            let requires = decision.required.compactMap { target($0.href, from: decision.unit) }.filter { elements[$0].kind == .decision }
            compiled[slot] = CompiledDecision(
                name: decision.name, id: decision.id, slot: slot, requires: requires,
                type: units[decision.unit].types.resolve(decision.typeRef), logic: logic ?? failed!)
        }

        // Evaluation order: each decision after those it requires.
        var order: [CompiledDecision] = []
        var state: [Int: Bool] = [:]  // false: being visited, true: done
        func visit(_ slot: Int) -> Bool {
            if state[slot] == true { return true }
            if state[slot] == false {
                report(elements[slot].source.location, "decision \"\(elements[slot].name)\" requires itself, through its requirements")
                return false
            }
            state[slot] = false
            for required in compiled[slot]?.requires ?? [] {
                guard visit(required) else { return false }
            }
            state[slot] = true
            if let done = compiled[slot] { order.append(done) }
            return true
        }
        for (slot, item) in elements.enumerated() where item.kind == .decision && !visit(slot) { return nil }

        let graph = DecisionGraph(decisions: order)
        var services: [String: FEELFunction] = [:]
        for (slot, item) in elements.enumerated() where item.kind == .service {
            guard let service = decisionService(item, graph: graph, elements: elements, units: units, target: target) else { continue }
            initialSlots[slot] = .function(service)
            if item.unit == 0 {
                services[item.name] = service
                if !item.id.isEmpty { services[item.id] = service }
            }
        }
        graph.initialSlots = initialSlots

        // Inputs: by the name the model reads them with, by id, and (for the TCK) by `{namespace}name`.
        var inputs: [DecisionModel.Input] = []
        for (slot, item) in elements.enumerated() where item.kind == .input {
            var keys = [viewNames[0][slot], "{\(units[item.unit].namespace)}\(item.name)"]
            if !item.id.isEmpty { keys.append(item.id) }
            inputs.append(DecisionModel.Input(
                name: viewNames[0][slot], keys: keys, slot: slot, type: units[item.unit].types.resolve(item.typeRef), isFree: false))
        }
        for (offset, input) in free.enumerated() {
            inputs.append(DecisionModel.Input(
                name: input.name, keys: [input.name], slot: elements.count + offset, type: units[0].types.resolve(input.typeRef), isFree: true))
        }
        return DecisionModel(
            file: file, name: root.attribute("name") ?? "", inputs: inputs, decisions: order, graph: graph,
            services: services, versionTags: versionTags(root, elements: elements))
    }

    /// The model and, transitively, every model it imports, each once; the first is the model itself.
    private mutating func readUnits(_ root: XMLElement) -> [Unit] {
        var units: [Unit] = []
        var pending = [(root: root, file: file)]
        var seen = Set<String>()
        while !pending.isEmpty {
            let (element, source) = pending.removeFirst()
            let namespace = element.attribute("namespace") ?? ""
            guard seen.insert(namespace).inserted || units.isEmpty else { continue }
            var imports: [(name: String, namespace: String)] = []
            for imported in element.children(named: "import") {
                guard let importedNamespace = imported.attribute("namespace"),
                      (imported.attribute("importType") ?? "").contains("DMN") || imported.attribute("importType") == nil else { continue }
                imports.append((imported.attribute("name") ?? "", importedNamespace))
                if seen.contains(importedNamespace) || pending.contains(where: { $0.root.attribute("namespace") == importedNamespace }) { continue }
                guard let found = findImport(importedNamespace) else {
                    report(imported.location, "no model beside \(source) has the namespace \(importedNamespace)")
                    continue
                }
                pending.append(found)
            }
            units.append(Unit(namespace: namespace, root: element, imports: imports, types: types(element, imports: imports)))
        }
        return units
    }

    /// A model's item definitions, and those of the models it imports by `import.name`.
    private mutating func types(_ root: XMLElement, imports: [(name: String, namespace: String)]) -> TypeSystem {
        var items: [String: ItemDefinition] = [:]
        for element in root.children(named: "itemDefinition") {
            let item = itemDefinition(element)
            if items[item.name] == nil { items[item.name] = item }
        }
        for (name, namespace) in imports {
            guard let imported = findImport(namespace)?.root else { continue }
            for element in imported.children(named: "itemDefinition") {
                let item = itemDefinition(element)
                items[name + "." + item.name] = item
            }
        }
        return TypeSystem(items: items)
    }

    // MARK: Elements

    private func element(_ element: XMLElement, kind: Element.Kind, unit: Int) -> Element {
        let variable = element.child(named: "variable")
        func references(_ container: String, _ reference: String) -> [(href: String, element: XMLElement)] {
            element.children(named: container).compactMap { requirement in
                guard let target = requirement.child(named: reference), let href = target.attribute("href") else { return nil }
                return (href, target)
            }
        }
        return Element(
            kind: kind, unit: unit,
            id: element.attribute("id") ?? "",
            name: element.attribute("name") ?? variable?.attribute("name") ?? "",
            typeRef: variable.flatMap(Self.typeRef),
            required: references("informationRequirement", "requiredDecision") + references("informationRequirement", "requiredInput"),
            knowledge: references("knowledgeRequirement", "requiredKnowledge"),
            source: element)
    }

    /// `typeRef` as an attribute (DMN 1.2+) or a child element (DMN 1.1).
    static func typeRef(_ element: XMLElement) -> String? {
        let value = element.attribute("typeRef") ?? element.child(named: "typeRef")?.text.trimmed
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }

    static let logicNames: Set<String> = [
        "decisionTable", "literalExpression", "context", "invocation", "list", "relation", "functionDefinition",
        "conditional", "filter", "for", "some", "every",
    ]

    static func logicElement(of element: XMLElement) -> XMLElement? {
        element.children.first { logicNames.contains($0.name) }
    }

    private mutating func itemDefinition(_ element: XMLElement) -> ItemDefinition {
        let function = element.child(named: "functionItem")
        return ItemDefinition(
            name: element.attribute("name") ?? "",
            typeRef: Self.typeRef(element),
            allowedValues: element.child(named: "allowedValues")?.child(named: "text").flatMap { unaryTests($0, layout: .empty) },
            components: element.children(named: "itemComponent").map { itemDefinition($0) },
            isCollection: element.attribute("isCollection") == "true",
            function: function.map { function in
                ItemDefinition.FunctionItem(
                    parameterTypes: function.children(named: "parameters").map(Self.typeRef),
                    outputType: function.attribute("outputTypeRef"))
            })
    }

    /// The names a root model's table input expressions read that nothing declares: the caller's variables.
    private func freeInputs(_ unit: Unit, known: [String]) -> [(name: String, typeRef: String?)] {
        var free: [(name: String, typeRef: String?)] = []
        for decision in unit.root.children(named: "decision") {
            // Every element under the decision, and the names it binds (context entries, parameters, iterators),
            // which its tables may read without any input declaring them.
            func descendants(_ element: XMLElement) -> [XMLElement] {
                element.children.flatMap { [$0] + descendants($0) }
            }
            let elements = descendants(decision)
            let bound = elements.compactMap { element -> String? in
                switch element.name {
                case "variable" where element.attribute("name") != decision.attribute("name"), "formalParameter": element.attribute("name")
                default: element.attribute("iteratorVariable")
                }
            }
            let layout = FEELLayout(slots: known + bound)
            for input in elements where input.name == "input" {
                guard let expression = input.child(named: "inputExpression"), let text = expression.child(named: "text"),
                      let compiled = try? FEELExpression(parsing: text.text.trimmed, layout: layout) else { continue }
                for name in compiled.referencedNames.sorted() where !free.contains(where: { $0.name == name }) {
                    free.append((name, expression.attribute("typeRef")))
                }
            }
        }
        return free
    }

    /// `camunda:versionTag` (or a plain `versionTag`) of the model and of each decision, by decision name.
    private func versionTags(_ root: XMLElement, elements: [Element]) -> [String: String] {
        func tag(_ element: XMLElement) -> String? {
            element.attributes.first { $0.name == "versionTag" }?.value
        }
        var tags: [String: String] = [:]
        if let model = tag(root) { tags[""] = model }
        for item in elements where item.kind == .decision && item.unit == 0 {
            if let decision = tag(item.source) { tags[item.name] = decision }
        }
        return tags
    }

    // MARK: Business knowledge models and decision services

    /// Each knowledge model as a function value, by slot, built in the order of their requirements on one another.
    private mutating func knowledgeModelFunctions(
        _ elements: [Element], units: [Unit], target: (String, Int) -> Int?, names: (Int) -> [String]
    ) -> [Int: FEELValue] {
        var functions: [Int: FEELValue] = [:]
        var visiting = Set<Int>()
        func build(_ slot: Int) {
            let model = elements[slot]
            guard functions[slot] == nil, !visiting.contains(slot) else { return }
            visiting.insert(slot)
            let required = model.knowledge.compactMap { target($0.href, model.unit) }.filter { elements[$0].kind == .knowledgeModel }
            for other in required { build(other) }
            guard let definition = model.source.child(named: "encapsulatedLogic") else {
                report(model.source.location, "business knowledge model \"\(model.name)\" has no <encapsulatedLogic>")
                return
            }
            let parameters = definition.children(named: "formalParameter").compactMap { $0.attribute("name") }
            let parameterTypes = definition.children(named: "formalParameter").map { units[model.unit].types.feelType(Self.typeRef($0)) }
            let view = names(model.unit)
            let known = required.map { view[$0] }
            currentTypes = units[model.unit].types
            guard let bodyElement = Self.logicElement(of: definition),
                  let body = compileLogic(bodyElement, slots: known + parameters, layout: self.layout(known + parameters), owner: model.name)
            else {
                if Self.logicElement(of: definition) == nil {
                    report(definition.location, "business knowledge model \"\(model.name)\" has no body")
                }
                return
            }
            let slots = required.map { functions[$0] ?? .null }
            functions[slot] = .function(Logic.functionValue(
                parameters: parameters, body: body, slots: slots,
                parameterTypes: parameterTypes.contains { $0 != nil } ? parameterTypes : []))
        }
        for (slot, item) in elements.enumerated() where item.kind == .knowledgeModel { build(slot) }
        return functions
    }

    /// A decision service as a function: its input decisions, then its input data, are the parameters; it
    /// evaluates the decisions its outputs need (input decisions are given, not evaluated) and returns the
    /// output's value, or a context of the outputs by name when there are several.
    private mutating func decisionService(
        _ service: Element, graph: DecisionGraph, elements: [Element], units: [Unit], target: (String, Int) -> Int?
    ) -> FEELFunction? {
        func slots(_ reference: String) -> [Int] {
            service.source.children(named: reference).compactMap { element in
                guard let href = element.attribute("href"), let slot = target(href, service.unit) else {
                    report(element.location, "\(element.attribute("href") ?? "<\(reference)>") names no element of this model")
                    return nil
                }
                return slot
            }
        }
        let outputs = slots("outputDecision")
        // Input data first, then input decisions, each in the order the service lists them (as the TCK's engines do).
        let parameters = slots("inputData") + slots("inputDecision")
        let names = parameters.map { elements[$0].name }
        let types = parameters.map { units[elements[$0].unit].types.feelType(elements[$0].typeRef) }
        let outputNames = outputs.map { elements[$0].name }
        let resultType = units[service.unit].types.resolve(output: service.typeRef)
        return FEELFunction(parameters: names, parameterTypes: types.contains { $0 != nil } ? types : []) { arguments, budget in
            var values = graph.initialSlots
            for (slot, value) in zip(parameters, arguments) { values[slot] = value }
            let results = graph.run(&values, for: outputs, given: Set(parameters), budget: &budget)
            let value = outputs.count == 1 ? results[0] : .context(FEELContext(Array(zip(outputNames, results))))
            return resultType?.held(value, firedRules: .none, problem: nil).value ?? value
        }
    }
}

extension String {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
