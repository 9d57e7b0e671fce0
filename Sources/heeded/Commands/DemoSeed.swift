// What `heeded serve --demo` puts in an empty data directory: invented families and one account per role.
import Casework
import Foundation
import Web
import Store

/// Seeds demo data once: a data directory that already has accounts is left alone.
struct DemoSeed {
    let store: SQLiteCaseStore
    let password: String
    let families: Int
    /// The forms folder the families' requests are made and routed with.
    let forms: String

    static let parentEmail = "parent@demo.heeded.invalid"
    static let assessorEmail = "assessor@demo.heeded.invalid"
    static let managerEmail = "manager@demo.heeded.invalid"
    static let administratorEmail = "admin@demo.heeded.invalid"

    func seedIfEmpty() async throws {
        let system = ActingUser(id: "demo-seed", role: .system)
        if try await store.account(email: Self.managerEmail) != nil {
            printAccounts(seeded: false)
            return
        }
        let today = CalendarDate(Date())
        var generator = try DemoFamilies.loading(forms: forms, seed: 7, asOf: today)
        var batch = ImportBatch(source: "serve --demo: \(families) invented families")
        var first: CaseFile?
        for _ in 0..<families {
            let file = try generator.family(into: &batch)
            if first == nil { first = file }
        }
        try await store.importBatch(batch, by: system)
        let hash = PasswordHashing.hash(password, cost: 10)
        let parent = Account(email: Self.parentEmail, role: .parent, passwordHash: hash)
        try await store.createAccount(parent, by: system)
        try await store.createAccount(Account(email: Self.assessorEmail, role: .assessor, passwordHash: hash, team: .disabledChildren), by: system)
        try await store.createAccount(Account(email: Self.managerEmail, role: .manager, passwordHash: hash, team: .disabledChildren), by: system)
        try await store.createAccount(Account(email: Self.administratorEmail, role: .administrator, passwordHash: hash, team: .disabledChildren), by: system)
        if let first {
            try await store.linkCase(first.id, to: parent.id, by: system)
            // A report on the demo parent's case, so the family can read it and add their comments.
            let record = try await store.caseRecord(first.id, viewedBy: system)
            let report = CaseReport(
                caseID: first.id, assessmentID: record.assessments.first { $0.kind == .childInNeed }?.id, formID: "child-in-need-assessment", formVersion: 1,
                title: "Disability-focused child in need assessment",
                answers: [
                    "assessment_start_date": .date(first.openedOn.adding(days: 3)), "assessor": .text("Demo Assessor"),
                    "child_views": .text("\(first.child.givenName) showed us, with picture cards, that swimming and the trampoline are the best parts of the week."),
                    "sleep_needs": .text("Wakes most nights and needs an adult to settle again; the family have had little unbroken sleep for two years."),
                    "sleep_severity": .choice("severe"),
                ],
                author: ActingUser(id: Self.assessorEmail, role: .assessor), submittedOn: first.openedOn.adding(days: 30))
            try await store.submitReport(report, draftOwner: nil, draftPurpose: nil, by: report.author)
            // Some of the team's open assessments go to the demo assessor, so the caseload shows held work too.
            for assessment in record.assessments where assessment.status.isOpen {
                _ = try await store.allocate(assessment.id, to: Self.assessorEmail, by: ActingUser(id: Self.managerEmail, role: .manager))
            }
        }
        printAccounts(seeded: true)
    }

    private func printAccounts(seeded: Bool) {
        say(seeded ? "Demo data: \(families) invented families, and these accounts:" : "Demo accounts (already seeded):")
        say("  parent:   \(Self.parentEmail)")
        say("  assessor: \(Self.assessorEmail)")
        say("  manager:  \(Self.managerEmail)")
        say("  administrator: \(Self.administratorEmail)")
        say("  password: \(password)")
        say("Sign in at /sign-in. Everything here is invented; do not enter real information.")
    }
}
