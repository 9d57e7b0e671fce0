// Parses FEEL expressions and unary tests into compiled nodes, resolving each name as it goes.

/// A recursive-descent parser for FEEL (DMN 1.5 chapter 10), compiling as it parses.
///
/// Multi-word names are FEEL's peculiarity: `Monthly Salary`, `years and months duration` and `date and time`
/// are single names, with no marker of where they end. Wherever a name may stand, the parser tries the names it
/// knows (the host's, the locals in scope, the built-in functions), longest first, and otherwise takes one word.
struct Parser {
    private var tokens: [Token]
    private var position = 0
    private let layout: FEELLayout
    /// Multi-word names of locals declared in this expression, by first word.
    private var localNames = NameTable()
    /// The local stack as it will be at run time at the current point: a named binding, or a filter's item.
    private var frames: [Frame] = []
    private(set) var referencedNames: Set<String> = []
    /// The slots read outside filters (inside one, a name may be the item's entry instead).
    private(set) var slotsRead: Set<Int> = []
    private(set) var usesInput = false

    private enum Frame {
        case binding(String)
        case filterItem
    }

    init(source: String, layout: FEELLayout) throws(FEELSyntaxError) {
        tokens = try Lexer.tokens(source)
        self.layout = layout
    }

    /// Runs a parse that may not apply (a range where a parenthesis could also open an expression), undoing
    /// everything it did when it fails.
    private mutating func attempt<T>(_ parse: (inout Parser) throws(FEELSyntaxError) -> T) -> T? {
        var copy = self
        guard let result = try? parse(&copy) else { return nil }
        self = copy
        return result
    }

    private mutating func pushBinding(_ name: String) {
        frames.append(.binding(name))
        localNames.add(name)
    }

    // MARK: Entry points

    mutating func parseExpression() throws(FEELSyntaxError) -> Node {
        let node = try expression()
        try expectEnd()
        return node
    }

    /// Unary tests as in a decision table's input entry: `-`, `not(...)`, or positive tests separated by commas.
    mutating func parseUnaryTests() throws(FEELSyntaxError) -> UnaryTestsNode {
        if current.isSymbol("-") && peek(1).kind == .end {
            position += 1
            return .any
        }
        if current.isWord("not") && peek(1).isSymbol("("),
           let tests = attempt({ (parser) throws(FEELSyntaxError) -> [PositiveTest] in
               parser.position += 2
               let tests = try parser.positiveUnaryTests()
               try parser.expectSymbol(")")
               try parser.expectEnd()
               return tests
           }) {
            return .tests(tests, negated: true)
        }
        let tests = try positiveUnaryTests()
        try expectEnd()
        return .tests(tests, negated: false)
    }

    // MARK: Expressions

    private mutating func expression() throws(FEELSyntaxError) -> Node {
        if current.isWord("if") { return try ifExpression() }
        if current.isWord("for") { return try forExpression() }
        if (current.isWord("some") || current.isWord("every")), !isKnownNameStart() { return try quantified() }
        if current.isWord("function") && peek(1).isSymbol("(") { return try functionDefinition() }
        return try disjunction()
    }

    private mutating func ifExpression() throws(FEELSyntaxError) -> Node {
        position += 1
        let condition = try expression()
        try expectWord("then")
        let then = try expression()
        try expectWord("else")
        let otherwise = try expression()
        return .ifThenElse(condition, then, otherwise)
    }

    private mutating func forExpression() throws(FEELSyntaxError) -> Node {
        position += 1
        let frame = frames.count
        let iterations = try iterationContexts()
        try expectWord("return")
        let body = try expression()
        frames.removeLast(iterations.count)
        return .forLoop(iterations, body, frame: frame)
    }

    private mutating func quantified() throws(FEELSyntaxError) -> Node {
        let every = current.isWord("every")
        position += 1
        let frame = frames.count
        let iterations = try iterationContexts()
        try expectWord("satisfies")
        let body = try expression()
        frames.removeLast(iterations.count)
        return .quantified(every: every, iterations, body, frame: frame)
    }

    /// `a in x, b in y`: each variable is in scope for the sources after it and for the body.
    private mutating func iterationContexts() throws(FEELSyntaxError) -> [Iteration] {
        var iterations: [Iteration] = []
        repeat {
            if !iterations.isEmpty { position += 1 }
            let name = try bindingName(until: { $0.isWord("in") })
            try expectWord("in")
            let source = try expression()
            var end: Node?
            if current.isSymbol("..") {
                position += 1
                end = try expression()
            }
            iterations.append(Iteration(source: source, end: end))
            pushBinding(name)
        } while current.isSymbol(",")
        return iterations
    }

    private mutating func functionDefinition() throws(FEELSyntaxError) -> Node {
        position += 2
        var parameters: [String] = []
        while !current.isSymbol(")") {
            if !parameters.isEmpty { try expectSymbol(",") }
            let name = try bindingName(until: { $0.isSymbol(",") || $0.isSymbol(")") || $0.isSymbol(":") })
            if current.isSymbol(":") {
                position += 1
                _ = try type()
            }
            parameters.append(name)
        }
        position += 1
        if current.isWord("external") {
            throw FEELSyntaxError("external functions (Java, PMML) are not supported", at: current.offset)
        }
        let frame = frames.count
        for parameter in parameters { pushBinding(parameter) }
        let body = try expression()
        frames.removeLast(parameters.count)
        return .function(parameters: parameters, body: body, frame: frame)
    }

    private mutating func disjunction() throws(FEELSyntaxError) -> Node {
        var node = try conjunction()
        while current.isWord("or") {
            position += 1
            node = .or(node, try conjunction())
        }
        return node
    }

    private mutating func conjunction() throws(FEELSyntaxError) -> Node {
        var node = try comparison()
        while current.isWord("and") {
            position += 1
            node = .and(node, try comparison())
        }
        return node
    }

    private mutating func comparison() throws(FEELSyntaxError) -> Node {
        let left = try additive()
        if case .symbol(let symbol) = current.kind, let op = ComparisonOperator(rawValue: symbol) {
            position += 1
            return .comparison(op, left, try additive())
        }
        if current.isWord("between") {
            position += 1
            let low = try additive()
            try expectWord("and")
            return .between(left, low, try additive())
        }
        if current.isWord("in") {
            position += 1
            return .inTests(left, try inTests())
        }
        if current.isWord("instance") && peek(1).isWord("of") {
            position += 2
            return .instanceOf(left, try type())
        }
        return left
    }

    /// After `in`: one positive unary test, or several in parentheses.
    private mutating func inTests() throws(FEELSyntaxError) -> [PositiveTest] {
        if current.isSymbol("(") {
            if let interval = attempt({ (parser) throws(FEELSyntaxError) in try parser.intervalLiteral() }) {
                return [interval]
            }
            position += 1
            let tests = try positiveUnaryTests()
            try expectSymbol(")")
            return tests
        }
        return [try positiveUnaryTest()]
    }

    private mutating func additive() throws(FEELSyntaxError) -> Node {
        var node = try multiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op: ArithmeticOperator = current.isSymbol("+") ? .add : .subtract
            position += 1
            node = .arithmetic(op, node, try multiplicative())
        }
        return node
    }

    private mutating func multiplicative() throws(FEELSyntaxError) -> Node {
        var node = try power()
        while current.isSymbol("*") || current.isSymbol("/") {
            let op: ArithmeticOperator = current.isSymbol("*") ? .multiply : .divide
            position += 1
            node = .arithmetic(op, node, try power())
        }
        return node
    }

    private mutating func power() throws(FEELSyntaxError) -> Node {
        var node = try unary()
        while current.isSymbol("**") {
            position += 1
            node = .arithmetic(.power, node, try unary())
        }
        return node
    }

    private mutating func unary() throws(FEELSyntaxError) -> Node {
        if current.isSymbol("-") {
            position += 1
            let operand = try unary()
            if case .literal(.number(let number)) = operand { return .literal(.number(number.negated)) }
            return .negate(operand)
        }
        return try postfix()
    }

    private mutating func postfix() throws(FEELSyntaxError) -> Node {
        var node = try primary()
        while true {
            if current.isSymbol(".") {
                position += 1
                node = .path(node, try pathKey())
            } else if current.isSymbol("[") {
                position += 1
                let frame = frames.count
                frames.append(.filterItem)
                let test = try expression()
                frames.removeLast()
                try expectSymbol("]")
                node = .filter(node, test, frame: frame)
            } else if current.isSymbol("(") {
                node = try invocation(of: node)
            } else {
                return node
            }
        }
    }

    /// A call on a value: `PMT(a, b, c)`, `f(x: 1)`. Calls of built-ins by name are bound in `nameOrCall`.
    private mutating func invocation(of callee: Node) throws(FEELSyntaxError) -> Node {
        let (positional, named) = try arguments()
        if let named { return .callValueNamed(callee, named) }
        return .callValue(callee, positional)
    }

    private mutating func arguments() throws(FEELSyntaxError) -> ([Node], [(name: String, value: Node)]?) {
        try expectSymbol("(")
        var positional: [Node] = []
        var named: [(name: String, value: Node)] = []
        while !current.isSymbol(")") {
            if !positional.isEmpty || !named.isEmpty { try expectSymbol(",") }
            if let name = namedArgumentName() {
                guard positional.isEmpty else {
                    throw FEELSyntaxError("positional and named arguments cannot be mixed", at: current.offset)
                }
                named.append((name, try expression()))
            } else {
                guard named.isEmpty else {
                    throw FEELSyntaxError("positional and named arguments cannot be mixed", at: current.offset)
                }
                positional.append(try expression())
            }
        }
        position += 1
        return (positional, named.isEmpty ? nil : named)
    }

    /// `name:` at the start of an argument (the words before a colon), consumed when present.
    private mutating func namedArgumentName() -> String? {
        var offset = 0
        var words: [String] = []
        while case .word(let word) = peek(offset).kind {
            words.append(word)
            offset += 1
        }
        if case .quotedName(let name) = peek(0).kind, peek(1).isSymbol(":") {
            position += 2
            return name
        }
        guard !words.isEmpty, peek(offset).isSymbol(":") else { return nil }
        position += offset + 1
        return words.joined(separator: " ")
    }

    // MARK: Primaries

    private mutating func primary() throws(FEELSyntaxError) -> Node {
        let token = current
        switch token.kind {
        case .number(let number):
            position += 1
            return .literal(.number(number))
        case .string(let text):
            position += 1
            return .literal(.string(text))
        case .symbol("("):
            if let interval = attempt({ (parser) throws(FEELSyntaxError) in try parser.intervalLiteral() }),
               case .range(let low, let lowClosed, let high, let highClosed) = interval {
                return .range(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed)
            }
            position += 1
            let inner = try expression()
            try expectSymbol(")")
            return inner
        case .symbol("["):
            return try listOrInterval()
        case .symbol("]"):
            guard case .range(let low, let lowClosed, let high, let highClosed) = try intervalLiteral() else {
                throw FEELSyntaxError("expected a range", at: token.offset)
            }
            return .range(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed)
        case .symbol("{"):
            return try contextLiteral()
        case .symbol("@"):
            position += 1
            guard case .string(let text) = current.kind else {
                throw FEELSyntaxError("@ must be followed by a string, like @\"2026-01-15\"", at: current.offset)
            }
            position += 1
            guard let value = Conversions.temporal(text) else {
                throw FEELSyntaxError("@\"\(text)\" is not a date, time, date and time or duration", at: token.offset)
            }
            return .literal(value)
        case .symbol("<"), .symbol("<="), .symbol(">"), .symbol(">="):
            // A unary comparison used as a value is the range it describes: `< 10` is `(null..10)`.
            guard case .comparison(let op, let endpoint) = try positiveUnaryTest() else {
                throw FEELSyntaxError("expected a comparison", at: token.offset)
            }
            return Self.range(op, endpoint)
        case .word, .quotedName:
            return try nameOrCall()
        case .symbol(let symbol):
            throw FEELSyntaxError("unexpected \"\(symbol)\"", at: token.offset)
        case .end:
            throw FEELSyntaxError("the expression ends too soon", at: token.offset)
        }
    }

    private static func range(_ op: ComparisonOperator, _ endpoint: Node) -> Node {
        switch op {
        case .less: .range(low: nil, lowClosed: false, high: endpoint, highClosed: false)
        case .lessOrEqual: .range(low: nil, lowClosed: false, high: endpoint, highClosed: true)
        case .greater: .range(low: endpoint, lowClosed: false, high: nil, highClosed: false)
        default: .range(low: endpoint, lowClosed: true, high: nil, highClosed: false)
        }
    }

    private mutating func nameOrCall() throws(FEELSyntaxError) -> Node {
        let start = current
        switch start.word {
        case "true": position += 1; return .literal(.true)
        case "false": position += 1; return .literal(.false)
        case "null": position += 1; return .literal(.null)
        case "?":
            position += 1
            usesInput = true
            return .input
        default: break
        }
        let name = try name()
        if let local = lookup(name) { return local }
        if let slot = layout.index(of: name) {
            if !isInsideFilter { slotsRead.insert(slot) }
            return wrapInFilters(name, .slot(slot))
        }
        if layout.otherNames.contains(name) {
            if !isInsideFilter { referencedNames.insert(name) }
            return wrapInFilters(name, .global(name))
        }
        if Builtins.overloads[name] != nil {
            if current.isSymbol("(") { return try builtinCall(name, at: start.offset) }
            // A built-in named without a call is a function value (`sort(xs, precedes: f)` passes `f`).
            return .literal(.function(Builtins.functionValue(name)))
        }
        if Self.keywords.contains(name) {
            throw FEELSyntaxError("\"\(name)\" cannot stand here", at: start.offset)
        }
        if !isInsideFilter { referencedNames.insert(name) }
        return wrapInFilters(name, .global(name))
    }

    private var isInsideFilter: Bool {
        frames.contains { if case .filterItem = $0 { true } else { false } }
    }

    /// Inside filters, a name may be an entry of the current item: innermost filter first.
    private func wrapInFilters(_ name: String, _ fallback: Node) -> Node {
        var node = fallback
        for (index, frame) in frames.enumerated() {
            if case .filterItem = frame { node = .itemEntry(name, frame: index, fallback: node) }
        }
        return node
    }

    /// A local binding, nearest first, seen through any filters opened after it.
    private func lookup(_ name: String) -> Node? {
        if name == "item", let index = frames.lastIndex(where: { if case .filterItem = $0 { true } else { false } }) {
            return .local(index)
        }
        guard let index = frames.lastIndex(where: { if case .binding(name) = $0 { true } else { false } }) else { return nil }
        var node = Node.local(index)
        for (frameIndex, frame) in frames.enumerated() where frameIndex > index {
            if case .filterItem = frame { node = .itemEntry(name, frame: frameIndex, fallback: node) }
        }
        return node
    }

    private mutating func builtinCall(_ name: String, at offset: Int) throws(FEELSyntaxError) -> Node {
        let (positional, named) = try arguments()
        let overloads = Builtins.overloads[name] ?? []
        if let named {
            let names = named.map(\.name)
            guard let overload = overloads.first(where: { $0.accepts(names: names) }) else {
                let expected = overloads.map { "(\($0.parameters.joined(separator: ", ")))" }.joined(separator: " or ")
                throw FEELSyntaxError("\(name) takes \(expected), not (\(names.joined(separator: ", ")))", at: offset)
            }
            let arguments = overload.parameters.map { parameter in
                named.first { $0.name == parameter }?.value ?? .literal(.null)
            }
            return .callBuiltin(overload, Array(arguments.prefix(max(overload.required, lastGiven(named, overload) + 1))))
        }
        guard let overload = overloads.first(where: { $0.accepts(count: positional.count) }) else {
            let expected = overloads.map { "(\($0.parameters.joined(separator: ", ")))" }.joined(separator: " or ")
            throw FEELSyntaxError("\(name) takes \(expected), not \(positional.count) argument\(positional.count == 1 ? "" : "s")", at: offset)
        }
        return .callBuiltin(overload, positional)
    }

    private func lastGiven(_ named: [(name: String, value: Node)], _ overload: BuiltinOverload) -> Int {
        named.compactMap { argument in overload.parameters.firstIndex(of: argument.name) }.max() ?? -1
    }

    /// A name at a place where one is expected: the longest known name that the next words spell, else a word.
    private mutating func name() throws(FEELSyntaxError) -> String {
        if case .quotedName(let name) = current.kind {
            position += 1
            return name
        }
        guard let first = current.word else { throw FEELSyntaxError("expected a name", at: current.offset) }
        var longest: [String]?
        for table in [localNames, layout.nameTable, Builtins.nameTable] {
            if let words = table.longestMatch(first: first, matching: matchesWords), words.count > (longest?.count ?? 0) {
                longest = words
            }
        }
        if let longest {
            position += longest.count
            return longest.joined(separator: " ")
        }
        position += 1
        return first
    }

    private func matchesWords(_ words: [String]) -> Bool {
        for (offset, word) in words.enumerated() where peek(offset).text != word { return false }
        return true
    }

    private func isKnownNameStart() -> Bool {
        guard let first = current.word else { return false }
        return layout.index(of: first) != nil || layout.otherNames.contains(first) || lookup(first) != nil
            || [localNames, layout.nameTable].contains { $0.longestMatch(first: first, matching: matchesWords) != nil }
    }

    /// The key after `.`: the words up to the next operator or keyword.
    private mutating func pathKey() throws(FEELSyntaxError) -> String {
        if case .quotedName(let name) = current.kind {
            position += 1
            return name
        }
        guard let first = current.word else { throw FEELSyntaxError("expected a name after \".\"", at: current.offset) }
        var words = [first]
        position += 1
        while let word = current.word, !Self.keywords.contains(word), !peek(1).isSymbol(":") {
            words.append(word)
            position += 1
        }
        return words.joined(separator: " ")
    }

    /// A variable name being declared (`for x in`, a parameter, a context key): words up to a terminator.
    private mutating func bindingName(until isEnd: (Token) -> Bool) throws(FEELSyntaxError) -> String {
        if case .quotedName(let name) = current.kind {
            position += 1
            return name
        }
        if case .string(let text) = current.kind {
            position += 1
            return text
        }
        var words: [String] = []
        while !isEnd(current) {
            guard current.kind != .end else { break }
            words.append(current.text)
            position += 1
        }
        guard !words.isEmpty else { throw FEELSyntaxError("expected a name", at: current.offset) }
        return words.joined(separator: " ")
    }

    private mutating func listOrInterval() throws(FEELSyntaxError) -> Node {
        if let interval = attempt({ (parser) throws(FEELSyntaxError) in try parser.intervalLiteral() }),
           case .range(let low, let lowClosed, let high, let highClosed) = interval {
            return .range(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed)
        }
        position += 1
        var elements: [Node] = []
        while !current.isSymbol("]") {
            if !elements.isEmpty { try expectSymbol(",") }
            elements.append(try expression())
        }
        position += 1
        if elements.allSatisfy({ if case .literal = $0 { true } else { false } }) {
            return .literal(.list(elements.map { if case .literal(let value) = $0 { value } else { .null } }))
        }
        return .list(elements)
    }

    /// `[a..b]`, `(a..b)`, `]a..b[` and mixes: a range literal, or a thrown error when the text is not one.
    private mutating func intervalLiteral() throws(FEELSyntaxError) -> PositiveTest {
        let open = current
        guard open.isSymbol("[") || open.isSymbol("(") || open.isSymbol("]") else {
            throw FEELSyntaxError("expected a range", at: open.offset)
        }
        position += 1
        let low = try endpoint()
        try expectSymbol("..")
        let high = try endpoint()
        let close = current
        guard close.isSymbol("]") || close.isSymbol(")") || close.isSymbol("[") else {
            throw FEELSyntaxError("a range must end with ], ) or [", at: close.offset)
        }
        position += 1
        return .range(low: low, lowClosed: open.isSymbol("["), high: high, highClosed: close.isSymbol("]"))
    }

    private mutating func endpoint() throws(FEELSyntaxError) -> Node {
        try additive()
    }

    private mutating func contextLiteral() throws(FEELSyntaxError) -> Node {
        position += 1
        let frame = frames.count
        var entries: [(key: String, value: Node)] = []
        while !current.isSymbol("}") {
            if !entries.isEmpty { try expectSymbol(",") }
            let key = try bindingName(until: { $0.isSymbol(":") })
            try expectSymbol(":")
            entries.append((key, try expression()))
            pushBinding(key)
        }
        position += 1
        frames.removeLast(entries.count)
        return .context(entries, frame: frame)
    }

    // MARK: Unary tests

    private mutating func positiveUnaryTests() throws(FEELSyntaxError) -> [PositiveTest] {
        var tests = [try positiveUnaryTest()]
        while current.isSymbol(",") {
            position += 1
            tests.append(try positiveUnaryTest())
        }
        return tests
    }

    private mutating func positiveUnaryTest() throws(FEELSyntaxError) -> PositiveTest {
        if case .symbol(let symbol) = current.kind, let op = ComparisonOperator(rawValue: symbol) {
            position += 1
            return .comparison(op, try endpoint())
        }
        if current.isSymbol("[") || current.isSymbol("(") || current.isSymbol("]"),
           let interval = attempt({ (parser) throws(FEELSyntaxError) in try parser.intervalLiteral() }) {
            return interval
        }
        let before = usesInput
        usesInput = false
        let node = try expression()
        let testUsesInput = usesInput
        usesInput = before || testUsesInput
        return .expression(node, usesInput: testUsesInput)
    }

    // MARK: Types

    private mutating func type() throws(FEELSyntaxError) -> FEELType {
        guard let first = current.word else { throw FEELSyntaxError("expected a type name", at: current.offset) }
        let name: String
        if let words = Self.typeNames.longestMatch(first: first, matching: matchesWords) {
            position += words.count
            name = words.joined(separator: " ")
        } else {
            position += 1
            name = first
        }
        guard current.isSymbol("<") else { return FEELType(name: name) }
        position += 1
        let element = try type()
        var depth = 1
        while depth > 0 && current.kind != .end {
            if current.isSymbol("<") { depth += 1 }
            if current.isSymbol(">") { depth -= 1 }
            position += 1
        }
        return name == "list" ? .list(element) : FEELType(name: name)
    }

    private static let typeNames = NameTable(["date and time", "years and months duration", "days and time duration"])

    // MARK: Tokens

    static let keywords: Set<String> = [
        "if", "then", "else", "for", "in", "return", "some", "every", "satisfies", "and", "or", "between",
        "instance", "of", "function", "external",
    ]

    private var current: Token { tokens[position] }

    private func peek(_ offset: Int) -> Token {
        tokens[min(position + offset, tokens.count - 1)]
    }

    private mutating func expectSymbol(_ symbol: String) throws(FEELSyntaxError) {
        guard current.isSymbol(symbol) else { throw FEELSyntaxError("expected \"\(symbol)\" but found \(found)", at: current.offset) }
        position += 1
    }

    private mutating func expectWord(_ word: String) throws(FEELSyntaxError) {
        guard current.isWord(word) else { throw FEELSyntaxError("expected \"\(word)\" but found \(found)", at: current.offset) }
        position += 1
    }

    private func expectEnd() throws(FEELSyntaxError) {
        guard current.kind == .end else { throw FEELSyntaxError("unexpected \(found)", at: current.offset) }
    }

    private var found: String {
        current.kind == .end ? "the end of the expression" : "\"\(current.text)\""
    }
}

/// Compiled unary tests: `-`, or positive tests, possibly negated.
enum UnaryTestsNode: Sendable {
    case any
    case tests([PositiveTest], negated: Bool)
}
