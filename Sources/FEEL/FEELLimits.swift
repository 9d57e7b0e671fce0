// The bounds every FEEL parse and evaluation keeps to, in one place: expressions come from files and people.

/// The limits of the expression language. FEEL reaches Heeded from DMN files, form definitions and whoever
/// edits them, so neither reading an expression nor evaluating one may take unbounded time, memory or stack:
/// past a limit, parsing throws a `FEELSyntaxError` at the offending character, and evaluation stops with
/// null and a problem naming the limit (`FEELEvaluation.problem`).
///
/// The values are generous for real rules (the shipped routing tables nest at most 6 deep and evaluate in a
/// few hundred steps) and small enough that the worst an expression can do costs well under a second and a few
/// hundred megabytes.
public enum FEELLimits {
    /// How deeply an expression may nest: parentheses, operands of operators (a chain `a + b + c` nests one
    /// level per operator), arguments, list items, context entries, `if` and `for` bodies. Parsing and
    /// evaluation recurse once per level, so this is what keeps both within a thread's stack.
    public static let maximumNesting = 256

    /// How many steps one evaluation may take: every node evaluated, every item a loop or a filter visits,
    /// every item a built-in makes. A few million steps is a few hundred milliseconds.
    public static let maximumSteps = 5_000_000

    /// How deeply evaluation may recurse: the nesting of the expression itself plus every function call inside
    /// a call (a recursive business knowledge model). Each level is a stack frame or two of the evaluator.
    public static let maximumDepth = 1_000

    /// The most items one list may hold (a `for`, a range iterated, `concatenate`, `flatten`, ...).
    public static let maximumListLength = 1_000_000

    /// The most bytes (UTF-8) one string may hold (`+`, `string join`, `replace`), measured before it is made.
    public static let maximumStringLength = 10_000_000
}
