// The per-request context: the session, who is signed in, the CSRF token and the parsed form body.
import Casework
import Hummingbird
import HummingbirdAuth
import NIOCore

/// What each request carries through the middleware to its handler.
public struct WebContext: RequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public let remoteAddress: SocketAddress?
    /// The signed-in account, from the session or a bearer token.
    var account: Account?
    /// True when the account came from `Authorization: Bearer`, which needs no CSRF token (no cookie is involved).
    var signedInWithToken = false
    /// The token every form on the page must post back.
    var csrfToken = ""
    /// A form post's fields, read once by the CSRF check.
    var form: FormBody?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// The address sign-in attempts are counted against.
    var clientAddress: String {
        switch remoteAddress {
        case .v4(let address)?: address.host
        case .v6(let address)?: address.host
        default: "unknown"
        }
    }

    /// Form bodies are small; this stops a large post before it is read.
    public var maxUploadSize: Int { 512 * 1024 }
}

/// The application's router (named in full: Casework has a `Router` too, the one that routes requests).
typealias WebRouter = Hummingbird.Router<WebContext>
