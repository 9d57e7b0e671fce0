// Raw answers as JSON: how a saved draft and the JSON API carry answers that have not been checked yet.

/// A raw answer encodes as the JSON a person would write: a string, a list of strings, or a list of objects
/// (one per item of a repeating group). Numbers and booleans are accepted on decoding and read as their text,
/// so an API client may send `"aged_18_or_over": true` or `"care_hours_per_week": 40`.
extension RawAnswer: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .value(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .value(flag ? "yes" : "no")
        } else if let number = try? container.decode(Double.self) {
            self = .value(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        } else if let texts = try? container.decode([String].self) {
            self = .values(texts)
        } else if let items = try? container.decode([[String: RawAnswer]].self) {
            self = .items(items)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an answer is text, a list of texts, or a list of objects (one per item of a repeating group)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let text): try container.encode(text)
        case .values(let texts): try container.encode(texts)
        case .items(let items): try container.encode(items)
        }
    }
}
