// The bounds a document must stay within before we spend any effort on it.

/// Limits applied to every document. Form definitions and decision tables are small and hand-written, so the
/// defaults are generous for them and tight for anything hostile.
public struct XMLLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes. Checked before parsing starts.
    public var maxBytes: Int
    /// The deepest element nesting accepted. libxml2 itself stops at 256 without `XML_PARSE_HUGE`, which we
    /// never set; this bound is ours and may only be lower.
    public var maxDepth: Int

    public init(maxBytes: Int = 4 * 1024 * 1024, maxDepth: Int = 128) {
        precondition(maxBytes > 0 && maxDepth > 0, "XML limits must be positive")
        self.maxBytes = maxBytes
        self.maxDepth = min(maxDepth, 256)
    }

    public static let `default` = XMLLimits()
}
