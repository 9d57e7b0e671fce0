// The manager's choice of what to see in the unmet-need report: team, provision type, disability, order, page.
import Casework
import Hummingbird

/// Filters read from the query string. They only select and order what `UnmetNeed.assessedButUnmet` found;
/// nothing here decides what counts as unmet.
struct UnmetFilter: Sendable {
    var team: Team?
    var service: ServiceType?
    /// `none` selects needs with no provision at all.
    var noProvisionOnly = false
    var disability: DisabilityCode?
    var longestFirst = true
    var page = 1
    static let pageSize = 50

    init(request: Request) {
        let parameters = request.uri.queryParameters
        if let team = parameters["team"], !team.isEmpty { self.team = Team(rawValue: String(team)) }
        if let service = parameters["service"] {
            if service == "none" { noProvisionOnly = true } else { self.service = ServiceType(rawValue: String(service)) }
        }
        if let code = parameters["disability"] { disability = DisabilityCode(rawValue: String(code)) }
        longestFirst = parameters["sort"] != "shortest"
        page = max(1, Int(parameters["page"] ?? "") ?? 1)
    }

    func apply(_ snapshot: UnmetReportCache.Snapshot) -> [UnmetNeed] {
        var items = snapshot.items.filter { item in
            if let team, item.team != team { return false }
            if noProvisionOnly, item.kind != .noProvision { return false }
            if let service, item.service != service { return false }
            if let disability, !(snapshot.disabilities[item.caseID] ?? []).contains(disability) { return false }
            return true
        }
        if !longestFirst { items.reverse() }
        return items
    }

    /// The query string for these filters, with another page or order.
    func query(page: Int? = nil, longestFirst: Bool? = nil) -> String {
        var parts: [String] = []
        if let team { parts.append("team=\(team.rawValue)") }
        if noProvisionOnly { parts.append("service=none") } else if let service { parts.append("service=\(service.rawValue)") }
        if let disability { parts.append("disability=\(disability.rawValue)") }
        if !(longestFirst ?? self.longestFirst) { parts.append("sort=shortest") }
        if let page = page ?? (self.page > 1 ? self.page : nil), page > 1 { parts.append("page=\(page)") }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
