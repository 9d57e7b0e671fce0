// The audit hash chain: intact logs verify; a changed, removed or reordered entry is found.
import Casework
import Foundation
import Testing

@Suite("Audit chain")
struct AuditChainTests {
    func log(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            let event = AuditEvent(actor: assessor, action: "need.saved", subject: "need/\(index)", previousValue: index == 0 ? nil : "{\"n\":\(index - 1)}", newValue: "{\"n\":\(index)}")
            entries.append(AuditChain.seal(event, after: entries.last.map { ($0.sequence, $0.hash) }, at: 1_764_000_000_000 + Int64(index)))
        }
        return entries
    }

    @Test("an untouched log verifies and reports its head")
    func intact() {
        let entries = log(5)
        let result = AuditChain.verify(entries)
        #expect(result.isIntact)
        #expect(result.entriesChecked == 5)
        #expect(result.head == entries.last?.hash)
    }

    @Test("a changed entry is found")
    func changed() {
        var entries = log(5)
        let original = entries[2]
        let forged = AuditEvent(actor: original.event.actor, action: original.event.action, subject: original.event.subject, previousValue: original.event.previousValue, newValue: "{\"n\":99}")
        entries[2] = AuditEntry(sequence: original.sequence, recordedAt: original.recordedAt, event: forged, previousHash: original.previousHash, hash: original.hash)
        let problem = AuditChain.verify(entries).firstProblem
        #expect(problem?.kind == .changed)
        #expect(problem?.sequence == 3)
    }

    @Test("a removed entry is found")
    func removed() {
        var entries = log(5)
        entries.remove(at: 1)
        #expect(AuditChain.verify(entries).firstProblem == AuditProblem(kind: .missing, sequence: 3, expectedSequence: 2))
    }

    @Test("reordered entries are found")
    func reordered() {
        var entries = log(5)
        entries.swapAt(1, 3)
        #expect(AuditChain.verify(entries).firstProblem?.kind == .missing)
        // Renumbering to hide the swap breaks the links instead.
        let renumbered = entries.enumerated().map { index, entry in
            AuditEntry(sequence: Int64(index + 1), recordedAt: entry.recordedAt, event: entry.event, previousHash: entry.previousHash, hash: entry.hash)
        }
        #expect(AuditChain.verify(renumbered).firstProblem?.kind == .brokenLink)
    }

    @Test("fields cannot be shifted between one another without changing the hash")
    func canonicalForm() {
        let a = AuditChain.seal(AuditEvent(actor: assessor, action: "ab", subject: "c", previousValue: nil, newValue: nil), after: nil, at: 0)
        let b = AuditChain.seal(AuditEvent(actor: assessor, action: "a", subject: "bc", previousValue: nil, newValue: nil), after: nil, at: 0)
        let c = AuditChain.seal(AuditEvent(actor: assessor, action: "a", subject: "bc", previousValue: "", newValue: nil), after: nil, at: 0)
        #expect(a.hash != b.hash)
        #expect(b.hash != c.hash)
    }
}

@Suite("Identifiers")
struct IdentifierTests {
    @Test("new identifiers are random version 4 UUIDs, never repeated")
    func randomIdentifiers() {
        let ids = (0..<10_000).map { _ in CaseFile.ID() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.description
            #expect(text[text.index(text.startIndex, offsetBy: 14)] == "4", "\(text)")
            #expect("89ab".contains(text[text.index(text.startIndex, offsetBy: 19)]), "\(text)")
        }
    }
}
