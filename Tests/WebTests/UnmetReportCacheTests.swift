// The manager's report cache: the same report until the records change; after a change, the last one at once
// while a fresh one is worked out, unless it is too old.
import Casework
import Foundation
import Testing
@testable import Web

@Suite("Unmet report cache")
struct UnmetReportCacheTests {
    func need(_ file: CaseFile, _ description: String) -> Need {
        Need(caseID: file.id, area: .personalCare, description: description, parentView: "", assessorView: "", outcomeSought: "",
             identifiedOn: TestServer.today.adding(days: -10))
    }

    @Test("after a change the last report is served at once, marked with its time, and the next is the fresh one; past its age a request waits for a fresh one")
    func staleWhileRefreshing() async throws {
        let server = try TestServer()
        let parent = try await server.account("rhian@example.org", role: .parent)
        let file = try await server.openCase(for: parent)
        let assessor = ActingUser(id: "hollis@example.org", role: .assessor)
        try await server.store.saveNeed(need(file, "Help washing"), by: assessor)
        let cache = UnmetReportCache(maxAge: 3600, policy: .standard)
        let first = try await cache.current(store: server.store, asOf: TestServer.today)
        #expect(first.items.count == 1)
        #expect(try await cache.current(store: server.store, asOf: TestServer.today).computedAt == first.computedAt, "nothing changed: the same report")

        try await server.store.saveNeed(need(file, "Help at night"), by: assessor)
        let stale = try await cache.current(store: server.store, asOf: TestServer.today)
        #expect(stale.computedAt == first.computedAt && stale.items.count == 1, "the last report, at once")
        var fresh = stale
        for _ in 0..<200 where fresh.items.count == 1 {
            try await Task.sleep(for: .milliseconds(10))
            fresh = try await cache.current(store: server.store, asOf: TestServer.today)
        }
        #expect(fresh.items.count == 2 && fresh.revision > first.revision, "the fresh report replaces it")

        // A cache whose reports are never young enough to serve stale works every change out before answering.
        let strict = UnmetReportCache(maxAge: 0, policy: .standard)
        #expect(try await strict.current(store: server.store, asOf: TestServer.today).items.count == 2)
        try await server.store.saveNeed(need(file, "Help with equipment"), by: assessor)
        #expect(try await strict.current(store: server.store, asOf: TestServer.today).items.count == 3)
        try? FileManager.default.removeItem(at: server.directory)
    }
}
