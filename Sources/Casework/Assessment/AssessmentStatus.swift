// Where an assessment stands, and the only moves it may make.

/// The status flow of every assessment:
///
///     requested → offered → accepted → in progress → completed → authorised
///                        ↘ declined
///
/// An assessment is offered to the family (they may decline it), carried out, completed by the assessor and
/// authorised by a manager. Moved by hand, nothing skips a step, and nothing moves back. Sending the written
/// assessment completes it from any open step (`Assessment.completedBySending`); a correction after that is a
/// revision of the report, kept beside the first, so the record of what happened stays true.
public enum AssessmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case requested
    case offered
    case accepted
    case declined
    case inProgress = "in-progress"
    case completed
    case authorised

    /// The statuses this one may move to.
    public var next: Set<AssessmentStatus> {
        switch self {
        case .requested: [.offered]
        case .offered: [.accepted, .declined]
        case .accepted: [.inProgress]
        case .inProgress: [.completed]
        case .completed: [.authorised]
        case .declined, .authorised: []
        }
    }

    /// The status after a move, or a typed error naming the refused move.
    public func moving(to target: AssessmentStatus) throws(AssessmentTransitionError) -> AssessmentStatus {
        guard next.contains(target) else { throw AssessmentTransitionError(from: self, to: target) }
        return target
    }

    /// Still being worked on: a deadline applies.
    /// The status in words: "in progress".
    public var words: String { rawValue.replacingOccurrences(of: "-", with: " ") }

    public var isOpen: Bool {
        switch self {
        case .requested, .offered, .accepted, .inProgress: true
        case .declined, .completed, .authorised: false
        }
    }
}

/// A refused move between assessment statuses.
public struct AssessmentTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let from: AssessmentStatus
    public let to: AssessmentStatus

    public init(from: AssessmentStatus, to: AssessmentStatus) {
        self.from = from
        self.to = to
    }

    public var description: String {
        let allowed = from.next.map(\.words).sorted()
        let options = allowed.isEmpty ? "it is final" : "it may only move to \(allowed.joined(separator: " or "))"
        return "an assessment that is \(from.words) cannot become \(to.words): \(options)"
    }
}
