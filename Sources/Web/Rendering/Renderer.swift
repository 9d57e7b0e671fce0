// Mustache templates and the stylesheet, loaded once from the module's resources; pages rendered in the layout.
import Casework
import Foundation
import Hummingbird
import Mustache

/// Renders pages: a page's own template, then the layout around it (header, navigation, skip link).
struct Renderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: ByteBuffer
    /// The stylesheet's address carries a digest of its content, so browsers may cache it for a year.
    let stylesheetPath: String
    /// The council's numbers, shown at the top of every page a family (or someone not signed in) reads.
    let contacts: ContactLines

    static func load(contacts: CouncilContacts) async throws -> Renderer {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            preconditionFailure("the Web module's Resources folder is missing from the build")
        }
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        let css = try Data(contentsOf: resources.appendingPathComponent("assets/heeded.css"))
        let digest = TokenDigest.digest(String(decoding: css, as: UTF8.self)).prefix(6).hexadecimal
        return Renderer(library: library, stylesheet: ByteBuffer(bytes: css), stylesheetPath: "/assets/heeded-\(digest).css", contacts: ContactLines(contacts))
    }

    /// A whole page: `template` rendered with `model`, inside the layout.
    func page(
        _ template: String, _ model: Any, title: String, context: WebContext, status: HTTPResponse.Status = .ok, hasErrors: Bool = false,
        backLink: String? = nil
    ) -> Response {
        guard let body = library.render(model, withTemplate: template) else {
            preconditionFailure("no template named \(template)")
        }
        let layout = Layout(
            title: (hasErrors ? "Error: " : "") + title + " – Heeded", body: body, stylesheet: stylesheetPath,
            account: context.account.map { Layout.AccountLine(email: $0.email, role: $0.role.rawValue, home: Navigation.home(for: $0)) },
            navigation: context.account.map(Navigation.items(for:)) ?? [], csrfToken: context.csrfToken, backLink: backLink,
            help: context.account.map { $0.role == .parent } ?? true ? contacts : nil)
        let html = library.render(layout, withTemplate: "layout") ?? body
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The frame of every page.
struct Layout {
    let title: String
    let body: String
    let stylesheet: String
    let account: AccountLine?
    let navigation: [Navigation.Item]
    let csrfToken: String
    let backLink: String?
    let help: ContactLines?

    struct AccountLine {
        let email: String
        let role: String
        let home: String
    }
}

/// Where each role starts, and the links in its header.
enum Navigation {
    struct Item {
        let label: String
        let href: String
    }

    static func home(for account: Account) -> String {
        switch account.role {
        case .parent: "/family"
        case .assessor: "/work"
        case .manager, .administrator: "/manage"
        case .provider, .system: "/"
        }
    }

    static func items(for account: Account) -> [Item] {
        switch account.role {
        case .parent:
            [Item(label: "Your requests", href: "/family"), Item(label: "Ask for help", href: "/request")]
        case .assessor:
            [Item(label: "Caseload", href: "/work")]
        case .manager, .administrator:
            [Item(label: "Overview", href: "/manage"), Item(label: "Decisions", href: "/manage/decisions"),
             Item(label: "Unmet need", href: "/manage/unmet"), Item(label: "Overdue", href: "/manage/overdue"),
             Item(label: "Caseload", href: "/work")]
                + (account.role == .administrator ? [Item(label: "Administration", href: "/admin")] : [])
        case .provider, .system:
            []
        }
    }
}
