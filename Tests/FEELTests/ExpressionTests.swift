// FEEL expressions as forms and decision tables use them: logic, comparison, text, lists, contexts, control.
import FEEL
import Testing

@Suite("FEEL expressions")
struct ExpressionTests {
    @Test("and, or and not are three-valued", arguments: [
        ("true and null", FEELValue.null), ("false and null", .false), ("true or null", .true), ("false or null", .null),
        ("not(null)", .null), ("not(true)", .false), ("true and \"yes\"", .null), ("false or false", .false),
    ])
    func ternaryLogic(source: String, expected: FEELValue) {
        #expect(feel(source) == expected)
    }

    @Test("null equals only null; comparing different kinds gives null")
    func equality() {
        #expect(feel("null = null") == .true)
        #expect(feel("null = 1") == .false)
        #expect(feel("1 = \"1\"") == .null)
        #expect(feel("1 < \"2\"") == .null)
        #expect(feel("[1, 2] = [1, 2]") == .true)
        #expect(feel("{a: 1} = {a: 1}") == .true)
        #expect(feel("\"b\" > \"a\"") == .true)
    }

    @Test("precedence: multiplication before addition, comparison after arithmetic")
    func precedence() {
        #expect(feel("10 + 20 / -5 - 3") == 3)
        #expect(feel("10 + 20 / (-5 - 3)") == number("7.5"))
        #expect(feel("1 + 2 = 3 and 2 * 2 = 4") == .true)
    }

    @Test("names are read from the scope; a missing name is null")
    func names() {
        #expect(feel("age >= 18", ["age": 21]) == .true)
        #expect(feel("missing = null") == .true)
    }

    @Test("names with spaces are one name when the scope knows them")
    func multiWordNames() throws {
        let expression = try FEELExpression(parsing: "12 * Monthly Salary", layout: FEELLayout(slots: ["Monthly Salary"]))
        #expect(expression.evaluate(slots: [100]) == 1200)
        #expect(expression.referencedNames.isEmpty)
    }

    @Test("qualified names read through contexts, and through each element of a list")
    func paths() {
        let loan: FEELValue = .context(FEELContext([("principal", 600000), ("rate", number("0.0375"))]))
        #expect(feel("loan.principal", ["loan": loan]) == 600000)
        #expect(feel("[{a: 1}, {a: 2}].a") == [1, 2])
        #expect(feel("loan.nothing", ["loan": loan]) == .null)
    }

    @Test("if, for, some and every")
    func control() {
        #expect(feel("if 1 > 2 then \"a\" else \"b\"") == "b")
        #expect(feel("if null then 1 else 2") == 2)
        #expect(feel("for x in [1, 2, 3] return x * 2") == [2, 4, 6])
        #expect(feel("for i in 1..3 return i") == [1, 2, 3])
        #expect(feel("for x in [1, 2], y in [10, 20] return x + y") == [11, 21, 12, 22])
        #expect(feel("some x in [1, 5, 9] satisfies x > 8") == .true)
        #expect(feel("every x in [1, 5, 9] satisfies x > 0") == .true)
        #expect(feel("every x in [1, 5, 9] satisfies x > 1") == .false)
    }

    @Test("filters keep the items that pass, and a number picks an item")
    func filters() {
        let household: FEELValue = [
            .context(FEELContext([("name", "Ellie"), ("age", 11), ("helps", true)])),
            .context(FEELContext([("name", "Sam"), ("age", 40), ("helps", true)])),
            .context(FEELContext([("name", "Noor"), ("age", 8), ("helps", false)])),
        ]
        #expect(feel("count(household[helps = true and age < 18])", ["household": household]) == 1)
        #expect(feel("household[age > 10].name", ["household": household]) == ["Ellie", "Sam"])
        #expect(feel("[1, 2, 3, 4][item > 2]") == [3, 4])
        #expect(feel("[1, 2, 3][1]") == 1)
        #expect(feel("[1, 2, 3][-1]") == 3)
        #expect(feel("[1, 2, 3][5]") == .null)
    }

    @Test("in tests a value against values, lists and ranges")
    func membership() {
        #expect(feel("\"b\" in [\"a\", \"b\"]") == .true)
        #expect(feel("5 in [1..5]") == .true)
        #expect(feel("5 in [1..5)") == .false)
        #expect(feel("5 in (< 5, > 9)") == .false)
        #expect(feel("10 in (< 5, > 9)") == .true)
        #expect(feel("3 between 1 and 5") == .true)
    }

    @Test("contexts: entries see the ones before them")
    func contexts() {
        #expect(feel("{a: 1, b: a + 1}.b") == 2)
        #expect(feel("{\"first name\": \"Ada\"}.first name") == "Ada")
        #expect(feel("get value({a: 1}, \"a\")") == 1)
        #expect(feel("context put({a: 1}, \"b\", 2)") == .context(FEELContext([("a", 1), ("b", 2)])))
    }

    @Test("functions: defined inline, called by position or by name")
    func functions() {
        #expect(feel("{f: function(a, b) a - b, r: f(10, 4)}.r") == 6)
        #expect(feel("{f: function(a, b) a - b, r: f(b: 10, a: 4)}.r") == -6)
        #expect(feel("substring(string: \"foobar\", start position: 3)") == "obar")
        #expect(feel("sort([3, 1, 2], function(x, y) x > y)") == [3, 2, 1])
    }

    @Test("string functions count characters from 1")
    func strings() {
        #expect(feel("substring(\"foobar\", 3, 3)") == "oba")
        #expect(feel("substring(\"foobar\", -2)") == "ar")
        #expect(feel("string length(\"foo\")") == 3)
        #expect(feel("upper case(\"abc\")") == "ABC")
        #expect(feel("contains(\"name@example.com\", \"@\")") == .true)
        #expect(feel("matches(\"AB12\", \"^[A-Z]+[0-9]+$\")") == .true)
        #expect(feel("replace(\"abcd\", \"(ab)|(a)\", \"[1=$1][2=$2]\")") == "[1=ab][2=]cd")
        #expect(feel("split(\"a;b;c\", \";\")") == ["a", "b", "c"])
        #expect(feel("string join([\"a\", null, \"c\"], \", \")") == "a, c")
        #expect(feel("\"Hello \" + \"you\"") == "Hello you")
        #expect(feel("string(1.50)") == "1.5")
    }

    @Test("list functions")
    func lists() {
        #expect(feel("sum([1, 2, 3])") == 6)
        #expect(feel("max(1, 5, 3)") == 5)
        #expect(feel("min([])") == .null)
        #expect(feel("mean([1, 2, 3, 4])") == number("2.5"))
        #expect(feel("list contains([1, null], null)") == .true)
        #expect(feel("distinct values([1, 2, 1])") == [1, 2])
        #expect(feel("flatten([1, [2, [3]]])") == [1, 2, 3])
        #expect(feel("index of([1, 2, 1], 1)") == [1, 3])
        #expect(feel("sublist([1, 2, 3, 4], 2, 2)") == [2, 3])
        #expect(feel("all([true, null])") == .null)
        #expect(feel("any([false, true])") == .true)
        #expect(feel("count([1, 2, 3][item > 1])") == 2)
    }

    @Test("a type can be tested with instance of")
    func instanceOf() {
        #expect(feel("1 instance of number") == .true)
        #expect(feel("\"1\" instance of number") == .false)
        #expect(feel("[1, 2] instance of list<number>") == .true)
        #expect(feel("date(\"2026-01-15\") instance of date and time") == .false)
    }

    @Test("a syntax error says what was expected and where")
    func syntaxErrors() {
        #expect(throws: FEELSyntaxError.self) { try FEELExpression(parsing: "has_pr = = false") }
        do {
            _ = try FEELExpression(parsing: "\"unclosed")
            Issue.record("an unclosed string must not parse")
        } catch {
            #expect(error.offset == 0)
            #expect(error.message.contains("not closed"))
        }
        do {
            _ = try FEELExpression(parsing: "f(a: 1, 2)", layout: FEELLayout(names: ["f"]))
            Issue.record("mixed arguments must not parse")
        } catch {
            #expect(error.message.contains("cannot be mixed"))
        }
    }

    @Test("a built-in given the wrong number of arguments is null, as FEEL says, and a problem to report")
    func wrongArguments() throws {
        let expression = try FEELExpression(parsing: "substring(\"a\")")
        #expect(expression.evaluate([:]) == .null)
        #expect(expression.problems.first?.message.contains("substring takes") == true)
        #expect(try FEELExpression(parsing: "substring(\"abc\", 2)").problems.isEmpty)
    }

    @Test("the names an expression reads are known after compiling, without those inside filters")
    func referencedNames() throws {
        let expression = try FEELExpression(parsing: "count(household[helps = true]) > limit and date(\"2020-01-01\") < today()")
        #expect(expression.referencedNames == ["household", "limit"])
    }
}
