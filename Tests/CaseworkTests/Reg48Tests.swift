// Overnight short breaks counted against the s20 reg 48 limits.
import Casework
import Testing

@Suite("Reg 48 overnight counting")
struct Reg48Tests {
    let file = mayasCase()

    func stays(_ specs: [(String, Int)], carer: String = "Larkspur House", basis: LegalBasis = .section20Reg48ShortBreak) throws -> [OvernightStay] {
        try specs.map { try OvernightStay(caseID: file.id, carer: carer, firstNight: day($0.0), nights: $0.1, legalBasis: basis) }
    }

    @Test("monthly weekend stays well inside the limits bring no warning")
    func inside() throws {
        let monthly = try stays((1...12).map { (String(format: "2025-%02d-07", $0), 2) })
        let count = Reg48Count.count(monthly, asOf: day("2025-12-31"))
        #expect(count.longestStay == 2)
        #expect(count.mostNightsIn12Months == 24)
        #expect(count.nightsInLast12Months == 24)
        #expect(count.warnings.isEmpty)
    }

    @Test("a stay of 14 nights warns; one of 18 breaches the 17-night limit and the basis no longer holds")
    func perStay() throws {
        let near = Reg48Count.count(try stays([("2025-07-01", 14)]), asOf: day("2025-08-01"))
        #expect(near.warnings.count == 1)
        #expect(near.warnings.allSatisfy { !$0.isBreach })
        let over = Reg48Count.count(try stays([("2025-07-01", 18)]), asOf: day("2025-08-01"))
        #expect(over.warnings.contains { if case .stayOverLimit(_, 18) = $0 { true } else { false } })
        #expect(over.warnings.contains { if case .basisNoLongerValid = $0 { true } else { false } })
    }

    @Test("62 nights in a year warns; 76 in any 12 months breaches the 75-night limit")
    func perYear() throws {
        let near = Reg48Count.count(try stays((0..<31).map { (day("2025-01-03").adding(days: $0 * 7).description, 2) }), asOf: day("2025-12-31"))
        #expect(near.mostNightsIn12Months == 62)
        #expect(near.warnings.contains { if case .yearNearLimit(62, _) = $0 { true } else { false } })
        let over = Reg48Count.count(try stays((0..<38).map { (day("2025-01-03").adding(days: $0 * 7).description, 2) }), asOf: day("2025-06-01"))
        #expect(over.mostNightsIn12Months == 76)
        #expect(over.warnings.contains { if case .yearOverLimit(76, _) = $0 { true } else { false } })
    }

    @Test("the 12 months roll: nights more than a year apart are not added together")
    func rolling() throws {
        let two = try stays([("2024-01-10", 16), ("2024-05-10", 16), ("2024-09-10", 16), ("2025-01-10", 16), ("2025-05-10", 16)])
        let count = Reg48Count.count(two, asOf: day("2025-06-01"))
        // 80 nights in all, but never more than three stays (48 nights) in any 12 months.
        #expect(count.mostNightsIn12Months == 48)
        #expect(count.nightsInLast12Months == 48)
        #expect(!count.warnings.contains { $0.isBreach })
    }

    @Test("stays under s17 are not held to reg 48, and stays with two carers are flagged")
    func basisAndCarers() throws {
        let s17 = try stays([("2025-07-01", 20)], basis: .section17)
        #expect(Reg48Count.count(s17, asOf: day("2025-08-01")).warnings.isEmpty)
        let mixed = try stays([("2025-07-01", 2)]) + stays([("2025-08-01", 2)], carer: "Foxglove Lodge")
        #expect(Reg48Count.count(mixed, asOf: day("2025-09-01")).warnings == [.moreThanOneCarer(["Foxglove Lodge", "Larkspur House"])])
    }

    @Test("a stay has at least one night")
    func zeroNights() {
        #expect(throws: CaseworkError.self) { try OvernightStay(caseID: file.id, carer: "x", firstNight: day("2025-01-01"), nights: 0, legalBasis: .section17) }
    }
}
