// Invented but realistic families for demonstrations and benchmarks: deterministic for a seed, no real people.
import Casework
import Foundation

/// SplitMix64: small, fast, and the same sequence on every platform for a seed (the standard library's
/// generator is neither seedable nor stable).
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes families with requests, routing, assessments, needs, provision and up to a year of deliveries.
///
/// Proportions (roughly what a disabled children's team sees): 82% of cases with the disabled children's team;
/// 65% with a parent carer assessment; 3% with a s47 recommendation, which a manager confirms or overrides;
/// 6% of child in need assessments stuck past their deadline; 15% of needs with no provision; of provision,
/// 80% delivered as planned (with the odd week lost to illness), 16% behind, 4% with no provider found.
struct DemoFamilies {
    private var random: SeededRandom
    let asOf: CalendarDate
    let calendar = WorkingDayCalendar.englandAndWales
    private let system = ActingUser(id: "demo-generator", role: .system)
    private let assessor = ActingUser(id: "demo-assessor", role: .assessor)
    private let manager = ActingUser(id: "demo-manager", role: .manager)
    private let parent = ActingUser(id: "demo-parent", role: .parent)

    init(seed: UInt64, asOf: CalendarDate) {
        random = SeededRandom(seed: seed)
        self.asOf = asOf
    }

    // MARK: Invented names

    static let givenNames = [
        "Ayo", "Bronwen", "Caspian", "Delphine", "Eamon", "Farrah", "Gideon", "Hollis", "Ines", "Jory", "Kezia", "Lorcan",
        "Marisol", "Nneka", "Oisin", "Perpetua", "Quillon", "Rhian", "Soren", "Tamsin", "Ulric", "Verity", "Wendeline",
        "Xanthe", "Yusuf", "Zinnia", "Anouk", "Bastian", "Calla", "Dashiell", "Elowen", "Fenwick", "Greer", "Hamish",
        "Isolde", "Jethro", "Kit", "Linnea", "Mabyn", "Niamh", "Orrin", "Petra", "Rafferty", "Sabine", "Tobiah", "Una",
    ]
    static let familyNames = [
        "Achterberg", "Blackwood-Idowu", "Carrow", "Delacourt", "Emberly", "Fairweather", "Gallimore", "Hawksmoor",
        "Ingleby", "Jessamine", "Kittering", "Lambourne", "Marchbank", "Netherby", "Oakenshaw", "Penhallow", "Quennell",
        "Rookwood", "Saltmarsh", "Thistlewood", "Umberleigh", "Vellacott", "Wrenfield", "Yarwood", "Zennor", "Abernathy-Osei",
        "Brackenbury", "Coldharbour", "Dunmore", "Eskdale", "Fennimore", "Greatorex", "Harrowgate", "Illingworth",
    ]
    static let providers = [
        "Brightwater Care", "Kestrel Home Support", "Meadowlark Short Breaks", "Larkspur House", "Foxglove Lodge",
        "Harbour Youth", "Tidewell Play Scheme", "Community Equipment Service", "Willowmere Sitting Service",
    ]

    // MARK: Randomness helpers

    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    private mutating func uuid() -> UUID { UUID(randomUsing: &random) }

    private mutating func id<T>() -> Identifier<T> { Identifier<T>(uuid()) }

    // MARK: A whole family

    /// Adds one family's records to the batch; returns its case.
    mutating func family(into batch: inout ImportBatch) -> CaseFile {
        let caseID: CaseFile.ID = id()
        let received = asOf.adding(days: -int(140...470))
        let familyName = pick(Self.familyNames)
        let child = Child(
            id: id(), givenName: pick(Self.givenNames), familyName: familyName, dateOfBirth: asOf.adding(days: -int(365...(17 * 365))),
            disabilities: Array(Set((0..<int(1...3)).map { _ in pick(DisabilityCode.allCases.filter { $0 != .none }) })).sorted { $0.rawValue < $1.rawValue })
        let carer = ParentCarer(name: "\(pick(Self.givenNames)) \(familyName)", relationship: pick(["mother", "father", "grandmother", "special guardian"]))
        let youngCarers = chance(0.08) ? ["\(pick(Self.givenNames)) \(familyName)"] : []
        let team: Team = chance(0.82) ? .disabledChildren : (chance(0.66) ? .assessmentAndIntervention : .earlyHelp)
        let outcome = RoutingOutcome(
            childInNeedAssessment: team != .earlyHelp || chance(0.3), parentCarerAssessment: chance(0.65),
            youngCarerAssessment: !youngCarers.isEmpty, section47: chance(0.03), team: team)
        var reasons = ["The child has a disability (\(child.disabilities.map(\.rawValue).joined(separator: ", "))): a child in need assessment focused on the disability."]
        if outcome.parentCarerAssessment { reasons.append("The parent carer shows signs of strain: a parent carer needs assessment (s17ZD).") }
        if outcome.section47 { reasons.append("The duty worker coded a concern that may meet the s47 threshold: a manager decides on a strategy discussion.") }
        let routing = RoutingRecord(
            outcome: outcome, reasons: reasons, tables: [DecisionTableVersion(table: "routing", version: "1")],
            firedRules: [FiredRule(table: "routing", rule: outcome.section47 ? "concern-s47" : "disabled-child")])
        let request = NeedsRequest(
            formID: "needs-request", formVersion: 1, receivedOn: received, submittedBy: parent, referralSource: pick(["1A", "1A", "1A", "2A", "3A", "3F"]),
            answers: [
                "child_given_name": .text(child.givenName), "requests": .choices(pick([["help-at-home"], ["short-breaks-overnight", "help-at-home"], ["short-breaks-day"], ["equipment-or-adaptations"]])),
                "hours_caring_per_week": .number(String(int(20...100))),
            ])
        var file = CaseFile(id: caseID, child: child, family: Family(carers: [carer], youngCarers: youngCarers), request: request, routing: routing)
        var assessments = file.initialAssessments(calendar: calendar).map { Assessment(copyOf: $0, id: id()) }
        if outcome.section47 {
            let decidedOn = received.adding(days: 1)
            let decision: ManagerDecision?
            if chance(0.66) {
                decision = try? .confirming(routing, by: manager, on: decidedOn)
            } else {
                var changed = outcome
                changed.section47 = false
                changed.team = .disabledChildren
                decision = try? ManagerDecision.overriding(routing, with: changed, reason: "The injury is explained by the child's documented self-injury; no cause to suspect significant harm.", by: manager, on: decidedOn)
            }
            if let decision, let (updated, added) = try? file.applying(decision, existing: assessments, calendar: calendar) {
                file = updated
                assessments += added.map { Assessment(copyOf: $0, id: id()) }
            }
        }

        var completedOn: CalendarDate?
        assessments = assessments.map { assessment in
            let (moved, completed) = progress(assessment)
            if assessment.kind == .childInNeed { completedOn = completed }
            return moved
        }
        batch.cases.append((file, assessments))

        guard let identified = completedOn else { return file }
        for _ in 0..<int(2...5) {
            addNeed(caseID: caseID, identifiedOn: identified, team: team, into: &batch)
        }
        if chance(0.12) { addAdvice(caseID: caseID, team: team, into: &batch) }
        if identified.adding(months: 6) < asOf.adding(months: 3) {
            let due = identified.adding(months: 6)
            batch.reviews.append(Review(id: id(), caseID: caseID, kind: .childInNeedPlan, dueOn: due,
                                        heldOn: due < asOf && chance(0.85) ? due.adding(days: -int(0...10)) : nil))
        }
        return file
    }

    /// Moves an assessment as far as its age allows; returns it and the date it was completed, if it was.
    private mutating func progress(_ assessment: Assessment) -> (Assessment, CalendarDate?) {
        let age = assessment.requestedOn.days(until: asOf)
        if assessment.kind == .parentCarer && age > 10 && chance(0.15) { return (assessment, nil) }
        var current = assessment
        var date = assessment.requestedOn
        func step(_ status: AssessmentStatus, after days: Int, by who: ActingUser) -> Bool {
            let next = date.adding(days: days)
            guard next <= asOf, let moved = try? current.moved(to: status, on: next, by: who) else { return false }
            current = moved
            date = next
            return true
        }
        guard step(.offered, after: int(1...5), by: assessor) else { return (current, nil) }
        if chance(0.03) {
            _ = step(.declined, after: int(1...7), by: parent)
            return (current, nil)
        }
        guard step(.accepted, after: int(1...7), by: parent), step(.inProgress, after: int(1...10), by: assessor) else { return (current, nil) }
        // Some assessments stall well past their 45 working days.
        if chance(0.06) { return (current, nil) }
        guard step(.completed, after: int(20...45), by: assessor) else { return (current, nil) }
        let completed = date
        _ = step(.authorised, after: int(1...10), by: manager)
        return (current, completed)
    }

    private mutating func addNeed(caseID: CaseFile.ID, identifiedOn: CalendarDate, team: Team, into batch: inout ImportBatch) {
        let area = pick([LifeArea.personalCare, .personalCare, .sleepAndNightTimeCare, .leisureAndCommunity, .parentCarerSupport,
                         .parentCarerSupport, .homeEnvironmentAndEquipment, .communication, .safetyAndSupervision, .behaviourAndEmotionalWellbeing])
        let (description, parentView, assessorView, outcome) = Self.words[area] ?? Self.words[.personalCare]!
        let need = Need(id: id(), caseID: caseID, area: area, description: description, parentView: parentView, assessorView: assessorView,
                        outcomeSought: outcome, identifiedOn: identifiedOn)
        batch.needs.append(need)
        guard chance(team == .earlyHelp ? 0.5 : 0.85) else { return }

        let (service, amount, basis): (ServiceType, ProvisionAmount, LegalBasis)
        switch area {
        case .personalCare, .sleepAndNightTimeCare, .safetyAndSupervision:
            (service, amount, basis) = (.homeCare, try! ProvisionAmount(Double(int(2...12)), .hoursPerWeek), .csdpaSection2)
        case .leisureAndCommunity, .communication:
            if chance(0.5) {
                (service, amount, basis) = (.activityAccess, try! ProvisionAmount(Double(int(2...4)), .sessionsPerMonth), chance(0.5) ? .csdpaSection2 : .section17)
            } else {
                (service, amount, basis) = (.activityAccess, try! ProvisionAmount(Double(int(2...6)), .hoursPerWeek), .csdpaSection2)
            }
        case .parentCarerSupport:
            if chance(0.5) {
                (service, amount, basis) = (.overnightShortBreak, try! ProvisionAmount(Double(int(12...52)), .nightsPerYear), chance(0.6) ? .section20Reg48ShortBreak : .section17)
            } else {
                (service, amount, basis) = (.directPayment, try! ProvisionAmount(Double(int(2...8) * 50), .poundsPerFourWeeks), .directPayment)
            }
        case .homeEnvironmentAndEquipment:
            (service, amount, basis) = (.equipment, try! ProvisionAmount(1, .oneOff), .csdpaSection2)
        default:
            (service, amount, basis) = (.dayShortBreak, try! ProvisionAmount(Double(int(3...8)), .hoursPerWeek), .section17ZDLinked)
        }
        // Most provision starts within the four weeks a council allows to arrange it; some families wait months.
        let start = identifiedOn.adding(days: chance(0.1) ? int(60...150) : int(7...28))
        let end: CalendarDate? = chance(0.1) ? start.adding(days: int(90...180)) : nil
        let noProvider = chance(0.04)
        let provider: String? = noProvider ? nil : (service == .equipment ? "Community Equipment Service" : pick(Self.providers))
        guard let provision = try? Provision(
            id: id(), caseID: caseID, needIDs: [need.id], service: service, description: service.rawValue.replacingOccurrences(of: "-", with: " "),
            amount: amount, startDate: start, endDate: end, provider: provider, legalBasis: basis)
        else { return }
        batch.provisions.append(provision)
        if !noProvider { addDeliveries(for: provision, into: &batch) }
        if service == .overnightShortBreak { addStays(for: provision, into: &batch) }
    }

    private mutating func addDeliveries(for provision: Provision, into batch: inout ImportBatch) {
        let behind = chance(0.16)
        let lastDay = min(asOf.adding(days: -7), provision.endDate ?? asOf)
        if provision.amount.unit == .oneOff {
            let deliveredOn = provision.startDate.adding(days: int(0...28))
            guard deliveredOn <= lastDay else { return }
            let delivered = behind ? 0.0 : 1.0
            if let delivery = try? Delivery(provisionID: provision.id, periodStart: provision.startDate, periodEnd: deliveredOn, plannedUnits: 1,
                                            deliveredUnits: delivered, cancelledBy: behind ? .provider : nil, reason: behind ? .providerClosed : nil) {
                batch.deliveries.append(delivery)
            }
            return
        }
        // Records by the week (hours), the four weeks (direct payments) or the month from the start date, as
        // providers send them.
        let fixedDays: Int? = switch provision.amount.unit {
        case .hoursPerWeek: 7
        case .poundsPerFourWeeks: 28
        default: nil
        }
        var periodStart = provision.startDate
        while true {
            guard periodStart <= lastDay else { break }
            // A month in progress is logged so far, as a provider's running record would be.
            let periodEnd = min(lastDay, fixedDays.map { periodStart.adding(days: $0 - 1) } ?? periodStart.adding(months: 1).adding(days: -1))
            // A week still running is recorded when it ends; the last days before the provision ended are recorded.
            if let fixedDays, periodStart.days(until: periodEnd) < fixedDays - 1, periodEnd < (provision.endDate ?? asOf) { break }
            // What the agreement makes due in the record's days: a whole month of sessions, a twelfth of a year's
            // nights, or the week's or four weeks' amount; a month in progress pro rata.
            let days = periodStart.days(until: periodEnd) + 1
            let wholeMonth = periodEnd == periodStart.adding(months: 1).adding(days: -1)
            let planned: Double = switch provision.amount.unit {
            case .sessionsPerMonth: wholeMonth ? provision.amount.quantity : (provision.amount.unitsDue(overDays: days) * 2).rounded(.down) / 2
            case .nightsPerYear: provision.amount.quantity / 12 * (wholeMonth ? 1 : Double(days) / 30.44)
            default: provision.amount.unitsDue(overDays: days)
            }
            var delivered = planned
            var reason: ShortfallReason?
            var cancelledBy: CancelledBy?
            if behind && chance(0.7) {
                delivered = (planned * Double(int(0...8)) / 10 * 2).rounded() / 2
                reason = pick([.staffUnavailable, .staffUnavailable, .providerClosed, .transport])
                cancelledBy = reason == .transport ? .localAuthority : .provider
            } else if chance(0.05) {
                delivered = (planned / 2).rounded(.down)
                reason = pick([.childUnwell, .familyCancelled])
                cancelledBy = .family
            }
            if delivered >= planned { reason = nil; cancelledBy = nil }
            if let delivery = try? Delivery(provisionID: provision.id, periodStart: periodStart, periodEnd: periodEnd, plannedUnits: planned,
                                            deliveredUnits: delivered, cancelledBy: cancelledBy, reason: reason) {
                batch.deliveries.append(delivery)
            }
            periodStart = periodEnd.adding(days: 1)
        }
    }

    private mutating func addStays(for provision: Provision, into batch: inout ImportBatch) {
        let carer = provision.provider ?? "Larkspur House"
        var night = provision.startDate.adding(days: int(3...20))
        let perMonth = max(1, Int(provision.amount.quantity / 12))
        while night < asOf {
            let nights = chance(0.03) ? int(14...18) : perMonth
            if let stay = try? OvernightStay(id: id(), caseID: provision.caseID, provisionID: provision.id, carer: carer, firstNight: night, nights: nights, legalBasis: provision.legalBasis) {
                batch.overnightStays.append(stay)
            }
            night = night.adding(months: 1)
        }
    }

    private mutating func addAdvice(caseID: CaseFile.ID, team: Team, into batch: inout ImportBatch) {
        let requested = asOf.adding(days: -int(0...120))
        guard let need = batch.needs.last(where: { $0.caseID == caseID }) else { return }
        let sectionD = SectionDNeed(id: id(), area: need.area, need: need.description, impact: need.parentView, caseNeedID: need.id)
        let provision = batch.provisions.last { $0.caseID == caseID && $0.needIDs.contains(need.id) }
        let items = provision.map { [EHCProvisionItem(description: $0.description, section: $0.legalBasis.ehcSection,
                                                      csdpaHead: $0.legalBasis == .csdpaSection2 ? .practicalAssistanceAtHome : nil,
                                                      amount: $0.amount, provider: $0.provider, meets: [sectionD.id], provisionID: $0.id)] } ?? []
        let sent = requested.adding(days: 35) <= asOf && chance(0.85)
        batch.ehcAdvice.append(EHCAdvice(
            id: id(), caseID: caseID, ehcRequestReference: "EHC-\(requested.year)-\(int(1000...9999))", requestedOn: requested, author: "Demo Assessor",
            team: team, basis: .existingAssessmentUnder12Months, sectionD: [sectionD], provision: items,
            submittedOn: sent ? requested.adding(days: int(20...40)) : nil, calendar: calendar))
    }

    // MARK: The crash test's family

    /// A small family of fixed shape: a case, its assessments, one need, one provision, four weekly deliveries.
    mutating func soakFamily(into batch: inout ImportBatch) -> CaseFile {
        let caseID: CaseFile.ID = id()
        let received = asOf.adding(days: -60)
        let routing = RoutingRecord(
            outcome: RoutingOutcome(childInNeedAssessment: true, parentCarerAssessment: true, youngCarerAssessment: false, section47: false, team: .disabledChildren),
            reasons: ["soak test"], tables: [DecisionTableVersion(table: "routing", version: "1")], firedRules: [FiredRule(table: "routing", rule: "soak")])
        let familyName = pick(Self.familyNames)
        let file = CaseFile(
            id: caseID, child: Child(id: id(), givenName: pick(Self.givenNames), familyName: familyName, dateOfBirth: asOf.adding(days: -3000), disabilities: [.learning]),
            family: Family(carers: [ParentCarer(name: "\(pick(Self.givenNames)) \(familyName)", relationship: "mother")]),
            request: NeedsRequest(formID: "needs-request", formVersion: 1, receivedOn: received, submittedBy: parent, referralSource: "1A", answers: ["note": .text(String(repeating: "x", count: int(10...2000)))]),
            routing: routing)
        batch.cases.append((file, file.initialAssessments(calendar: calendar).map { Assessment(copyOf: $0, id: id()) }))
        let need = Need(id: id(), caseID: caseID, area: .personalCare, description: "soak", parentView: "soak", assessorView: "soak", outcomeSought: "soak", identifiedOn: received)
        batch.needs.append(need)
        let provision = try! Provision(id: id(), caseID: caseID, needIDs: [need.id], service: .homeCare, description: "soak",
                                       amount: ProvisionAmount(4, .hoursPerWeek), startDate: received, provider: "Brightwater Care", legalBasis: .csdpaSection2)
        batch.provisions.append(provision)
        for week in 0..<4 {
            let start = received.adding(days: week * 7)
            batch.deliveries.append(try! Delivery(provisionID: provision.id, periodStart: start, periodEnd: start.adding(days: 6), plannedUnits: 4, deliveredUnits: 4))
        }
        return file
    }

    static let words: [LifeArea: (String, String, String, String)] = [
        .personalCare: ("Needs help with washing, dressing and toileting", "Mornings take two hours and I hurt my back lifting", "Two-person handling needed for transfers", "Washed and dressed safely before school"),
        .sleepAndNightTimeCare: ("Wakes four or five times a night", "None of us has slept through in years", "Night-time waking with seizures; needs checking", "Parents get at least four nights' sleep a week"),
        .leisureAndCommunity: ("Cannot join clubs without one-to-one support", "She wants to go swimming like her friends", "Needs a trained support worker in the community", "Joins a weekly activity with peers"),
        .parentCarerSupport: ("Mother is exhausted and has no breaks", "I have not had a night off in three years", "Caring role is not sustainable without regular breaks", "Mother has regular breaks and keeps her job"),
        .homeEnvironmentAndEquipment: ("Cannot get upstairs safely", "We carry him upstairs every night", "Needs a through-floor lift or ground-floor bedroom", "Moves around the home safely"),
        .communication: ("Uses a communication aid that needs updating", "His device is broken and he is frustrated", "AAC device needs replacing and staff training", "Can tell people what he wants"),
        .safetyAndSupervision: ("No sense of danger near roads", "She runs off whenever the door opens", "Needs constant supervision outdoors", "Safe outdoors with support"),
        .behaviourAndEmotionalWellbeing: ("Distressed behaviour when routines change", "Meltdowns every evening; his brother gets hurt", "Positive behaviour support plan needed", "Fewer meltdowns at home"),
    ]
}

extension Assessment {
    /// The same assessment under another id, so demo data ids come from the seeded generator.
    init(copyOf other: Assessment, id: Assessment.ID) {
        self.init(id: id, caseID: other.caseID, kind: other.kind, subject: other.subject, requestedOn: other.requestedOn, assessor: other.assessor)
    }
}
