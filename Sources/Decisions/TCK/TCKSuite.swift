// Runs DMN TCK test cases (github.com/dmn-tck/tck) against the engine and reports each in the TCK's format.
import FEEL
import Foundation
import HeededXML

/// The DMN Technology Compatibility Kit, run from a folder laid out as the TCK lays it out: test folders each
/// holding a model (`*.dmn`) and its test files (`*-test-*.xml`), grouped in level folders.
public enum TCKSuite {
    /// One test case's outcome.
    public struct Result: Sendable {
        public enum Outcome: String, Sendable {
            case success = "SUCCESS", error = "ERROR", ignored = "IGNORED"
        }

        /// `<level folder>/<test folder>`, as the TCK's results files name it.
        public let folder: String
        public let testFile: String
        public let caseID: String
        public let outcome: Outcome
        /// What went wrong, for a person reading the output; empty on success.
        public let detail: String

        public init(folder: String, testFile: String, caseID: String, outcome: Outcome, detail: String) {
            self.folder = folder
            self.testFile = testFile
            self.caseID = caseID
            self.outcome = outcome
            self.detail = detail
        }

        /// The TCK's results format: `"folder","test file","case id","SUCCESS|ERROR|IGNORED",""`.
        public var csvRow: String {
            [folder, testFile, caseID, outcome.rawValue, ""].map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
                .joined(separator: ",")
        }
    }

    /// Every test case under `directory`, in folder and file order.
    public static func run(directory: String) -> [Result] {
        testFolders(under: URL(fileURLWithPath: directory)).flatMap(runFolder)
    }

    /// The folders holding test files, sorted by path.
    static func testFolders(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var folders = Set<String>()
        for case let url as URL in walker where isTestFile(url.lastPathComponent) {
            folders.insert(url.deletingLastPathComponent().standardizedFileURL.path)
        }
        return folders.sorted().map { URL(fileURLWithPath: $0) }
    }

    private static func isTestFile(_ name: String) -> Bool {
        name.hasSuffix(".xml") && name.contains("-test-")
    }

    private static func runFolder(_ folder: URL) -> [Result] {
        let label = folder.deletingLastPathComponent().lastPathComponent + "/" + folder.lastPathComponent
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter(isTestFile).sorted()
        return files.flatMap { runFile(folder.appendingPathComponent($0), label: label) }
    }

    private static func runFile(_ file: URL, label: String) -> [Result] {
        let name = file.lastPathComponent
        let document: XMLElement
        do {
            document = try XML.load(file: file.path)
        } catch {
            return [Result(folder: label, testFile: name, caseID: "-", outcome: .error, detail: "\(error)")]
        }
        let cases = document.children(named: "testCase")
        let modelName = document.child(named: "modelName")?.text.trimmed ?? ""
        let modelPath = file.deletingLastPathComponent().appendingPathComponent(modelName).path
        let model: DecisionModel
        do {
            model = try DecisionModel.load(file: modelPath, strictness: .evaluateDespiteProblems)
        } catch {
            return cases.map { Result(folder: label, testFile: name, caseID: $0.attribute("id") ?? "?", outcome: .error, detail: "model: \(error)") }
        }
        return cases.map { testCase in
            let id = testCase.attribute("id") ?? "?"
            let (outcome, detail): (Result.Outcome, String)
            switch testCase.attribute("type") ?? "decision" {
            case "decision": (outcome, detail) = run(testCase, model: model)
            case "decisionService": (outcome, detail) = runService(testCase, model: model)
            case let other: (outcome, detail) = (.ignored, "\(other) test cases are not run")
            }
            return Result(folder: label, testFile: name, caseID: id, outcome: outcome, detail: detail)
        }
    }

    /// A test case's inputs by name; an input of an imported model (one with a `namespace`) as `{namespace}name`.
    private static func inputs(_ testCase: XMLElement) -> [String: FEELValue] {
        var inputs: [String: FEELValue] = [:]
        for node in testCase.children(named: "inputNode") {
            guard let name = node.attribute("name") else { continue }
            inputs[node.attribute("namespace").map { "{\($0)}\(name)" } ?? name] = TCKValue.read(node)
        }
        return inputs
    }

    private static func run(_ testCase: XMLElement, model: DecisionModel) -> (Result.Outcome, String) {
        let results = model.evaluate(inputs(testCase))
        return check(testCase) { name in results[name].map { ($0.value, $0.problem) } }
    }

    /// A decision service invoked with the inputs as its parameters; each result node names an output decision.
    private static func runService(_ testCase: XMLElement, model: DecisionModel) -> (Result.Outcome, String) {
        guard let service = testCase.attribute("invocableName"),
              let value = model.evaluate(service: service, inputs: inputs(testCase)) else {
            return (.error, "no decision service \(testCase.attribute("invocableName") ?? "named")")
        }
        let outputs = testCase.children(named: "resultNode").count
        return check(testCase) { name in
            if outputs > 1, case .context(let context) = value { return (context[name] ?? .null, nil) }
            return (value, nil)
        }
    }

    /// Compares each result node with what `result` gives for its name (nil: no such decision).
    private static func check(_ testCase: XMLElement, _ result: (String) -> (value: FEELValue, problem: String?)?) -> (Result.Outcome, String) {
        var failures: [String] = []
        for node in testCase.children(named: "resultNode") {
            let name = node.attribute("name") ?? ""
            guard let (value, problem) = result(name) else {
                failures.append("\(name): no such decision")
                continue
            }
            if node.attribute("errorResult") == "true" {
                if !value.isNull { failures.append("\(name): expected an error, got \(value)") }
                continue
            }
            guard let expectedElement = node.child(named: "expected") else { continue }
            let expected = TCKValue.read(expectedElement)
            if !TCKValue.matches(value, expected) {
                failures.append("\(name): expected \(expected), got \(value)" + (problem.map { " (\($0))" } ?? ""))
            }
        }
        return failures.isEmpty ? (.success, "") : (.error, failures.joined(separator: "; "))
    }
}

/// Values as the TCK's test files write them (XML Schema typed), and its rules for comparing them.
enum TCKValue {
    /// The value an `inputNode`, `expected`, `component` or `item` element holds.
    static func read(_ element: XMLElement) -> FEELValue {
        if let value = element.child(named: "value") { return scalar(value) }
        if let list = element.child(named: "list") {
            return .list(list.children(named: "item").map(read))
        }
        let components = element.children(named: "component")
        if !components.isEmpty {
            return .context(FEELContext(components.map { ($0.attribute("name") ?? "", read($0)) }))
        }
        if element.attribute("nil", namespace: xsi) == "true" { return .null }
        return .null
    }

    private static let xsi = "http://www.w3.org/2001/XMLSchema-instance"

    private static func scalar(_ element: XMLElement) -> FEELValue {
        if element.attribute("nil", namespace: xsi) == "true" { return .null }
        let text = element.text
        guard let type = element.attribute("type", namespace: xsi) else { return untyped(text.trimmed) }
        let local = type.split(separator: ":").last.map(String.init) ?? type
        switch local {
        case "decimal", "double", "float", "integer", "int", "long", "short":
            return FEELNumber(text.trimmed).map(FEELValue.number) ?? .null
        case "string": return .string(text)
        case "boolean": return .boolean(text.trimmed == "true")
        case "date": return FEELDate(iso: text.trimmed).map(FEELValue.date) ?? .null
        case "dateTime": return FEELDateTime(iso: text.trimmed).map(FEELValue.dateTime) ?? .null
        case "time": return FEELTime(iso: text.trimmed).map(FEELValue.time) ?? .null
        case "duration", "yearMonthDuration", "dayTimeDuration":
            if let value = FEELYearsMonthsDuration(iso: text.trimmed) { return .yearsMonths(value) }
            return FEELDaysTimeDuration(iso: text.trimmed).map(FEELValue.daysTime) ?? .null
        default: return .string(text)
        }
    }

    /// A value written without `xsi:type`: a number or boolean when it reads as one, otherwise text.
    private static func untyped(_ text: String) -> FEELValue {
        if text == "true" || text == "false" { return .boolean(text == "true") }
        if let number = FEELNumber(text) { return .number(number) }
        return .string(text)
    }

    /// The TCK runners' comparison: numbers within 1e-8, lists in order, contexts by key, the rest exactly.
    static func matches(_ actual: FEELValue, _ expected: FEELValue) -> Bool {
        switch (actual, expected) {
        case (.number(let a), .number(let b)):
            guard let difference = a - b else { return false }
            return (difference.isNegative ? difference.negated : difference) < FEELNumber("0.00000001")!
        case (.string(let a), .number(let b)):
            return a == b.description
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy(matches)
        case (.context(let a), .context(let b)):
            return a.count == b.count && b.entries.allSatisfy { entry in a[entry.key].map { matches($0, entry.value) } ?? false }
        default:
            return actual.feelEquals(expected) == true
        }
    }
}
