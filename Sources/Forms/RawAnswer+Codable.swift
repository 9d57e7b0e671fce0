// Raw answers as JSON: how a saved draft and the JSON API carry answers that have not been checked yet.

/// A raw answer encodes as the JSON a person would write: a string, a list of strings, or a list of objects
/// (one per item of a repeating group). Numbers and booleans are accepted on decoding and read as their text,
/// so an API client may send `"aged_18_or_over": true` or `"care_hours_per_week": 40`.
///
/// A repeating group holds no repeating group, so an answer inside an item is never a list of objects: decoding
/// goes two levels down and no further, whatever the nesting of the JSON sent.
extension RawAnswer: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = Self.single(in: container) {
            self = single
        } else if let items = try? container.decode([[String: ItemAnswer]].self) {
            self = .items(items.map { $0.mapValues(\.answer) })
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

    /// Text, a yes/no, a number or a list of texts; nil for anything else.
    fileprivate static func single(in container: any SingleValueDecodingContainer) -> RawAnswer? {
        if let text = try? container.decode(String.self) {
            .value(text)
        } else if let flag = try? container.decode(Bool.self) {
            .value(flag ? "yes" : "no")
        } else if let number = try? container.decode(Double.self) {
            .value(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        } else if let texts = try? container.decode([String].self) {
            .values(texts)
        } else {
            nil
        }
    }
}

/// An answer inside one item of a repeating group.
private struct ItemAnswer: Decodable {
    let answer: RawAnswer

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let answer = RawAnswer.single(in: container) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an answer inside a repeating group's item is text or a list of texts")
        }
        self.answer = answer
    }
}
