// Turns refusals and failures into the page a person should see, or JSON for the API.
import Casework
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Catches what handlers throw. Pages get a GOV.UK-style error page (or a redirect to sign in); the API gets
/// `{"error": ...}` with the matching status. Unexpected errors are logged and shown as "Sorry, there is a
/// problem" without detail, so nothing about the system leaks.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let services: WebServices

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let isAPI = request.uri.path.hasPrefix("/api/")
            let (status, title, message) = Self.describe(error)
            if case WebError.alreadyDone(let href) = error, !isAPI {
                return .redirect(to: href, type: .normal)
            }
            if case WebError.signInRequired(let returnTo, let expired) = error, !isAPI {
                var target = "/sign-in?next=" + (returnTo.addingPercentEncoding(withAllowedCharacters: .urlUnreserved) ?? "/")
                if expired { target += "&expired=1" }
                return .redirect(to: target, type: .normal)
            }
            // The error's type and the route, never its message or the path: either may name a child or quote an answer.
            let failure: Logger.Metadata = ["route": .string(context.endpointPath ?? "NotFound"), "error.type": .string("\(type(of: error))"), "status": .stringConvertible(status.code)]
            if status == .internalServerError {
                context.logger.error("request failed", metadata: failure)
            } else {
                context.logger.debug("request refused", metadata: failure)
            }
            if isAPI {
                let body = (try? JSONEncoder().encode(["error": message])) ?? Data()
                var headers: HTTPFields = [.contentType: "application/json"]
                if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
                return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
            }
            return services.renderer.page("error", ErrorView(heading: title, message: message), title: title, context: context, status: status)
        }
    }

    static func describe(_ error: Error) -> (HTTPResponse.Status, String, String) {
        switch error {
        case WebError.signInRequired:
            return (.unauthorized, "Sign in", "Sign in to continue.")
        case WebError.wrongRole:
            return (.forbidden, "You cannot see this page", "This page is for a different kind of account from the one you are signed in with.")
        case WebError.notFound:
            return (.notFound, "Page not found", "If you typed the web address, check it is correct. If you followed a link, the record may have moved or you may not have access to it.")
        case WebError.csrfFailed:
            return (.forbidden, "This form could not be sent", "The page was open too long, or was sent from somewhere else. Go back, reload the page and try again. Nothing was saved from this attempt.")
        case WebError.badRequest(let why):
            return (.badRequest, "Something was wrong with that request", why)
        case WebError.alreadyDone:
            return (.conflict, "Already done", "This has been done already, so nothing was changed.")
        case WebError.tooManyAttempts:
            return (.tooManyRequests, "Too many attempts", "Wait 15 minutes and try again.")
        case WebError.tooManyRequests:
            return (.tooManyRequests, "Too many requests sent", "This account has sent as many requests as it can in an hour. Wait an hour and try again; what you wrote is kept.")
        case is NIOTooManyBytesError:
            return (.contentTooLarge, "That was too much to send", "What was sent is larger than this service accepts. Nothing was saved from it.")
        case CaseStoreError.alreadyRevised:
            return (.conflict, "Already revised", "Someone has revised this report already, so nothing was sent. Open the case to read the latest version; to change it, revise that one.")
        case CaseStoreError.notFound:
            return (.notFound, "Page not found", "The record may have moved or you may not have access to it.")
        case let error as HTTPError where error.status == .notFound:
            return (.notFound, "Page not found", "If you typed the web address, check it is correct.")
        case let error as HTTPError:
            return (error.status, "Something was wrong with that request", error.body ?? error.status.reasonPhrase)
        case let error as CaseworkError:
            // In the reader's words: no question ids or account ids, which the error's description carries for logs.
            let words = switch error {
            case .invalid(_, let message): message
            case .notAllowed(_, let action): "You may not \(action)"
            case .illegalTransition(let transition): transition.description
            }
            return (.unprocessableContent, "That change could not be made", words.capitalizedFirst + ". Nothing was changed.")
        // What the check page could not foresee (the record changed while it was open): nothing was sent.
        case let error as EHCAdviceRefused:
            return (.unprocessableContent, "The advice was not sent",
                    error.problems.map { $0.message.capitalizedFirst }.joined(separator: ". ") + ". Go back to check your answers: they are kept.")
        case let error as ProvisionNotDecided:
            let messages = error.problems.compactMap { problem -> String? in
                guard case .invalid(_, let message) = problem else { return nil }
                return message
            }
            return (.unprocessableContent, "The assessment was not sent", messages.joined(separator: ". ") + ". Go back to check your answers: they are kept.")
        default:
            return (.internalServerError, "Sorry, there is a problem with the service", "Try again later. What you saved before this is kept.")
        }
    }
}

struct ErrorView {
    let heading: String
    let message: String
}

extension CharacterSet {
    /// RFC 3986's unreserved characters: what may stand unencoded in a query value.
    static let urlUnreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
