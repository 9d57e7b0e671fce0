// Text as a JSON string literal, for the few places that write JSON a line at a time (decisions, the server's log).

extension String {
    /// This text as a JSON string literal, escaped as RFC 8259 requires (and no more: `/` and non-ASCII stay as
    /// they are, so a line stays readable).
    public var jsonLiteral: String {
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + self + "\""  // the usual case: nothing to escape
        }
        var out = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
