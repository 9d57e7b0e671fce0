// The manager's journey: routing decisions (s47 only on a manager's word), allocation, unmet need, overdue work.
import Casework
import Foundation
import Testing
@testable import Web

@Suite("A manager decides, allocates and sees what is unmet")
struct ManagerJourneyTests {
    @Test("an override needs a reason; a s47 enquiry exists only once a manager records it, and the child in need assessment continues alongside")
    func section47() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let manager = try await server.account("greer@example.org", role: .manager)
        let file = try await server.openCase(for: parent)
        #expect(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).assessments.allSatisfy { $0.kind != .section47 })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            var answers = TriageAnswers()
            answers.concerns = [("unexplained-injury", "child", "corroborated", "serious")]
            answers.reasonableCause = true
            answers.reasonableCauseReason = ""
            answers.strategyDiscussion = (27, 2, 2026)
            let noReason = try await browser.triage(file.id.description, answers)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.contains("reasons for this decision"))
            #expect(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).file.managerDecision == nil)
            // Dropping the child in need assessment beside a s47 enquiry is refused beside its question.
            answers.reasonableCauseReason = "The school reported an unexplained injury on 27 February; a strategy discussion is needed."
            answers.overrides = ["cin-assessment": "no"]
            answers.overrideReason = "The enquiry covers it."
            let dropped = try await browser.triage(file.id.description, answers)
            #expect(dropped.status == .unprocessableContent)
            #expect(dropped.contains("never replaces the child in need assessment"))
            answers.overrides = [:]
            let decided = try await browser.triage(file.id.description, answers)
            #expect(decided.status == .seeOther)
            let record = try await server.store.caseRecord(file.id, viewedBy: manager.actingUser)
            let s47 = try #require(record.assessments.first { $0.kind == .section47 })
            #expect(s47.requestedOn == CalendarDate(year: 2026, month: 2, day: 27), "the conference's 15 working days run from the strategy discussion")
            #expect(record.assessments.contains { $0.kind == .childInNeed && $0.status.isOpen })
            #expect(record.file.managerDecision?.kind == .confirmed, "the rules recommended s47 on the coded injury, and the manager agreed")
            #expect(record.file.managerDecision?.triage?.routing.outcome?.section47 == true)
            #expect(record.file.routing.outcome?.section47 == false, "what the rules said on the request is kept beside the triage and the manager's word")
            let again = try await browser.get("/cases/\(file.id)/decision")
            #expect(again.contains("Already decided"))
            let form = try await browser.get("/cases/\(file.id)/triage")
            #expect(form.status == .seeOther, "a decided case cannot be triaged again")
            // The family reads why: the reasons on the triaged facts, and that their child's assessment carries on.
            var family = Browser(client: browser.client)
            _ = try await family.signIn("rhian@example.org")
            let page = try await family.get("/family/cases/\(file.id)")
            #expect(page.contains("a section 47 enquiry is being made alongside your child&#39;s assessment, which carries on"))
            #expect(page.contains("So a strategy discussion about a safeguarding enquiry"))
            #expect(!page.contains("No safeguarding enquiry: nothing recorded gives reasonable cause"))
        }
    }

    @Test("a manager's s47 decision against the rules' recommendation is recorded as an override with its reason")
    func section47AgainstTheRules() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let manager = try await server.account("greer@example.org", role: .manager)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            var answers = TriageAnswers()
            answers.concerns = [("injury-by-adult", "child", "disproved", "serious")]
            let preview = try await { () async throws -> Browser.Page in
                for (section, fields) in answers.sections() {
                    _ = try await browser.submit("/cases/\(file.id)/triage/section/\(section)", [("_action", "continue")] + fields)
                }
                return try await browser.get("/cases/\(file.id)/triage/check")
            }()
            #expect(preview.contains("What the rules recommend on these facts"))
            #expect(preview.contains("found it untrue or fully explained"), "the manager sees why before sending")
            answers.reasonableCause = true
            answers.reasonableCauseReason = "A second account came in this morning from the child's grandmother."
            answers.strategyDiscussion = (2, 3, 2026)
            let decided = try await browser.triage(file.id.description, answers)
            #expect(decided.status == .seeOther)
            let decision = try #require(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).file.managerDecision)
            #expect(decision.kind == .overridden)
            #expect(decision.outcome.section47)
            #expect(decision.reason == "A second account came in this morning from the child's grandmother.")
        }
    }

    @Test("the reason for changing the rules' recommendation is asked only when changing it, is not marked optional, and is needed then")
    func overrideReasonRequired() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let manager = try await server.account("greer@example.org", role: .manager)
        let file = try await server.openCase(for: parent)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            let unchanged = try await browser.get("/cases/\(file.id)/triage/section/outcome")
            #expect(unchanged.contains("Are you changing any of the routing rules"))
            #expect(!unchanged.contains("Why you are changing the recommendation"), "not asked before a change is chosen")
            var answers = TriageAnswers()
            answers.overrides = ["young-carer-assessment": "yes"]
            answers.overrideReason = ""
            let noReason = try await browser.triage(file.id.description, answers)
            #expect(noReason.status == .unprocessableContent)
            let outcome = try await browser.get("/cases/\(file.id)/triage/section/outcome")
            #expect(outcome.contains("Why you are changing the recommendation</label>"), "asked once a change is chosen, and not marked optional")
            #expect(!outcome.contains("Your reason"))
            #expect(noReason.contains("why you are changing the recommendation") || noReason.contains("Why you are changing the recommendation"))
            #expect(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).file.managerDecision == nil, "nothing is decided without it")
        }
    }

    @Test("a manager confirms the routing, and allocates an assessment to an assessor")
    func confirmAndAllocate() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let manager = try await server.account("greer@example.org", role: .manager)
        try await server.account("hollis@example.org", role: .assessor)
        let file = try await server.openCase(for: parent)
        let cin = try #require(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).assessments.first { $0.kind == .childInNeed })
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            let waiting = try await browser.get("/manage/decisions")
            #expect(waiting.contains("Quillon Marchbank"))
            let confirmed = try await browser.triage(file.id.description, TriageAnswers())
            #expect(confirmed.status == .seeOther)
            #expect(try await server.store.caseRecord(file.id, viewedBy: manager.actingUser).file.managerDecision?.kind == .confirmed)
            #expect(try await server.store.awaitingDecision(team: nil).isEmpty)
            let allocated = try await browser.submit("/cases/\(file.id)", to: "/cases/\(file.id)/assessments/\(cin.id)/allocate", [("assessor", "hollis@example.org")])
            #expect(allocated.status == .seeOther)
            #expect(try await server.store.assessment(cin.id)?.assessor == "hollis@example.org")
            let unknown = try await browser.submit("/cases/\(file.id)", to: "/cases/\(file.id)/assessments/\(cin.id)/allocate", [("assessor", "nobody@example.org")])
            #expect(unknown.status == .badRequest)
        }
    }

    /// Two families: one need with no provision (in the disabled children's team), one provision behind on delivery.
    static func seedUnmet(_ server: TestServer) async throws -> (CaseFile, CaseFile) {
        let first = try await server.account("rhian@example.org", role: .parent)
        let second = try await server.account("kezia@example.org", role: .parent)
        let assessor = ActingUser(id: "hollis@example.org", role: .assessor)
        let a = try await server.openCase(for: first, child: "Quillon Marchbank")
        let b = try await server.openCase(for: second, child: "Linnea Saltmarsh")
        let lonely = Need(caseID: a.id, area: .mobility, description: "Needs a wheelchair-accessible bathroom", parentView: "", assessorView: "", outcomeSought: "", identifiedOn: TestServer.today.adding(days: -40))
        try await server.store.saveNeed(lonely, by: assessor)
        let sleep = Need(caseID: b.id, area: .sleepAndNightTimeCare, description: "Night-time care", parentView: "", assessorView: "", outcomeSought: "", identifiedOn: TestServer.today.adding(days: -100))
        try await server.store.saveNeed(sleep, by: assessor)
        let care = try Provision(
            caseID: b.id, needIDs: [sleep.id], service: .homeCare, description: "Night sitter", amount: try ProvisionAmount(10, .hoursPerWeek),
            startDate: TestServer.today.adding(days: -90), provider: "Willowmere Sitting Service", legalBasis: .csdpaSection2)
        try await server.store.saveProvision(care, by: assessor)
        return (a, b)
    }

    @Test("the unmet view filters by team, provision type and disability, sorts by days unmet, and exports CSV")
    func unmetView() async throws {
        let server = try TestServer()
        try await server.account("greer@example.org", role: .manager)
        _ = try await Self.seedUnmet(server)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            let all = try await browser.get("/manage/unmet")
            #expect(all.status == .ok)
            #expect(all.contains("Quillon Marchbank"))
            #expect(all.contains("Linnea Saltmarsh"))
            let rows = all.all(#"<td><a href="/cases/[^"]+">([^<]+)</a>"#)
            #expect(rows == ["Linnea Saltmarsh", "Quillon Marchbank"], "longest unmet first")
            let shortest = try await browser.get("/manage/unmet?sort=shortest")
            #expect(shortest.all(#"<td><a href="/cases/[^"]+">([^<]+)</a>"#) == ["Quillon Marchbank", "Linnea Saltmarsh"])
            let noProvision = try await browser.get("/manage/unmet?service=none")
            #expect(noProvision.contains("Quillon Marchbank") && !noProvision.contains("Linnea Saltmarsh"))
            let homeCare = try await browser.get("/manage/unmet?service=home-care")
            #expect(!homeCare.contains("Quillon Marchbank") && homeCare.contains("Linnea Saltmarsh"))
            let byCode = try await browser.get("/manage/unmet?disability=COMM")
            #expect(byCode.contains("Quillon Marchbank"))
            let noCode = try await browser.get("/manage/unmet?disability=VIS")
            #expect(!noCode.contains("Quillon Marchbank") && !noCode.contains("Linnea Saltmarsh"))
            let otherTeam = try await browser.get("/manage/unmet?team=early-help")
            #expect(!otherTeam.contains("Quillon Marchbank"))
            let csv = try await browser.get("/manage/unmet.csv?service=none")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.html.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("reference,child,team,area,kind") == true)
            #expect(lines.count == 2)
            #expect(lines.last?.contains("Quillon Marchbank") == true)
        }
    }

    @Test("the chart of unmet need over 12 months is server-drawn SVG with a data table beside it for screen readers")
    func chart() async throws {
        let server = try TestServer()
        try await server.account("greer@example.org", role: .manager)
        _ = try await Self.seedUnmet(server)
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            let page = try await browser.get("/manage/unmet")
            #expect(page.contains("<svg class=\"chart\""))
            #expect(page.contains("aria-hidden=\"true\""))
            #expect(page.contains("Unmet need at the end of each month"))
            #expect(page.all(#"<tr><th scope="row">([^<]+)</th>"#).count == 12)
            #expect(page.contains("2 March 2026"))
            #expect(page.contains("30 April 2025"))
        }
    }

    @Test("overdue work lists assessments past their deadline, most overdue first")
    func overdue() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        try await server.account("greer@example.org", role: .manager)
        let file = try await server.openCase(for: parent)
        let late = Assessment(caseID: file.id, kind: .youngCarer, subject: "Tamsin Marchbank", requestedOn: TestServer.today.adding(days: -120), calendar: server.configuration.calendar)
        try await server.store.addAssessment(late, by: ActingUser(id: "greer@example.org", role: .manager))
        try await server.run { browser in
            var browser = browser
            _ = try await browser.signIn("greer@example.org")
            let page = try await browser.get("/manage/overdue")
            #expect(page.status == .ok)
            #expect(page.contains("young carer"))
            #expect(page.contains("Quillon Marchbank"))
        }
    }
}
