// The ways a request is refused, each becoming the page (or JSON) a person or client expects.
import Hummingbird

/// A refusal a handler throws; `ErrorPageMiddleware` turns it into a response.
enum WebError: Error {
    /// Not signed in (or the session ran out): sign in, then come back.
    case signInRequired(returnTo: String, expired: Bool)
    /// Signed in, but this page is for another role.
    case wrongRole
    /// No such thing, or not this person's to see: the same answer either way, so nothing leaks.
    case notFound
    /// A form post without the right CSRF token.
    case csrfFailed
    /// A request that makes no sense (a bad id, a missing field an honest page always sends).
    case badRequest(String)
    /// Too many failed sign-ins.
    case tooManyAttempts
    /// An account has sent its hour's allowance of needs requests.
    case tooManyRequests
    /// What this page does has been done already (a request decided, a form sent): see it where it is.
    case alreadyDone(href: String)
}
