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
    private var feelTypes: [String: FEELType] { currentTypes.feelTypes }
    /// The item definitions of the model whose logic is being compiled.
    private var currentTypes = TypeSystem(items: [:])

    init(file: String, findImport: @escaping (String) -> (root: XMLElement, file: String)? = { _ in nil }) {
        self.file = file
        self.findImport = findImport
    }

    private mutating func report(_ location: XMLLocation, _ message: String) {
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
    private static func typeRef(_ element: XMLElement) -> String? {
        let value = element.attribute("typeRef") ?? element.child(named: "typeRef")?.text.trimmed
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static let logicNames: Set<String> = [
        "decisionTable", "literalExpression", "context", "invocation", "list", "relation", "functionDefinition",
        "conditional", "filter", "for", "some", "every",
    ]

    private static func logicElement(of element: XMLElement) -> XMLElement? {
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
            var elements: [XMLElement] = []
            var pending = decision.children
            while let element = pending.popLast() {
                elements.append(element)
                pending += element.children
            }
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

    // MARK: Logic

    private mutating func compileLogic(_ element: XMLElement, slots: [String], layout: FEELLayout, owner: String) -> Logic? {
        switch element.name {
        case "literalExpression":
            guard let text = element.child(named: "text") else {
                report(element.location, "a literal expression in \"\(owner)\" has no <text>")
                return nil
            }
            guard let literal = expression(text, layout: layout).map(Logic.literal) else { return nil }
            return currentTypes.resolve(element.attribute("typeRef")).map { .typed(literal, $0) } ?? literal
        case "decisionTable":
            return decisionTable(element, layout: layout, owner: owner).map(Logic.table)
        case "context":
            var entries: [(name: String, logic: Logic)] = []
            var result: Logic?
            var scope = slots
            for entry in element.children(named: "contextEntry") {
                guard let valueElement = Self.logicElement(of: entry) else {
                    report(entry.location, "a context entry in \"\(owner)\" has no value")
                    return nil
                }
                guard let logic = compileLogic(valueElement, slots: scope, layout: self.layout(scope), owner: owner) else { return nil }
                if let name = entry.child(named: "variable")?.attribute("name") {
                    entries.append((name, logic))
                    scope.append(name)
                } else {
                    result = logic
                }
            }
            return .context(entries: entries, result: result)
        case "invocation":
            guard let calleeElement = Self.logicElement(of: element), let calleeText = calleeElement.child(named: "text"),
                  let callee = expression(calleeText, layout: layout) else {
                report(element.location, "an invocation in \"\(owner)\" does not name the function it calls")
                return nil
            }
            var arguments: [(name: String, logic: Logic)] = []
            for binding in element.children(named: "binding") {
                guard let name = binding.child(named: "parameter")?.attribute("name") else {
                    report(binding.location, "a binding in \"\(owner)\" has no <parameter name=...>")
                    return nil
                }
                guard let valueElement = Self.logicElement(of: binding) else {
                    arguments.append((name, .literal(Self.null)))
                    continue
                }
                guard let logic = compileLogic(valueElement, slots: slots, layout: layout, owner: owner) else { return nil }
                arguments.append((name, logic))
            }
            return .invocation(callee: callee, arguments: arguments)
        case "list":
            var items: [Logic] = []
            for item in element.children where Self.logicNames.contains(item.name) {
                guard let logic = compileLogic(item, slots: slots, layout: layout, owner: owner) else { return nil }
                items.append(logic)
            }
            return .list(items)
        case "relation":
            let columns = element.children(named: "column").compactMap { $0.attribute("name") ?? $0.attribute("label") }
            var rows: [[Logic]] = []
            for row in element.children(named: "row") {
                var cells: [Logic] = []
                for cell in row.children where Self.logicNames.contains(cell.name) {
                    guard let logic = compileLogic(cell, slots: slots, layout: layout, owner: owner) else { return nil }
                    cells.append(logic)
                }
                guard cells.count == columns.count else {
                    report(row.location, "a row of a relation in \"\(owner)\" has \(cells.count) cells for \(columns.count) columns")
                    return nil
                }
                rows.append(cells)
            }
            return .relation(columns: columns, rows: rows)
        case "functionDefinition":
            let parameters = element.children(named: "formalParameter").compactMap { $0.attribute("name") }
            guard let bodyElement = Self.logicElement(of: element),
                  let body = compileLogic(bodyElement, slots: slots + parameters, layout: self.layout(slots + parameters), owner: owner)
            else { return nil }
            if element.attribute("kind") == "Java" {
                // The body names a static Java method: a context of constants, read now.
                let definition = body.evaluate(slots: Array(repeating: .null, count: slots.count + parameters.count)).value
                guard let function = JavaFunctions.function(definition: definition, parameters: parameters) else {
                    report(element.location, "the Java method \(definition) in \"\(owner)\" is none Heeded knows: its calls are null")
                    return .literal(Self.null)
                }
                return .constant(.function(function))
            }
            return .function(parameters: parameters, body: body)
        case "conditional":
            guard let condition = part("if", of: element, slots: slots, owner: owner),
                  let then = part("then", of: element, slots: slots, owner: owner),
                  let otherwise = part("else", of: element, slots: slots, owner: owner) else { return nil }
            return .conditional(condition: condition, then: then, otherwise: otherwise)
        case "filter":
            guard let source = part("in", of: element, slots: slots, owner: owner),
                  let match = part("match", of: element, slots: slots + ["item"], owner: owner) else { return nil }
            return .filter(source: source, match: match)
        case "for", "some", "every":
            guard let variable = element.attribute("iteratorVariable") else {
                report(element.location, "a boxed \(element.name) in \"\(owner)\" has no iteratorVariable")
                return nil
            }
            let kind: Logic.Iteration = element.name == "for" ? .collect : element.name == "some" ? .some : .every
            guard let source = part("in", of: element, slots: slots, owner: owner),
                  let body = part(element.name == "for" ? "return" : "satisfies", of: element, slots: slots + [variable], owner: owner)
            else { return nil }
            return .iteration(kind, source: source, body: body)
        default:
            report(element.location, "<\(element.name)> is not logic a decision can hold")
            return nil
        }
    }

    private static let null = try! FEELExpression(parsing: "null")

    /// The logic inside a part of a boxed expression (`<if>`, `<in>`, `<return>`, ...).
    private mutating func part(_ name: String, of element: XMLElement, slots: [String], owner: String) -> Logic? {
        guard let logicElement = element.child(named: name).flatMap(Self.logicElement) else {
            report(element.location, "a boxed \(element.name) in \"\(owner)\" has no <\(name)> expression")
            return nil
        }
        return compileLogic(logicElement, slots: slots, layout: self.layout(slots), owner: owner)
    }

    /// A layout of slots that knows the model's types.
    private func layout(_ slots: [String]) -> FEELLayout {
        FEELLayout(slots: slots, types: feelTypes)
    }

    private mutating func decisionTable(_ element: XMLElement, layout: FEELLayout, owner: String) -> DecisionTable? {
        let before = problems.count
        let hitPolicyText = element.attribute("hitPolicy") ?? "UNIQUE"
        guard let hitPolicy = HitPolicy(dmn: hitPolicyText) else {
            report(element.location(ofAttribute: "hitPolicy"), "hitPolicy \"\(hitPolicyText)\" is not a DMN hit policy "
                + "(\(HitPolicy.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        var aggregation: Aggregation?
        if let text = element.attribute("aggregation") {
            aggregation = Aggregation(rawValue: text.uppercased())
            if aggregation == nil { report(element.location(ofAttribute: "aggregation"), "aggregation \"\(text)\" is not SUM, COUNT, MIN or MAX") }
            if hitPolicy != .collect { report(element.location(ofAttribute: "aggregation"), "only a COLLECT table can aggregate") }
        }

        var inputs: [DecisionTable.Input] = []
        for input in element.children(named: "input") {
            guard let text = input.child(named: "inputExpression")?.child(named: "text") else {
                report(input.location, "an input of table \"\(owner)\" has no <inputExpression><text>")
                continue
            }
            guard let compiled = expression(text, layout: layout) else { continue }
            inputs.append(DecisionTable.Input(
                expression: compiled,
                allowedValues: input.child(named: "inputValues")?.child(named: "text").flatMap { unaryTests($0, layout: layout) },
                label: input.attribute("label") ?? text.text.trimmed))
        }
        var outputs: [DecisionTable.Output] = []
        let outputElements = element.children(named: "output")
        for output in outputElements {
            let allowed = output.child(named: "outputValues")?.child(named: "text").flatMap { unaryTests($0, layout: layout) }
            var priorities: [FEELValue] = []
            if case .atoms(let atoms, negated: false)? = allowed?.shape {
                priorities = atoms.compactMap { if case .equals(let value) = $0 { value } else { nil } }
            }
            outputs.append(DecisionTable.Output(
                name: output.attribute("name") ?? output.attribute("label") ?? owner,
                typeRef: output.attribute("typeRef"),
                allowedValues: allowed,
                priorities: priorities,
                defaultValue: output.child(named: "defaultOutputEntry")?.child(named: "text").flatMap { expression($0, layout: layout) }))
        }
        if outputs.isEmpty { report(element.location, "table \"\(owner)\" has no <output>") }
        if hitPolicy == .priority || hitPolicy == .outputOrder, outputs.allSatisfy({ $0.priorities.isEmpty }) {
            report(element.location, "a \(hitPolicy.rawValue) table needs output values, listed from highest priority to lowest")
        }
        if aggregation != nil && outputs.count > 1 {
            report(element.location, "a COLLECT table with an aggregation must have one output")
        }
        let annotationNames = element.children(named: "annotation").map { $0.attribute("name") ?? "annotation" }

        // A cell may name the value under test: Camunda's `cellInput`, or the input's `camunda:inputVariable`.
        let cellLayouts = element.children(named: "input").map { input in
            layout.naming(input: input.attributes.first { $0.name == "inputVariable" }?.value ?? "cellInput")
        }
        var rules: [DecisionTable.Rule] = []
        var cells: [CellTest] = []
        var cellShapes: [[FEELUnaryTests.Shape]] = []
        for (position, rule) in element.children(named: "rule").enumerated() {
            let ruleID = rule.attribute("id") ?? "rule \(position + 1)"
            let entries = rule.children(named: "inputEntry")
            let outputEntries = rule.children(named: "outputEntry")
            guard entries.count == element.children(named: "input").count else {
                report(rule.location, "rule \(ruleID) has \(entries.count) input entries for \(element.children(named: "input").count) inputs")
                continue
            }
            guard outputEntries.count == outputElements.count else {
                report(rule.location, "rule \(ruleID) has \(outputEntries.count) output entries for \(outputElements.count) outputs")
                continue
            }
            var shapes: [FEELUnaryTests.Shape] = []
            for (column, entry) in entries.enumerated() {
                let text = entry.child(named: "text") ?? entry
                guard let tests = unaryTests(text, layout: cellLayouts[column]) else { continue }
                cells.append(CellTest(tests))
                shapes.append(tests.shape)
            }
            var outputExpressions: [FEELExpression] = []
            for entry in outputEntries {
                guard let text = entry.child(named: "text"), let compiled = expression(text, layout: layout) else {
                    if entry.child(named: "text") == nil { report(entry.location, "an output entry of rule \(ruleID) has no <text>") }
                    continue
                }
                outputExpressions.append(compiled)
            }
            var annotations: [String: String] = [:]
            for (index, entry) in rule.children(named: "annotationEntry").enumerated() where index < annotationNames.count {
                annotations[annotationNames[index]] = Self.paragraph(entry.child(named: "text")?.text ?? entry.text)
            }
            if let description = rule.child(named: "description") {
                annotations["description"] = Self.paragraph(description.text)
            }
            rules.append(DecisionTable.Rule(outputs: outputExpressions, info: RuleInfo(id: ruleID, annotations: annotations, location: rule.location)))
            cellShapes.append(shapes)
        }
        guard problems.count == before else { return nil }
        if hitPolicy == .unique { reportOverlaps(rules, cellShapes, owner: owner) }
        return DecisionTable(
            inputs: inputs, outputs: outputs, rules: rules, cells: cells, hitPolicy: hitPolicy, aggregation: aggregation,
            location: element.location)
    }

    /// Rules of a UNIQUE table that some input would match together, where the cells make that decidable.
    private mutating func reportOverlaps(_ rules: [DecisionTable.Rule], _ shapes: [[FEELUnaryTests.Shape]], owner: String) {
        for a in rules.indices {
            for b in rules.indices where b > a {
                guard Overlap.rulesOverlap(shapes[a], shapes[b]) == true else { continue }
                report(rules[b].info.location,
                    "rules \(rules[a].info.id) and \(rules[b].info.id) of UNIQUE table \"\(owner)\" can both match the same input "
                        + "(line \(rules[a].info.location.line) and this one): make them exclusive, or use another hit policy")
            }
        }
    }

    // MARK: FEEL text

    private mutating func expression(_ text: XMLElement, layout: FEELLayout) -> FEELExpression? {
        let source = text.text.trimmed
        guard !source.isEmpty else {
            report(text.location, "an expression is empty")
            return nil
        }
        do {
            let expression = try FEELExpression(parsing: source, layout: layout)
            reportUnknownNames(expression.referencedNames, at: text.location, in: source)
            for problem in expression.problems {
                report(Self.location(of: problem.offset, in: text), "\"\(source)\": \(problem)")
            }
            return expression
        } catch {
            report(Self.location(of: error.offset, in: text), "\"\(source)\" is not a valid FEEL expression: \(error)")
            return nil
        }
    }

    /// Where a character of an expression is in the file: its `<text>` element's line, moved down by the lines
    /// of the expression before it (long expressions span many lines).
    static func location(of offset: Int, in text: XMLElement) -> XMLLocation {
        let raw = Array(text.text.unicodeScalars)
        let leading = raw.prefix { $0.properties.isWhitespace }.count
        let before = raw.prefix(min(raw.count, leading + offset))
        let newlines = before.filter { $0 == "\n" }.count
        guard newlines > 0 else { return text.location }
        let column = before.count - (before.lastIndex(of: "\n") ?? 0)
        return XMLLocation(file: text.location.file, line: text.location.line + newlines, column: column)
    }

    private mutating func unaryTests(_ text: XMLElement, layout: FEELLayout) -> FEELUnaryTests? {
        let source = text.text.trimmed
        do {
            let tests = try FEELUnaryTests(parsing: source.isEmpty ? "-" : source, layout: layout)
            reportUnknownNames(tests.referencedNames, at: text.location, in: source)
            for problem in tests.problems {
                report(Self.location(of: problem.offset, in: text), "\"\(source)\": \(problem)")
            }
            return tests
        } catch {
            report(Self.location(of: error.offset, in: text), "\"\(source)\" is not a valid cell (FEEL unary tests): \(error)")
            return nil
        }
    }

    private mutating func reportUnknownNames(_ names: Set<String>, at location: XMLLocation, in source: String) {
        for name in names.sorted() {
            report(location, "\"\(source)\" uses \"\(name)\", which is not an input, decision or function of this model")
        }
    }

    /// Annotation text as one paragraph.
    private static func paragraph(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension String {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
