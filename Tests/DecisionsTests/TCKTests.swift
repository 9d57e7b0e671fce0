// Conformance: the DMN TCK's compliance levels 2 and 3 (shared sample and the level-2 folders it lacks), and a
// Camunda-Modeler-shaped model with test cases in the TCK's format.
import Decisions
import Foundation
import Testing

@Suite("DMN TCK, compliance level 2")
struct TCKTests {
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/dmn-tck").path
    static let extra = repositoryRoot.appendingPathComponent("Tests/Fixtures/dmn-tck-extra").path

    @Test("the 8 level-2 folders kept in this repository all pass (25 cases)")
    func extraFolders() {
        let results = TCKSuite.run(directory: Self.extra)
        #expect(results.count == 25)
        for result in results where result.outcome != .success {
            Issue.record("\(result.folder) \(result.caseID): \(result.detail)")
        }
    }

    @Test("the shared TCK sample passes in full, and with this repository's folders makes 116 cases in 28 folders",
          .enabled(if: FileManager.default.fileExists(atPath: shared + "/compliance-level-2"), "../shared/dmn-tck is not beside this checkout"))
    func sharedSample() {
        let results = TCKSuite.run(directory: Self.shared + "/compliance-level-2") + TCKSuite.run(directory: Self.extra)
        #expect(results.count == 116)
        #expect(Set(results.map(\.folder)).count == 28)
        for result in results where result.outcome != .success {
            Issue.record("\(result.folder) \(result.caseID): \(result.detail)")
        }
    }

    @Test("results print in the TCK's CSV format")
    func csvRow() {
        let row = TCKSuite.Result(folder: "compliance-level-2/0001-input-data-string", testFile: "0001-input-data-string-test-01.xml",
                                  caseID: "001", outcome: .success, detail: "")
        #expect(row.csvRow == "\"compliance-level-2/0001-input-data-string\",\"0001-input-data-string-test-01.xml\",\"001\",\"SUCCESS\",\"\"")
    }

    static let level3 = shared + "/compliance-level-3"

    /// Every level-3 case passes: 3,275 cases in 118 folders of dmn-tck/tck (120 folders, two without tests).
    static let level3Cases = 3_275

    @Test("every compliance-level-3 case passes (3,275 cases)",
          .enabled(if: FileManager.default.fileExists(atPath: level3), "../shared/dmn-tck/compliance-level-3 is not beside this checkout"))
    func level3Folders() {
        let results = TCKSuite.run(directory: Self.level3)
        #expect(results.count == Self.level3Cases)
        #expect(results.filter { $0.outcome == .success }.count == Self.level3Cases)
        for result in results where result.outcome != .success {
            Issue.record("\(result.folder) \(result.testFile) \(result.caseID): \(result.detail)")
        }
    }

    @Test("test cases in the TCK's format run against a Camunda-shaped model, invoking decisions by id")
    func camundaCases() {
        let results = TCKSuite.run(directory: repositoryRoot.appendingPathComponent("Tests/Fixtures/camunda-modeler").path)
        #expect(results.count == 3)
        for result in results where result.outcome != .success {
            Issue.record("\(result.folder) \(result.caseID): \(result.detail)")
        }
    }
}
