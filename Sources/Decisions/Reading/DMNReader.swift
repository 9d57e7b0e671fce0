// Reads a DMN `definitions` document into a compiled model, collecting every problem with its place.
import FEEL
import HeededXML

/// Turns a parsed DMN document into a `DecisionModel`. Elements are matched by local name, so DMN 1.1 to 1.5
/// (and files with no namespace at all) read alike; elements the engine has no use for (diagrams,
/// extension elements, text annotations) are passed over.
struct DMNReader {
    let file: String
    private(set) var problems: [XMLProblem] = []

    init(file: String) { self.file = file }

    private mutating func report(_ location: XMLLocation, _ message: String) {
        problems.append(XMLProblem(at: location, message))
    }

    /// What a `decision` or `businessKnowledgeModel` element says, before its logic is compiled.
    private struct Element {
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
        let types = TypeSystem(items: Dictionary(root.children(named: "itemDefinition").map { ($0.attribute("name") ?? "", itemDefinition($0)) }) { first, _ in first })
        let inputs = root.children(named: "inputData").map(element)
        let decisions = root.children(named: "decision").map(element)
        let knowledgeModels = root.children(named: "businessKnowledgeModel").map(element)

        var byID: [String: Element] = [:]
        var names: [String: XMLLocation] = [:]
        for item in inputs + decisions + knowledgeModels {
            if byID[item.id] != nil, !item.id.isEmpty { report(item.source.location, "id \"\(item.id)\" is used twice") }
            byID[item.id] = item
            if let first = names[item.name] {
                report(item.source.location, "the name \"\(item.name)\" is used twice (first at line \(first.line))")
            }
            names[item.name] = item.source.location
            if item.name.isEmpty { report(item.source.location, "<\(item.source.name)> has no name") }
        }
        for item in decisions + knowledgeModels {
            for (href, element) in item.required + item.knowledge where byID[Self.id(fromHref: href)] == nil {
                report(element.location, "\(href) names no element of this model")
            }
        }

        // Every value the model names gets a slot: inputs, then decisions, then knowledge models.
        let slotNames = inputs.map(\.name) + decisions.map(\.name) + knowledgeModels.map(\.name)
        let layout = FEELLayout(slots: slotNames)
        var initialSlots = Array(repeating: FEELValue.null, count: slotNames.count)
        let functions = knowledgeModelFunctions(knowledgeModels, byID: byID)
        for (offset, model) in knowledgeModels.enumerated() {
            initialSlots[inputs.count + decisions.count + offset] = functions[model.name] ?? .null
        }

        var compiled: [String: CompiledDecision] = [:]
        for (offset, decision) in decisions.enumerated() {
            let before = problems.count
            var logic: Logic?
            if let logicElement = Self.logicElement(of: decision.source) {
                logic = compileLogic(logicElement, slots: slotNames, layout: layout, owner: decision.name)
            } else {
                report(decision.source.location, "decision \"\(decision.name)\" has no logic (a decision table or an expression)")
            }
            // A decision that cannot be compiled is null when evaluated, with the reason; the others still decide.
            let failed = logic == nil ? Logic.failed(problems[before...].map(\.message).joined(separator: "; ")) : nil
            compiled[decision.name] = CompiledDecision(
                name: decision.name, slot: inputs.count + offset, type: types.resolve(decision.typeRef), logic: logic ?? failed!)
        }

        // Evaluation order: each decision after those it requires.
        var order: [CompiledDecision] = []
        var state: [String: Bool] = [:]  // false: being visited, true: done
        func visit(_ decision: Element) -> Bool {
            if state[decision.name] == true { return true }
            if state[decision.name] == false {
                report(decision.source.location, "decision \"\(decision.name)\" requires itself, through its requirements")
                return false
            }
            state[decision.name] = false
            for (href, _) in decision.required {
                if let required = byID[Self.id(fromHref: href)], decisions.contains(where: { $0.id == required.id }) {
                    guard visit(required) else { return false }
                }
            }
            state[decision.name] = true
            if let done = compiled[decision.name] { order.append(done) }
            return true
        }
        for decision in decisions where !visit(decision) { return nil }
        return DecisionModel(
            file: file, name: root.attribute("name") ?? "", inputNames: inputs.map(\.name),
            inputTypes: inputs.map { types.resolve($0.typeRef) }, decisions: order, initialSlots: initialSlots)
    }

    // MARK: Elements

    private func element(_ element: XMLElement) -> Element {
        let variable = element.child(named: "variable")
        func references(_ container: String, _ reference: String) -> [(href: String, element: XMLElement)] {
            element.children(named: container).compactMap { requirement in
                guard let target = requirement.child(named: reference), let href = target.attribute("href") else { return nil }
                return (href, target)
            }
        }
        return Element(
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

    private static func id(fromHref href: String) -> String {
        guard let hash = href.lastIndex(of: "#") else { return href }
        return String(href[href.index(after: hash)...])
    }

    private static let logicNames: Set<String> = [
        "decisionTable", "literalExpression", "context", "invocation", "list", "relation", "functionDefinition",
    ]

    private static func logicElement(of element: XMLElement) -> XMLElement? {
        element.children.first { logicNames.contains($0.name) }
    }

    private mutating func itemDefinition(_ element: XMLElement) -> ItemDefinition {
        ItemDefinition(
            name: element.attribute("name") ?? "",
            typeRef: Self.typeRef(element),
            allowedValues: element.child(named: "allowedValues")?.child(named: "text").flatMap { unaryTests($0, layout: .empty) },
            components: element.children(named: "itemComponent").map { itemDefinition($0) },
            isCollection: element.attribute("isCollection") == "true")
    }

    // MARK: Business knowledge models

    /// Each knowledge model as a function value, built in the order of their requirements on one another.
    private mutating func knowledgeModelFunctions(_ models: [Element], byID: [String: Element]) -> [String: FEELValue] {
        var functions: [String: FEELValue] = [:]
        var visiting = Set<String>()
        func build(_ model: Element) {
            guard functions[model.name] == nil, !visiting.contains(model.name) else { return }
            visiting.insert(model.name)
            let required = model.knowledge.compactMap { byID[Self.id(fromHref: $0.href)] }
            for other in required { build(other) }
            guard let definition = model.source.child(named: "encapsulatedLogic") else {
                report(model.source.location, "business knowledge model \"\(model.name)\" has no <encapsulatedLogic>")
                return
            }
            let parameters = definition.children(named: "formalParameter").compactMap { $0.attribute("name") }
            let known = required.map(\.name)
            guard let bodyElement = Self.logicElement(of: definition),
                  let body = compileLogic(bodyElement, slots: known + parameters, layout: FEELLayout(slots: known + parameters), owner: model.name)
            else {
                if Self.logicElement(of: definition) == nil {
                    report(definition.location, "business knowledge model \"\(model.name)\" has no body")
                }
                return
            }
            let slots = known.map { functions[$0] ?? .null }
            functions[model.name] = .function(Logic.functionValue(parameters: parameters, body: body, slots: slots))
        }
        for model in models { build(model) }
        return functions
    }

    // MARK: Logic

    private mutating func compileLogic(_ element: XMLElement, slots: [String], layout: FEELLayout, owner: String) -> Logic? {
        switch element.name {
        case "literalExpression":
            guard let text = element.child(named: "text") else {
                report(element.location, "a literal expression in \"\(owner)\" has no <text>")
                return nil
            }
            return expression(text, layout: layout).map(Logic.literal)
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
                guard let logic = compileLogic(valueElement, slots: scope, layout: FEELLayout(slots: scope), owner: owner) else { return nil }
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
                  let body = compileLogic(bodyElement, slots: slots + parameters, layout: FEELLayout(slots: slots + parameters), owner: owner)
            else { return nil }
            return .function(parameters: parameters, body: body)
        default:
            report(element.location, "<\(element.name)> is not logic a decision can hold")
            return nil
        }
    }

    private static let null = try! FEELExpression(parsing: "null")

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
            for entry in entries {
                let text = entry.child(named: "text") ?? entry
                guard let tests = unaryTests(text, layout: layout) else { continue }
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
