// Conformance: every DMN TCK compliance-level-2 test case, the shared sample and the folders it lacks.
import Decisions
import Foundation
import Testing

@Suite("DMN TCK, compliance level 2")
struct TCKTests {
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/dmn-tck/compliance-level-2").path
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
          .enabled(if: FileManager.default.fileExists(atPath: shared), "../shared/dmn-tck/compliance-level-2 is not beside this checkout"))
    func sharedSample() {
        let results = TCKSuite.run(directory: Self.shared) + TCKSuite.run(directory: Self.extra)
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
}
