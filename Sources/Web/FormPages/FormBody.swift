// A posted HTML form (application/x-www-form-urlencoded): its fields in order, repeated names kept.
import Foundation
import Hummingbird
import HummingbirdCore

/// The fields of a form post. Check boxes send one field per ticked box under the same name, so a name may
/// have several values. Hummingbird's `URLEncodedFormDecoder` decodes into fixed `Decodable` types; our
/// questions come from form definitions at run time, so the fields are kept as name/value pairs instead, decoded
/// with Hummingbird's own query-string parser.
struct FormBody: Sendable {
    let fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// Parses a urlencoded body. `+` means a space in form bodies (a literal plus arrives as `%2B`).
    init(urlencoded text: String) {
        let query = text.replacingOccurrences(of: "+", with: "%20")
        // Hummingbird decodes values but not names, and browsers encode the brackets of `group[0].field`.
        fields = URI("/?" + query).queryParameters.map { (String($0.key).removingPercentEncoding ?? String($0.key), String($0.value)) }
    }

    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value posted under a name, in order.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// A trimmed value, nil when missing or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
