// Test support: small DMN models written inline, and where the repository's test data are.
import Decisions
import FEEL
import Foundation
import HeededXML

/// The repository root, found from this file's place in Tests/DecisionsTests.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A one-decision model: inputs `a` (number), `b` (string) and `c` (boolean), and one decision table.
/// `rules` are rows of cells, input entries then output entries; `outputs` names one or more outputs.
func tableModel(
    hitPolicy: String = "UNIQUE", aggregation: String? = nil, outputs: [String] = ["result"],
    outputValues: String? = nil, rules: [[String]], namespace: String = "https://www.omg.org/spec/DMN/20230324/MODEL/"
) -> String {
    let outputElements = outputs.map { name in
        "<output name=\"\(name)\">" + (outputValues.map { "<outputValues><text>\($0)</text></outputValues>" } ?? "") + "</output>"
    }.joined()
    let ruleElements = rules.enumerated().map { index, cells in
        "<rule id=\"r\(index + 1)\">"
            + cells.prefix(3).map { "<inputEntry><text>\(escape($0))</text></inputEntry>" }.joined()
            + cells.dropFirst(3).map { "<outputEntry><text>\(escape($0))</text></outputEntry>" }.joined()
            + "<annotationEntry><text>reason \(index + 1)</text></annotationEntry></rule>"
    }.joined(separator: "\n")
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="\(namespace)" id="m" name="test model" namespace="urn:test">
          <inputData id="a" name="a"><variable name="a" typeRef="number"/></inputData>
          <inputData id="b" name="b"><variable name="b" typeRef="string"/></inputData>
          <inputData id="c" name="c"><variable name="c" typeRef="boolean"/></inputData>
          <decision id="d" name="decision">
            <informationRequirement><requiredInput href="#a"/></informationRequirement>
            <informationRequirement><requiredInput href="#b"/></informationRequirement>
            <informationRequirement><requiredInput href="#c"/></informationRequirement>
            <decisionTable hitPolicy="\(hitPolicy)"\(aggregation.map { " aggregation=\"\($0)\"" } ?? "")>
              <input label="a"><inputExpression typeRef="number"><text>a</text></inputExpression></input>
              <input label="b"><inputExpression typeRef="string"><text>b</text></inputExpression></input>
              <input label="c"><inputExpression typeRef="boolean"><text>c</text></inputExpression></input>
              \(outputElements)
              <annotation name="reason"/>
        \(ruleElements)
            </decisionTable>
          </decision>
        </definitions>
        """
}

private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}

func load(_ text: String) throws(XMLErrors) -> DecisionModel {
    try DecisionModel.load(bytes: Array(text.utf8), file: "test.dmn")
}

/// The problems loading reports; none when it loads.
func problems(_ text: String) -> [XMLProblem] {
    do {
        _ = try load(text)
        return []
    } catch {
        return error.problems
    }
}

func run(_ model: DecisionModel, a: FEELValue = .null, b: FEELValue = .null, c: FEELValue = .null) -> DecisionResult {
    model.evaluate(decision: "decision", inputs: ["a": a, "b": b, "c": c])!
}
