// Every limit of the form language and of answers checked against a form, in one place.
import HeededXML

/// How big a form definition, and an answer to one of its questions, may be.
///
/// A form definition is refused at load, at the place it goes over, when it goes over a limit; an answer over
/// one gets a message beside its question. The document-level limits (size, depth, elements, attributes, text)
/// are the XML layer's, `XMLLimits`. The values are several times what the shipped forms use (in brackets).
public enum FormLimits {
    // MARK: Form definitions

    /// The document limits form files are read with.
    public static let document = XMLLimits.default
    /// Sections in one form (24).
    public static let maxSections = 100
    /// Questions in one form, those inside repeating groups included (163).
    public static let maxFields = 1_000
    /// Repeating groups in one form (6).
    public static let maxRepeatGroups = 50
    /// Codes in one code list, or options offered by one question (28).
    public static let maxCodes = 2_000
    /// Characters in one expression (`relevant`, `test`, `expr`) (909). FEEL's parser recurses on each operator,
    /// so this bounds the stack it needs.
    public static let maxExpressionLength = 2_000
    /// How deep brackets (`(`, `[`, `{`) may nest in one expression (4). FEEL's parser reads an opening bracket
    /// twice (as a range, then as an expression), so its time doubles with each level.
    public static let maxExpressionNesting = 6
    /// Characters in all the expressions of one form together (3,673). The two limits above bound one
    /// expression's cost, but FEEL's parser still takes far longer over deep brackets than over the same
    /// length of plain text; this bounds a whole form's.
    public static let maxExpressionCharacters = 20_000

    // MARK: Answers

    /// The longest answer to a short text question that does not set `max-length`.
    public static let shortTextLength = 500
    /// The longest answer to a long text question that does not set `max-length`.
    public static let longTextLength = 10_000
    /// The most a form's `max-length` may allow (16,000).
    public static let maxTextLength = 100_000
    /// The longest answer to a question that is not text (a number, a date, a choice): none needs more.
    public static let maxValueLength = 100
    /// The most items in a repeating group that does not set `max`.
    public static let repeatItems = 100
    /// The most a repeating group's `max` may allow (520).
    public static let maxRepeatItems = 1_000
}
