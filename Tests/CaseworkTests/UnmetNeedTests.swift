// Unmet need on hand-built cases: no provision, partial delivery, on time, not yet started, ended.
import Casework
import Testing

@Suite("Unmet need")
struct UnmetNeedTests {
    let file = mayasCase()
    /// Thursday 6 March 2025; with the 7-day recording lag, units are counted to 27 February.
    let asOf = day("2025-03-06")

    func weeks(_ provision: Provision, delivered: [Double], from start: String = "2025-01-06", reason: ShortfallReason = .staffUnavailable) throws -> [Delivery] {
        try delivered.enumerated().map { index, units in
            let first = day(start).adding(days: index * 7)
            return try Delivery(provisionID: provision.id, periodStart: first, periodEnd: first.adding(days: 6), plannedUnits: provision.amount.quantity,
                                deliveredUnits: units, cancelledBy: units < provision.amount.quantity ? .provider : nil,
                                reason: units < provision.amount.quantity ? reason : nil)
        }
    }

    func unmet(needs: [Need], provisions: [(Provision, [Delivery])], asOf: CalendarDate? = nil, policy: UnmetNeedPolicy = .standard) -> [UnmetNeed] {
        let inputs = UnmetNeedInputs(
            cases: summary(file), needs: needs.map(NeedSummary.init),
            provisions: provisions.map { ProvisionSummary($0.0, delivered: DeliveryTotals($0.1)) })
        return UnmetNeed.assessedButUnmet(inputs, asOf: asOf ?? self.asOf, policy: policy)
    }

    @Test("the month-by-month trend counts what the report would list on each day, with only the deliveries recorded by then")
    func trend() throws {
        let washing = need(file)
        let sleep = need(file, .sleepAndNightTimeCare, identifiedOn: day("2025-02-03"))
        let care = try hoursPerWeek(file, for: washing)
        let deliveries = try weeks(care, delivered: [6, 6, 6, 2, 2, 2, 2, 2])
        let inputs = UnmetNeedInputs(
            cases: summary(file), needs: [washing, sleep].map(NeedSummary.init), provisions: [ProvisionSummary(care, delivered: DeliveryTotals(deliveries))])
        let dates = [day("2025-01-31"), asOf]
        let delivered = [care.id: dates.map { date in deliveries.filter { $0.periodEnd <= date }.reduce(0) { $0 + $1.deliveredUnits } }]
        let points = UnmetNeedTrend.points(inputs, dates: dates, delivered: delivered)
        #expect(points.map(\.asOf) == dates)
        #expect(points[0].noProvision == 0, "the sleep need was not yet identified")
        #expect(points[1].noProvision == 1)
        #expect(points[1].behindOnDelivery == 1)
        let listed = UnmetNeed.assessedButUnmet(inputs, asOf: asOf)
        #expect(points[1].total == listed.count, "the last point agrees with the report itself")
    }

    @Test("an assessed need with no provision is unmet from the day it was identified")
    func noProvision() {
        let washing = need(file, identifiedOn: day("2025-01-20"))
        let found = unmet(needs: [washing], provisions: [])
        #expect(found.count == 1)
        #expect(found[0].kind == .noProvision)
        #expect(found[0].needID == washing.id)
        #expect(found[0].unmetSince == day("2025-01-20"))
        #expect(found[0].daysUnmet == 45)
        #expect(found[0].shortfall == nil)
        #expect(found[0].reason == "no provision agreed for an assessed need")
        #expect(found[0].childName == "Maya Penhallow")
    }

    @Test("a provision behind on delivery shows its shortfall since the first week it did not cover")
    func partialDelivery() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        // Six hours a week from Monday 6 January; weeks 1–3 in full, then 2 hours a week for five weeks.
        let deliveries = try weeks(care, delivered: [6, 6, 6, 2, 2, 2, 2, 2])
        let found = unmet(needs: [washing], provisions: [(care, deliveries)])
        #expect(found.count == 1)
        let item = try #require(found.first)
        #expect(item.kind == .behindOnDelivery)
        // Due to 27 February: 53 days = 45.4 hours; delivered 28.
        #expect(item.unitsDue == 45.4)
        #expect(item.unitsDelivered == 28)
        #expect(item.shortfall == 17.4)
        #expect(item.unit == .hoursPerWeek)
        // 28 hours cover 32 days of provision: 6 January to 6 February, so unmet from 7 February.
        #expect(item.unmetSince == day("2025-02-07"))
        #expect(item.daysUnmet == 27)
        #expect(item.reason == "staff unavailable, cancelled by provider")
        #expect(item.area == .personalCare)
    }

    @Test("provision delivered on time is not unmet need")
    func onTime() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        let deliveries = try weeks(care, delivered: Array(repeating: 6, count: 8))
        #expect(unmet(needs: [washing], provisions: [(care, deliveries)]).isEmpty)
    }

    @Test("a shortfall within the council's tolerance is not shown; a stricter tolerance shows it")
    func tolerance() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        let deliveries = try weeks(care, delivered: [6, 6, 6, 6, 6, 6, 3, 2])
        #expect(unmet(needs: [washing], provisions: [(care, deliveries)]).isEmpty)
        #expect(unmet(needs: [washing], provisions: [(care, deliveries)], policy: UnmetNeedPolicy(tolerance: 0.05)).count == 1)
    }

    @Test("provision that has not started yet has nothing due and its need is not unmet")
    func notStarted() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing, from: "2025-04-07")
        #expect(unmet(needs: [washing], provisions: [(care, [])]).isEmpty)
    }

    @Test("ended provision counts only up to its end, and its need is unmet from the day after")
    func ended() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing, to: "2025-01-26")
        let deliveries = try weeks(care, delivered: [6, 6, 6])
        let found = unmet(needs: [washing], provisions: [(care, deliveries)])
        #expect(found.count == 1)
        #expect(found[0].kind == .noProvision)
        #expect(found[0].unmetSince == day("2025-01-27"))
        #expect(found[0].reason == "provision ended on 2025-01-26 and nothing has replaced it")
    }

    @Test("ended provision that was not delivered still shows its shortfall")
    func endedShort() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing, to: "2025-01-26")
        let found = unmet(needs: [washing], provisions: [(care, try weeks(care, delivered: [6, 0, 0]))])
        let behind = try #require(found.first { $0.kind == .behindOnDelivery })
        #expect(behind.shortfall == 12)
        #expect(behind.unmetSince == day("2025-01-13"))
    }

    @Test("provision with no provider and nothing delivered says so")
    func noProvider() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing, provider: nil)
        let found = unmet(needs: [washing], provisions: [(care, [])])
        #expect(found.count == 1)
        #expect(found[0].reason == "no provider found")
        #expect(found[0].unmetSince == day("2025-01-06"))
    }

    @Test("a closed need is not unmet, and one-off equipment is due from its start date")
    func closedAndOneOff() throws {
        let closed = need(file, closedOn: day("2025-02-01"))
        let hoist = need(file, .homeEnvironmentAndEquipment)
        let equipment = try Provision(caseID: file.id, needIDs: [hoist.id], service: .equipment, description: "Ceiling hoist",
                                      amount: ProvisionAmount(1, .oneOff), startDate: day("2025-02-03"), provider: "Community equipment service", legalBasis: .csdpaSection2)
        let found = unmet(needs: [closed, hoist], provisions: [(equipment, [])])
        #expect(found.count == 1)
        #expect(found[0].provisionID == equipment.id)
        #expect(found[0].shortfall == 1)
        #expect(found[0].reason == "nothing delivered or recorded since it started")
    }

    @Test("a provision with no linked need cannot be made, nor a delivery short of plan without a reason")
    func invalidRecords() throws {
        #expect(throws: CaseworkError.self) {
            try Provision(caseID: file.id, needIDs: [], service: .homeCare, description: "x", amount: ProvisionAmount(1, .hoursPerWeek),
                          startDate: day("2025-01-01"), provider: nil, legalBasis: .section17)
        }
        #expect(throws: CaseworkError.self) { try ProvisionAmount(0, .hoursPerWeek) }
        let care = try hoursPerWeek(file, for: need(file))
        #expect(throws: CaseworkError.self) {
            try Delivery(provisionID: care.id, periodStart: day("2025-01-06"), periodEnd: day("2025-01-12"), plannedUnits: 6, deliveredUnits: 2)
        }
    }
}
