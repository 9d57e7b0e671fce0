// Files saved by Camunda Modeler: decisions by id, free variables as inputs, camunda: attributes read or passed over.
import Decisions
import FEEL
import Foundation
import Testing

@Suite("Camunda Modeler files")
struct CamundaTests {
    static let file = repositoryRoot.appendingPathComponent("Tests/Fixtures/camunda-modeler/short-breaks/short-breaks.dmn").path

    @Test("the file loads strictly: extension attributes and elements, DMNDI and free variables are no problem")
    func loads() throws {
        let model = try DecisionModel.load(file: Self.file)
        #expect(model.decisionNames == ["Short break eligibility", "Short break nights"])
        #expect(model.problems.isEmpty)
    }

    @Test("variables the tables read and no inputData declares are the model's free inputs, supplied by the caller")
    func freeInputs() throws {
        let model = try DecisionModel.load(file: Self.file)
        #expect(Set(model.freeInputNames) == ["childAge", "caringHoursPerWeek", "hasEHCPlan", "nightsRequested"])
        #expect(Set(model.inputNames) == Set(model.freeInputNames))
        #expect(model.inputSlot("childAge") != nil)
    }

    @Test("a decision is found by its id as well as its name, and decides")
    func byID() throws {
        let model = try DecisionModel.load(file: Self.file)
        let inputs: [String: FEELValue] = ["childAge": 12, "caringHoursPerWeek": 40, "hasEHCPlan": false, "nightsRequested": 80]
        let byID = try #require(model.evaluate(decision: "shortBreakNights", inputs: inputs))
        let byName = try #require(model.evaluate(decision: "Short break nights", inputs: inputs))
        #expect(byID.value == 75)
        #expect(byName.value == 75)
        #expect(model.evaluate(decision: "shortBreakEligibility", inputs: inputs)?.value == "eligible")
        #expect(model.evaluate(decision: "nothingOfThatId", inputs: inputs) == nil)
    }

    @Test("camunda:inputVariable and cellInput name the value under test in a cell")
    func inputVariable() throws {
        let model = try DecisionModel.load(file: Self.file)
        // Rule "tooOld" reads `age`, the age input's camunda:inputVariable; rule "substantialCare" reads
        // `cellInput` in the caring column, which names no variable of its own.
        let adult = try #require(model.evaluate(decision: "shortBreakEligibility", inputs: ["childAge": 19]))
        #expect(adult.value == "transition to adult services")
        #expect(model.rules(of: "shortBreakEligibility")[adult.firedRules[0]].id == "tooOld")
        let caring = try #require(model.evaluate(decision: "shortBreakEligibility", inputs: ["childAge": 6, "caringHoursPerWeek": 40]))
        #expect(caring.value == "eligible")
        #expect(model.rules(of: "shortBreakEligibility")[caring.firedRules[0]].id == "substantialCare")
        let planned = try #require(model.evaluate(decision: "shortBreakEligibility", inputs: ["childAge": 6, "hasEHCPlan": true]))
        #expect(model.rules(of: "shortBreakEligibility")[planned.firedRules[0]].id == "planned")
    }

    @Test("camunda:versionTag is read for the model and each decision, by name or id")
    func versionTags() throws {
        let model = try DecisionModel.load(file: Self.file)
        #expect(model.versionTag() == "2026.3")
        #expect(model.versionTag(of: "shortBreakEligibility") == "3")
        #expect(model.versionTag(of: "Short break nights") == "1")
        #expect(model.versionTag(of: "nothing") == nil)
    }

    @Test("an expression outside an input expression that reads an undeclared name is still a problem")
    func undeclaredElsewhere() throws {
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
            .replacingOccurrences(of: "<outputEntry id=\"withinOut\"><text>nightsRequested</text>", with: "<outputEntry id=\"withinOut\"><text>nightsWanted</text>")
        let found = problems(text)
        #expect(found.contains { $0.message.contains("\"nightsWanted\"") }, "\(found)")
    }
}
