// Invented but realistic families for demonstrations and benchmarks: deterministic for a seed, no real people.
import ArgumentParser
import Casework
import Decisions
import Forms
import Foundation
import Store

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

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
    mutating func id<T>() -> Identifier<T> { Identifier<T>(UUID(randomUsing: &self)) }
}

/// Makes families with requests, routing, assessments, needs, provision and up to a year of deliveries.
///
/// Every request is made as a family makes one: answers to the shipped needs request form, checked and routed by
/// the same intake the pages use, and triaged by a duty manager with the triage form, so what the demo shows is
/// what the rules decide. Proportions (roughly what a disabled children's team sees): about 88% of children with a
/// disability recorded; most parent carers say caring affects them, and so get their own assessment; 8% of
/// households with a young carer; 3% of requests with a worry a manager weighs at triage (two in three found to give
/// reasonable cause, so a strategy discussion and a s47 enquiry); 2% received in the last two days and still waiting
/// for triage; 6% of child in need assessments stuck past their deadline; 15% of needs with no provision; of
/// provision, 80% delivered as planned (with the odd week lost to illness), 16% behind, 4% with no provider found.
struct DemoFamilies {
    private var random: SeededRandom
    let asOf: CalendarDate
    let intake: NeedsRequestIntake
    let triage: TriageIntake
    var calendar: WorkingDayCalendar { intake.calendar }
    private let assessor = ActingUser(id: "demo-assessor", role: .assessor)
    private let manager = ActingUser(id: "demo-manager", role: .manager)
    private let parent = ActingUser(id: "demo-parent", role: .parent)

    init(seed: UInt64, asOf: CalendarDate, intake: NeedsRequestIntake) throws {
        random = SeededRandom(seed: seed)
        self.asOf = asOf
        self.intake = intake
        triage = try TriageIntake(requests: intake)
    }

    /// A generator whose requests are made with the forms folder's needs request and triage forms and routed by the
    /// tables in its rules/ folder; a folder that does not load is one line on standard error and a failing exit.
    static func loading(forms: String, seed: UInt64, asOf: CalendarDate) throws -> DemoFamilies {
        do {
            let library = try FormLibrary.load(paths: [forms])
            let router = RequestRouter(rules: try RoutingRules(folder: try DMNFolder(path: (forms as NSString).appendingPathComponent("rules"))))
            return try DemoFamilies(seed: seed, asOf: asOf, intake: try NeedsRequestIntake(library: library, router: router, calendar: .englandAndWales))
        } catch {
            printError("heeded: the forms in \(forms) cannot make demo requests: \(error)")
            throw ExitCode.failure
        }
    }

    /// A request the shipped forms refused: the generator and the forms disagree, which is a fault to fix, not data.
    struct Refused: Error, CustomStringConvertible {
        let form: String
        let problems: [AnswerProblem]
        var description: String {
            "the demo's answers to the \(form) form do not check: " + problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        }
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

    // MARK: A whole family

    /// Adds one family's records to the batch; returns its case.
    mutating func family(into batch: inout ImportBatch) throws -> CaseFile {
        let caseID: CaseFile.ID = random.id()
        let waiting = random.chance(0.02)
        let received = asOf.adding(days: waiting ? -random.int(0...2) : -random.int(140...470))
        let familyName = random.pick(Self.familyNames)
        let childName = "\(random.pick(Self.givenNames)) \(familyName)"
        let disabled = random.chance(0.88)
        let codes = disabled ? Array(Set((0..<random.int(1...3)).map { _ in random.pick(DisabilityCode.allCases.filter { $0 != .none }) })).map(\.rawValue).sorted() : ["NONE"]
        let youngCarer = random.chance(0.08) ? "\(random.pick(Self.givenNames)) \(familyName)" : nil
        var raw: [String: RawAnswer] = [
            "requester_name": .value("\(random.pick(Self.givenNames)) \(familyName)"), "relationship": .value(random.pick(["mother", "mother", "father", "grandparent", "special-guardian"])),
            "has_parental_responsibility": .value("yes"), "aged_18_or_over": .value("yes"),
            "contact_email": .value("\(familyName.lowercased())@example.invalid"), "preferred_contact": .value("email"),
            "child_name": .value(childName), "child_dob": .value(asOf.adding(days: -random.int(365...(17 * 365))).description),
            "child_address": .value("\(random.int(1...90)) \(random.pick(Self.familyNames)) Row"), "child_postcode": .value("KT\(random.int(1...9)) \(random.int(1...9))ZZ"),
            "areas_affected": .values(codes), "enough_sleep": .value(random.chance(0.4) ? "yes" : "no"),
            "caring_affects_health": .value(random.pick(["no", "a-little", "a-lot", "a-lot"])),
            "want_parent_carer_assessment": .value(random.pick(["yes", "yes", "not-sure", "no"])),
            "requests_made": .values(random.pick([["assessment", "help-at-home"], ["short-breaks-overnight", "help-at-home"], ["short-breaks-day"],
                                           ["equipment-or-adaptations", "assessment"], ["information"]])),
            "urgency": .value(random.chance(0.9) ? "routine" : "urgent"), "consent_to_assessment": .value("yes"), "privacy_notice_acknowledged": .value("yes"),
        ]
        if let youngCarer {
            raw["household"] = .items([[
                "member_name": .value(youngCarer), "member_relationship": .value("sister"), "member_age": .value(String(random.int(8...16))),
                "member_disabled": .value("no"), "member_helps_caring": .value("yes"), "member_cares_for_others": .value("no"),
                "member_caring_tasks": .value("Keeps her brother company and safe while their mother cooks, and helps him get ready for bed."),
            ]])
        }
        let made: ReceivedRequest
        switch intake.receive(raw, from: parent, on: received) {
        case .needsChanges(let problems): throw Refused(form: NeedsRequestIntake.formID, problems: problems)
        case .ready(let request): made = request
        }
        let child = made.file.child
        var file = CaseFile(
            id: caseID, child: Child(id: random.id(), givenName: child.givenName, familyName: child.familyName, dateOfBirth: child.dateOfBirth, disabilities: child.disabilities),
            family: made.file.family, request: made.file.request, routing: made.file.routing)
        var assessments = file.initialAssessments(calendar: calendar).map { Assessment(copyOf: $0, id: random.id(), calendar: calendar) }
        if waiting {
            batch.cases.append((file, assessments))
            return file
        }
        // The duty manager's triage the next day, made with the triage form.
        let decidedOn = received.adding(days: 1)
        let worried = random.chance(0.03)
        let cause = worried && random.chance(0.66)
        let autism = codes.contains("AUT")
        var answers: [String: RawAnswer] = [
            "child_appears_disabled": .value(disabled ? "yes" : "no"), "disability_codes": .values(disabled ? codes : []),
            "child_moves_independently": .value(random.chance(0.7) ? "yes" : "no"), "disability_dominant_issue": .value(disabled ? "yes" : "no"),
            "parent_carer_has_parental_responsibility": .value("yes"), "parent_carer_is_adult": .value("yes"),
            "pcna_trigger": .value(file.routing.outcome?.parentCarerAssessment == true ? "requested" : "none"),
            "reasonable_cause_significant_harm": .value(cause ? "yes" : "no"),
            "reasonable_cause_reason": .value(cause
                ? "Bruising to the upper arms that nobody has explained, reported by school; the child cannot say what happened."
                : "Nothing in the request or in the call back suggests the child is suffering, or likely to suffer, significant harm."),
            "safeguarding_decided_by": .value("Demo Manager"), "urgency": .value(worried ? "urgent" : "routine"),
            "overrides_recommendation": .value("no"), "decided_by": .value("Demo Manager"), "decision_date": .value(decidedOn.description),
        ]
        if autism {
            // A parent may say autism before there is a diagnosis: the manager records how the child is affected instead.
            let diagnosed = random.chance(0.7)
            answers["autism_diagnosed"] = .value(diagnosed ? "yes" : "no")
            if !diagnosed { answers["disability_codes"] = .values(Array(Set(codes.filter { $0 != "AUT" } + ["COMM"])).sorted()) }
        }
        if cause { answers["strategy_discussion_date"] = .value(decidedOn.description) }
        if worried {
            answers["concerns_coded"] = .items([[
                "concern_code": .value("unexplained-injury"), "about": .value("child"), "concern_severity": .value(cause ? "serious" : "minor"),
                "concern_who": .value("Class teacher"), "concern_what": .value("Bruises on both upper arms seen when changing for swimming."),
                "concern_source": .value("School"), "concern_corroboration": .value("uncorroborated"),
            ]])
        }
        switch triage.decide(answers, for: file, by: manager, on: decidedOn) {
        case .needsChanges(let problems):
            throw Refused(form: TriageIntake.formID, problems: problems)
        case .ready(let decision):
            let (updated, added) = try file.applying(decision, existing: assessments, calendar: calendar)
            file = updated
            assessments += added.map { Assessment(copyOf: $0, id: random.id(), calendar: calendar) }
        }
        let team = file.team

        var completedOn: CalendarDate?
        assessments = assessments.map { assessment in
            let (moved, completed) = progress(assessment)
            if assessment.kind == .childInNeed { completedOn = completed }
            return moved
        }
        batch.cases.append((file, assessments))

        guard let identified = completedOn else { return file }
        for _ in 0..<random.int(2...5) {
            addNeed(caseID: caseID, identifiedOn: identified, team: team, into: &batch)
        }
        if random.chance(0.12) { addAdvice(caseID: caseID, team: team, into: &batch) }
        if identified.adding(months: 6) < asOf.adding(months: 3) {
            let due = identified.adding(months: 6)
            batch.reviews.append(Review(id: random.id(), caseID: caseID, kind: .childInNeedPlan, dueOn: due,
                                        heldOn: due < asOf && random.chance(0.85) ? due.adding(days: -random.int(0...10)) : nil))
        }
        return file
    }

    /// Moves an assessment as far as its age allows; returns it and the date it was completed, if it was.
    private mutating func progress(_ assessment: Assessment) -> (Assessment, CalendarDate?) {
        let age = assessment.requestedOn.days(until: asOf)
        if assessment.kind == .parentCarer && age > 10 && random.chance(0.15) { return (assessment, nil) }
        var current = assessment
        var date = assessment.requestedOn
        func step(_ status: AssessmentStatus, after days: Int, by who: ActingUser) -> Bool {
            let next = date.adding(days: days)
            guard next <= asOf, let moved = try? current.moved(to: status, on: next, by: who) else { return false }
            current = moved
            date = next
            return true
        }
        guard step(.offered, after: random.int(1...5), by: assessor) else { return (current, nil) }
        if random.chance(0.03) {
            _ = step(.declined, after: random.int(1...7), by: parent)
            return (current, nil)
        }
        guard step(.accepted, after: random.int(1...7), by: parent), step(.inProgress, after: random.int(1...10), by: assessor) else { return (current, nil) }
        // Some assessments stall well past their 45 working days.
        if random.chance(0.06) { return (current, nil) }
        guard step(.completed, after: random.int(20...45), by: assessor) else { return (current, nil) }
        let completed = date
        _ = step(.authorised, after: random.int(1...10), by: manager)
        return (current, completed)
    }

    private mutating func addNeed(caseID: CaseFile.ID, identifiedOn: CalendarDate, team: Team, into batch: inout ImportBatch) {
        let area = random.pick([LifeArea.personalCare, .personalCare, .sleepAndNightTimeCare, .leisureAndCommunity, .parentCarerSupport,
                         .parentCarerSupport, .homeEnvironmentAndEquipment, .communication, .safetyAndSupervision, .behaviourAndEmotionalWellbeing])
        let (description, parentView, assessorView, outcome) = Self.words[area] ?? Self.words[.personalCare]!
        let need = Need(id: random.id(), caseID: caseID, area: area, description: description, parentView: parentView, assessorView: assessorView,
                        outcomeSought: outcome, identifiedOn: identifiedOn)
        batch.needs.append(need)
        guard random.chance(team == .earlyHelp ? 0.5 : 0.85) else { return }

        let (service, amount, basis): (ServiceType, ProvisionAmount, LegalBasis)
        switch area {
        case .personalCare, .sleepAndNightTimeCare, .safetyAndSupervision:
            (service, amount, basis) = (.homeCare, try! ProvisionAmount(Double(random.int(2...12)), .hoursPerWeek), .csdpaSection2)
        case .leisureAndCommunity, .communication:
            if random.chance(0.5) {
                (service, amount, basis) = (.activityAccess, try! ProvisionAmount(Double(random.int(2...4)), .sessionsPerMonth), random.chance(0.5) ? .csdpaSection2 : .section17)
            } else {
                (service, amount, basis) = (.activityAccess, try! ProvisionAmount(Double(random.int(2...6)), .hoursPerWeek), .csdpaSection2)
            }
        case .parentCarerSupport:
            if random.chance(0.5) {
                (service, amount, basis) = (.overnightShortBreak, try! ProvisionAmount(Double(random.int(12...52)), .nightsPerYear), random.chance(0.6) ? .section20Reg48ShortBreak : .section17)
            } else {
                (service, amount, basis) = (.directPayment, try! ProvisionAmount(Double(random.int(2...8) * 50), .poundsPerFourWeeks), .directPayment)
            }
        case .homeEnvironmentAndEquipment:
            (service, amount, basis) = (.equipment, try! ProvisionAmount(1, .oneOff), .csdpaSection2)
        default:
            (service, amount, basis) = (.dayShortBreak, try! ProvisionAmount(Double(random.int(3...8)), .hoursPerWeek), .section17ZDLinked)
        }
        // Most provision starts within the four weeks a council allows to arrange it; some families wait months.
        let start = identifiedOn.adding(days: random.chance(0.1) ? random.int(60...150) : random.int(7...28))
        let end: CalendarDate? = random.chance(0.1) ? start.adding(days: random.int(90...180)) : nil
        let noProvider = random.chance(0.04)
        let provider: String? = noProvider ? nil : (service == .equipment ? "Community Equipment Service" : random.pick(Self.providers))
        guard let provision = try? Provision(
            id: random.id(), caseID: caseID, needIDs: [need.id], service: service, description: service.rawValue.replacingOccurrences(of: "-", with: " "),
            amount: amount, startDate: start, endDate: end, provider: provider, legalBasis: basis)
        else { return }
        batch.provisions.append(provision)
        if !noProvider { addDeliveries(for: provision, into: &batch) }
        if service == .overnightShortBreak { addStays(for: provision, into: &batch) }
    }

    private mutating func addDeliveries(for provision: Provision, into batch: inout ImportBatch) {
        let behind = random.chance(0.16)
        let lastDay = min(asOf.adding(days: -7), provision.endDate ?? asOf)
        if provision.amount.unit == .oneOff {
            let deliveredOn = provision.startDate.adding(days: random.int(0...28))
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
            if behind && random.chance(0.7) {
                delivered = (planned * Double(random.int(0...8)) / 10 * 2).rounded() / 2
                reason = random.pick([.staffUnavailable, .staffUnavailable, .providerClosed, .transport])
                cancelledBy = reason == .transport ? .localAuthority : .provider
            } else if random.chance(0.05) {
                delivered = (planned / 2).rounded(.down)
                reason = random.pick([.childUnwell, .familyCancelled])
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
        var night = provision.startDate.adding(days: random.int(3...20))
        let perMonth = max(1, Int(provision.amount.quantity / 12))
        while night < asOf {
            let nights = random.chance(0.03) ? random.int(14...18) : perMonth
            if let stay = try? OvernightStay(id: random.id(), caseID: provision.caseID, provisionID: provision.id, carer: carer, firstNight: night, nights: nights, legalBasis: provision.legalBasis) {
                batch.overnightStays.append(stay)
            }
            night = night.adding(months: 1)
        }
    }

    private mutating func addAdvice(caseID: CaseFile.ID, team: Team, into batch: inout ImportBatch) {
        let requested = asOf.adding(days: -random.int(0...120))
        guard let need = batch.needs.last(where: { $0.caseID == caseID }) else { return }
        let sectionD = SectionDNeed(id: random.id(), area: need.area, need: need.description, impact: need.parentView, caseNeedID: need.id)
        let provision = batch.provisions.last { $0.caseID == caseID && $0.needIDs.contains(need.id) }
        let items = provision.map { [EHCProvisionItem(description: $0.description, section: $0.legalBasis.ehcSection,
                                                      csdpaHead: $0.legalBasis == .csdpaSection2 ? .practicalAssistanceAtHome : nil,
                                                      amount: $0.amount, provider: $0.provider, meets: [sectionD.id], provisionID: $0.id)] } ?? []
        let sent = requested.adding(days: 35) <= asOf && random.chance(0.85)
        batch.ehcAdvice.append(EHCAdvice(
            id: random.id(), caseID: caseID, ehcRequestReference: "EHC-\(requested.year)-\(random.int(1000...9999))", requestedOn: requested, author: "Demo Assessor",
            team: team, basis: .existingAssessmentUnder12Months, sectionD: [sectionD], provision: items,
            submittedOn: sent ? requested.adding(days: random.int(20...40)) : nil, calendar: calendar))
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
    init(copyOf other: Assessment, id: Assessment.ID, calendar: WorkingDayCalendar) {
        self.init(id: id, caseID: other.caseID, kind: other.kind, subject: other.subject, requestedOn: other.requestedOn, calendar: calendar, assessor: other.assessor)
    }
}
