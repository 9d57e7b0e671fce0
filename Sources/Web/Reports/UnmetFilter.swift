// The manager's choice of what to see in the unmet-need report: team, provision type, disability, order, page.
import Casework
import Hummingbird

/// Filters read from the query string. They only select and order what `UnmetNeed.assessedButUnmet` found;
/// nothing here decides what counts as unmet. A county's report runs to tens of thousands of lines, so a page is
/// picked out in one pass without copying the report.
///
/// A value the filter does not know is refused (400, naming the parameter) rather than ignored: a mistyped
/// service would otherwise show every service's rows as if they were one's. A page past the end shows the last page.
struct UnmetFilter: Sendable {
    var team: Team?
    var service: ServiceType?
    /// `service=none` selects needs with no provision at all.
    var noProvisionOnly = false
    var disability: DisabilityCode?
    var longestFirst = true
    var page = 1
    static let pageSize = 50
    /// The highest page number asked for that is taken as it is: any page past the report's end shows its last
    /// page, and this bound keeps `(page - 1) * pageSize` inside `Int` whatever the query says.
    static let highestPage = Int.max / pageSize

    init(request: Request) throws(WebError) {
        let parameters = request.uri.queryParameters
        func known<Code: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: Code.Type) throws(WebError) -> Code? {
            guard let text = parameters[Substring(name)], !text.isEmpty else { return nil }
            guard let code = Code(rawValue: String(text)) else {
                throw .badRequest("\(name) must be one of \(Code.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return code
        }
        // Teams are the council's own codes, so any is taken; one that no case has simply matches nothing.
        if let team = parameters["team"], !team.isEmpty { self.team = Team(rawValue: String(team)) }
        if parameters["service"] == "none" { noProvisionOnly = true } else { service = try known("service", ServiceType.self) }
        disability = try known("disability", DisabilityCode.self)
        switch parameters["sort"].map(String.init) {
        case nil, "", "longest": longestFirst = true
        case "shortest": longestFirst = false
        default: throw .badRequest("sort must be longest or shortest")
        }
        if let text = parameters["page"], !text.isEmpty {
            // Digits only: a number too large for Int is still a page past the end, not an error.
            guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let first = text.utf8.first, first != UInt8(ascii: "0") else {
                throw .badRequest("page must be a whole number, 1 or more")
            }
            page = Int(text).map { min($0, Self.highestPage) } ?? Self.highestPage
        }
    }

    var selectsAll: Bool { team == nil && service == nil && !noProvisionOnly && disability == nil }

    func matches(_ item: UnmetNeed, in snapshot: UnmetReportCache.Snapshot) -> Bool {
        matches(caseID: item.caseID, team: item.team, in: snapshot) && matches(kind: item.kind, service: item.service)
    }

    /// The list's and the trend's selection, in two halves: what is asked of the case, and of the need or provision.
    private func matches(caseID: CaseFile.ID, team: Team, in snapshot: UnmetReportCache.Snapshot) -> Bool {
        if let chosen = self.team, team != chosen { return false }
        if let disability, !(snapshot.disabilities[caseID] ?? []).contains(disability) { return false }
        return true
    }

    private func matches(kind: UnmetNeed.Kind, service: ServiceType?) -> Bool {
        if noProvisionOnly, kind != .noProvision { return false }
        if let chosen = self.service, service != chosen { return false }
        return true
    }

    /// Unmet need at each month end and today, counting what the list would show on each of those days.
    func trend(of snapshot: UnmetReportCache.Snapshot) -> [UnmetNeedTrendPoint] {
        let history = snapshot.history
        if selectsAll { return history.points() }
        // Each case is asked once, not once for each of its entries in each month.
        let caseMatches = history.cases.map { matches(caseID: $0.id, team: $0.team, in: snapshot) }
        return history.points { caseMatches[Int($0.caseIndex)] && matches(kind: $0.kind, service: $0.service) }
    }

    /// What the filters keep, in words ("Early help, home care"); nil when they keep everything.
    var summary: String? {
        var parts: [String] = []
        if let team { parts.append(ManagerRoutes.teams.first { $0.value == team.rawValue }?.label ?? Formatting.words(team.rawValue)) }
        if noProvisionOnly { parts.append("needs with no provision agreed") }
        if let service { parts.append(Formatting.words(service.rawValue)) }
        if let disability { parts.append("disability code \(disability.rawValue)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
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
        if selectsAll {
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
