// A question on a form and the kind of answer it takes.
import FEEL
import Foundation
import HeededXML

/// A question, with its wording, its kind of answer and the rules its answer must keep.
///
/// A class, so that passing a question around (checking answers walks every question of a form, often several
/// times) copies one reference rather than its every string and list; it never changes after loading.
public final class Field: Sendable {
    public let id: String
    public let label: String
    public let hint: String?
    public let help: String?
    public let kind: Kind
    /// Must be answered when relevant.
    public let required: Bool
    /// What to say when it is required and left unanswered; nil: worded from the label (`AnswerCheck`).
    public let requiredMessage: String?
    /// When false the question is not asked, not required, and any answer is dropped.
    public let relevant: FormExpression?
    public let constraints: [Constraint]
    public let location: XMLLocation
    /// Where the answer sits in the form's layout (`FormLayout`).
    let slot: Int

    init(
        id: String, label: String, hint: String?, help: String?, kind: Kind, required: Bool, requiredMessage: String? = nil,
        relevant: FormExpression?, constraints: [Constraint], location: XMLLocation, slot: Int
    ) {
        self.id = id
        self.label = label
        self.hint = hint
        self.help = help
        self.kind = kind
        self.required = required
        self.requiredMessage = requiredMessage
        self.relevant = relevant
        self.constraints = constraints
        self.location = location
        self.slot = slot
    }

    /// The kinds of question the form language has.
    public enum Kind: Sendable {
        /// `maxLength`: the form's `max-length`, or `FormLimits.shortTextLength` (`longTextLength`) if it gives none.
        case text(maxLength: Int, input: String?)
        case longText(maxLength: Int)
        case yesNo
        case yesNoUnsure
        case choice([AnswerOption])
        case multiChoice([AnswerOption])
        case scale([AnswerOption])
        case number(min: FEELNumber?, max: FEELNumber?, integer: Bool, unit: String?)
        case date(notFuture: Bool)
        /// A code from a code list; `options` are the codes offered, in the form's own words.
        case code(list: String, multiple: Bool, options: [AnswerOption])
        case computed(FormExpression)
        /// `max`: the form's `max`, or `FormLimits.repeatItems` if it gives none.
        case `repeat`(min: Int?, max: Int, fields: [Field])

        /// The element name used in form definitions, for messages and `forms show`.
        public var name: String {
            switch self {
            case .text: "text"
            case .longText: "long-text"
            case .yesNo: "yes-no"
            case .yesNoUnsure: "yes-no-unsure"
            case .choice: "choice"
            case .multiChoice: "multi-choice"
            case .scale: "scale"
            case .number: "number"
            case .date: "date"
            case .code(_, let multiple, _): multiple ? "code (several)" : "code"
            case .computed: "computed"
            case .repeat: "repeat"
            }
        }
    }

    /// The fields inside a repeating group; empty for any other kind.
    public var childFields: [Field] {
        if case .repeat(_, _, let fields) = kind { fields } else { [] }
    }

    /// The options offered, for the kinds that have them.
    public var options: [AnswerOption] {
        switch kind {
        case .choice(let options), .multiChoice(let options), .scale(let options), .code(_, _, let options): options
        default: []
        }
    }

    /// Whether the answer is a list of values.
    public var takesSeveral: Bool {
        switch kind {
        case .multiChoice: true
        case .code(_, let multiple, _): multiple
        default: false
        }
    }
}

/// One answer a choice offers.
public struct AnswerOption: Sendable, Hashable {
    public let value: String
    public let label: String
    /// May only be chosen alone ("None of these").
    public let exclusive: Bool

    public init(value: String, label: String, exclusive: Bool = false) {
        self.value = value
        self.label = label
        self.exclusive = exclusive
    }
}

/// A rule an answer must keep, with the message shown beside the question when it does not.
public struct Constraint: Sendable {
    public let test: FormExpression
    public let message: String
}
