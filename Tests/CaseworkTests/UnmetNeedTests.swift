// Unmet need on hand-built cases: no provision, partial delivery, on time, not yet started, ended.
import Casework
import Testing

@Suite("Unmet need")
struct UnmetNeedTests {
    let file = mayasCase()
    /// Thursday 6 March 2025; with the 7-day recording lag, units are counted to 27 February.
    let asOf = day("2025-03-06")

    /// Weekly delivery records from a Monday: `delivered[i]` in week `i`, 6 planned each week.
    func weeks(
        _ provision: Provision, delivered: [Double], from start: String = "2025-01-06", reason: ShortfallReason = .staffUnavailable,
        cancelledBy: CancelledBy = .provider
    ) throws -> [Delivery] {
        try delivered.enumerated().map { index, units in
            let first = day(start).adding(days: index * 7)
            return try Delivery(provisionID: provision.id, periodStart: first, periodEnd: first.adding(days: 6), plannedUnits: provision.amount.quantity,
                                deliveredUnits: units, cancelledBy: units < provision.amount.quantity ? cancelledBy : nil,
                                reason: units < provision.amount.quantity ? reason : nil)
        }
    }

    func unmet(
        needs: [Need], provisions: [(Provision, [Delivery])], asOf: CalendarDate? = nil, policy: UnmetNeedPolicy = .standard,
        trendDates: [CalendarDate] = []
    ) -> [UnmetNeed] {
        let measure = DeliveryMeasure(asOf: asOf ?? self.asOf, policy: policy, trendDates: trendDates)
        return UnmetNeed.assessedButUnmet(inputs(needs: needs, provisions: provisions, measure: measure), measure: measure)
    }

    func inputs(needs: [Need], provisions: [(Provision, [Delivery])], measure: DeliveryMeasure) -> UnmetNeedInputs {
        let assessedOn = Dictionary(needs.map { ($0.id, $0.identifiedOn) }) { first, _ in first }
        return UnmetNeedInputs(
            cases: summary(file), needs: needs.map(NeedSummary.init),
            provisions: provisions.map { provision, deliveries in
                ProvisionSummary(provision, account: measure.account(
                    ProvisionTerms(provision), needsAssessedOn: provision.needIDs.compactMap { assessedOn[$0] }, periods: deliveries.map(DeliveryPeriod.init)))
            })
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

    @Test("provision agreed from September for a need assessed in January: unmet from when it should have started, waiting to start")
    func waitingToStart() throws {
        let washing = need(file, identifiedOn: day("2025-01-06"))
        let care = try hoursPerWeek(file, for: washing, from: "2025-09-01")
        let found = unmet(needs: [washing], provisions: [(care, [])])
        let item = try #require(found.first)
        #expect(found.count == 1, "the provision's row, not a second row for the need")
        #expect(item.kind == .behindOnDelivery)
        // It should have started 28 days after the assessment (the council's time to arrange it): 3 February.
        // Counted to 27 February: 25 days at 6/7 of an hour a day = 21.43 hours, all waiting, all in February.
        #expect(item.unmetSince == day("2025-02-03"))
        #expect(item.shortfall == 21.4)
        #expect(item.missedByMonth == [MonthlyShortfall(month: day("2025-02-01"), units: 21.4)])
        #expect(item.reason == "waiting for provision to start")
        // A council that allows no time at all: from the assessment itself, 53 days = 45.43 hours, January's 26 days
        // (22.29) and February's 27 (23.14).
        let strict = try #require(unmet(needs: [washing], provisions: [(care, [])], policy: UnmetNeedPolicy(arrangeWithinDays: 0)).first)
        #expect(strict.unmetSince == day("2025-01-06"))
        #expect(strict.shortfall == 45.4)
        #expect(strict.missedByMonth == [MonthlyShortfall(month: day("2025-01-01"), units: 22.3), MonthlyShortfall(month: day("2025-02-01"), units: 23.1)])
        // Provision that starts within the time allowed is not waiting.
        let soon = try hoursPerWeek(file, for: washing, from: "2025-01-27")
        #expect(unmet(needs: [washing], provisions: [(soon, try weeks(soon, delivered: [6, 6, 6, 6, 6], from: "2025-01-27"))]).isEmpty)
    }

    @Test("sessions a month are due in each month from the start, in whole sessions: two in any dates of the month meet it")
    func sessionsPerMonth() throws {
        let leisure = need(file, .leisureAndCommunity)
        let club = try Provision(caseID: file.id, needIDs: [leisure.id], service: .activityAccess, description: "Saturday club", amount: ProvisionAmount(2, .sessionsPerMonth),
                                 startDate: day("2025-01-06"), provider: "Tidewell Play", legalBasis: .csdpaSection2)
        func session(_ date: String, delivered: Double = 1) throws -> Delivery {
            try Delivery(provisionID: club.id, periodStart: day(date), periodEnd: day(date), plannedUnits: 1, deliveredUnits: delivered,
                         cancelledBy: delivered < 1 ? .provider : nil, reason: delivered < 1 ? .staffUnavailable : nil)
        }
        // Counted to 27 February: the month 6 January to 5 February is due 2; 6 to 27 February is 22 of 28 days,
        // so 1.57 sessions, due in whole sessions: 1.
        let met = try [session("2025-01-11"), session("2025-01-25"), session("2025-02-08")]
        #expect(unmet(needs: [leisure], provisions: [(club, met)]).isEmpty)
        let missed = try [session("2025-01-11"), session("2025-01-25", delivered: 0), session("2025-02-08")]
        let item = try #require(unmet(needs: [leisure], provisions: [(club, missed)]).first)
        #expect(item.shortfall == 1)
        #expect(item.unmetSince == day("2025-01-06"))
    }

    @Test("three months missed, then full delivery: unmet since January, with the missed hours in January, February and March")
    func missedMonthsThenFull() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        // 6 hours a week from Monday 6 January: nothing for 12 weeks (to 30 March), then 6 a week for 9 weeks.
        let deliveries = try weeks(care, delivered: Array(repeating: 0, count: 12) + Array(repeating: 6, count: 9))
        // 5 June: counted to 29 May, part-way through the last week, which is in full so far.
        let found = unmet(needs: [washing], provisions: [(care, deliveries)], asOf: day("2025-06-05"))
        let item = try #require(found.first)
        #expect(item.unmetSince == day("2025-01-06"), "not April, as crediting later hours to the earliest days would say")
        // 12 weeks × 6 = 72 hours: 26 days of January (22.29), 28 of February (24), 30 of March (25.71).
        #expect(item.shortfall == 72)
        #expect(item.missedByMonth == [
            MonthlyShortfall(month: day("2025-01-01"), units: 22.3), MonthlyShortfall(month: day("2025-02-01"), units: 24),
            MonthlyShortfall(month: day("2025-03-01"), units: 25.7),
        ])
        #expect(item.missed?.councilOrProvider == 72)
        #expect(item.reason == "not delivered by the council or its provider")
    }

    @Test("31 hours missed in a year of 6 hours a week is a breach of a CSDPA s2 (H1) duty; a council's 10% tolerance can hide it for H2 only")
    func noToleranceForH1() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        // 52 weeks from 6 January 2025: an hour short in 31 of them. Due 52 × 6 = 312; delivered 312 − 31 = 281.
        let deliveries = try weeks(care, delivered: Array(repeating: 5, count: 31) + Array(repeating: 6, count: 21))
        let yearEnd = day("2026-01-11")  // counted to 4 January 2026, the last day of week 52
        let policy = UnmetNeedPolicy(h2Tolerance: 0.1)
        let h1 = try #require(unmet(needs: [washing], provisions: [(care, deliveries)], asOf: yearEnd, policy: policy).first)
        #expect(h1.unitsDue == 312)
        #expect(h1.unitsDelivered == 281)
        #expect(h1.shortfall == 31)
        #expect(h1.tolerance == 0)
        // The same provision under s17 (H2): 31 is under 10% of 312 (31.2), so the council's tolerance hides it.
        var h2 = care
        h2.legalBasis = .section17
        #expect(unmet(needs: [washing], provisions: [(h2, deliveries)], asOf: yearEnd, policy: policy).isEmpty)
        #expect(unmet(needs: [washing], provisions: [(h2, deliveries)], asOf: yearEnd).count == 1, "with no tolerance set, H2 shows it too")
    }

    @Test("a family's cancellation is shown, but not counted as the council's failure")
    func familyCancellation() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        // Sunday 2 March is the last day counted on 9 March: eight whole weeks.
        let sundayCounted = day("2025-03-09")
        let cancelled = try weeks(care, delivered: [6, 0, 6, 6, 6, 6, 6, 6], reason: .familyCancelled, cancelledBy: .family)
        #expect(unmet(needs: [washing], provisions: [(care, cancelled)], asOf: sundayCounted).isEmpty, "nothing the council owes")
        // With a week the provider missed too: 6 hours counted, the family's 6 shown beside them.
        let both = try weeks(care, delivered: [6, 0, 6, 6, 6, 6, 6], reason: .familyCancelled, cancelledBy: .family)
            + weeks(care, delivered: [0], from: "2025-02-24")
        let item = try #require(unmet(needs: [washing], provisions: [(care, both)], asOf: sundayCounted).first)
        #expect(item.shortfall == 6)
        #expect(item.missed?.familyOrChild == 6)
        #expect(item.unmetSince == day("2025-02-24"))
        #expect(item.reason == "not delivered by the council or its provider; a further 6 hours cancelled by the family or because the child was unwell are not counted")
    }

    @Test("a week nobody recorded is missed provision, not a week delivered")
    func unrecordedWeek() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        // Weeks 1, 2 and 4 to 8 recorded in full; week 3 (20 to 26 January) never recorded.
        let deliveries = try weeks(care, delivered: [6, 6]) + weeks(care, delivered: [6, 6, 6, 6, 6], from: "2025-01-27")
        let item = try #require(unmet(needs: [washing], provisions: [(care, deliveries)]).first)
        #expect(item.shortfall == 6)
        #expect(item.missed?.notRecorded == 6)
        #expect(item.unmetSince == day("2025-01-20"))
        #expect(item.reason == "nothing recorded as delivered")
    }

    @Test("planned less than agreed is the council's shortfall, whatever the provider delivered of its plan")
    func plannedLessThanAgreed() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        let deliveries = try (0..<8).map { index in
            let first = day("2025-01-06").adding(days: index * 7)
            return try Delivery(provisionID: care.id, periodStart: first, periodEnd: first.adding(days: 6), plannedUnits: 4, deliveredUnits: 4)
        }
        let item = try #require(unmet(needs: [washing], provisions: [(care, deliveries)]).first)
        // Counted to 27 February: 7 whole weeks (the eighth is still running, so it waits for its record), 42 hours
        // due, 28 delivered: 14 missed, all never planned.
        #expect(item.shortfall == 14)
        #expect(item.missed?.councilOrProvider == 14)
    }

    @Test("provision delivered in full is not unmet need")
    func onTime() throws {
        let washing = need(file)
        let care = try hoursPerWeek(file, for: washing)
        let deliveries = try weeks(care, delivered: Array(repeating: 6, count: 8))
        #expect(unmet(needs: [washing], provisions: [(care, deliveries)]).isEmpty)
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
        #expect(found[0].reason == "provision ended on 26 January 2025 and nothing has replaced it")
    }

    @Test("ended provision that was not delivered still shows what it missed")
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
        #expect(found[0].missed?.noProvider == found[0].missed?.counted)
        #expect(found[0].unmetSince == day("2025-01-06"))
    }

    @Test("a closed need is not unmet, and one-off equipment is due from its start date")
    func closedAndOneOff() throws {
        let closed = need(file, closedOn: day("2025-02-01"))
        let hoist = need(file, .homeEnvironmentAndEquipment, identifiedOn: day("2025-02-03"))
        let equipment = try Provision(caseID: file.id, needIDs: [hoist.id], service: .equipment, description: "Ceiling hoist",
                                      amount: ProvisionAmount(1, .oneOff), startDate: day("2025-02-03"), provider: "Community equipment service", legalBasis: .csdpaSection2)
        let found = unmet(needs: [closed, hoist], provisions: [(equipment, [])])
        #expect(found.count == 1)
        #expect(found[0].provisionID == equipment.id)
        #expect(found[0].shortfall == 1)
        #expect(found[0].reason == "nothing recorded as delivered")
    }

    @Test("the month-by-month trend counts what the report would list on each day, measured with the records up to it")
    func trend() throws {
        let washing = need(file)
        let sleep = need(file, .sleepAndNightTimeCare, identifiedOn: day("2025-02-03"))
        let care = try hoursPerWeek(file, for: washing)
        let deliveries = try weeks(care, delivered: [6, 6, 6, 2, 2, 2, 2, 2])
        let dates = [day("2025-01-31"), asOf]
        let measure = DeliveryMeasure(asOf: asOf, trendDates: dates)
        let inputs = inputs(needs: [washing, sleep], provisions: [(care, deliveries)], measure: measure)
        let points = UnmetNeedTrend.points(inputs, measure: measure)
        #expect(points.map(\.asOf) == dates)
        #expect(points[0].noProvision == 0, "the sleep need was not yet identified")
        #expect(points[0].behindOnDelivery == 0, "counted to 24 January, the first three weeks were delivered in full")
        #expect(points[1].noProvision == 1)
        #expect(points[1].behindOnDelivery == 1)
        let listed = UnmetNeed.assessedButUnmet(inputs, measure: measure)
        #expect(points[1].total == listed.count, "the last point agrees with the report itself")
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

@Suite("The delivery ledger")
struct DeliveryLedgerTests {
    let file = mayasCase()

    @Test("weeks delivered in full fold into one entry; a short week stands alone with its cause")
    func runs() throws {
        let care = try hoursPerWeek(file, for: need(file))
        let weeks = try (0..<10).map { index -> Delivery in
            let first = day("2025-01-06").adding(days: index * 7)
            let short = index == 4
            return try Delivery(provisionID: care.id, periodStart: first, periodEnd: first.adding(days: 6), plannedUnits: 6, deliveredUnits: short ? 2 : 6,
                                cancelledBy: short ? .provider : nil, reason: short ? .staffUnavailable : nil)
        }
        let ledger = DeliveryLedger(ProvisionTerms(care), periods: weeks.map(DeliveryPeriod.init))
        #expect(ledger.entries.map(\.period) == [0, 4, 5])
        #expect(ledger.entries.map(\.count) == [4, 1, 5])
        #expect(ledger.entries.map(\.isFull) == [true, false, true])
        #expect(ledger.entries[1].cancelled.councilOrProvider == 4)
    }

    @Test("a record spanning two weeks of the agreement is shared between them by days")
    func spanning() throws {
        let care = try hoursPerWeek(file, for: need(file))  // weeks from Monday 6 January
        // A fortnight recorded from Thursday 9 January: 4 days in week 0, 7 in week 1, 3 in week 2.
        let fortnight = try Delivery(provisionID: care.id, periodStart: day("2025-01-09"), periodEnd: day("2025-01-22"), plannedUnits: 14, deliveredUnits: 14)
        let ledger = DeliveryLedger(ProvisionTerms(care), periods: [DeliveryPeriod(fortnight)])
        #expect(ledger.entries.map(\.period) == [0, 1, 2])
        #expect(ledger.entries.map { ($0.delivered * 100).rounded() / 100 } == [4, 7, 3])
    }

    @Test("months of the agreement are counted from its start date, the 31st giving way to shorter months")
    func monthsFromTheStart() {
        let start = day("2025-01-31")
        #expect(ProvisionUnit.sessionsPerMonth.periodStart(1, from: start) == day("2025-02-28"))
        #expect(ProvisionUnit.sessionsPerMonth.periodIndex(of: day("2025-03-30"), from: start) == 1)
        #expect(ProvisionUnit.sessionsPerMonth.periodIndex(of: day("2025-03-31"), from: start) == 2)
        #expect(ProvisionUnit.nightsPerYear.periodIndex(of: day("2026-01-30"), from: start) == 0)
        #expect(ProvisionUnit.nightsPerYear.periodIndex(of: day("2026-01-31"), from: start) == 1)
    }
}

extension DeliveryLedgerTests {
    @Test("a ledger reads back from its bytes exactly; bytes it did not write are refused")
    func bytes() throws {
        let care = try hoursPerWeek(file, for: need(file))
        let records = try [
            Delivery(provisionID: care.id, periodStart: day("2025-01-06"), periodEnd: day("2025-01-12"), plannedUnits: 6, deliveredUnits: 6),
            Delivery(provisionID: care.id, periodStart: day("2025-01-13"), periodEnd: day("2025-01-19"), plannedUnits: 6, deliveredUnits: 1.5,
                     cancelledBy: .family, reason: .childUnwell),
        ]
        let ledger = DeliveryLedger(ProvisionTerms(care), periods: records.map(DeliveryPeriod.init))
        #expect(DeliveryLedger(bytes: ledger.bytes) == ledger)
        #expect(DeliveryLedger(bytes: [2, 0, 0, 0, 0]) == nil)
        #expect(DeliveryLedger(bytes: ledger.bytes.dropLast()) == nil)
    }
}
