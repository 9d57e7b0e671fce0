// The administrator's pages: staff accounts (invite, deactivate, role and team, password links), teams, the audit log.
import Casework
import Foundation
import Hummingbird

/// What an administrator does, behind one `RoleGate` for administrators only (a manager cannot reach these pages,
/// so cannot grant anyone administrator). The rules on what may change are Casework's (`StaffChange.refusal`);
/// the store applies them inside its transaction and these pages show its refusals beside the question.
struct AdminRoutes: Sendable {
    let services: WebServices

    /// How long an invitation, or a password link an administrator gives, works: a day, since it is passed on by hand
    /// when the council has no mail relay.
    static let staffLinkLifetime: TimeInterval = 24 * 60 * 60
    /// Audit entries on one page.
    static let auditPageSize = 50

    func register(on router: some RouterMethods<WebContext>) {
        let admin = router.only([.administrator])
        admin.get("/admin") { _, context in
            services.renderer.page("admin-home", [String: String](), title: "Administration", context: context)
        }
        admin.get("/admin/staff") { _, context in try await staffList(context) }
        admin.get("/admin/staff/invite") { _, context in
            invitePage(context, form: StaffForm(email: "", role: nil, team: nil), errors: StaffForm.Errors())
        }
        admin.post("/admin/staff/invite") { _, context in try await invite(context) }
        admin.get("/admin/staff/:account") { request, context in
            try await accountPage(try await staffAccount(context), context, done: request.uri.queryParameters["done"].map(String.init))
        }
        admin.post("/admin/staff/:account/role") { _, context in try await assign(context) }
        admin.post("/admin/staff/:account/deactivate") { _, context in try await switchAccount(.deactivate, context) }
        admin.post("/admin/staff/:account/reactivate") { _, context in try await switchAccount(.reactivate, context) }
        admin.post("/admin/staff/:account/password-link") { _, context in try await passwordLink(context) }
        admin.get("/admin/teams") { _, context in try await teams(context) }
        admin.get("/admin/audit") { request, context in try await audit(request, context, verification: nil) }
        admin.post("/admin/audit/verify") { request, context in
            try await audit(request, context, verification: AuditView.Verification(try await services.store.verifyAuditChain()))
        }
    }

    // MARK: Staff

    private func staffList(_ context: WebContext) async throws -> Response {
        let view = StaffListView(rows: try await services.store.staffAccounts().map(StaffListView.Row.init))
        return services.renderer.page("admin-staff", view, title: "Staff accounts", context: context)
    }

    private func staffAccount(_ context: WebContext) async throws -> Account {
        guard let account = try await services.store.staffAccount(id: try context.id("account")) else { throw WebError.notFound }
        return account
    }

    private func invitePage(_ context: WebContext, form: StaffForm, errors: StaffForm.Errors, status: HTTPResponse.Status = .ok) -> Response {
        let view = InviteView(
            email: form.email, roles: StaffForm.roleOptions(form.role), teams: StaffForm.teamOptions(form.team), emailError: errors.email,
            roleError: errors.role, teamError: errors.team, errors: errors.list, csrfToken: context.csrfToken)
        return services.renderer.page(
            "admin-invite", view, title: "Invite a member of staff", context: context, status: status, hasErrors: !errors.list.isEmpty, backLink: "/admin/staff")
    }

    private func invite(_ context: WebContext) async throws -> Response {
        let form = StaffForm(context.form ?? FormBody(fields: []))
        var errors = form.errors
        if let email = form.normalisedEmail, errors.list.isEmpty {
            let account = Account(email: email, role: form.role!, passwordHash: Account.noPassword, team: form.team!)
            let token = TokenDigest.randomToken()
            do {
                try await services.store.invite(
                    account, linkHash: TokenDigest.digest(token), expiresAt: Date() + Self.staffLinkLifetime, by: context.signedInAccount.actingUser)
                return try await linkPage(for: account, token: token, invitation: true, context)
            } catch CaseStoreError.alreadyExists {
                errors.email = "There is already an account for \(email)"
            }
        }
        return invitePage(context, form: form, errors: errors, status: .unprocessableContent)
    }

    /// The page after a link is made: sent by email when the council has a relay, otherwise (or when the relay
    /// fails) shown here, once, for the administrator to pass on. Only the link's digest is stored.
    private func linkPage(for account: Account, token: String, invitation: Bool, _ context: WebContext) async throws -> Response {
        let link = services.configuration.publicURL + "/reset-password?token=" + token
        var sent = false
        if let mail = services.configuration.mail {
            let message = MailMessage(
                to: account.email,
                subject: invitation ? "Your account with the disabled children's service" : "Set a new password for the disabled children's service",
                body: """
                    \(invitation ? "An administrator has made you an account" : "An administrator has asked for you to set a new password") \
                    with the council's disabled children's service.

                    To set your password, open this link within a day. It works once:

                    \(link)
                    """)
            do {
                try await mail.send(message)
                sent = true
            } catch {
                context.logger.error("a staff account's link could not be sent: \(error)")
            }
        }
        let view = LinkView(
            email: account.email, invitation: invitation, sent: sent, mailFailed: services.configuration.mail != nil && !sent, link: sent ? nil : link,
            accountHref: "/admin/staff/\(account.id)")
        return services.renderer.page("admin-link", view, title: invitation ? "Invitation made" : "Password link made", context: context)
    }

    private func accountPage(
        _ account: Account, _ context: WebContext, done: String? = nil, roleError: String? = nil, teamError: String? = nil,
        switchError: String? = nil, chosen: StaffForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let errorList = [
            roleError.map { ErrorLink(href: "#f-role", message: $0) }, teamError.map { ErrorLink(href: "#f-team", message: $0) },
            switchError.map { ErrorLink(href: "#f-switch", message: $0) },
        ].compactMap { $0 }
        let view = StaffAccountView(
            account: account, roles: StaffForm.roleOptions(chosen.map(\.role) ?? account.role), teams: StaffForm.teamOptions(chosen.map(\.team) ?? account.team),
            notice: done.flatMap(StaffAccountView.notice), roleError: roleError, teamError: teamError, switchError: switchError, errorList: errorList,
            csrfToken: context.csrfToken)
        return services.renderer.page(
            "admin-account", view, title: account.email, context: context, status: status, hasErrors: !errorList.isEmpty, backLink: "/admin/staff")
    }

    private func assign(_ context: WebContext) async throws -> Response {
        let account = try await staffAccount(context)
        let form = StaffForm(context.form ?? FormBody(fields: []))
        guard let role = form.role, let team = form.team else {
            let errors = form.errors
            return try await accountPage(account, context, roleError: errors.role, teamError: errors.team, chosen: form, status: .unprocessableContent)
        }
        do {
            _ = try await services.store.change(account.id, .assign(role: role, team: team), at: Date(), by: context.signedInAccount.actingUser)
        } catch let refused as StaffChangeRefused {
            return try await accountPage(account, context, roleError: refused.reason, chosen: form, status: .unprocessableContent)
        }
        return .redirect(to: "/admin/staff/\(account.id)?done=role", type: .normal)
    }

    private func switchAccount(_ change: StaffChange, _ context: WebContext) async throws -> Response {
        let account = try await staffAccount(context)
        do {
            _ = try await services.store.change(account.id, change, at: Date(), by: context.signedInAccount.actingUser)
        } catch let refused as StaffChangeRefused {
            return try await accountPage(account, context, switchError: refused.reason, status: .unprocessableContent)
        }
        return .redirect(to: "/admin/staff/\(account.id)?done=\(change == .deactivate ? "deactivated" : "reactivated")", type: .normal)
    }

    private func passwordLink(_ context: WebContext) async throws -> Response {
        let account = try await staffAccount(context)
        let token = TokenDigest.randomToken()
        do {
            _ = try await services.store.issuePasswordLink(
                for: account.id, linkHash: TokenDigest.digest(token), expiresAt: Date() + Self.staffLinkLifetime, by: context.signedInAccount.actingUser)
        } catch let refused as StaffChangeRefused {
            return try await accountPage(account, context, switchError: refused.reason, status: .unprocessableContent)
        }
        return try await linkPage(for: account, token: token, invitation: false, context)
    }

    // MARK: Teams

    private func teams(_ context: WebContext) async throws -> Response {
        let staff = try await services.store.staffAccounts()
        let known = ManagerRoutes.teams.map { (Team(rawValue: $0.value), $0.label) }
        let others = Set(staff.compactMap(\.team)).subtracting(known.map(\.0)).sorted { $0.rawValue < $1.rawValue }.map { ($0, Formatting.words($0.rawValue)) }
        let view = TeamsView(teams: (known + others).map { team, label in
            TeamsView.Team(name: label, code: team.rawValue, staff: staff.filter { $0.team == team }.map(StaffListView.Row.init))
        })
        return services.renderer.page("admin-teams", view, title: "Teams", context: context)
    }

    // MARK: Audit log

    private func audit(_ request: Request, _ context: WebContext, verification: AuditView.Verification?) async throws -> Response {
        // Read as a form body: a browser sends the search form's spaces as "+".
        let search = FormBody(urlencoded: request.uri.query ?? "")
        let caseText = search.text("case")
        let caseID = caseText.flatMap(CaseFile.ID.init)
        if caseText != nil && caseID == nil { throw WebError.notFound }
        let query = AuditQuery(child: search.text("child"), caseID: caseID, actor: search.text("actor"), action: search.text("action"))
        // Bounded, so the offset it makes cannot overflow.
        let page = min(max(1, search.text("page").flatMap(Int.init) ?? 1), 1_000_000)
        let entries = try await services.store.auditEntries(matching: query, offset: (page - 1) * Self.auditPageSize, limit: Self.auditPageSize + 1)
        let head = try await services.store.auditHead()
        let staff = Dictionary(try await services.store.staffAccounts().map { ("account/\($0.id)", $0.email) }, uniquingKeysWith: { first, _ in first })
        let view = AuditView(
            query: query, caseText: caseText ?? "", page: page, entries: entries.prefix(Self.auditPageSize).map { AuditView.Row($0, staff: staff) },
            hasNext: entries.count > Self.auditPageSize, head: head.map { "entry \($0.sequence), hash \($0.hash.hexadecimal)" },
            verification: verification, csrfToken: context.csrfToken)
        return services.renderer.page("admin-audit", view, title: "Audit log", context: context)
    }
}
