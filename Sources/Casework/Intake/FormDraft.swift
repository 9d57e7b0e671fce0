// A form filled in part-way, kept on the server so nothing is lost when a session ends or a browser closes.
import Foundation
import Forms

/// A draft: the raw answers so far to one form, for one purpose, by one account.
///
/// `purpose` says what the form is for: `needs-request` for a family's request, `assessment/<id>` or
/// `ehc-advice/<case id>` for a practitioner's. One draft per account and purpose.
public struct FormDraft: Sendable, Hashable, Codable {
    public let owner: Account.ID
    public let purpose: String
    public let formID: String
    public let formVersion: Int
    public var answers: [String: RawAnswer]
    /// The pages the person has been through (section ids), for a task list's "completed".
    public var visitedSections: [String]
    public var updatedAt: Date

    public init(owner: Account.ID, purpose: String, formID: String, formVersion: Int, answers: [String: RawAnswer] = [:], updatedAt: Date = Date()) {
        self.owner = owner
        self.purpose = purpose
        self.formID = formID
        self.formVersion = formVersion
        self.answers = answers
        self.visitedSections = []
        self.updatedAt = updatedAt
    }

    /// The draft with one page's answers put in: the page's questions are replaced (a question left empty on the
    /// page is cleared), the rest kept.
    public func replacing(_ fieldIDs: [String], with pageAnswers: [String: RawAnswer], at instant: Date = Date()) -> FormDraft {
        var copy = self
        for id in fieldIDs { copy.answers[id] = pageAnswers[id] }
        copy.updatedAt = instant
        return copy
    }
}
