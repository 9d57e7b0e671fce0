// FEEL's list built-ins. Positions count from 1; a negative position counts from the end.

extension Builtins {
    static let listFunctions: [BuiltinOverload] = [
        BuiltinOverload("list contains", ["list", "element"]) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return .boolean(items.contains { $0.feelEquals(arguments[1]) == true })
        },
        BuiltinOverload("count", ["list"]) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return .number(FEELNumber(items.count))
        },
        BuiltinOverload("min", ["list"], listOrVarargs: true) { arguments in extreme(arguments[0], wantsLower: true) },
        BuiltinOverload("max", ["list"], listOrVarargs: true) { arguments in extreme(arguments[0], wantsLower: false) },
        BuiltinOverload("sum", ["list"], listOrVarargs: true) { arguments in
            guard let numbers = numbers(arguments[0]) else { return .null }
            guard !numbers.isEmpty else { return .null }
            return total(numbers).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("product", ["list"], listOrVarargs: true) { arguments in
            guard let numbers = numbers(arguments[0]), !numbers.isEmpty else { return .null }
            var product = FEELNumber.one
            for number in numbers {
                guard let next = product * number else { return .null }
                product = next
            }
            return .number(product)
        },
        BuiltinOverload("mean", ["list"], listOrVarargs: true) { arguments in
            guard let numbers = numbers(arguments[0]), !numbers.isEmpty, let sum = total(numbers) else { return .null }
            return (sum / FEELNumber(numbers.count)).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("median", ["list"], listOrVarargs: true) { arguments in
            guard let numbers = numbers(arguments[0])?.sorted(), !numbers.isEmpty else { return .null }
            if numbers.count % 2 == 1 { return .number(numbers[numbers.count / 2]) }
            guard let sum = numbers[numbers.count / 2 - 1] + numbers[numbers.count / 2] else { return .null }
            return (sum / 2).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("stddev", ["list"], listOrVarargs: true) { arguments in
            guard let numbers = numbers(arguments[0]), numbers.count > 1, let sum = total(numbers),
                  let mean = sum / FEELNumber(numbers.count) else { return .null }
            var squares = FEELNumber.zero
            for number in numbers {
                guard let difference = number - mean, let square = difference * difference, let next = squares + square else { return .null }
                squares = next
            }
            guard let variance = squares / FEELNumber(numbers.count - 1) else { return .null }
            return FEELNumber(variance.doubleValue.squareRoot()).map(FEELValue.number) ?? .null
        },
        BuiltinOverload("mode", ["list"], listOrVarargs: true) { arguments in
            guard let numbers = numbers(arguments[0]) else { return .null }
            var counts: [FEELNumber: Int] = [:]
            for number in numbers { counts[number, default: 0] += 1 }
            let most = counts.values.max() ?? 0
            return .list(counts.filter { $0.value == most }.keys.sorted().map(FEELValue.number))
        },
        BuiltinOverload("all", ["list"], listOrVarargs: true) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return allTrue(items)
        },
        BuiltinOverload("and", ["list"], listOrVarargs: true) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return allTrue(items)
        },
        BuiltinOverload("any", ["list"], listOrVarargs: true) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return anyTrue(items)
        },
        BuiltinOverload("or", ["list"], listOrVarargs: true) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return anyTrue(items)
        },
        BuiltinOverload("sublist", ["list", "start position", "length"], required: 2) { arguments in
            guard let items = list(arguments[0]), let start = number(arguments[1])?.exactInt, start != 0,
                  abs(start) <= items.count, let length = integer(arguments, 2, absent: Int.max), length >= 0 else { return .null }
            let from = start > 0 ? start - 1 : items.count + start
            let to = length == Int.max ? items.count : from + length
            guard to <= items.count else { return .null }
            return .list(Array(items[from..<to]))
        },
        BuiltinOverload("append", ["list", "item"], required: 1, variadic: true, budgeted: { arguments, budget in
            guard let items = list(arguments[0]), budget.allowsList(items.count + arguments.count - 1) else { return .null }
            return .list(items + arguments.dropFirst())
        }),
        BuiltinOverload("concatenate", ["list"], listOrVarargs: true, budgeted: { arguments, budget in
            guard let lists = list(arguments[0]) else { return .null }
            var parts: [[FEELValue]] = []
            for element in lists {
                guard let items = list(element) else { return .null }
                parts.append(items)
            }
            // Counted before anything is copied: a list doubled on itself thirty times would not fit in memory.
            guard budget.allowsList(parts.reduce(0) { $0 + $1.count }) else { return .null }
            return .list(parts.flatMap { $0 })
        }),
        // Positional calls reach the first overload whichever the second argument is; named ones pick by name.
        BuiltinOverload("list replace", ["list", "position", "newItem"], budgeted: { arguments, budget in
            guard let items = list(arguments[0]) else { return .null }
            if case .function(let match) = arguments[1] { return replace(items, matching: match, with: arguments[2], &budget) }
            guard let position = integer(arguments[1]), position != 0, abs(position) <= items.count else { return .null }
            var result = items
            result[position > 0 ? position - 1 : items.count + position] = arguments[2]
            return .list(result)
        }),
        BuiltinOverload("list replace", ["list", "match", "newItem"], budgeted: { arguments, budget in
            guard let items = list(arguments[0]), case .function(let match) = arguments[1] else { return .null }
            return replace(items, matching: match, with: arguments[2], &budget)
        }),
        BuiltinOverload("insert before", ["list", "position", "newItem"]) { arguments in
            guard let items = list(arguments[0]), let position = number(arguments[1])?.exactInt, position != 0,
                  abs(position) <= items.count else { return .null }
            var result = items
            result.insert(arguments[2], at: position > 0 ? position - 1 : items.count + position)
            return .list(result)
        },
        BuiltinOverload("remove", ["list", "position"]) { arguments in
            guard let items = list(arguments[0]), let position = number(arguments[1])?.exactInt, position != 0,
                  abs(position) <= items.count else { return .null }
            var result = items
            result.remove(at: position > 0 ? position - 1 : items.count + position)
            return .list(result)
        },
        BuiltinOverload("reverse", ["list"]) { arguments in
            list(arguments[0]).map { .list($0.reversed()) } ?? .null
        },
        BuiltinOverload("index of", ["list", "match"]) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            return .list(items.indices.filter { items[$0].feelEquals(arguments[1]) == true }.map { .number(FEELNumber($0 + 1)) })
        },
        BuiltinOverload("union", ["list"], listOrVarargs: true, budgeted: { arguments, budget in
            guard let lists = list(arguments[0]) else { return .null }
            var items: [FEELValue] = []
            for element in lists {
                guard let part = list(element), budget.allowsList(items.count + part.count) else { return .null }
                items += part
            }
            return distinct(items, &budget)
        }),
        BuiltinOverload("distinct values", ["list"], budgeted: { arguments, budget in
            guard let items = list(arguments[0]) else { return .null }
            return distinct(items, &budget)
        }),
        BuiltinOverload("flatten", ["list"], budgeted: { arguments, budget in
            guard let items = list(arguments[0]) else { return .null }
            // Counted first: nested lists may share one list many times over, so the flat one can be far larger.
            func count(_ values: [FEELValue], _ budget: inout FEELBudget) -> Int? {
                var total = 0
                for value in values {
                    guard case .list(let inner) = value else { total += 1; continue }
                    guard budget.spend(), let innerCount = count(inner, &budget) else { return nil }
                    total += innerCount
                    guard total <= FEELLimits.maximumListLength else { return nil }
                }
                return total
            }
            guard let total = count(items, &budget), budget.allowsList(total) else {
                budget.stop(.listLength)
                return .null
            }
            func flat(_ values: [FEELValue], into result: inout [FEELValue]) {
                for value in values {
                    if case .list(let inner) = value { flat(inner, into: &result) } else { result.append(value) }
                }
            }
            var result: [FEELValue] = []
            result.reserveCapacity(total)
            flat(items, into: &result)
            return .list(result)
        }),
        BuiltinOverload("sort", ["list", "precedes"], required: 1) { arguments in
            guard let items = list(arguments[0]) else { return .null }
            if arguments.count > 1, case .function(let precedes) = arguments[1] {
                return .list(items.sorted { precedes([$0, $1]) == .true })
            }
            guard arguments.count == 1 || arguments[1].isNull else { return .null }
            var failed = false
            let sorted = items.sorted { a, b in
                guard let order = a.compare(b) else { failed = true; return false }
                return order < 0
            }
            return failed ? .null : .list(sorted)
        },
    ]

    /// `list replace` by a function of the item and the new item.
    private static func replace(_ items: [FEELValue], matching match: FEELFunction, with newItem: FEELValue,
                                _ budget: inout FEELBudget) -> FEELValue {
        var result = items
        for index in result.indices {
            switch match.call([result[index], newItem], budget: &budget) {
            case .true: result[index] = newItem
            case .false: continue
            default: return .null
            }
        }
        return .list(result)
    }

    /// The items without repeats (FEEL equality), first occurrence kept. Each item is compared with those
    /// kept so far, and pays for those comparisons.
    private static func distinct(_ items: [FEELValue], _ budget: inout FEELBudget) -> FEELValue {
        var result: [FEELValue] = []
        for item in items {
            guard budget.spend(result.count) else { return .null }
            if !result.contains(where: { $0.feelEquals(item) == true }) { result.append(item) }
        }
        return .list(result)
    }

    /// Every item a number, or nil.
    private static func numbers(_ value: FEELValue) -> [FEELNumber]? {
        guard let items = list(value) else { return nil }
        var numbers: [FEELNumber] = []
        numbers.reserveCapacity(items.count)
        for item in items {
            guard case .number(let number) = item else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    private static func total(_ numbers: [FEELNumber]) -> FEELNumber? {
        var sum = FEELNumber.zero
        for number in numbers {
            guard let next = sum + number else { return nil }
            sum = next
        }
        return sum
    }

    /// The least or greatest of comparable items; null for an empty list or items that do not compare.
    private static func extreme(_ value: FEELValue, wantsLower: Bool) -> FEELValue {
        guard let items = list(value), var best = items.first else { return .null }
        for item in items.dropFirst() {
            guard let order = item.compare(best) else { return .null }
            if wantsLower ? order < 0 : order > 0 { best = item }
        }
        if items.count == 1, best.compare(best) == nil { return .null }
        return best
    }

    private static func allTrue(_ items: [FEELValue]) -> FEELValue {
        if items.contains(.false) { return .false }
        return items.allSatisfy { $0 == .true } ? .true : .null
    }

    private static func anyTrue(_ items: [FEELValue]) -> FEELValue {
        if items.contains(.true) { return .true }
        return items.allSatisfy { $0 == .false } ? .false : .null
    }
}
