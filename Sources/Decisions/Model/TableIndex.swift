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
///
/// Every bit set lives in one flat array and every column is described by plain offsets into it, so a match
/// touches no reference-counted object but the few arrays it reads through pointers.
final class TableIndex: Sendable {
    /// 64-bit words per bit set: one bit per rule.
    let words: Int
    let ruleCount: Int
    /// All bit sets, `words` words each; the offsets below point into it.
    private let bits: [UInt64]
    private let columns: [Column]
    /// For each column, the bit set of each string a cell names; empty for columns without strings.
    private let byString: [[String: Int]]
    /// For each column, the bit set of each number a cell names.
    private let byNumber: [[FEELNumber: Int]]
    /// Every numeric range cell, grouped by column (`Column.ranges` is the column's slice).
    private let ranges: [NumberRange]
    /// For each rule, the cells that must be evaluated as FEEL: (column, tests).
    private let generalCells: [[(column: Int, tests: FEELUnaryTests)]]
    private let hasGeneralCells: Bool

    /// Where a column's bit sets are in `bits`.
    private struct Column {
        let always: Int
        let whenTrue: Int
        let whenFalse: Int
        let ranges: Range<Int>
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
        let words = max(1, (ruleCount + 63) / 64)
        self.words = words
        var bits: [UInt64] = []
        /// A new empty bit set's offset.
        func newSet() -> Int {
            bits += repeatElement(0, count: words)
            return bits.count - words
        }
        var general = Array(repeating: [(column: Int, tests: FEELUnaryTests)](), count: ruleCount)
        var columns: [Column] = []
        var byString: [[String: Int]] = []
        var byNumber: [[FEELNumber: Int]] = []
        var ranges: [NumberRange] = []
        for column in 0..<columnCount {
            let always = newSet(), whenTrue = newSet(), whenFalse = newSet()
            var strings: [String: Int] = [:]
            var numbers: [FEELNumber: Int] = [:]
            let firstRange = ranges.count
            for rule in 0..<ruleCount {
                let (word, bit) = (rule / 64, UInt64(1) << UInt64(rule % 64))
                func set(_ offset: Int) { bits[offset + word] |= bit }
                switch cells[rule * columnCount + column] {
                case .any:
                    set(always)
                case .boolean(true):
                    set(whenTrue)
                case .boolean(false):
                    set(whenFalse)
                case .string(let value):
                    if strings[value] == nil { strings[value] = newSet() }
                    set(strings[value]!)
                case .strings(let values):
                    for value in values {
                        if strings[value] == nil { strings[value] = newSet() }
                        set(strings[value]!)
                    }
                case .number(let value):
                    if numbers[value] == nil { numbers[value] = newSet() }
                    set(numbers[value]!)
                case .numbers(let low, let lowClosed, let high, let highClosed):
                    ranges.append(NumberRange(rule: rule, low: low, lowClosed: lowClosed, high: high, highClosed: highClosed))
                case .general(let tests):
                    set(always)
                    general[rule].append((column, tests))
                }
            }
            columns.append(Column(always: always, whenTrue: whenTrue, whenFalse: whenFalse, ranges: firstRange..<ranges.count))
            byString.append(strings)
            byNumber.append(numbers)
        }
        self.bits = bits
        self.columns = columns
        self.byString = byString
        self.byNumber = byNumber
        self.ranges = ranges
        generalCells = general
        hasGeneralCells = general.contains { !$0.isEmpty }
    }

    /// Calls `visit` with each rule that matches, in rule order, until it returns false. Column `c`'s value is
    /// `slots[inputSlots[c]]`, or `computed[c]` where the input is not a plain name (`inputSlots[c]` is -1):
    /// reading slots in place saves copying every input value.
    func forEachMatch(
        inputSlots: [Int], computed: UnsafeMutableBufferPointer<FEELValue>, slots: [FEELValue], _ visit: (Int) -> Bool
    ) {
        let words = words
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * words) { buffer in
            let candidates = buffer.baseAddress!
            let column = candidates + words
            // Every rule is a candidate until a column rules it out.
            for word in 0..<words {
                let bitsInWord = min(64, ruleCount - word * 64)
                candidates[word] = bitsInWord == 64 ? ~0 : (UInt64(1) << UInt64(bitsInWord)) &- 1
            }
            let stillCandidates = bits.withUnsafeBufferPointer { bits in
                columns.withUnsafeBufferPointer { columns in
                    ranges.withUnsafeBufferPointer { ranges in
                        for index in 0..<columns.count {
                            let entry = columns[index]
                            column.update(from: bits.baseAddress! + entry.always, count: words)
                            func or(_ offset: Int) {
                                for word in 0..<words { column[word] |= bits[offset + word] }
                            }
                            let slot = inputSlots[index]
                            switch slot >= 0 ? slots[slot] : computed[index] {
                            case .boolean(true): or(entry.whenTrue)
                            case .boolean(false): or(entry.whenFalse)
                            case .string(let value): if let offset = byString[index][value] { or(offset) }
                            case .number(let value):
                                if let offset = byNumber[index][value] { or(offset) }
                                for range in entry.ranges where ranges[range].contains(value) {
                                    let rule = ranges[range].rule
                                    column[rule / 64] |= UInt64(1) << UInt64(rule % 64)
                                }
                            default: break
                            }
                            var any: UInt64 = 0
                            for word in 0..<words {
                                candidates[word] &= column[word]
                                any |= candidates[word]
                            }
                            if any == 0 { return false }
                        }
                        return true
                    }
                }
            }
            guard stillCandidates else { return }
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
}
