// Unary tests, as a decision table's input entries: what passes each kind of cell.
import FEEL
import Testing

@Suite("FEEL unary tests")
struct UnaryTestTests {
    private func passes(_ cell: String, _ input: FEELValue) throws -> Bool {
        try FEELUnaryTests(parsing: cell).test(input)
    }

    @Test("- passes anything, null included")
    func any() throws {
        #expect(try passes("-", .null))
        #expect(try passes("-", "x"))
    }

    @Test("comparisons, intervals and lists")
    func positive() throws {
        #expect(try passes("< 18", 17))
        #expect(try !passes("< 18", 18))
        #expect(try passes(">= 18", 18))
        #expect(try passes("[1..5)", 1))
        #expect(try !passes("[1..5)", 5))
        #expect(try passes("]1..5]", 5))
        #expect(try passes("\"High\", \"Low\"", "Low"))
        #expect(try !passes("\"High\", \"Low\"", "Medium"))
        #expect(try passes("true", true))
        #expect(try !passes("true", false))
        #expect(try passes("null", .null))
    }

    @Test("not(...) negates every test inside it")
    func negation() throws {
        #expect(try passes("not(\"a\", \"b\")", "c"))
        #expect(try !passes("not(\"a\", \"b\")", "a"))
        #expect(try passes("not(< 5)", 7))
    }

    @Test("? is the value under test, in any expression")
    func questionMark() throws {
        #expect(try passes("? > 5 and ? < 10", 7))
        #expect(try !passes("? > 5 and ? < 10", 12))
        #expect(try passes("count(?) = 2", [1, 2]))
    }

    @Test("a value of another kind does not pass, and does not crash")
    func mismatch() throws {
        #expect(try !passes("< 18", "seventeen"))
        #expect(try !passes("\"a\"", 1))
    }

    @Test("constant tests describe themselves, so a table can match them without evaluating anything")
    func shapes() throws {
        #expect(try FEELUnaryTests(parsing: "-").shape == .any)
        #expect(try FEELUnaryTests(parsing: "\"a\", \"b\"").shape == .atoms([.equals("a"), .equals("b")], negated: false))
        #expect(try FEELUnaryTests(parsing: "? > 1").shape == .general)
    }

    @Test("a cell that does not parse is refused")
    func bad() {
        #expect(throws: FEELSyntaxError.self) { try FEELUnaryTests(parsing: "< ") }
        #expect(throws: FEELSyntaxError.self) { try FEELUnaryTests(parsing: "[1..") }
    }
}
