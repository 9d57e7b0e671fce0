// Compiles the logic a DMN element holds (boxed expressions, decision tables, FEEL text) for `DMNReader`.
import FEEL
import HeededXML

extension DMNReader {
    mutating func compileLogic(_ element: XMLElement, slots: [String], layout: FEELLayout, owner: String) -> Logic? {
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

    static let null = try! FEELExpression(parsing: "null")

    /// The logic inside a part of a boxed expression (`<if>`, `<in>`, `<return>`, ...).
    mutating func part(_ name: String, of element: XMLElement, slots: [String], owner: String) -> Logic? {
        guard let logicElement = element.child(named: name).flatMap(Self.logicElement) else {
            report(element.location, "a boxed \(element.name) in \"\(owner)\" has no <\(name)> expression")
            return nil
        }
        return compileLogic(logicElement, slots: slots, layout: self.layout(slots), owner: owner)
    }

    /// A layout of slots that knows the model's types.
    func layout(_ slots: [String]) -> FEELLayout {
        FEELLayout(slots: slots, types: feelTypes)
    }

    mutating func decisionTable(_ element: XMLElement, layout: FEELLayout, owner: String) -> DecisionTable? {
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
    mutating func reportOverlaps(_ rules: [DecisionTable.Rule], _ shapes: [[FEELUnaryTests.Shape]], owner: String) {
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

    mutating func expression(_ text: XMLElement, layout: FEELLayout) -> FEELExpression? {
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

    mutating func unaryTests(_ text: XMLElement, layout: FEELLayout) -> FEELUnaryTests? {
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

    mutating func reportUnknownNames(_ names: Set<String>, at location: XMLLocation, in source: String) {
        for name in names.sorted() {
            report(location, "\"\(source)\" uses \"\(name)\", which is not an input, decision or function of this model")
        }
    }

    /// Annotation text as one paragraph.
    static func paragraph(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
