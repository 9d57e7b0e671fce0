// A browser for tests: keeps cookies, finds CSRF tokens and links in pages, posts forms as a browser would.
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// Cookies and the last page, over HummingbirdTesting's client.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(client: any TestClientProtocol) {
        self.client = client
    }

    struct Page: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let html: String

        var location: String? { headers[.location] }
        /// The CSRF token of the first form on the page.
        var csrf: String? { html.firstMatch(#"name="_csrf" value="([^"]+)""#) }
        var shown: String { html.firstMatch(#"name="_shown" value="([^"]*)""#) ?? "" }
        var title: String { html.firstMatch(#"<title>(.*?)</title>"#) ?? "" }
        func contains(_ text: String) -> Bool { html.contains(text) }
        /// Every match of the pattern's first group.
        func all(_ pattern: String) -> [String] { html.allMatches(pattern) }
    }

    @discardableResult
    mutating func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts a form; `fields` may repeat a name (check boxes).
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    /// Gets a page with a form, then posts `fields` to `path` with the form's CSRF token.
    @discardableResult
    mutating func submit(_ formPage: String, to path: String? = nil, _ fields: [(String, String)]) async throws -> Page {
        let page = try await get(formPage)
        let token = page.csrf ?? ""
        var all = [("_csrf", token)] + fields
        if !page.shown.isEmpty && !fields.contains(where: { $0.0 == "_shown" }) { all.append(("_shown", page.shown)) }
        return try await post(path ?? formPage, all)
    }

    mutating func signIn(_ email: String, password: String = TestServer.password) async throws -> Page {
        try await submit("/sign-in", [("email", email), ("password", password), ("next", "")])
    }

    @discardableResult
    mutating func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer?) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let expired = header.lowercased().contains("max-age=0") || Self.expiresInPast(header)
            if expired { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return Page(status: response.status, headers: response.headers, html: String(buffer: response.body))
    }

    static func expiresInPast(_ header: String) -> Bool {
        guard let range = header.range(of: "Expires=") else { return false }
        let value = header[range.upperBound...].split(separator: ";")[0]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: String(value)).map { $0 <= Date() } ?? false
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension String {
    func firstMatch(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let match = regex.firstMatch(in: self, range: NSRange(startIndex..., in: self)), match.numberOfRanges > 1,
              let range = Range(match.range(at: 1), in: self) else { return nil }
        return String(self[range])
    }

    func allMatches(_ pattern: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        return regex.matches(in: self, range: NSRange(startIndex..., in: self)).compactMap { match in
            Range(match.range(at: 1), in: self).map { String(self[$0]) }
        }
    }
}
