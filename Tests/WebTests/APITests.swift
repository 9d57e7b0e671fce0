// The JSON API: tokens, submitting a needs request, reading a case, the unmet report, and the OpenAPI document.
import Casework
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Web

@Suite("The JSON API")
struct APITests {
    static func token(_ browser: inout Browser, _ email: String) async throws -> String {
        let body = ByteBuffer(string: #"{"email":"\#(email)","password":"\#(TestServer.password)"}"#)
        let page = try await browser.send("/api/tokens", method: .post, headers: [.contentType: "application/json"], body: body)
        #expect(page.status == .created)
        return try #require(page.html.firstMatch(#""token":"([^"]+)""#))
    }

    @Test("a parent submits a needs request with a bearer token; problems come back keyed by field")
    func submit() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            let token = try await Self.token(&browser, "rhian@example.org")
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            var answers = Answers.complete()
            answers["contact_email"] = "not an email"
            answers["household"] = [["member_name": "Tamsin", "member_age": "twelve", "member_disabled": false, "member_helps_caring": true]]
            let refused = try await browser.send("/api/needs-requests", method: .post, headers: auth, body: Answers.json(answers))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains(#""field":"contact_email""#))
            #expect(refused.contains(#""field":"household[0].member_age""#))
            let received = try await browser.send("/api/needs-requests", method: .post, headers: auth, body: Answers.json(Answers.complete()))
            #expect(received.status == .created)
            #expect(received.contains(#""dueOn":"2026-05-07""#))
            let id = try #require(received.html.firstMatch(#""caseId":"([^"]+)""#))
            let read = try await browser.send("/api/cases/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(read.status == .ok)
            #expect(read.contains(#""childName":"Quillon Marchbank""#))
        }
    }

    @Test("the API answers 401 without credentials, 403 for the wrong role, and 404 for another family's case")
    func refusals() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        let kezia = try await server.account("kezia@example.org", role: .parent)
        let file = try await server.openCase(for: kezia)
        try await server.run { browser in
            var browser = browser
            do {
                let response = try await browser.get("/api/me")
                #expect(response.status == .unauthorized)
            }
            do {
                let response = try await browser.send("/api/me", method: .get, headers: [.authorization: "Bearer nonsense"], body: nil)
                #expect(response.status == .unauthorized)
            }
            let token = try await Self.token(&browser, "rhian@example.org")
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            do {
                let response = try await browser.send("/api/reports/unmet", method: .get, headers: auth, body: nil)
                #expect(response.status == .forbidden)
            }
            do {
                let response = try await browser.send("/api/cases/\(file.id)", method: .get, headers: auth, body: nil)
                #expect(response.status == .notFound)
            }
            let wrong = try await browser.send(
                "/api/tokens", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"rhian@example.org","password":"wrong-password-here"}"#))
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test("with a session cookie instead of a token, an API post needs the X-CSRF-Token header")
    func sessionNeedsCSRF() async throws {
        let server = try TestServer()
        try await server.account("rhian@example.org", role: .parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("rhian@example.org")
            let page = try await browser.get("/family")
            let csrf = try #require(page.csrf)
            let without = try await browser.send("/api/needs-requests", method: .post, headers: [.contentType: "application/json"], body: Answers.json(Answers.complete()))
            #expect(without.status == .forbidden)
            let with = try await browser.send(
                "/api/needs-requests", method: .post, headers: [.contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: csrf], body: Answers.json(Answers.complete()))
            #expect(with.status == .created)
        }
    }

    @Test("the OpenAPI document describes every API route, and each documented operation exists with a documented status")
    func openAPI() async throws {
        let server = try TestServer()
        try await server.account("greer@example.org", role: .manager)
        try await server.run { browser in
            var browser = browser
            let page = try await browser.get("/api/openapi.json")
            #expect(page.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(page.html.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let token = try await Self.token(&browser, "greer@example.org")
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let concrete = path.replacingOccurrences(of: "{caseId}", with: UUID().uuidString.lowercased())
                    let documented = Set(((operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys)
                    let response = try await browser.send(
                        concrete, method: HTTPRequest.Method(method.uppercased())!, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                        body: method == "post" ? ByteBuffer(string: "{}") : nil)
                    #expect(response.status != .methodNotAllowed, "\(method) \(path)")
                    #expect(documented.contains(String(response.status.code)), "\(method) \(path) answered \(response.status.code), documented \(documented.sorted())")
                }
            }
            // Every API route the server has is in the document.
            let served = ["/api/tokens", "/api/me", "/api/needs-requests", "/api/cases/{caseId}", "/api/reports/unmet", "/api/openapi.json"]
            #expect(Set(paths.keys) == Set(served))
            let source = try String(contentsOfFile: TestServer.formsDirectory + "/../Sources/Web/API/APIRoutes.swift", encoding: .utf8)
            let registered = source.allMatches(#"\.(?:get|post)\("(/api/[^"]+)""#).map { $0.replacingOccurrences(of: ":case", with: "{caseId}") }
            #expect(Set(registered) == Set(served), "routes registered in APIRoutes.swift: \(registered)")
        }
    }

    @Test("the unmet report's query enums in the document are the code's own sets, with empty meaning every value")
    func documentedEnums() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestServer.formsDirectory + "/../Sources/Web/Resources/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let parameters = try #require(paths["/api/reports/unmet"]?["get"]?["parameters"] as? [[String: Any]])
        func enumeration(_ name: String) -> [String]? {
            (parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any])?["enum"] as? [String]
        }
        #expect(enumeration("service") == [""] + ServiceType.allCases.map(\.rawValue) + ["none"])
        #expect(enumeration("disability") == [""] + DisabilityCode.allCases.map(\.rawValue))
        #expect(enumeration("sort") == ["", "longest", "shortest"])
    }
}
