// The audit hash chain: intact logs verify; a changed, removed or reordered entry is found, and so is a log
// rewritten without the key; anchors find a log cut short.
import Casework
import Crypto
import Foundation
import Testing

@Suite("Audit chain")
struct AuditChainTests {
    let key = try! AuditKey(bytes: Array(repeating: UInt8(7), count: 32))

    func event(_ index: Int, value: String? = nil) -> AuditEvent {
        AuditEvent(
            actor: assessor, action: "need.saved", subject: "need/\(index)", previousValue: index == 0 ? nil : "{\"n\":\(index - 1)}",
            newValue: value ?? "{\"n\":\(index)}")
    }

    func log(_ count: Int, key: AuditKey? = nil) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for index in 0..<count {
            entries.append(AuditChain.seal(event(index), after: entries.last.map { ($0.sequence, $0.hash) }, at: 1_764_000_000_000 + Int64(index), key: key ?? self.key))
        }
        return entries
    }

    /// What someone with the database but not the key can write: the chain's plain SHA-256 form, as entries were
    /// hashed before a store had a key.
    func unkeyed(_ entries: [AuditEntry], replacing index: Int, with value: String) -> [AuditEntry] {
        var forged = Array(entries.prefix(index))
        for position in index..<entries.count {
            let previous = forged.last.map { $0.hash } ?? AuditChain.genesis
            let original = entries[position]
            let event = position == index ? event(position, value: value) : original.event
            let hash = Data(SHA256.hash(data: previous + canonical(original.sequence, original.recordedAt, event)))
            forged.append(AuditEntry(sequence: original.sequence, recordedAt: original.recordedAt, event: event, previousHash: previous, hash: hash, keyed: false))
        }
        return forged
    }

    func canonical(_ sequence: Int64, _ recordedAt: Int64, _ event: AuditEvent) -> Data {
        var data = Data()
        for field in [String(sequence), String(recordedAt), event.actor.role.rawValue, event.actor.id, event.action, event.subject, event.previousValue, event.newValue] {
            guard let field else { data.append(contentsOf: "-".utf8); continue }
            data.append(contentsOf: "\(field.utf8.count):\(field)".utf8)
        }
        return data
    }

    @Test("an untouched log verifies and reports its head")
    func intact() {
        let entries = log(5)
        let result = AuditChain.verify(entries, key: key)
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
        let problem = AuditChain.verify(entries, key: key).firstProblem
        #expect(problem?.kind == .changed)
        #expect(problem?.sequence == 3)
    }

    @Test("a removed entry is found")
    func removed() {
        var entries = log(5)
        entries.remove(at: 1)
        #expect(AuditChain.verify(entries, key: key).firstProblem == AuditProblem(kind: .missing, sequence: 3, expectedSequence: 2))
    }

    @Test("reordered entries are found")
    func reordered() {
        var entries = log(5)
        entries.swapAt(1, 3)
        #expect(AuditChain.verify(entries, key: key).firstProblem?.kind == .missing)
        // Renumbering to hide the swap breaks the links instead.
        let renumbered = entries.enumerated().map { index, entry in
            AuditEntry(sequence: Int64(index + 1), recordedAt: entry.recordedAt, event: entry.event, previousHash: entry.previousHash, hash: entry.hash)
        }
        #expect(AuditChain.verify(renumbered, key: key).firstProblem?.kind == .brokenLink)
    }

    @Test("fields cannot be shifted between one another without changing the hash")
    func canonicalForm() {
        let a = AuditChain.seal(AuditEvent(actor: assessor, action: "ab", subject: "c", previousValue: nil, newValue: nil), after: nil, at: 0, key: key)
        let b = AuditChain.seal(AuditEvent(actor: assessor, action: "a", subject: "bc", previousValue: nil, newValue: nil), after: nil, at: 0, key: key)
        let c = AuditChain.seal(AuditEvent(actor: assessor, action: "a", subject: "bc", previousValue: "", newValue: nil), after: nil, at: 0, key: key)
        #expect(a.hash != b.hash)
        #expect(b.hash != c.hash)
    }

    @Test("a log rewritten without the key is found: an entry changed and every hash after it recomputed, with SHA-256 or another key")
    func rewrittenWithoutTheKey() {
        let entries = log(5)
        let plain = AuditChain.verify(unkeyed(entries, replacing: 2, with: "{\"n\":99}"), key: key)
        #expect(plain.firstProblem == AuditProblem(kind: .unkeyed, sequence: 3, expectedSequence: 3))
        // The whole log rewritten in the plain form has no keyed entry left to betray it but its end.
        let whole = AuditChain.verify(unkeyed(entries, replacing: 0, with: "{\"n\":99}"), key: key)
        #expect(whole.firstProblem?.kind == .unkeyedTail)
        // Rewritten with a key of the forger's own.
        let other = try! AuditKey(bytes: Array(repeating: UInt8(8), count: 32))
        #expect(AuditChain.verify(log(5, key: other), key: key).firstProblem == AuditProblem(kind: .changed, sequence: 1, expectedSequence: 1))
    }

    @Test("entries from before the store had a key verify as a plain chain, once, before the keyed ones")
    func keyedAfterLegacy() {
        var entries = unkeyed(log(3), replacing: 0, with: "{\"n\":0}")
        entries.append(AuditChain.seal(event(3), after: (entries[2].sequence, entries[2].hash), at: 1_764_000_000_003, key: key))
        let result = AuditChain.verify(entries, key: key)
        #expect(result.isIntact)
        #expect(result.entriesChecked == 4)
        #expect(result.unkeyedEntries == 3)
    }

    @Test("a key is at least 32 bytes")
    func shortKey() {
        #expect(throws: CaseworkError.self) { try AuditKey(bytes: Array(repeating: UInt8(1), count: 31)) }
        #expect(AuditKey.generate().bytes.count == 32)
        #expect(AuditKey.generate().bytes != AuditKey.generate().bytes)
    }

    @Test("anchors find a log cut short or rewritten; an anchor file with a line that is not an anchor is refused with its line")
    func anchors() throws {
        let entries = log(5)
        let anchors = [entries[1], entries[4]].map { AuditAnchor(sequence: $0.sequence, hash: $0.hash, writtenAt: "2026-12-03T10:00:00Z") }
        let read = try AuditAnchor.parse(anchors.map(\.line).joined(), file: "audit.anchor")
        #expect(read == anchors)
        let all = Dictionary(uniqueKeysWithValues: entries.map { ($0.sequence, $0.hash) })
        #expect(AuditAnchor.check(read, against: all) == nil)
        #expect(AuditAnchor.check(read, against: all.filter { $0.key <= 4 }) == .cut(anchors[1]))
        #expect(AuditAnchor.check(read, against: all.merging([2: Data(count: 32)]) { $1 }) == .rewritten(anchors[0]))
        #expect(throws: CaseworkError.invalid(field: "audit.anchor:2", message: "This line is not an audit anchor (sequence, hash, time).")) {
            try AuditAnchor.parse(anchors[0].line + "5 nothex 2026\n", file: "audit.anchor")
        }
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
