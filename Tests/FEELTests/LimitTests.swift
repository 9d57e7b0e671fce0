// FEEL's limits: hostile or runaway expressions are refused or stopped with a reason, never crash or stall.
import FEEL
import Testing

@Suite("FEEL limits")
struct LimitTests {
    /// The syntax error an expression is refused with, or nil when it parses.
    private func refusal(_ source: String) -> FEELSyntaxError? {
        do {
            _ = try FEELExpression(parsing: source)
            return nil
        } catch {
            return error
        }
    }

    /// The value and the budget's problem after evaluating.
    private func evaluated(_ source: String) throws -> (FEELValue, String?) {
        let expression = try FEELExpression(parsing: source)
        var budget = FEELBudget()
        let value = expression.evaluate(slots: [], budget: &budget)
        return (value, budget.problem)
    }

    @Test("powers past what a number holds are null, not a crash (found by fuzzing: Fuzz/Regressions/FuzzFEEL)",
          arguments: ["7**-25**-55", "5**-24**-55", "2.5**-7**2.5**-55", "2.5**500.5", "0.5**-600.5", "0.5**600.5", "(5**-24)**8 * (5**-24)**8", "-25**-55", "(7**-25)**-55", "7**-25", "(7**-25)**55", "(0.1**30)**-30", "2**-100000", "(2**-60)**-2000", "10**-100**-3"])
    func extremePowers(_ source: String) throws {
        _ = try FEELExpression(parsing: source).evaluate([:])
        _ = try FEELUnaryTests(parsing: "?*" + source).test(.number(5), scope: [:])
    }

    @Test("a product, quotient or sum past a Decimal's range is null; within it, exact")
    func decimalRange() throws {
        #expect(try FEELExpression(parsing: "10**100 * 10**100").evaluate([:]) == .null)
        #expect(try FEELExpression(parsing: "10**-100 * 10**-100").evaluate([:]) == .null)
        #expect(try FEELExpression(parsing: "10**100 / 10**-100").evaluate([:]) == .null)
        #expect(try FEELExpression(parsing: "10**100 * 10**50 = 10**150").evaluate([:]) == .boolean(true))
        #expect(try FEELExpression(parsing: "10**-30 * 10**-20 = 10**-50").evaluate([:]) == .boolean(true))
    }

    @Test("nesting within the limit parses and evaluates")
    func withinLimit() throws {
        let depth = FEELLimits.maximumNesting - 10
        let source = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(try FEELExpression(parsing: source).evaluate([:]) == 1)
        let chain = Array(repeating: "1", count: FEELLimits.maximumNesting - 10).joined(separator: " + ")
        #expect(try FEELExpression(parsing: chain).evaluate([:]) == .number(FEELNumber(FEELLimits.maximumNesting - 10)))
    }

    /// Expressions nested fifty thousand deep, by kind (built here so a failure report does not print them).
    private static func deeplyNested(_ kind: String) -> String {
        let depth = 50_000
        func wrapped(_ open: String, _ inner: String, _ close: String) -> String {
            String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
        }
        switch kind {
        case "parentheses": return wrapped("(", "1", ")")
        case "lists": return wrapped("[", "1", "]")
        case "contexts": return wrapped("{a: ", "1", "}")
        case "negations": return String(repeating: "-", count: depth) + "1"
        case "calls": return wrapped("abs(", "1", ")")
        case "if": return wrapped("if true then ", "1", " else 0")
        default: return "x instance of " + wrapped("list<", "number", ">")
        }
    }

    @Test("deep nesting is refused with the character where it passed the limit",
          arguments: ["parentheses", "lists", "contexts", "negations", "calls", "if", "types"])
    func deepNesting(kind: String) throws {
        let source = Self.deeplyNested(kind)
        let error = try #require(refusal(source), "\(kind) should be refused")
        #expect(error.message.contains("nests more than \(FEELLimits.maximumNesting) deep"))
        #expect(error.offset > 0 && error.offset < source.unicodeScalars.count)
    }

    @Test("a long chain of one operator is as tall as it is long, and refused", arguments: ["+", "and", "or", "*", "**"])
    func longChains(op: String) throws {
        let source = Array(repeating: "1", count: 100_000).joined(separator: " \(op) ")
        let error = try #require(refusal(source))
        #expect(error.message.contains("nests more than"))
    }

    @Test("a long path or filter chain is refused")
    func postfixChains() throws {
        #expect(refusal("x" + String(repeating: ".a", count: 100_000)) != nil)
        #expect(refusal("x" + String(repeating: "[1]", count: 100_000)) != nil)
    }

    @Test("a range of a billion numbers stops at the step budget with null and a reason")
    func hugeRange() throws {
        let (value, problem) = try evaluated("for i in 1..100000000 return i")
        #expect(value == .null)
        #expect(problem?.contains("steps") == true || problem?.contains("items") == true)
        let (count, countProblem) = try evaluated("count(for i in 1..1000000000 return i)")
        #expect(count == .null)
        #expect(countProblem != nil)
    }

    @Test("nested loops stop at the step budget")
    func nestedLoops() throws {
        let (value, problem) = try evaluated("every x in 1..100000, y in 1..100000 satisfies x + y > 0")
        #expect(value == .null)
        #expect(problem?.contains("steps") == true)
    }

    @Test("a function calling itself without end stops at the depth limit")
    func endlessRecursion() throws {
        let (value, problem) = try evaluated("{f: function(g, n) g(g, n + 1), r: f(f, 1)}.r")
        #expect(value == .null)
        #expect(problem?.contains("nested more than \(FEELLimits.maximumDepth)") == true)
    }

    @Test("strings and lists that double themselves stop before they outgrow the limits")
    func doubling() throws {
        let (text, textProblem) = try evaluated(#"{f: function(g, s) g(g, s + s), r: f(f, "ab")}.r"#)
        #expect(text == .null)
        #expect(textProblem?.contains("bytes") == true)
        let (list, listProblem) = try evaluated("{f: function(g, l) g(g, concatenate(l, l)), r: f(f, [1])}.r")
        #expect(list == .null)
        #expect(listProblem?.contains("items") == true)
        let (flat, flatProblem) = try evaluated(
            "{f: function(g, l, n) if n = 0 then flatten(l) else g(g, [l, l], n - 1), r: f(f, [1], 40)}.r")
        #expect(flat == .null)
        #expect(flatProblem?.contains("items") == true)
    }

    @Test("string join, replace and distinct values of large inputs stay within the limits")
    func largeBuiltins() throws {
        let (joined, joinedProblem) = try evaluated(#"string join(for i in 1..600000 return "0123456789abcdefghij")"#)
        #expect(joined == .null)
        #expect(joinedProblem != nil)
        let (distinct, distinctProblem) = try evaluated("count(distinct values(for i in 1..100000 return i))")
        #expect(distinct == .null)
        #expect(distinctProblem?.contains("steps") == true)
        let (substring, _) = try evaluated(#"substring("abc", 1, 1000000000)"#)
        #expect(substring == "abc")
    }

    @Test("partial, the results so far, is paid for, so a loop reading it stays bounded")
    func partialResults() throws {
        let (value, problem) = try evaluated("count(for i in 1..100000 return [partial[-1]])")
        #expect(value == .null)
        #expect(problem?.contains("steps") == true)
        let (factorials, _) = try evaluated("for i in 0..4 return if i = 0 then 1 else i * partial[-1]")
        #expect(factorials == [1, 1, 2, 6, 24])
    }

    @Test("a long flat expression parses: the limits are on depth, not size (1x and 10x)", arguments: [10_000, 100_000])
    func flatSize(items: Int) throws {
        let source = "count([" + Array(repeating: "1", count: items).joined(separator: ", ") + "])"
        #expect(try FEELExpression(parsing: source).evaluate([:]) == .number(FEELNumber(items)))
        let context = "{" + (0..<items / 10).map { "k\($0): \($0)" }.joined(separator: ", ") + "}.k7"
        #expect(try FEELExpression(parsing: context).evaluate([:]) == 7)
    }

    @Test("a parenthesised expression is read once, not once per way it might be read")
    func noBacktracking() throws {
        // Ranges and parenthesised expressions both open with "(": this used to be read twice per level.
        let source = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200) + " in [0..2]"
        #expect(try FEELExpression(parsing: source).evaluate([:]) == .true)
    }
}
