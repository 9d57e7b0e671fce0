// The unmet-need page's figures add up: the headline, the chart and its table count the same needs, filtered alike.
import Casework
import Foundation
import Testing

@Suite("The unmet-need chart agrees with the list")
struct UnmetChartTests {
    /// A row of the chart's data table: the month end (or today), no provision, behind, total.
    struct TrendRow: Equatable {
        let month: String
        let noProvision: Int
        let behind: Int
        let total: Int
    }

    static func trend(_ page: Browser.Page) -> [TrendRow] {
        let pattern = #"<tr><th scope="row">([^<]+)</th><td class="numeric">(\d+)</td><td class="numeric">(\d+)</td><td class="numeric">(\d+)</td></tr>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: page.html, range: NSRange(page.html.startIndex..., in: page.html)).map { match in
            let group = { (index: Int) in String(page.html[Range(match.range(at: index), in: page.html)!]) }
            return TrendRow(month: group(1), noProvision: Int(group(2))!, behind: Int(group(3))!, total: Int(group(4))!)
        }
    }

    static func headline(_ page: Browser.Page) -> Int? {
        page.html.firstMatch(#"<p>(\d+) needs? assessed and not being met"#).flatMap { Int($0) }
    }

    /// The table's row for today (the headline's date), and for the last month end before it.
    static func today(_ rows: [TrendRow]) -> TrendRow? { rows.last { $0.month.contains(TestServer.today.long) } }
    static func february(_ rows: [TrendRow]) -> TrendRow? { rows.first { $0.month == "28 February 2026" } }

    @Test("on first load the headline is the table's figure for today, whichever link the manager followed, and today's row says it is today")
    func headlineMatchesTable() async throws {
        let server = try TestServer()
        try await server.account("greer@example.org", role: .manager)
        _ = try await ManagerJourneyTests.seedUnmet(server)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            // The overview's two figures link to the page: all unmet need, and needs with no provision at all.
            let overview = try await browser.get("/manage")
            #expect(overview.contains("href=\"/manage/unmet\"") && overview.contains("href=\"/manage/unmet?service=none\""))
            for path in ["/manage/unmet", "/manage/unmet?service=none"] {
                let page = try await browser.get(path)
                let rows = Self.trend(page)
                #expect(rows.count == 12, "\(path)")
                let headline = try #require(Self.headline(page), "\(path)")
                #expect(Self.today(rows)?.total == headline, "\(path): the headline is today's figure in the table")
                #expect(Self.today(rows)?.month == "Today, \(TestServer.today.long)", "\(path): today's row is not a month end")
            }
            let all = try await browser.get("/manage/unmet")
            #expect(Self.headline(all) == 2)
            #expect(all.contains("at the end of each month, and today"))
        }
    }

    @Test("with a provision type or team chosen, the chart and its table count what the list shows, month by month")
    func chartFollowsFilters() async throws {
        let server = try TestServer()
        try await server.account("greer@example.org", role: .manager)
        _ = try await ManagerJourneyTests.seedUnmet(server)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            let all = Self.trend(try await browser.get("/manage/unmet"))
            // Quillon's need (no provision, from 21 January) and Linnea's night sitter (behind from December).
            #expect(Self.february(all) == TrendRow(month: "28 February 2026", noProvision: 1, behind: 1, total: 2))

            let homeCare = try await browser.get("/manage/unmet?service=home-care")
            let homeCareRows = Self.trend(homeCare)
            #expect(Self.february(homeCareRows) == TrendRow(month: "28 February 2026", noProvision: 0, behind: 1, total: 1))
            #expect(Self.today(homeCareRows)?.total == Self.headline(homeCare))
            #expect(homeCareRows.allSatisfy { $0.noProvision == 0 }, "home care filters out the need with no provision")
            #expect(homeCare.contains("Only home care"), "the page says what it counts")

            let none = try await browser.get("/manage/unmet?service=none")
            let noneRows = Self.trend(none)
            #expect(Self.february(noneRows) == TrendRow(month: "28 February 2026", noProvision: 1, behind: 0, total: 1))
            #expect(noneRows.allSatisfy { $0.behind == 0 })
            let behindBars = none.all(#"chart__bar--behind"[^>]* height="([^"]+)""#)
            #expect(behindBars.count == 12 && behindBars.allSatisfy { Double($0) == 0 }, "the drawing follows the table")

            let otherTeam = try await browser.get("/manage/unmet?team=early-help")
            #expect(Self.trend(otherTeam).allSatisfy { $0.total == 0 }, "neither family is in early help")
            #expect(Self.headline(otherTeam) == 0)
        }
    }
}
