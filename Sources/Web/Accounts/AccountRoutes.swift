// Signing in and out, and a parent creating an account.
import Casework
import Foundation
import Hummingbird
import HummingbirdBcrypt

/// The account pages. Sign-in failures are counted per account and per address (`SignInThrottle`); a
/// successful sign-in starts a fresh session (a new key and CSRF token) so a session key planted before
/// sign-in is worthless after it.
struct AccountRoutes: Sendable {
    let services: WebServices

    func register(on router: WebRouter) {
        router.get("/") { request, context in
            if let account = context.account { return Response.redirect(to: Navigation.home(for: account), type: .normal) }
            return services.renderer.page(
                "start", StartView(signedOut: request.uri.queryParameters["signed-out"] != nil), title: "Ask for help for your disabled child", context: context)
        }
        router.get("/privacy") { _, context in
            services.renderer.page("privacy", [String: String](), title: "Privacy notice", context: context)
        }
        router.get("/sign-in") { request, context in
            signInPage(context, email: "", next: request.uri.queryParameters["next"].map(String.init) ?? "",
                       expired: request.uri.queryParameters["expired"] != nil, created: request.uri.queryParameters["created"] != nil,
                       reset: request.uri.queryParameters["reset"] != nil, error: nil)
        }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.get("/forgot-password") { _, context in
            services.renderer.page(
                "forgot-password", ForgotPasswordView(canEmail: services.configuration.mail != nil, sent: false, email: "", error: nil, errors: [], csrfToken: context.csrfToken),
                title: "Forgotten your password?", context: context)
        }
        router.post("/forgot-password") { request, context in try await sendResetLink(request, context) }
        router.get("/reset-password") { request, context in
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            return services.renderer.page(
                "reset-password", ResetPasswordView(valid: !token.isEmpty, token: token, passwordError: nil, errors: [], csrfToken: context.csrfToken),
                title: "Set a new password", context: context)
        }
        router.post("/reset-password") { request, context in try await resetPassword(request, context) }
        // Signing out ends every session the account holds, on any device, and revokes its API tokens.
        router.post("/sign-out") { _, context in
            context.sessions.clearSession()
            if let account = context.account { try await services.store.signOutEverywhere(account.id, by: account.actingUser) }
            // The session cookie is expired with the session, so a page reached afterwards (the browser's Back) asks
            // the person to sign in without saying they were signed out for being away.
            return Response.redirect(to: "/?signed-out=1", type: .normal)
        }
        router.get("/create-account") { _, context in
            services.renderer.page("create-account", CreateAccountView(email: "", errors: [], emailError: nil, passwordError: nil, csrfToken: context.csrfToken),
                                   title: "Create an account", context: context)
        }
        router.post("/create-account") { request, context in try await createAccount(request, context) }
    }

    private func signInPage(
        _ context: WebContext, email: String, next: String, expired: Bool, created: Bool = false, reset: Bool = false, error: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let view = SignInView(
            email: email, next: Self.safeNext(next), expired: expired, created: created, reset: reset, error: error, csrfToken: context.csrfToken,
            errors: error.map { [ErrorLink(href: "#f-email", message: $0)] } ?? [])
        return services.renderer.page("sign-in", view, title: "Sign in", context: context, status: status, hasErrors: error != nil)
    }

    /// Only a path on this site may be returned to after signing in: it starts with one "/", and holds no
    /// backslash, space or control character (browsers drop tabs and newlines from a URL, so "/\t/evil.example"
    /// would become "//evil.example", another site).
    static func safeNext(_ next: String) -> String {
        let plain = next.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
        return plain && next.hasPrefix("/") && !next.hasPrefix("//") ? next : ""
    }

    private func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = context.form ?? FormBody(fields: [])
        let email = form.text("email") ?? ""
        let password = form["password"] ?? ""
        let next = Self.safeNext(form["next"] ?? "")
        guard try await services.store.claimSignInAttempt(
            email: email, address: context.clientAddress, at: Date(), throttle: services.configuration.signInThrottle)
        else {
            return signInPage(
                context, email: email, next: next, expired: false,
                error: "There have been too many attempts to sign in. Wait 15 minutes and try again.", status: .tooManyRequests)
        }
        let account = try await services.store.account(email: email)
        // Verify against a dummy hash when there is no account, so timing does not reveal which emails exist.
        let hash = account?.passwordHash ?? services.dummyPasswordHash
        guard Bcrypt.verify(password, hash: hash), let account else {
            return signInPage(
                context, email: email, next: next, expired: false, error: "Enter the email address and password for your account", status: .unauthorized)
        }
        try await services.store.clearFailedSignIns(email: email)
        let target = await openable(next, by: account) ? next : Navigation.home(for: account)
        try await startSession(for: account, request: request, context: context)
        return .redirect(to: target, type: .normal)
    }

    /// Whether the page a sign-in returns to is one this account may open: the last person's case page, reached
    /// with Back before the next person signs in on the same computer, is not theirs, so they go to their own home.
    private func openable(_ next: String, by account: Account) async -> Bool {
        guard !next.isEmpty else { return false }
        guard let range = next.range(of: #"/cases/[0-9A-Fa-f-]{36}"#, options: .regularExpression) else { return true }
        guard let caseID = CaseFile.ID(String(next[range].dropFirst("/cases/".count))) else { return false }
        // Anything that stops the check sends the person home, never to an error page.
        return (try? await CaseAccess.check(caseID, for: account, services: services)) != nil
    }

    /// A new session under a new key; the session the browser held before (signed in as anyone, or not) is deleted,
    /// so its key is worthless from now on.
    private func startSession(for account: Account, request: Request, context: WebContext) async throws {
        if let previous = request.cookies[HeededWeb.sessionCookie]?.value, !previous.isEmpty {
            try await services.store.removeSession(key: HeededWeb.sessionKeyPrefix + previous)
        }
        context.sessions.createSession(
            WebSession(accountID: account.id.description, csrfToken: TokenDigest.randomToken(), signedInAt: Date().timeIntervalSince1970),
            expiresIn: services.configuration.sessionIdleTimeout)
    }

    /// How long a link to set a forgotten password works.
    static let resetLinkLifetime: TimeInterval = 60 * 60

    /// Sends a one-time link to the address if an account has it; the page answers the same either way, so it
    /// cannot be used to learn who has an account.
    private func sendResetLink(_ request: Request, _ context: WebContext) async throws -> Response {
        let typed = context.form?.text("email") ?? ""
        guard let mail = services.configuration.mail else { throw WebError.notFound }
        guard let email = EmailAddress.normalised(typed) else {
            let message = "Enter an email address in the correct format, like name@example.com"
            let view = ForgotPasswordView(
                canEmail: true, sent: false, email: typed, error: message, errors: [ErrorLink(href: "#f-email", message: message)], csrfToken: context.csrfToken)
            return services.renderer.page("forgot-password", view, title: "Forgotten your password?", context: context, status: .unprocessableContent, hasErrors: true)
        }
        let token = TokenDigest.randomToken()
        if let account = try await services.store.createPasswordReset(email: email, hash: TokenDigest.digest(token), expiresAt: Date() + Self.resetLinkLifetime) {
            let link = services.configuration.publicURL + "/reset-password?token=" + token
            let message = MailMessage(
                to: account.email, subject: "Set a new password for the disabled children's service",
                body: """
                    Someone (we hope you) asked to set a new password for your account with the council's disabled children's service.

                    To set one, open this link within an hour. It works once:

                    \(link)

                    If you did not ask, you need do nothing: your password has not changed.
                    """)
            // Sent after the page is answered, so neither the relay's time nor its failure tells the asker whether
            // the address has an account. A failure is logged without the address.
            Task {
                do {
                    try await mail.send(message)
                } catch {
                    context.logger.error("a password link could not be sent: \(error)")
                }
            }
        }
        let view = ForgotPasswordView(canEmail: true, sent: true, email: email, error: nil, errors: [], csrfToken: context.csrfToken)
        return services.renderer.page("forgot-password", view, title: "Check your email", context: context)
    }

    private func resetPassword(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = context.form ?? FormBody(fields: [])
        let token = form["token"] ?? ""
        let password = form["password"] ?? ""
        var problem = PasswordPolicy.problem(with: password)
        if problem == nil, password != (form["password_again"] ?? "") { problem = "The passwords do not match" }
        if let problem {
            let view = ResetPasswordView(valid: true, token: token, passwordError: problem, errors: [ErrorLink(href: "#f-password", message: problem)], csrfToken: context.csrfToken)
            return services.renderer.page("reset-password", view, title: "Set a new password", context: context, status: .unprocessableContent, hasErrors: true)
        }
        let hash = Bcrypt.hash(password, cost: services.configuration.bcryptCost)
        guard try await services.store.resetPassword(linkHash: TokenDigest.digest(token), newPasswordHash: hash, at: Date()) != nil else {
            let view = ResetPasswordView(valid: false, token: "", passwordError: nil, errors: [], csrfToken: context.csrfToken)
            return services.renderer.page("reset-password", view, title: "Set a new password", context: context, status: .gone)
        }
        context.sessions.clearSession()
        return .redirect(to: "/sign-in?reset=1", type: .normal)
    }

    private func createAccount(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = context.form ?? FormBody(fields: [])
        let typed = form.text("email") ?? ""
        let password = form["password"] ?? ""
        var emailError: String?
        var passwordError: String?
        let email = EmailAddress.normalised(typed)
        if email == nil { emailError = "Enter an email address in the correct format, like name@example.com" }
        if let problem = PasswordPolicy.problem(with: password) {
            passwordError = problem
        } else if password != (form["password_again"] ?? "") {
            passwordError = "The passwords do not match"
        }
        guard let email, emailError == nil, passwordError == nil else {
            let errors = [emailError.map { ErrorLink(href: "#f-email", message: $0) }, passwordError.map { ErrorLink(href: "#f-password", message: $0) }]
                .compactMap { $0 }
            let view = CreateAccountView(email: typed, errors: errors, emailError: emailError, passwordError: passwordError, csrfToken: context.csrfToken)
            return services.renderer.page("create-account", view, title: "Create an account", context: context, status: .unprocessableContent, hasErrors: true)
        }
        // An address that already has an account is answered exactly as a new one, after the same password
        // hashing (only a new account's write differs, by milliseconds against bcrypt's quarter second), so the
        // page cannot be used to learn who has an account. The account already there keeps its password; the
        // page says so to everyone.
        let account = Account(email: email, role: .parent, passwordHash: Bcrypt.hash(password, cost: services.configuration.bcryptCost))
        if try await services.store.account(email: email) == nil {
            do {
                try await services.store.createAccount(account, by: account.actingUser)
            } catch CaseStoreError.alreadyExists {
                // Made a moment ago by another request for the same address: the same answer.
            }
        }
        return .redirect(to: "/sign-in?created=1&next=%2Frequest", type: .normal)
    }
}

struct ForgotPasswordView {
    let canEmail: Bool
    let sent: Bool
    let email: String
    let error: String?
    let errors: [ErrorLink]
    let csrfToken: String
}

struct ResetPasswordView {
    let valid: Bool
    let token: String
    let passwordError: String?
    let errors: [ErrorLink]
    let csrfToken: String
}

struct StartView {
    let signedOut: Bool
}

struct SignInView {
    let email: String
    let next: String
    let expired: Bool
    let created: Bool
    /// Just set a new password with a one-time link.
    let reset: Bool
    let error: String?
    let csrfToken: String
    let errors: [ErrorLink]
}

struct CreateAccountView {
    let email: String
    let errors: [ErrorLink]
    let emailError: String?
    let passwordError: String?
    let csrfToken: String
}
