// Loading DMN: what a modeler writes loads; every mistake is reported with its line before anything runs.
import Decisions
import FEEL
import Foundation
import HeededXML
import Testing

@Suite("Loading DMN models")
struct LoadingTests {
    @Test("the shipped routing tables load with their six decisions, and the concern table with its one")
    func shippedRules() throws {
        let model = try DecisionModel.load(file: repositoryRoot.appendingPathComponent("Forms/rules/routing.dmn").path)
        #expect(Set(model.decisionNames) == [
            "cin_assessment", "parent_carer_assessment", "young_carer_assessment", "safeguarding_s47", "team", "adult_transition",
        ])
        let concerns = try DecisionModel.load(file: repositoryRoot.appendingPathComponent("Forms/rules/concerns.dmn").path)
        #expect(concerns.decisionNames == ["concern_gives_cause"])
        #expect(model.decisionNames.first == "safeguarding_s47", "required decisions come first")
        #expect(model.rules(of: "team").allSatisfy { $0.annotations["reason"]?.isEmpty == false })
    }

    @Test("a file as a DMN modeler saves it loads: DMN 1.3 namespaces, prefixes, extension elements, a diagram")
    func modelerFile() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <semantic:definitions xmlns:semantic="https://www.omg.org/spec/DMN/20191111/MODEL/"
                xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/"
                xmlns:kie="http://www.drools.org/kie/dmn/1.2" id="_x" name="Eligibility" namespace="urn:x">
              <semantic:extensionElements><kie:ComponentsWidthsExtension/></semantic:extensionElements>
              <semantic:inputData id="_age" name="Applicant Age">
                <semantic:extensionElements/>
                <semantic:variable name="Applicant Age" typeRef="number"/>
              </semantic:inputData>
              <semantic:decision id="_d" name="Band">
                <semantic:variable name="Band" typeRef="string"/>
                <semantic:informationRequirement id="_r"><semantic:requiredInput href="#_age"/></semantic:informationRequirement>
                <semantic:decisionTable id="_t" hitPolicy="UNIQUE" outputLabel="Band">
                  <semantic:input id="_i" label="Applicant Age">
                    <semantic:inputExpression id="_e" typeRef="number"><semantic:text>Applicant Age</semantic:text></semantic:inputExpression>
                  </semantic:input>
                  <semantic:output id="_o" name="Band" typeRef="string"/>
                  <semantic:annotation name="Why"/>
                  <semantic:rule id="young"><semantic:inputEntry id="_1"><semantic:text>&lt; 18</semantic:text></semantic:inputEntry>
                    <semantic:outputEntry id="_2"><semantic:text>"young"</semantic:text></semantic:outputEntry>
                    <semantic:annotationEntry><semantic:text>Under 18</semantic:text></semantic:annotationEntry></semantic:rule>
                  <semantic:rule id="adult"><semantic:inputEntry id="_3"><semantic:text>&gt;= 18</semantic:text></semantic:inputEntry>
                    <semantic:outputEntry id="_4"><semantic:text>"adult"</semantic:text></semantic:outputEntry>
                    <semantic:annotationEntry><semantic:text>18 or over</semantic:text></semantic:annotationEntry></semantic:rule>
                </semantic:decisionTable>
              </semantic:decision>
              <dmndi:DMNDI><dmndi:DMNDiagram id="_diagram"><dmndi:DMNShape id="_s" dmnElementRef="_d">
                <dc:Bounds height="50" width="100" x="10" y="10"/></dmndi:DMNShape></dmndi:DMNDiagram></dmndi:DMNDI>
            </semantic:definitions>
            """
        let model = try load(text)
        let result = try #require(model.evaluate(decision: "Band", inputs: ["Applicant Age": 17]))
        #expect(result.value == "young")
        #expect(model.rules(of: "Band")[result.firedRules[0]].annotations["Why"] == "Under 18")
    }

    @Test("a cell that does not parse is reported at its line")
    func unparsableCell() {
        let found = problems(tableModel(rules: [["< 18 <", "-", "-", "1"]]))
        #expect(found.contains { $0.line == 16 && $0.message.contains("not a valid cell") }, "\(found)")
    }

    @Test("an expression naming something the model does not have is reported with the name")
    func unknownName() {
        let found = problems(tableModel(rules: [["-", "-", "-", "salary * 2"]]))
        #expect(found.contains { $0.line == 16 && $0.message.contains("\"salary\"") }, "\(found)")
    }

    @Test("rules of a UNIQUE table that can match the same input are reported, naming both")
    func overlappingUniqueRules() {
        let found = problems(tableModel(rules: [
            ["< 18", "\"a\", \"b\"", "-", "1"],
            [">= 18", "-", "-", "2"],
            ["[10..20]", "\"b\"", "true", "3"],
        ]))
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.message.contains("rules r1 and r3") })
        #expect(found.contains { $0.message.contains("rules r2 and r3") })
        #expect(problems(tableModel(rules: [["< 18", "-", "-", "1"], [">= 18", "-", "-", "2"]])).isEmpty)
        #expect(problems(tableModel(rules: [["-", "\"a\"", "-", "1"], ["-", "not(\"a\")", "-", "2"]])).isEmpty)
        // A rule of dashes overlaps any satisfiable rule; cells whose overlap cannot be decided are not reported.
        #expect(!problems(tableModel(rules: [["? > a - 1", "-", "-", "1"], ["-", "-", "-", "2"]])).isEmpty)
        #expect(problems(tableModel(rules: [["? > a - 1", "-", "-", "1"], ["< 5", "-", "-", "2"]])).isEmpty)
    }

    @Test("a hit policy DMN does not have is refused")
    func badHitPolicy() {
        let found = problems(tableModel(hitPolicy: "SOMETIMES", rules: [["-", "-", "-", "1"]]))
        #expect(found.contains { $0.message.contains("SOMETIMES") && $0.line == 10 }, "\(found)")
    }

    @Test("a requirement that names nothing, and a rule with the wrong number of cells, are reported")
    func structure() {
        let broken = tableModel(rules: [["-", "-", "1"]]).replacingOccurrences(of: "href=\"#c\"", with: "href=\"#nothing\"")
        let found = problems(broken)
        #expect(found.contains { $0.message.contains("#nothing") && $0.line == 9 }, "\(found)")
        #expect(found.contains { $0.message.contains("rule r1 has 0 output entries for 1 outputs") }, "\(found)")
    }

    @Test("a DOCTYPE is refused: DMN never needs one")
    func doctype() {
        let hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]><definitions/>"
        #expect(problems(hostile).first?.message.contains("DOCTYPE") == true)
    }

    /// A model of two decisions: `broken`, whose expression is `text`, and `fine`, which is "ok".
    private func twoDecisions(_ text: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m" name="m" namespace="urn:two">
          <decision id="broken" name="broken">
            <literalExpression>
              <text>\(text)</text>
            </literalExpression>
          </decision>
          <decision id="fine" name="fine"><literalExpression><text>"ok"</text></literalExpression></decision>
        </definitions>
        """
    }

    @Test("a decision that does not compile: refused by the strict load, null when evaluated, the others decide")
    func oneBadExpression() throws {
        let text = twoDecisions("1 +* 2")
        #expect(problems(text).contains { $0.line == 5 && $0.message.contains("not a valid FEEL expression") })
        let model = try DecisionModel.load(bytes: Array(text.utf8), file: "two.dmn", strictness: .evaluateDespiteProblems)
        let results = model.evaluate([:])
        #expect(results["broken"]?.value == .null)
        #expect(results["broken"]?.problem?.contains("not a valid FEEL expression") == true)
        #expect(results["fine"]?.value == "ok")
        #expect(model.problems.count == 1)
    }

    @Test("a built-in given the wrong arguments, or a function nothing defines: null when evaluated, a problem when checked")
    func wrongCalls() throws {
        for call in ["substring(\"abc\")", "abs(1, 2, 3)", "date(from: \"2026-01-01\", to: 3)", "nosuchfunction(1)"] {
            let text = twoDecisions(call)
            #expect(!problems(text).isEmpty, "\(call) should be reported")
            let model = try DecisionModel.load(bytes: Array(text.utf8), file: "two.dmn", strictness: .evaluateDespiteProblems)
            #expect(model.evaluate([:])["broken"]?.value == .null, "\(call)")
            #expect(model.evaluate([:])["fine"]?.value == "ok")
        }
    }

    @Test("an expression nested fifty thousand deep is refused at its file and line, and the process lives")
    func deepExpressionInAFile() {
        let deep = "\n\n" + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000)
        let found = problems(twoDecisions(deep))
        #expect(found.contains { $0.file == "test.dmn" && $0.line == 7 && $0.message.contains("nests more than \(FEELLimits.maximumNesting) deep") },
                "\(found.map(\.description))")
    }

    @Test("a table of ten times the rules loads as a table of one (1x and 10x)", arguments: [200, 2_000])
    func manyRules(count: Int) throws {
        let rules = (0..<count).map { ["[\($0)..\($0 + 1))", "-", "-", "\($0)"] }
        let model = try load(tableModel(hitPolicy: "FIRST", rules: rules))
        #expect(run(model, a: .number(FEELNumber(count - 1))).value == .number(FEELNumber(count - 1)))
    }
}

