// FEEL numbers are decimals: exact where binary floating point is not, and null where arithmetic has no answer.
import FEEL
import Testing

@Suite("FEEL numbers")
struct NumberTests {
    @Test("decimal arithmetic is exact: 0.1 + 0.2 = 0.3")
    func exactDecimals() {
        #expect(feel("0.1 + 0.2 = 0.3") == .true)
        #expect(feel("1.10 * 3") == number("3.3"))
        #expect(feel("10 / 4") == number("2.5"))
    }

    @Test("equal numbers written differently are equal and hash alike")
    func canonicalForm() {
        #expect(FEELNumber("1.50") == FEELNumber("1.5"))
        #expect(FEELNumber("100")!.hashValue == FEELNumber("100.000")!.hashValue)
        #expect(FEELNumber("-0.00")! == .zero)
    }

    @Test("numbers beyond 64 bits stay exact through Decimal")
    func largeNumbers() {
        let big = feel("123456789012345678901234567890 + 1")
        #expect(big == number("123456789012345678901234567891"))
        #expect(feel("99999999999999999 * 1000 > 9999999999999999") == .true)
        #expect(FEELNumber("0.000000000000000000001")!.description == "0.000000000000000000001")
    }

    @Test("division by zero and arithmetic on other types are null, not a crash")
    func nullPropagation() {
        #expect(feel("(10 + 20) / 0") == .null)
        #expect(feel("10 + null") == .null)
        #expect(feel("\"a\" + 1") == .null)
        #expect(feel("- \"a\"") == .null)
    }

    @Test("exponents: whole powers are exact, negative ones are reciprocals, others go through real analysis")
    func powers() {
        #expect(feel("5 + 2 ** 5") == 37)
        #expect(feel("10 ** -5") == number("0.00001"))
        #expect(feel("1.2 * 10 ** 3") == 1200)
        #expect(feel("-2 ** 2") == 4)
        #expect(feel("4 ** 0.5").numberValue.map { abs($0.doubleValue - 2) < 1e-9 } == true)
    }

    @Test("rounding functions round at a scale in the direction they name")
    func rounding() {
        #expect(feel("decimal(2.5, 0)") == 2)
        #expect(feel("decimal(3.5, 0)") == 4)
        #expect(feel("round half up(-2.5, 0)") == -3)
        #expect(feel("round half down(2.5, 0)") == 2)
        #expect(feel("round up(5.12, 1)") == number("5.2"))
        #expect(feel("round down(-5.18, 1)") == number("-5.1"))
        #expect(feel("floor(-1.5)") == -2)
        #expect(feel("ceiling(1.01)") == 2)
        #expect(feel("modulo(-12, 5)") == 3)
        #expect(feel("abs(-3.5)") == number("3.5"))
    }

    @Test("text that is not a number is refused")
    func parsing() {
        #expect(FEELNumber("12a") == nil)
        #expect(FEELNumber("") == nil)
        #expect(FEELNumber("1.2E3") == FEELNumber(1200))
        #expect(feel("number(\"1,000.5\", \",\", \".\")") == number("1000.5"))
        #expect(feel("number(\"abc\")") == .null)
    }
}
