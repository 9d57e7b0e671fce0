// Decision tables: each hit policy, multiple outputs, defaults, and tables that cannot decide.
import Decisions
import FEEL
import Testing

@Suite("Decision tables")
struct HitPolicyTests {
    @Test("UNIQUE: one rule decides; none, or two, is undecided with the reason")
    func unique() throws {
        let model = try load(tableModel(rules: [["< 18", "-", "-", "\"child\""], [">= 18", "-", "-", "\"adult\""]]))
        #expect(run(model, a: 17).value == "child")
        #expect(run(model, a: 17).firedRules == [0])
        let none = run(model)
        #expect(none.value == .null)
        #expect(none.problem == "no rule matched")
    }

    @Test("a UNIQUE table with two matches at run time says which rules")
    func uniqueConflict() throws {
        let model = try load(tableModel(rules: [["? > 1", "-", "-", "1"], ["? > 2", "-", "-", "2"]]))
        let result = run(model, a: 5)
        #expect(result.value == .null)
        #expect(result.problem?.contains("rules 1 (r1), 2 (r2) all matched") == true)
    }

    @Test("FIRST: the first matching rule in order decides")
    func first() throws {
        let model = try load(tableModel(hitPolicy: "FIRST", rules: [[">= 18", "-", "-", "\"adult\""], ["-", "-", "-", "\"other\""]]))
        #expect(run(model, a: 30).value == "adult")
        #expect(run(model, a: 3).value == "other")
        #expect(run(model, a: 3).firedRules == [1])
    }

    @Test("ANY: matches must agree")
    func any() throws {
        let model = try load(tableModel(hitPolicy: "ANY", rules: [["> 1", "-", "-", "\"x\""], ["> 2", "-", "-", "\"x\""], ["> 3", "-", "-", "\"y\""]]))
        #expect(run(model, a: 3).value == "x")
        #expect(run(model, a: 4).problem?.contains("different outputs") == true)
    }

    @Test("PRIORITY and OUTPUT ORDER follow the order of the output values")
    func priority() throws {
        let rules = [["-", "-", "-", "\"low\""], ["> 5", "-", "-", "\"high\""], ["> 2", "-", "-", "\"medium\""]]
        let priority = try load(tableModel(hitPolicy: "PRIORITY", outputValues: "\"high\", \"medium\", \"low\"", rules: rules))
        #expect(run(priority, a: 6).value == "high")
        #expect(run(priority, a: 3).value == "medium")
        let ordered = try load(tableModel(hitPolicy: "OUTPUT ORDER", outputValues: "\"high\", \"medium\", \"low\"", rules: rules))
        #expect(run(ordered, a: 6).value == ["high", "medium", "low"])
    }

    @Test("RULE ORDER and COLLECT list every match; COLLECT aggregates")
    func collect() throws {
        let rules = [["> 1", "-", "-", "10"], ["> 2", "-", "-", "20"], ["> 3", "-", "-", "5"]]
        #expect(run(try load(tableModel(hitPolicy: "RULE ORDER", rules: rules)), a: 4).value == [10, 20, 5])
        #expect(run(try load(tableModel(hitPolicy: "COLLECT", rules: rules)), a: 3).value == [10, 20])
        #expect(run(try load(tableModel(hitPolicy: "COLLECT", aggregation: "SUM", rules: rules)), a: 4).value == 35)
        #expect(run(try load(tableModel(hitPolicy: "COLLECT", aggregation: "MIN", rules: rules)), a: 4).value == 5)
        #expect(run(try load(tableModel(hitPolicy: "COLLECT", aggregation: "MAX", rules: rules)), a: 4).value == 20)
        #expect(run(try load(tableModel(hitPolicy: "COLLECT", aggregation: "COUNT", rules: rules)), a: 0).value == 0)
        #expect(run(try load(tableModel(hitPolicy: "COLLECT", rules: rules)), a: 0).value == [])
    }

    @Test("several outputs come back as a context keyed by output name")
    func multipleOutputs() throws {
        let model = try load(tableModel(hitPolicy: "FIRST", outputs: ["team", "urgent"], rules: [["-", "\"crisis\"", "-", "\"duty\"", "true"], ["-", "-", "-", "\"disabled-children\"", "false"]]))
        #expect(run(model, b: "crisis").value == .context(FEELContext([("team", "duty"), ("urgent", true)])))
    }

    @Test("input entries may compare with other inputs and output entries may compute")
    func expressionsInCells() throws {
        let model = try load(tableModel(hitPolicy: "FIRST", rules: [["-", "-", "true", "a * 2"], ["-", "-", "-", "a"]]))
        #expect(run(model, a: 21, c: true).value == 42)
        #expect(run(model, a: 21, c: false).value == 21)
    }

    @Test("a value that does not fit the input's type is null, and the table says why it could not decide")
    func inputTypes() throws {
        let model = try load(tableModel(rules: [["< 18", "-", "-", "1"], [">= 18", "-", "-", "2"]]))
        let results = model.evaluate(["a": "old"])
        #expect(results["decision"]?.value == .null)
        #expect(results["decision"]?.problem?.contains("input a") == true)
    }

    @Test("business knowledge models are functions a decision invokes")
    func knowledgeModels() throws {
        let text = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m" name="m" namespace="urn:m">
              <inputData id="x" name="x"><variable name="x" typeRef="number"/></inputData>
              <businessKnowledgeModel id="double" name="double">
                <encapsulatedLogic><formalParameter name="n" typeRef="number"/>
                  <literalExpression><text>n * 2</text></literalExpression></encapsulatedLogic>
              </businessKnowledgeModel>
              <decision id="d" name="result">
                <informationRequirement><requiredInput href="#x"/></informationRequirement>
                <knowledgeRequirement><requiredKnowledge href="#double"/></knowledgeRequirement>
                <context>
                  <contextEntry><variable name="once"/><literalExpression><text>double(x)</text></literalExpression></contextEntry>
                  <contextEntry><invocation><literalExpression><text>double</text></literalExpression>
                    <binding><parameter name="n"/><literalExpression><text>once</text></literalExpression></binding>
                  </invocation></contextEntry>
                </context>
              </decision>
            </definitions>
            """
        #expect(try load(text).evaluate(decision: "result", inputs: ["x": 5])?.value == 20)
    }

    @Test("a decision that requires itself is refused at load")
    func cycle() {
        let text = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m" name="m" namespace="urn:m">
              <decision id="a" name="a"><informationRequirement><requiredDecision href="#b"/></informationRequirement>
                <literalExpression><text>b + 1</text></literalExpression></decision>
              <decision id="b" name="b"><informationRequirement><requiredDecision href="#a"/></informationRequirement>
                <literalExpression><text>a + 1</text></literalExpression></decision>
            </definitions>
            """
        #expect(problems(text).contains { $0.message.contains("requires itself") })
    }
}

@Suite("Large decision tables")
struct LargeTableTests {
    /// Rule i: a in [i..i+1), b is "c(i mod 7)", c anything; output i.
    static func rules(_ count: Int) -> [[String]] {
        (0..<count).map { ["[\($0)..\($0 + 1))", "\"c\($0 % 7)\"", "-", "\($0)"] }
    }

    @Test("a table of 200 rules, across several 64-rule words, picks the one rule each input matches")
    func manyRules() throws {
        let model = try load(tableModel(hitPolicy: "UNIQUE", rules: Self.rules(200)))
        for rule in [0, 1, 63, 64, 65, 127, 128, 199] {
            let result = run(model, a: .number(FEELNumber("\(rule).5")!), b: .string("c\(rule % 7)"))
            #expect(result.value == .number(FEELNumber(rule)), "rule \(rule)")
            #expect(result.firedRules == [rule])
        }
        #expect(run(model, a: 199, b: "c0").problem == "no rule matched", "right number, wrong string")
        #expect(run(model, a: 200, b: "c4").problem == "no rule matched")
    }

    @Test("COLLECT over many rules lists every match in rule order")
    func collectMany() throws {
        let rules = (0..<150).map { ["<= \($0)", "-", "-", "\($0)"] }
        let model = try load(tableModel(hitPolicy: "COLLECT", aggregation: "COUNT", rules: rules))
        #expect(run(model, a: 100).value == 50)
        #expect(run(model, a: 0).value == 150)
    }
}
