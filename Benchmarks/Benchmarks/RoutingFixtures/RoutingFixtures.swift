// The cases and the generated table the routing benchmarks and the rate tool run on.
import Casework
import Decisions
import FEEL
import Foundation

public enum RoutingCases {
    /// The worked cases beside the repository (shared/scenarios/routing-examples.jsonl).
    public static func workedCases(repository root: URL) -> URL {
        root.deletingLastPathComponent().appendingPathComponent("shared/scenarios/routing-examples.jsonl")
    }

    /// The facts of each line of a JSON Lines file of `{id, facts, expected}` cases.
    public static func load(file: URL) throws -> [RequestFacts] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        return try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let facts = try JSONSerialization.data(withJSONObject: object["facts"]!)
            return try RequestFacts(json: facts)
        }
    }
}

/// A FIRST table of N rules over a number, a string and a boolean, where rule i matches age in [i..i+1),
/// category "c(i mod 7)" and any flag: the inputs for the last rule make every rule before it fail.
public enum GeneratedTable {
    public static func dmn(rules: Int) -> String {
        var text = """
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="generated" name="generated" namespace="urn:heeded:bench">
              <inputData id="age" name="age"><variable name="age" typeRef="number"/></inputData>
              <inputData id="category" name="category"><variable name="category" typeRef="string"/></inputData>
              <inputData id="flag" name="flag"><variable name="flag" typeRef="boolean"/></inputData>
              <decision id="band" name="band">
                <informationRequirement><requiredInput href="#age"/></informationRequirement>
                <informationRequirement><requiredInput href="#category"/></informationRequirement>
                <informationRequirement><requiredInput href="#flag"/></informationRequirement>
                <decisionTable hitPolicy="FIRST">
                  <input label="age"><inputExpression typeRef="number"><text>age</text></inputExpression></input>
                  <input label="category"><inputExpression typeRef="string"><text>category</text></inputExpression></input>
                  <input label="flag"><inputExpression typeRef="boolean"><text>flag</text></inputExpression></input>
                  <output name="band" typeRef="number"/>

            """
        for rule in 0..<rules {
            text += """
                      <rule id="r\(rule)"><inputEntry><text>[\(rule)..\(rule + 1))</text></inputEntry><inputEntry><text>"c\(rule % 7)"</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>\(rule)</text></outputEntry></rule>

                """
        }
        return text + "      </decisionTable>\n    </decision>\n</definitions>\n"
    }

    public static func inputsMatchingLastRule(_ model: DecisionModel, rules: Int) -> DecisionModel.Inputs {
        var inputs = model.makeInputs()
        inputs[model.inputSlot("age")!] = .number(FEELNumber(rules - 1))
        inputs[model.inputSlot("category")!] = .string("c\((rules - 1) % 7)")
        inputs[model.inputSlot("flag")!] = .boolean(true)
        return inputs
    }
}
