// `heeded soak` (hidden): writes invented cases in a loop and acknowledges each commit, for the crash test.
import ArgumentParser
import Casework
import Foundation
import Store

/// The crash-safety test runs this, kills it with SIGKILL at random moments, and checks that every case it
/// acknowledged is in the store, whole, with an intact audit chain and record seals. Each round writes one case
/// by import and four at once as parents' requests arrive (`receive`, through group commit, which shares one
/// transaction among them). A line `committed <case id>` is written (unbuffered) only after the import's
/// transaction (the case, its assessments, a need, a provision, four deliveries and the audit entry) has
/// committed, and `received <case id>` only after a received request's (the case, its assessments, its entry).
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Write invented cases in a loop, acknowledging each commit (for crash testing).",
        shouldDisplay: false
    )

    @OptionGroup var data: DataDirectoryOption

    @Option(help: "Stop after this many cases (default: run until killed).")
    var count: Int?

    @Option(help: "Seed for the invented cases (default: from the clock, so each run differs).")
    var seed: UInt64?

    func run() async throws {
        let store = try data.openStore()
        var generator = SoakFamilies(random: SeededRandom(seed: seed ?? UInt64(Date().timeIntervalSince1970 * 1_000_000)), asOf: CalendarDate(Date()))
        let system = ActingUser(id: "soak", role: .system)
        var written = 0
        while count.map({ written < $0 }) ?? true {
            var batch = ImportBatch(source: "soak \(written)")
            let file = generator.family(into: &batch)
            try await store.importBatch(batch, by: system)
            FileHandle.standardOutput.write(Data("committed \(file.id)\n".utf8))
            let requests = (0..<4).map { _ in
                var one = ImportBatch(source: "")
                _ = generator.family(into: &one)
                return ReceivedRequest(file: one.cases[0].file, assessments: one.cases[0].assessments)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for request in requests {
                    group.addTask {
                        try await store.receive(request, ownedBy: nil, by: request.file.request.submittedBy)
                        FileHandle.standardOutput.write(Data("received \(request.file.id)\n".utf8))
                    }
                }
                try await group.waitForAll()
            }
            written += 1
        }
    }
}

/// The crash test's families: of one small fixed shape, so a kill can land anywhere in a write of known contents.
struct SoakFamilies {
    var random: SeededRandom
    let asOf: CalendarDate
    private let calendar = WorkingDayCalendar.englandAndWales
    private let parent = ActingUser(id: "soak-parent", role: .parent)

    /// Adds a case, its assessments, one need, one provision and four weekly deliveries to the batch; returns the case.
    mutating func family(into batch: inout ImportBatch) -> CaseFile {
        let caseID: CaseFile.ID = random.id()
        let received = asOf.adding(days: -60)
        let routing = RoutingRecord(
            outcome: RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: true, youngCarerAssessment: false, section47: false, team: .disabledChildren),
            reasons: ["soak test"], tables: [DecisionTableVersion(table: "routing", version: "1")], firedRules: [FiredRule(table: "routing", rule: "soak")])
        let familyName = random.pick(DemoFamilies.familyNames)
        let file = CaseFile(
            id: caseID,
            child: Child(id: random.id(), givenName: random.pick(DemoFamilies.givenNames), familyName: familyName, dateOfBirth: asOf.adding(days: -3000), disabilities: [.learning]),
            family: Family(carers: [ParentCarer(name: "\(random.pick(DemoFamilies.givenNames)) \(familyName)", relationship: "mother")]),
            request: NeedsRequest(formID: "needs-request", formVersion: 1, receivedOn: received, submittedBy: parent, referralSource: "1A",
                                  answers: ["note": .text(String(repeating: "x", count: random.int(10...2000)))]),
            routing: routing)
        batch.cases.append((file, file.initialAssessments(calendar: calendar).map { Assessment(copyOf: $0, id: random.id(), calendar: calendar) }))
        let need = Need(id: random.id(), caseID: caseID, area: .personalCare, description: "soak", parentView: "soak", assessorView: "soak", outcomeSought: "soak", identifiedOn: received)
        batch.needs.append(need)
        let provision = try! Provision(id: random.id(), caseID: caseID, needIDs: [need.id], service: .homeCare, description: "soak",
                                       amount: ProvisionAmount(4, .hoursPerWeek), startDate: received, provider: "Brightwater Care", legalBasis: .csdpaSection2)
        batch.provisions.append(provision)
        for week in 0..<4 {
            let start = received.adding(days: week * 7)
            batch.deliveries.append(try! Delivery(provisionID: provision.id, periodStart: start, periodEnd: start.adding(days: 6), plannedUnits: 4, deliveredUnits: 4))
        }
        return file
    }
}
