// The manager's choice of what to see in the unmet-need report: team, provision type, disability, order, page.
import Casework
import Hummingbird

/// Filters read from the query string. They only select and order what `UnmetNeed.assessedButUnmet` found;
/// nothing here decides what counts as unmet. A county's report runs to tens of thousands of lines, so a page is
/// picked out in one pass without copying the report.
struct UnmetFilter: Sendable {
    var team: Team?
    var service: ServiceType?
    /// `service=none` selects needs with no provision at all.
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

    func matches(_ item: UnmetNeed, in snapshot: UnmetReportCache.Snapshot) -> Bool {
        if let team, item.team != team { return false }
        if noProvisionOnly, item.kind != .noProvision { return false }
        if let service, item.service != service { return false }
        if let disability, !(snapshot.disabilities[item.caseID] ?? []).contains(disability) { return false }
        return true
    }

    /// Calls `body` with each matching item, in the order asked for.
    func forEach(in snapshot: UnmetReportCache.Snapshot, _ body: (UnmetNeed) -> Void) {
        if longestFirst {
            for item in snapshot.items where matches(item, in: snapshot) { body(item) }
        } else {
            for item in snapshot.items.reversed() where matches(item, in: snapshot) { body(item) }
        }
    }

    /// How many match, the page shown (the last one if `page` is past the end) and its items.
    func page(of snapshot: UnmetReportCache.Snapshot) -> (total: Int, page: Int, pages: Int, items: [UnmetNeed]) {
        if team == nil && service == nil && !noProvisionOnly && disability == nil {
            // Nothing to select: the page is a slice, found without reading the rest.
            let total = snapshot.items.count
            let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
            let shown = min(page, pages)
            let range = ((shown - 1) * Self.pageSize)..<min(total, shown * Self.pageSize)
            let items = longestFirst ? Array(snapshot.items[range]) : range.map { snapshot.items[total - 1 - $0] }
            return (total, shown, pages, items)
        }
        func collect(_ page: Int) -> (Int, [UnmetNeed]) {
            let first = (page - 1) * Self.pageSize
            var total = 0
            var items: [UnmetNeed] = []
            forEach(in: snapshot) { item in
                if total >= first && total < first + Self.pageSize { items.append(item) }
                total += 1
            }
            return (total, items)
        }
        var (total, items) = collect(page)
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        if page > pages { (total, items) = collect(pages) }
        return (total, min(page, pages), pages, items)
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
