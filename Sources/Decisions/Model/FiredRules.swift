// The rules of a table that fired, as positions: no allocation for the usual none or one.

/// Rule positions (from 0) in the order the hit policy used them. Most tables fire one rule, which is kept
/// inline; only multiple-hit tables that match several rules hold an array.
public struct FiredRules: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private enum Storage: Sendable, Hashable {
        case none
        case one(Int)
        case many([Int])
    }

    private let storage: Storage

    public init(_ rules: [Int]) {
        switch rules.count {
        case 0: storage = .none
        case 1: storage = .one(rules[0])
        default: storage = .many(rules)
        }
    }

    public init(arrayLiteral rules: Int...) { self.init(rules) }

    static let none = FiredRules([])

    static func one(_ rule: Int) -> FiredRules { FiredRules(storage: .one(rule)) }

    private init(storage: Storage) { self.storage = storage }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .many(let rules): rules.count
        }
    }

    public subscript(position: Int) -> Int {
        switch storage {
        case .none: preconditionFailure("no rule fired")
        case .one(let rule):
            precondition(position == 0, "one rule fired; asked for position \(position)")
            return rule
        case .many(let rules): return rules[position]
        }
    }

    public var description: String { Array(self).description }
}
