// What one evaluation may still spend (steps, depth), and which limit stopped it.

/// The allowance of one evaluation, passed along (as `inout`) through every node and every function call, so
/// that a loop, a recursive function or a runaway built-in ends with null and a problem rather than a stalled
/// request or a crash. A plain value: evaluating with a budget allocates nothing.
public struct FEELBudget: Sendable {
    /// Steps left; below zero once spent.
    public private(set) var stepsLeft: Int
    /// How deeply evaluation has recursed (nodes inside nodes, calls inside calls).
    var depth = 0
    /// The first limit reached, if any.
    public private(set) var exceeded: Limit?

    public enum Limit: Sendable, Hashable {
        case steps, depth, listLength, stringLength

        public var message: String {
            switch self {
            case .steps: "the evaluation took more than \(FEELLimits.maximumSteps) steps"
            case .depth: "the evaluation nested more than \(FEELLimits.maximumDepth) deep (a function calling itself without end?)"
            case .listLength: "a list would hold more than \(FEELLimits.maximumListLength) items"
            case .stringLength: "a string would hold more than \(FEELLimits.maximumStringLength) bytes"
            }
        }
    }

    public init(steps: Int = FEELLimits.maximumSteps) {
        stepsLeft = steps
    }

    /// Why the evaluation stopped early, for a person; nil when it ran within its limits.
    public var problem: String? { exceeded?.message }

    public var isExhausted: Bool { exceeded != nil }

    /// Takes `count` steps; false (and the budget spent) when there are not that many left.
    @inline(__always)
    mutating func spend(_ count: Int = 1) -> Bool {
        stepsLeft &-= count
        if stepsLeft >= 0 && exceeded == nil { return true }
        stop(.steps)
        return false
    }

    /// Records a limit and spends whatever is left, so every evaluation still under way returns null promptly.
    mutating func stop(_ limit: Limit) {
        if exceeded == nil { exceeded = limit }
        stepsLeft = -1
    }

    /// One level deeper; false (and the budget stopped) past `FEELLimits.maximumDepth`.
    @inline(__always)
    mutating func enter() -> Bool {
        depth &+= 1
        if depth <= FEELLimits.maximumDepth { return true }
        stop(.depth)
        return false
    }

    @inline(__always)
    mutating func leave() { depth &-= 1 }

    /// Whether a list of `count` items may be made (and pays a step per item); stops the budget when not.
    mutating func allowsList(_ count: Int) -> Bool {
        guard count <= FEELLimits.maximumListLength else {
            stop(.listLength)
            return false
        }
        return spend(count)
    }

    /// Whether a string of `count` bytes may be made (and pays a step per 64 of them); stops the budget when not.
    mutating func allowsString(_ count: Int) -> Bool {
        guard count <= FEELLimits.maximumStringLength else {
            stop(.stringLength)
            return false
        }
        return spend(count / 64)
    }
}
