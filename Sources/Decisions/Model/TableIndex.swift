// A decision table's input entries indexed by column, so that matching an input is a few bit operations.
import FEEL

/// Which rules a table's inputs can match, found column by column with bit sets.
///
/// Most cells are `-`, `true`/`false`, a string, a number or a numeric range. For each column those are
/// grouped at load: the rules any value passes, the rules `true` passes, the rules each string passes, and
/// so on. Matching an input then takes one look per column (a dictionary lookup for a string, a scan of the
/// column's numeric ranges for a number) and an AND of bit sets across columns, instead of testing every
/// cell of every rule. Cells written as other FEEL (`? > a - 1`, `not(...)`) count as passing here and are
/// evaluated afterwards, only for the rules that are still candidates, in rule order.
final class TableIndex: Sendable {
    /// 64-bit words per bit set: one bit per rule.
    let words: Int
    let ruleCount: Int
    let columns: [Column]
    /// For each rule, the cells that must be evaluated as FEEL: (column, tests).
    let generalCells: [[(column: Int, tests: FEELUnaryTests)]]
    private let hasGeneralCells: Bool

    final class Column: Sendable {
        /// Rules whose cell passes any value (`-`, and cells left to FEEL).
        let always: [UInt64]
        let whenTrue: [UInt64]
        let whenFalse: [UInt64]
        let byString: [String: [UInt64]]
        let byNumber: [FEELNumber: [UInt64]]
        let numberRanges: [NumberRange]

        init(always: [UInt64], whenTrue: [UInt64], whenFalse: [UInt64], byString: [String: [UInt64]],
             byNumber: [FEELNumber: [UInt64]], numberRanges: [NumberRange]) {
            self.always = always
            self.whenTrue = whenTrue
            self.whenFalse = whenFalse
            self.byString = byString
            self.byNumber = byNumber
            self.numberRanges = numberRanges
        }
    }

    struct NumberRange: Sendable {
        let rule: Int
        let low: FEELNumber?
        let lowClosed: Bool
        let high: FEELNumber?
        let highClosed: Bool

        @inline(__always)
        func contains(_ value: FEELNumber) -> Bool {
            if let low, lowClosed ? value < low : !(low < value) { return false }
            if let high, highClosed ? high < value : !(value < high) { return false }
            return true
        }
    }

    init(cells: [CellTest], ruleCount: Int, columnCount: Int) {
        self.ruleCount = ruleCount
        words = max(1, (ruleCount + 63) / 64)
        var general = Array(repeating: [(column: Int, tests: FEELUnaryTests)](), count: ruleCount)
        var columns: [Column] = []
        for column in 0..<columnCount {
            var always = Array(repeating: UInt64(0), count: words)
            var whenTrue = always
            var whenFalse = always
            var byString: [String: [UInt64]] = [:]
            var byNumber: [FEELNumber: [UInt64]] = [:]
            var ranges: [NumberRange] = []
            let empty = always
            for rule in 0..<ruleCount {
                let (word, bit) = (rule / 64, UInt64(1) << UInt64(rule % 64))
                switch cells[rule * columnCount + column] {
                case .any:
                    always[word] |= bit
                case .boolean(true):
                    whenTrue[word] |= bit
                case .boolean(false):
                    whenFalse[word] |= bit
                case .string(let value):
                    byString[value, default: empty][word] |= bit
                case .strings(let values):
                    for value in values { byString[value, default: empty][word] |= bit }
                case .number(let value):
                    byNumber[value, default: empty][word] |= bit
                case .numbers(let low, let lowClosed, let high, let highClosed):
                    ranges.append(NumberRange(rule: rule, low: low, lowClosed: lowClosed, high: high, highClosed: highClosed))
                case .general(let tests):
                    always[word] |= bit
                    general[rule].append((column, tests))
                }
            }
            columns.append(Column(always: always, whenTrue: whenTrue, whenFalse: whenFalse, byString: byString,
                                  byNumber: byNumber, numberRanges: ranges))
        }
        self.columns = columns
        generalCells = general
        hasGeneralCells = general.contains { !$0.isEmpty }
    }

    /// Calls `visit` with each rule that matches, in rule order, until it returns false. Column `c`'s value is
    /// `slots[inputSlots[c]]`, or `computed[c]` where the input is not a plain name (`inputSlots[c]` is -1):
    /// reading slots in place saves copying every input value.
    func forEachMatch(
        inputSlots: [Int], computed: UnsafeMutableBufferPointer<FEELValue>, slots: [FEELValue], _ visit: (Int) -> Bool
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * words) { buffer in
            let candidates = buffer.baseAddress!
            let column = candidates + words
            // Every rule is a candidate until a column rules it out.
            for word in 0..<words {
                let bitsInWord = min(64, ruleCount - word * 64)
                candidates[word] = bitsInWord == 64 ? ~0 : (UInt64(1) << UInt64(bitsInWord)) &- 1
            }
            for (index, entry) in columns.enumerated() {
                entry.always.withUnsafeBufferPointer { column.update(from: $0.baseAddress!, count: words) }
                let slot = inputSlots[index]
                switch slot >= 0 ? slots[slot] : computed[index] {
                case .boolean(true): or(column, entry.whenTrue)
                case .boolean(false): or(column, entry.whenFalse)
                case .string(let value): if let rules = entry.byString[value] { or(column, rules) }
                case .number(let value):
                    if let rules = entry.byNumber[value] { or(column, rules) }
                    for range in entry.numberRanges where range.contains(value) {
                        column[range.rule / 64] |= UInt64(1) << UInt64(range.rule % 64)
                    }
                default: break
                }
                var any: UInt64 = 0
                for word in 0..<words {
                    candidates[word] &= column[word]
                    any |= candidates[word]
                }
                if any == 0 { return }
            }
            for word in 0..<words {
                var bits = candidates[word]
                while bits != 0 {
                    let rule = word * 64 + bits.trailingZeroBitCount
                    bits &= bits &- 1
                    if hasGeneralCells, !generalCells[rule].allSatisfy({ cell in
                        let slot = inputSlots[cell.column]
                        return cell.tests.test(slot >= 0 ? slots[slot] : computed[cell.column], slots: slots)
                    }) { continue }
                    if !visit(rule) { return }
                }
            }
        }
    }

    @inline(__always)
    private func or(_ target: UnsafeMutablePointer<UInt64>, _ bits: [UInt64]) {
        bits.withUnsafeBufferPointer { source in
            for word in 0..<words { target[word] |= source[word] }
        }
    }
}
