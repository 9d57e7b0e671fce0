// Parses FEEL expressions and unary tests into compiled nodes, resolving each name as it goes.

/// A recursive-descent parser for FEEL (DMN 1.5 chapter 10), compiling as it parses.
///
/// Multi-word names are FEEL's peculiarity: `Monthly Salary`, `years and months duration` and `date and time`
/// are single names, with no marker of where they end. Wherever a name may stand, the parser tries the names it
/// knows (the host's, the locals in scope, the built-in functions), longest first, and otherwise takes one word.
///
/// The parser never backtracks over more than a few tokens, so reading is linear in the text, and it is bounded:
/// recursion and the height of the tree it builds (a chain `a + b + c` is as tall as it is long) both stop at
/// `FEELLimits.maximumNesting`, with an error at the character where the limit was passed. The evaluator and
/// the tree's own deallocation recurse once per level, so a tree that passed this check is safe for both.
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
    /// Calls that will be null at evaluation (a built-in given the wrong number of arguments, or arguments it
    /// has no parameter for): FEEL says null, a rules author wants to hear of it.
    private(set) var problems: [FEELSyntaxError] = []
    /// How many parse functions are open that may recurse: kept below `FEELLimits.maximumNesting`.
    private var nesting = 0
    /// The height of the node the last parse function returned.
    private var height = 0
    /// The frames of the `partial` bindings (a `for` body's results so far) that were read.
    private var partialsRead: Set<Int> = []
    /// Parsing the high end of a range, where `[` closes the range (`]1..10[`) instead of opening a filter.
    private var inRangeEnd = false

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

    /// Opens one level of recursion; past the limit, an error at the current token.
    private mutating func nest() throws(FEELSyntaxError) {
        nesting += 1
        guard nesting <= FEELLimits.maximumNesting else {
            throw FEELSyntaxError("the expression nests more than \(FEELLimits.maximumNesting) deep", at: current.offset)
        }
    }

    /// Records the height of a node made over children at most `childHeight` tall.
    private mutating func rise(over childHeight: Int, at offset: Int) throws(FEELSyntaxError) {
        height = childHeight + 1
        guard height <= FEELLimits.maximumNesting else {
            throw FEELSyntaxError("the expression nests more than \(FEELLimits.maximumNesting) deep", at: offset)
        }
    }

    /// A node without children.
    private mutating func leaf(_ node: Node) -> Node {
        height = 1
        return node
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
        try nest()
        let wasRangeEnd = inRangeEnd
        inRangeEnd = false
        defer {
            nesting -= 1
            inRangeEnd = wasRangeEnd
        }
        if current.isWord("if") { return try ifExpression() }
        if current.isWord("for") { return try forExpression() }
        if (current.isWord("some") || current.isWord("every")), !isKnownNameStart() { return try quantified() }
        if current.isWord("function") && peek(1).isSymbol("(") { return try functionDefinition() }
        return try binary()
    }

    private mutating func ifExpression() throws(FEELSyntaxError) -> Node {
        let offset = current.offset
        position += 1
        let condition = try expression()
        var tallest = height
        try expectWord("then")
        let then = try expression()
        tallest = max(tallest, height)
        try expectWord("else")
        let otherwise = try expression()
        try rise(over: max(tallest, height), at: offset)
        return .ifThenElse(condition, then, otherwise)
    }

    private mutating func forExpression() throws(FEELSyntaxError) -> Node {
        let offset = current.offset
        position += 1
        let frame = frames.count
        let (iterations, sourcesHeight) = try iterationContexts()
        try expectWord("return")
        // `partial` is in scope in the body, unless a variable of that name hides it.
        let partialFrame = frames.count
        let providesPartial = !frames.contains { if case .binding("partial") = $0 { true } else { false } }
        if providesPartial { frames.append(.binding("partial")) }
        let body = try expression()
        let usesPartial = providesPartial ? partialsRead.contains(partialFrame) : nil
        if providesPartial { frames.removeLast() }
        frames.removeLast(iterations.count)
        try rise(over: max(sourcesHeight, height), at: offset)
        return .forLoop(iterations, body, frame: frame, usesPartial: usesPartial)
    }

    private mutating func quantified() throws(FEELSyntaxError) -> Node {
        let offset = current.offset
        let every = current.isWord("every")
        position += 1
        let frame = frames.count
        let (iterations, sourcesHeight) = try iterationContexts()
        try expectWord("satisfies")
        let body = try expression()
        frames.removeLast(iterations.count)
        try rise(over: max(sourcesHeight, height), at: offset)
        return .quantified(every: every, iterations, body, frame: frame)
    }

    /// `a in x, b in y`: each variable is in scope for the sources after it and for the body.
    private mutating func iterationContexts() throws(FEELSyntaxError) -> ([Iteration], height: Int) {
        var iterations: [Iteration] = []
        var tallest = 0
        repeat {
            if !iterations.isEmpty { position += 1 }
            let name = try bindingName(until: { $0.isWord("in") })
            try expectWord("in")
            let source = try expression()
            tallest = max(tallest, height)
            var end: Node?
            if current.isSymbol("..") {
                position += 1
                end = try expression()
                tallest = max(tallest, height)
            }
            iterations.append(Iteration(source: source, end: end))
            pushBinding(name)
        } while current.isSymbol(",")
        return (iterations, tallest)
    }

    private mutating func functionDefinition() throws(FEELSyntaxError) -> Node {
        let offset = current.offset
        position += 2
        var parameters: [String] = []
        var types: [FEELType?] = []
        while !current.isSymbol(")") {
            if !parameters.isEmpty { try expectSymbol(",") }
            let name = try bindingName(until: { $0.isSymbol(",") || $0.isSymbol(")") || $0.isSymbol(":") })
            var type: FEELType?
            if current.isSymbol(":") {
                position += 1
                type = try self.type()
            }
            parameters.append(name)
            types.append(type)
        }
        position += 1
        if current.isWord("external") {
            // The definition is a context of constants, read now: the function is known when the model loads.
            let externalOffset = current.offset
            position += 1
            var environment = Environment(slots: [], scope: [:])
            let definition = Evaluator.evaluate(try expression(), &environment)
            try rise(over: height, at: offset)
            guard let function = JavaFunctions.function(definition: definition, parameters: parameters) else {
                problems.append(FEELSyntaxError("the external function \(definition) is none Heeded knows: its calls are null", at: externalOffset))
                return .literal(.function(FEELFunction(parameters: parameters) { _, _ in .null }))
            }
            return .literal(.function(function))
        }
        let frame = frames.count
        for parameter in parameters { pushBinding(parameter) }
        let body = try expression()
        frames.removeLast(parameters.count)
        try rise(over: height, at: offset)
        return .function(parameters: parameters, types: types.contains { $0 != nil } ? types : [],
                         result: Self.staticType(of: body), body: body, frame: frame)
    }

    /// The type a function body shows without being run: a literal's, or a context or list of literals'.
    private static func staticType(of body: Node) -> FEELType? {
        switch body {
        case .literal(let value): return FEELType.of(value)
        case .context(let entries, _):
            var fields: [FEELType.Field] = []
            for entry in entries {
                guard let type = staticType(of: entry.value) else { return nil }
                fields.append(FEELType.Field(name: entry.key, type: type))
            }
            return .context(fields)
        default: return nil
        }
    }

    /// How tightly a binary operator binds: `or` loosest, then `and`, the comparisons (with `between`, `in`
    /// and `instance of`), `+ -`, `* /`, and `**` tightest.
    private enum Precedence: Int {
        case or = 1, and, comparison, additive, multiplicative, power
        /// Tighter than any operator: an operand alone.
        case operand
    }

    private func binaryOperator(_ token: Token) -> Precedence? {
        switch token.kind {
        case .word("or"): return .or
        case .word("and"): return .and
        case .word("between"), .word("in"): return .comparison
        case .word("instance") where peek(1).isWord("of"): return .comparison
        case .symbol("+"), .symbol("-"): return .additive
        case .symbol("*"), .symbol("/"): return .multiplicative
        case .symbol("**"): return .power
        case .symbol(let symbol) where ComparisonOperator(rawValue: symbol) != nil: return .comparison
        default: return nil
        }
    }

    /// Binary operators by precedence climbing: a run of one operator (`a + b + c`) is a loop, and parsing
    /// recurses only where a tighter operator follows, so each level of nesting costs the stack a frame or two.
    /// Each operator makes the tree one taller. Comparisons do not chain (`a = b = c` is an error).
    private mutating func binary(_ minimum: Precedence = .or) throws(FEELSyntaxError) -> Node {
        var node = try unary()
        var tallest = height
        while let precedence = binaryOperator(current), precedence.rawValue >= minimum.rawValue {
            let token = current
            position += 1
            let right: Node
            switch token.kind {
            case .word("between"):
                let low = try binary(.additive)
                let lowHeight = height
                try expectWord("and")
                let high = try binary(.additive)
                try rise(over: max(tallest, lowHeight, height), at: token.offset)
                node = .between(node, low, high)
                tallest = height
                if binaryOperator(current) == .comparison { return node }
                continue
            case .word("in"):
                let tests = try inTests()
                try rise(over: max(tallest, height), at: token.offset)
                node = .inTests(node, tests)
                tallest = height
                if binaryOperator(current) == .comparison { return node }
                continue
            case .word("instance"):
                position += 1
                let type = try type()
                try rise(over: tallest, at: token.offset)
                node = .instanceOf(node, type)
                tallest = height
                if binaryOperator(current) == .comparison { return node }
                continue
            default:
                right = try binary(Precedence(rawValue: precedence.rawValue + 1) ?? .operand)
            }
            try rise(over: max(tallest, height), at: token.offset)
            tallest = height
            switch token.kind {
            case .word("or"): node = .or(node, right)
            case .word("and"): node = .and(node, right)
            case .symbol("+"): node = .arithmetic(.add, node, right)
            case .symbol("-"): node = .arithmetic(.subtract, node, right)
            case .symbol("*"): node = .arithmetic(.multiply, node, right)
            case .symbol("/"): node = .arithmetic(.divide, node, right)
            case .symbol("**"): node = .arithmetic(.power, node, right)
            case .symbol(let symbol):
                node = .comparison(ComparisonOperator(rawValue: symbol)!, node, right)
                if binaryOperator(current) == .comparison { return node }
            default: break
            }
        }
        height = tallest
        return node
    }

    /// After `in`: one positive unary test, or several in parentheses (`x in (1, 2)`), or a range (`x in (1..5]`).
    private mutating func inTests() throws(FEELSyntaxError) -> [PositiveTest] {
        guard current.isSymbol("(") else { return [try positiveUnaryTest()] }
        let open = current
        position += 1
        let tests = try positiveUnaryTests()
        if tests.count == 1, case .expression(let first, _) = tests[0], current.isSymbol("..") {
            guard case .range(let low, let lowClosed, let high, let highClosed) = try rangeRest(low: first, open: open) else {
                throw FEELSyntaxError("expected a range", at: open.offset)
            }
            return [.range(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed)]
        }
        try expectSymbol(")")
        return tests
    }

    private mutating func unary() throws(FEELSyntaxError) -> Node {
        if current.isSymbol("-") {
            let offset = current.offset
            position += 1
            try nest()
            defer { nesting -= 1 }
            let operand = try unary()
            if case .literal(.number(let number)) = operand { return .literal(.number(number.negated)) }
            try rise(over: height, at: offset)
            return .negate(operand)
        }
        return try postfix()
    }

    private mutating func postfix() throws(FEELSyntaxError) -> Node {
        var node = try primary()
        var tallest = height
        while true {
            let offset = current.offset
            if current.isSymbol(".") {
                position += 1
                node = .path(node, try pathKey())
                try rise(over: tallest, at: offset)
            } else if current.isSymbol("[") && !inRangeEnd {
                position += 1
                let frame = frames.count
                frames.append(.filterItem)
                let test = try expression()
                frames.removeLast()
                try expectSymbol("]")
                node = .filter(node, test, frame: frame)
                try rise(over: max(tallest, height), at: offset)
            } else if current.isSymbol("(") {
                let calleeHeight = tallest
                node = try invocation(of: node)
                try rise(over: max(calleeHeight, height), at: offset)
            } else {
                height = tallest
                return node
            }
            tallest = height
        }
    }

    /// A call on a value: `PMT(a, b, c)`, `f(x: 1)`. Calls of built-ins by name are bound in `nameOrCall`.
    private mutating func invocation(of callee: Node) throws(FEELSyntaxError) -> Node {
        let (positional, named) = try arguments()
        if let named { return .callValueNamed(callee, named) }
        return .callValue(callee, positional)
    }

    /// `(a, b)` or `(x: a, y: b)`; leaves `height` at the tallest argument's.
    private mutating func arguments() throws(FEELSyntaxError) -> ([Node], [(name: String, value: Node)]?) {
        try expectSymbol("(")
        var positional: [Node] = []
        var named: [(name: String, value: Node)] = []
        var tallest = 0
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
            tallest = max(tallest, height)
        }
        position += 1
        height = tallest
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
        let name = spelled(position..<position + offset)
        position += offset + 1
        return name
    }

    // MARK: Primaries

    private mutating func primary() throws(FEELSyntaxError) -> Node {
        let token = current
        switch token.kind {
        case .number(let number):
            position += 1
            return leaf(.literal(.number(number)))
        case .string(let text):
            position += 1
            return leaf(.literal(.string(text)))
        case .symbol("("):
            // A parenthesised expression, or a range opened with `(`: which one shows only at `..` or `)`.
            position += 1
            let inner = try expression()
            if current.isSymbol("..") { return try rangeRest(low: inner, open: token) }
            try expectSymbol(")")
            return inner
        case .symbol("["):
            return try listOrRange()
        case .symbol("]"):
            position += 1
            let low = try expression()
            guard current.isSymbol("..") else { throw FEELSyntaxError("expected \"..\" but found \(found)", at: current.offset) }
            return try rangeRest(low: low, open: token)
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
            return leaf(.literal(value))
        case .symbol("<"), .symbol("<="), .symbol(">"), .symbol(">="),
             .symbol("=") where position > 0 && tokens[position - 1].isSymbol("("),
             .symbol("!=") where position > 0 && tokens[position - 1].isSymbol("("):
            // A unary comparison used as a value is the range it describes: `< 10` is `(null..10)`.
            guard case .comparison(let op, let endpoint) = try positiveUnaryTest() else {
                throw FEELSyntaxError("expected a comparison", at: token.offset)
            }
            try rise(over: height, at: token.offset)
            return Self.range(op, endpoint)
        case .word, .quotedName:
            return try nameOrCall()
        case .symbol(let symbol):
            throw FEELSyntaxError("unexpected \"\(symbol)\"", at: token.offset)
        case .end:
            throw FEELSyntaxError("the expression ends too soon", at: token.offset)
        }
    }

    /// The rest of a range after its low end, from `..` to the closing `]`, `)` or `[`.
    private mutating func rangeRest(low: Node, open: Token) throws(FEELSyntaxError) -> Node {
        let lowHeight = height
        try expectSymbol("..")
        // The high end stops before a `[` that closes the range (`]1..10[`) rather than filtering by it.
        try nest()
        let wasRangeEnd = inRangeEnd
        inRangeEnd = true
        let high = try binary()
        inRangeEnd = wasRangeEnd
        nesting -= 1
        let close = current
        guard close.isSymbol("]") || close.isSymbol(")") || close.isSymbol("[") else {
            throw FEELSyntaxError("a range must end with ], ) or [", at: close.offset)
        }
        position += 1
        try rise(over: max(lowHeight, height), at: open.offset)
        return .range(low: low, lowClosed: open.isSymbol("["), high: high, highClosed: close.isSymbol("]"))
    }

    private static func range(_ op: ComparisonOperator, _ endpoint: Node) -> Node {
        switch op {
        case .equal: .equalityRange(.equal, endpoint)
        case .notEqual: .equalityRange(.notEqual, endpoint)
        case .less: .range(low: nil, lowClosed: false, high: endpoint, highClosed: false)
        case .lessOrEqual: .range(low: nil, lowClosed: false, high: endpoint, highClosed: true)
        case .greater: .range(low: endpoint, lowClosed: false, high: nil, highClosed: false)
        default: .range(low: endpoint, lowClosed: true, high: nil, highClosed: false)
        }
    }

    private mutating func nameOrCall() throws(FEELSyntaxError) -> Node {
        let start = current
        switch start.word {
        case "true": position += 1; return leaf(.literal(.true))
        case "false": position += 1; return leaf(.literal(.false))
        case "null": position += 1; return leaf(.literal(.null))
        case "?":
            position += 1
            usesInput = true
            return leaf(.input)
        default: break
        }
        let name = try name()
        height = 2  // a name may be wrapped in the filters it is read through
        if let local = lookup(name) { return local }
        if let slot = layout.index(of: name) {
            if !isInsideFilter { slotsRead.insert(slot) }
            // A decision named like a built-in (`meets`) does not hide the built-in from calls that are not its.
            if current.isSymbol("("), Builtins.overloads[name] != nil {
                let call = try builtinCall(name, at: start.offset)
                guard case .callBuiltin(let overload, let arguments) = call else { return call }
                return .callFunctionOrBuiltin(.slot(slot), overload, arguments)
            }
            return wrapInFilters(name, .slot(slot))
        }
        if layout.otherNames.contains(name) {
            if !isInsideFilter { referencedNames.insert(name) }
            return wrapInFilters(name, .global(name))
        }
        if name == layout.inputName {
            usesInput = true
            return leaf(.input)
        }
        if Builtins.overloads[name] != nil {
            if current.isSymbol("(") { return try builtinCall(name, at: start.offset) }
            // A built-in named without a call is a function value (`sort(xs, precedes: f)` passes `f`), unless
            // a filter's item has an entry of that name (`table[number = 3]`).
            return wrapInFilters(name, .literal(.function(Builtins.functionValue(name))))
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
    private mutating func lookup(_ name: String) -> Node? {
        if name == "item", let index = frames.lastIndex(where: { if case .filterItem = $0 { true } else { false } }) {
            // An item with an entry named `item` is read through it.
            return .itemEntry(name, frame: index, fallback: .local(index))
        }
        guard let index = frames.lastIndex(where: { if case .binding(name) = $0 { true } else { false } }) else { return nil }
        if name == "partial" { partialsRead.insert(index) }
        var node = Node.local(index)
        for (frameIndex, frame) in frames.enumerated() where frameIndex > index {
            if case .filterItem = frame { node = .itemEntry(name, frame: frameIndex, fallback: node) }
        }
        return node
    }

    /// A call of a built-in by name, bound to its overload. A call no overload accepts is null at evaluation,
    /// as FEEL says, and a problem for whoever checks the model.
    private mutating func builtinCall(_ name: String, at offset: Int) throws(FEELSyntaxError) -> Node {
        let (positional, named) = try arguments()
        try rise(over: height, at: offset)
        let overloads = Builtins.overloads[name] ?? []
        let expected = overloads.map { "(\($0.parameters.joined(separator: ", ")))" }.joined(separator: " or ")
        if let named {
            let names = named.map(\.name)
            guard let overload = overloads.first(where: { $0.accepts(names: names) }) else {
                problems.append(FEELSyntaxError("\(name) takes \(expected), not (\(names.joined(separator: ", "))): the call is null", at: offset))
                return .literal(.null)
            }
            let arguments = overload.parameters.map { parameter in
                named.first { $0.name == parameter }?.value ?? .literal(.null)
            }
            return .callBuiltin(overload, Array(arguments.prefix(max(overload.required, lastGiven(named, overload) + 1))))
        }
        guard let overload = overloads.first(where: { $0.accepts(count: positional.count) }) else {
            problems.append(FEELSyntaxError(
                "\(name) takes \(expected), not \(positional.count) argument\(positional.count == 1 ? "" : "s"): the call is null", at: offset))
            return .literal(.null)
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
        var longest: NameTable.Entry?
        for table in [localNames, layout.nameTable, Builtins.nameTable] {
            if let entry = table.longestMatch(first: first, matching: matchesWords), entry.words.count > (longest?.words.count ?? 0) {
                longest = entry
            }
        }
        if let longest {
            position += longest.words.count
            return longest.name
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
        return layout.index(of: first) != nil || layout.otherNames.contains(first)
            || frames.contains { if case .binding(first) = $0 { true } else { false } }
            || [localNames, layout.nameTable].contains { $0.longestMatch(first: first, matching: matchesWords) != nil }
    }

    /// The key after `.`: the words up to the next operator or keyword.
    private mutating func pathKey() throws(FEELSyntaxError) -> String {
        if case .quotedName(let name) = current.kind {
            position += 1
            return name
        }
        guard current.word != nil else { throw FEELSyntaxError("expected a name after \".\"", at: current.offset) }
        let start = position
        position += 1
        while let word = current.word, !Self.keywords.contains(word), !peek(1).isSymbol(":") {
            position += 1
        }
        return spelled(start..<position)
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
        let start = position
        while !isEnd(current) {
            guard current.kind != .end else { break }
            position += 1
        }
        guard position > start else { throw FEELSyntaxError("expected a name", at: current.offset) }
        return spelled(start..<position)
    }

    /// Tokens as one name, spaced as written (`Date-Time`, `Monthly Salary`).
    private func spelled(_ range: Range<Int>) -> String {
        var name = ""
        for index in range {
            let token = tokens[index]
            if index > range.lowerBound {
                let previous = tokens[index - 1]
                if token.offset > previous.offset + previous.text.unicodeScalars.count { name += " " }
            }
            name += token.text
        }
        return name
    }

    /// `[a, b, c]`, or a range opened with `[` (`[1..5)`).
    private mutating func listOrRange() throws(FEELSyntaxError) -> Node {
        let open = current
        position += 1
        var elements: [Node] = []
        var tallest = 0
        while !current.isSymbol("]") {
            if !elements.isEmpty { try expectSymbol(",") }
            elements.append(try expression())
            if elements.count == 1, current.isSymbol("..") { return try rangeRest(low: elements[0], open: open) }
            tallest = max(tallest, height)
        }
        position += 1
        try rise(over: tallest, at: open.offset)
        if elements.allSatisfy({ if case .literal = $0 { true } else { false } }) {
            return .literal(.list(elements.map { if case .literal(let value) = $0 { value } else { .null } }))
        }
        return .list(elements)
    }

    private mutating func contextLiteral() throws(FEELSyntaxError) -> Node {
        let offset = current.offset
        position += 1
        let frame = frames.count
        var entries: [(key: String, value: Node)] = []
        var keys = Set<String>()
        var tallest = 0
        while !current.isSymbol("}") {
            if !entries.isEmpty { try expectSymbol(",") }
            let keyOffset = current.offset
            let key = try bindingName(until: { $0.isSymbol(":") })
            guard keys.insert(key).inserted else {
                throw FEELSyntaxError("the context has two entries named \"\(key)\"", at: keyOffset)
            }
            try expectSymbol(":")
            entries.append((key, try expression()))
            tallest = max(tallest, height)
            pushBinding(key)
        }
        position += 1
        frames.removeLast(entries.count)
        try rise(over: tallest, at: offset)
        return .context(entries, frame: frame)
    }

    // MARK: Unary tests

    /// Tests separated by commas; leaves `height` at the tallest test's.
    private mutating func positiveUnaryTests() throws(FEELSyntaxError) -> [PositiveTest] {
        var tests = [try positiveUnaryTest()]
        var tallest = height
        while current.isSymbol(",") {
            position += 1
            tests.append(try positiveUnaryTest())
            tallest = max(tallest, height)
        }
        height = tallest
        return tests
    }

    private mutating func positiveUnaryTest() throws(FEELSyntaxError) -> PositiveTest {
        if case .symbol(let symbol) = current.kind, let op = ComparisonOperator(rawValue: symbol) {
            position += 1
            return .comparison(op, try endpoint())
        }
        let before = usesInput
        usesInput = false
        let node = try expression()
        let testUsesInput = usesInput
        usesInput = before || testUsesInput
        // A range written as a test (`[1..5]`) is tested directly rather than built and then tested.
        if !testUsesInput, case .range(let low, let lowClosed, let high, let highClosed) = node {
            return .range(low: low, lowClosed: lowClosed, high: high, highClosed: highClosed)
        }
        return .expression(node, usesInput: testUsesInput)
    }

    private mutating func endpoint() throws(FEELSyntaxError) -> Node {
        try nest()
        defer { nesting -= 1 }
        return try binary(.additive)
    }

    // MARK: Types

    /// A type as `instance of` and typed parameters write it: a name (`number`, `date and time`, an item
    /// definition), `list<T>`, `range<T>`, `context<a: T, b: U>`, `function<T, U> -> V`.
    private mutating func type() throws(FEELSyntaxError) -> FEELType {
        try nest()
        defer { nesting -= 1 }
        let offset = current.offset
        let name: String
        if case .quotedName(let quoted) = current.kind {
            position += 1
            name = quoted
        } else {
            guard let first = current.word else { throw FEELSyntaxError("expected a type name", at: current.offset) }
            if let entry = Self.typeNames.longestMatch(first: first, matching: matchesWords) {
                position += entry.words.count
                name = entry.name
            } else {
                // A qualified name (`imported.tPerson`) is one type name.
                var parts = [first]
                position += 1
                while current.isSymbol("."), let next = peek(1).word {
                    parts.append(next)
                    position += 2
                }
                name = parts.joined(separator: ".")
            }
        }
        if ["list", "range", "context", "function"].contains(name), current.isSymbol("<") {
            position += 1
            switch name {
            case "list":
                let element = try type()
                try expectSymbol(">")
                return .list(element)
            case "range":
                let element = try type()
                try expectSymbol(">")
                return .range(element)
            case "context":
                var fields: [FEELType.Field] = []
                while !current.isSymbol(">") {
                    if !fields.isEmpty { try expectSymbol(",") }
                    let key = try bindingName(until: { $0.isSymbol(":") })
                    try expectSymbol(":")
                    fields.append(FEELType.Field(name: key, type: try type()))
                }
                position += 1
                return .context(fields)
            default:
                var parameters: [FEELType] = []
                while !current.isSymbol(">") {
                    if !parameters.isEmpty { try expectSymbol(",") }
                    parameters.append(try type())
                }
                position += 1
                try expectSymbol("->")
                return .function(FEELType.Signature(parameters: parameters, result: try type()))
            }
        }
        if name == "function", current.isSymbol("->") {
            position += 1
            return .function(FEELType.Signature(parameters: [], result: try type()))
        }
        let type = FEELType(name: name)
        guard case .named(let named) = type else { return type }
        guard let resolved = layout.types[named] else {
            problems.append(FEELSyntaxError("\"\(named)\" is not a type this model defines", at: offset))
            return type
        }
        return resolved
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
