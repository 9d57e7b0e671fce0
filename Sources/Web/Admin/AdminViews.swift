// What the administration pages show: staff accounts, the forms that change them, teams and the audit log.
import Casework
import Foundation

/// The email, role and team asked for when inviting someone, read and checked.
struct StaffForm {
    let email: String
    let role: ActingUser.Role?
    let team: Team?

    init(email: String, role: ActingUser.Role?, team: Team?) {
        self.email = email
        self.role = role
        self.team = team
    }

    init(_ form: FormBody) {
        email = form.text("email") ?? ""
        role = form["role"].flatMap(ActingUser.Role.init(rawValue:)).flatMap { StaffChange.staffRoles.contains($0) ? $0 : nil }
        team = form.text("team").flatMap(Self.team)
    }

    var normalisedEmail: String? { EmailAddress.normalised(email) }

    struct Errors {
        var email: String?
        var role: String?
        var team: String?

        var list: [ErrorLink] {
            [email.map { ErrorLink(href: "#f-email", message: $0) }, role.map { ErrorLink(href: "#f-role", message: $0) },
             team.map { ErrorLink(href: "#f-team", message: $0) }].compactMap { $0 }
        }
    }

    var errors: Errors {
        Errors(
            email: normalisedEmail == nil ? "Enter an email address in the correct format, like name@example.gov.uk" : nil,
            role: role == nil ? "Choose assessor, manager or administrator" : nil, team: team == nil ? "Choose a team" : nil)
    }

    /// A team the pages offer (the teams managers filter by); nil for any other code.
    static func team(_ code: String) -> Team? {
        ManagerRoutes.teams.contains { $0.value == code } ? Team(rawValue: code) : nil
    }

    struct Option {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    static func roleOptions(_ chosen: ActingUser.Role?) -> [Option] {
        StaffChange.staffRoles.enumerated().map { index, role in
            Option(id: index == 0 ? "f-role" : "f-role-\(role.rawValue)", value: role.rawValue, label: role.rawValue.capitalizedFirst, checked: role == chosen)
        }
    }

    static func teamOptions(_ chosen: Team?) -> [Option] {
        ManagerRoutes.teams.map { Option(id: "", value: $0.value, label: $0.label, checked: $0.value == chosen?.rawValue) }
    }
}

struct StaffListView {
    let rows: [Row]

    struct Row {
        let email: String
        let role: String
        let team: String
        let status: String
        let active: Bool
        let href: String

        init(_ account: Account) {
            email = account.email
            role = account.role.rawValue.capitalizedFirst
            team = account.team.map { Formatting.words($0.rawValue).capitalizedFirst } ?? ""
            status = Self.status(account)
            active = account.deactivatedAt == nil && account.passwordHash != Account.noPassword
            href = "/admin/staff/\(account.id)"
        }

        static func status(_ account: Account) -> String {
            if account.deactivatedAt != nil { return "Deactivated" }
            return account.passwordHash == Account.noPassword ? "Invited" : "Active"
        }
    }
}

struct InviteView {
    let email: String
    let roles: [StaffForm.Option]
    let teams: [StaffForm.Option]
    let emailError: String?
    let roleError: String?
    let teamError: String?
    let errors: [ErrorLink]
    let csrfToken: String
}

struct LinkView {
    let email: String
    let invitation: Bool
    let sent: Bool
    let mailFailed: Bool
    /// Shown once, when it was not sent.
    let link: String?
    let accountHref: String
}

struct StaffAccountView {
    /// The account as the staff list shows it.
    let summary: StaffListView.Row
    let deactivated: Bool
    let created: String
    let auditHref: String
    let roles: [StaffForm.Option]
    let teams: [StaffForm.Option]
    let notice: String?
    let roleError: String?
    let teamError: String?
    let switchError: String?
    let errors: [ErrorLink]
    let csrfToken: String

    init(
        account: Account, roles: [StaffForm.Option], teams: [StaffForm.Option], notice: String?, roleError: String?, teamError: String?,
        switchError: String?, errorList: [ErrorLink], csrfToken: String
    ) {
        summary = StaffListView.Row(account)
        deactivated = account.deactivatedAt != nil
        created = CalendarDate(account.createdAt).long
        auditHref = AuditView.href([("actor", account.email)])
        self.roles = roles
        self.teams = teams
        self.notice = notice
        self.roleError = roleError
        self.teamError = teamError
        self.switchError = switchError
        errors = errorList
        self.csrfToken = csrfToken
    }

    static func notice(_ done: String) -> String? {
        switch done {
        case "role": "Role and team changed"
        case "deactivated": "Account deactivated: it cannot sign in, and its sessions and API tokens have ended"
        case "reactivated": "Account reactivated"
        default: nil
        }
    }
}

struct TeamsView {
    let teams: [Team]

    struct Team {
        let name: String
        let code: String
        let staff: [StaffListView.Row]
    }
}

struct AuditView {
    let child: String
    let caseText: String
    let actor: String
    let action: String
    let page: Int
    let rows: [Row]
    let previousHref: String?
    let nextHref: String?
    let head: String?
    let verification: Verification?
    let csrfToken: String

    init(
        query: AuditQuery, caseText: String, page: Int, entries: [Row], hasNext: Bool, head: String?, verification: Verification?,
        csrfToken: String
    ) {
        child = query.child ?? ""
        self.caseText = caseText
        actor = query.actor ?? ""
        action = query.action ?? ""
        self.page = page
        rows = entries
        let search = [("child", child), ("case", caseText), ("actor", actor), ("action", action)]
        previousHref = page > 1 ? Self.href(search + [("page", "\(page - 1)")]) : nil
        nextHref = hasNext ? Self.href(search + [("page", "\(page + 1)")]) : nil
        self.head = head
        self.verification = verification
        self.csrfToken = csrfToken
    }

    /// The audit page searched for these fields (the blank ones left out).
    static func href(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        let query = fields.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return "/admin/audit" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    struct Row {
        let time: String
        let actor: String
        let role: String
        let action: String
        let subject: String
        /// Who an account subject is, when it is a member of staff's.
        let subjectName: String?
        let previousValue: String?
        let newValue: String?
        let hasValues: Bool

        init(_ entry: AuditEntry, staff: [String: String]) {
            time = Formatting.dateTime(entry.recordedDate)
            actor = entry.event.actor.id
            role = entry.event.actor.role.rawValue
            action = entry.event.action
            subject = entry.event.subject
            subjectName = staff[subject]
            previousValue = entry.event.previousValue
            newValue = entry.event.newValue
            hasValues = previousValue != nil || newValue != nil
        }
    }

    struct Verification {
        let intact: Bool
        let summary: String

        init(_ result: AuditVerification) {
            intact = result.isIntact
            if let problem = result.firstProblem {
                summary = "The chain is broken at entry \(problem.sequence): \(problem). \(result.entriesChecked) entries before it verified."
            } else {
                let unkeyed = result.unkeyedEntries > 0 ? " (the first \(result.unkeyedEntries) written before the log was keyed)" : ""
                summary = "The chain is intact: \(result.entriesChecked) entries verified\(unkeyed)."
            }
        }
    }
}
