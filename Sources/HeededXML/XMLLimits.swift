// The bounds a document must stay within before we spend any effort on it: every limit of the XML layer.

/// Limits applied to every document (form definitions, code lists, decision tables).
///
/// Each is checked in one linear pass over the bytes before libxml2 reads them (`SourceScanner`), because
/// libxml2 2.9 is itself quadratic in the attributes of one element (it walks the attribute list to append
/// each one, and compares each with all before it for duplicates): a 3 MB element of 200,000 attributes kept
/// it busy for minutes. A document over a limit is refused with the place it went over, within milliseconds
/// and in memory proportional to what was read. The defaults are many times what our forms and the DMN TCK
/// need (largest: 476 KB, 6,524 elements, 12 deep, 9 attributes, an attribute of 909 bytes, a text of 737
/// bytes).
public struct XMLLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes. Checked before the file is read.
    public var maxBytes: Int
    /// The deepest element nesting accepted. libxml2 itself stops at 256 without `XML_PARSE_HUGE`, which we
    /// never set; this bound is ours and may only be lower.
    public var maxDepth: Int
    /// The most elements a document may have.
    public var maxElements: Int
    /// The most attributes one element may have, namespace declarations included.
    public var maxAttributesPerElement: Int
    /// The longest attribute value, in bytes as written (before `&amp;` and the like are read).
    public var maxAttributeBytes: Int
    /// The longest run of text (or one CDATA section) between two tags, in bytes as written.
    public var maxTextBytes: Int
    /// The most problems reported for one document; the rest are counted, not kept.
    public var maxProblems: Int

    public init(
        maxBytes: Int = 4 * 1024 * 1024, maxDepth: Int = 128, maxElements: Int = 100_000,
        maxAttributesPerElement: Int = 64, maxAttributeBytes: Int = 64 * 1024, maxTextBytes: Int = 256 * 1024,
        maxProblems: Int = 100
    ) {
        precondition(
            [maxBytes, maxDepth, maxElements, maxAttributesPerElement, maxAttributeBytes, maxTextBytes, maxProblems]
                .allSatisfy { $0 > 0 },
            "XML limits must be positive")
        self.maxBytes = maxBytes
        self.maxDepth = min(maxDepth, 256)
        self.maxElements = maxElements
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxAttributeBytes = maxAttributeBytes
        self.maxTextBytes = maxTextBytes
        self.maxProblems = maxProblems
    }

    /// The limits every loader uses unless it says otherwise.
    public static let `default` = XMLLimits()
}
