// Overnight short breaks counted against the s20 reg 48 limits.
import Casework
import Testing

@Suite("Reg 48 overnight counting")
struct Reg48Tests {
    let file = mayasCase()

    func stays(_ specs: [(String, Int)], carer: String = "Larkspur House", basis: LegalBasis = .section20Reg48ShortBreak) throws -> [OvernightStay] {
        try specs.map { try OvernightStay(caseID: file.id, carer: carer, firstNight: day($0.0), nights: $0.1, legalBasis: basis) }
    }

    @Test("monthly weekend stays well inside the limits bring no warning; a weekend of 2 nights is 3 days")
    func inside() throws {
        let monthly = try stays((1...12).map { (String(format: "2025-%02d-07", $0), 2) })
        let count = Reg48Count.count(monthly, asOf: day("2025-12-31"))
        #expect(count.series.count == 1)
        #expect(count.series[0].longestStayDays == 3)
        #expect(count.series[0].mostDaysIn12Months == 36)
        #expect(count.series[0].daysInLast12Months == 36)
        #expect(count.warnings.isEmpty)
    }

    @Test("a stay of 16 nights is 17 days, at the limit (a warning only); 17 nights is 18 days, over it, and the basis no longer holds")
    func perStay() throws {
        let atLimit = Reg48Count.count(try stays([("2025-07-01", 16)]), asOf: day("2025-08-01"))
        #expect(atLimit.series[0].longestStayDays == 17)
        #expect(atLimit.warnings == [.stayNearLimit(atLimit.warnings.first.flatMap { if case .stayNearLimit(let id, _) = $0 { id } else { nil } }!, days: 17)])
        #expect(!atLimit.warnings.contains { $0.isBreach })
        let over = Reg48Count.count(try stays([("2025-07-01", 17)]), asOf: day("2025-08-01"))
        #expect(over.warnings.contains { if case .stayOverLimit(_, 18) = $0 { true } else { false } })
        #expect(over.warnings.contains { if case .basisNoLongerValid(18) = $0 { true } else { false } })
    }

    @Test("75 days in 12 months with one carer is at the limit; 76 is over it")
    func perYear() throws {
        // 25 weekends of 2 nights, a week apart: 25 × 3 = 75 days.
        let weekends = (0..<25).map { (day("2025-01-03").adding(days: $0 * 7).description, 2) }
        let atLimit = Reg48Count.count(try stays(weekends), asOf: day("2025-12-31"))
        #expect(atLimit.series[0].mostDaysIn12Months == 75)
        #expect(atLimit.warnings.contains { if case .yearNearLimit(75, _) = $0 { true } else { false } })
        #expect(!atLimit.warnings.contains { $0.isBreach })
        // One of them a night longer: 76 days.
        let longer = weekends.enumerated().map { $0.offset == 0 ? ($0.element.0, 3) : $0.element }
        let over = Reg48Count.count(try stays(longer), asOf: day("2025-12-31"))
        #expect(over.series[0].mostDaysIn12Months == 76)
        #expect(over.warnings.contains { if case .yearOverLimit(76, _) = $0 { true } else { false } })
    }

    @Test("the 12 months roll: days more than a year apart are not added together")
    func rolling() throws {
        let stays = try stays([("2024-01-10", 15), ("2024-05-10", 15), ("2024-09-10", 15), ("2025-01-10", 15), ("2025-05-10", 15)])
        let count = Reg48Count.count(stays, asOf: day("2025-06-01"))
        // 80 days in all, but never more than three stays (48 days) in any 12 months.
        #expect(count.series[0].mostDaysIn12Months == 48)
        #expect(count.series[0].daysInLast12Months == 48)
        #expect(!count.warnings.contains { $0.isBreach })
    }

    @Test("a day the child goes home and comes back is counted once")
    func touchingStays() throws {
        let count = Reg48Count.count(try stays([("2025-03-07", 2), ("2025-03-09", 2)]), asOf: day("2025-04-01"))
        #expect(count.series[0].mostDaysIn12Months == 5)
    }

    @Test("each carer's stays are their own series: 50 days with each of two carers breaches nothing; stays under s17 are not counted")
    func seriesAndBasis() throws {
        let s17 = try stays([("2025-07-01", 20)], basis: .section17)
        #expect(Reg48Count.count(s17, asOf: day("2025-08-01")).series.isEmpty)
        let larkspur = try stays((0..<10).map { (day("2025-01-03").adding(days: $0 * 14).description, 4) })
        let foxglove = try stays((0..<10).map { (day("2025-01-10").adding(days: $0 * 14).description, 4) }, carer: "Foxglove Lodge")
        let count = Reg48Count.count(larkspur + foxglove, asOf: day("2025-12-31"))
        #expect(count.series.map(\.carer) == ["Foxglove Lodge", "Larkspur House"])
        #expect(count.series.map(\.mostDaysIn12Months) == [50, 50])
        #expect(!count.warnings.contains { $0.isBreach })
    }

    @Test("a stay has at least one night")
    func zeroNights() {
        #expect(throws: CaseworkError.self) { try OvernightStay(caseID: file.id, carer: "x", firstNight: day("2025-01-01"), nights: 0, legalBasis: .section17) }
    }
}
