// The JSON API: tokens, submitting a needs request, reading a case, the unmet-need report; described by OpenAPI.
import Casework
import Foundation
import Hummingbird
import NIOCore
import HummingbirdBcrypt

/// The same operations as the pages, through the same intake, access checks and store. Authenticated by a
/// bearer token (`POST /api/tokens`) or by the browser session (with `X-CSRF-Token` on posts).
struct APIRoutes: Sendable {
    let services: WebServices
    let openAPIDocument: ByteBuffer

    func register(on router: some RouterMethods<WebContext>) {
        router.get("/api/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPIDocument))
        }
        router.post("/api/tokens") { request, context in try await token(request, context) }
        let people = router.only(ActingUser.Role.people)
        people.get("/api/me") { _, context -> MeResponse in
            let account = context.signedInAccount
            return MeResponse(email: account.email, role: account.role.rawValue, team: account.team?.rawValue)
        }
        people.get("/api/cases/:case") { request, context in try await readCase(request, context) }
        router.only(ActingUser.Role.parents).post("/api/needs-requests") { request, context in try await submit(request, context) }
        router.only(ActingUser.Role.managers).get("/api/reports/unmet") { request, context in try await unmet(request, context) }
    }

    /// A value as the context's JSON encoder writes it (Hummingbird's codable responses), with a status.
    private func json(_ value: some ResponseEncodable, status: HTTPResponse.Status, _ request: Request, _ context: WebContext) throws -> Response {
        try EditedResponse(status: status, response: value).response(from: request, context: context)
    }

    /// The body decoded by the context's JSON decoder; anything else is a 400 that says what was expected.
    private func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: WebContext) async throws -> T {
        do {
            return try await request.decode(as: type, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw error
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The body is larger than this operation accepts (\(context.maxUploadSize) bytes)")
        } catch {
            throw HTTPError(.badRequest, message: "The body is not the JSON this operation takes: \(error)")
        }
    }

    private func token(_ request: Request, _ context: WebContext) async throws -> Response {
        let body = try await decode(TokenRequest.self, request, context)
        guard try await services.store.claimSignInAttempt(
            email: body.email, address: context.clientAddress, at: Date(), throttle: services.configuration.signInThrottle)
        else { throw WebError.tooManyAttempts }
        let account = try await services.store.account(email: body.email)
        guard Bcrypt.verify(body.password, hash: account?.passwordHash ?? services.dummyPasswordHash), let account else {
            throw HTTPError(.unauthorized, message: "Unknown email address or wrong password")
        }
        try await services.store.clearFailedSignIns(email: body.email)
        let token = TokenDigest.randomToken()
        let expires = Date().addingTimeInterval(services.configuration.apiTokenLifetime)
        try await services.store.createAPIToken(hash: TokenDigest.digest(token), for: account.id, expiresAt: expires, by: account.actingUser)
        return try json(TokenResponse(token: token, expiresAt: ISO8601DateFormatter().string(from: expires)), status: .created, request, context)
    }

    private func submit(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let body = try await decode(NeedsRequestSubmission.self, request, context)
        guard await services.submissions.admit(account.id, at: Date()) else { throw WebError.tooManyRequests }
        switch services.intake.receive(body.answers, from: account.actingUser, on: services.today) {
        case .needsChanges(let problems):
            return try json(ProblemsResponse(problems: problems.map { .init(field: $0.field, message: $0.message) }), status: .unprocessableContent, request, context)
        case .ready(let received):
            try await services.store.receive(received, ownedBy: account.id, by: account.actingUser)
            services.metrics.received(received.file, through: .api)
            let file = received.file
            return try json(
                ReceivedResponse(
                    caseId: file.id.description, reference: file.reference, receivedOn: file.openedOn.description, waitingForPerson: file.outcome == nil,
                    team: file.team.rawValue, reasons: file.routing.reasons, assessments: received.assessments.map(AssessmentJSON.init)),
                status: .created, request, context)
        }
    }

    private func readCase(_ request: Request, _ context: WebContext) async throws -> Response {
        let account = context.signedInAccount
        let caseID: CaseFile.ID = try context.id("case")
        let record = try await CaseAccess.record(caseID, for: account, services: services)
        return try json(CaseJSON(record, for: account.role, services: services), status: .ok, request, context)
    }

    private func unmet(_ request: Request, _ context: WebContext) async throws -> Response {
                let filter = try UnmetFilter(request: request)
        let snapshot = try await services.reports.current(store: services.store, asOf: services.today)
        let (total, page, _, items) = filter.page(of: snapshot)
        return try json(UnmetReportJSON(asOf: snapshot.asOf.description, total: total, page: page, pageSize: UnmetFilter.pageSize, items: items.map(UnmetJSON.init)), status: .ok, request, context)
    }
}
