// The hash chain over the audit log: how an entry is sealed, and how the whole log is checked.
import Crypto
import Foundation

/// Seals audit entries into a chain and verifies it. Any store uses these, so a log written by SQLite and one
/// written by PostgreSQL verify the same way.
///
/// Each entry's hash is HMAC-SHA256(audit key, previous hash ‖ canonical entry). The canonical form is every
/// field, each prefixed by its length in bytes, so no two different entries share a form ("ab"+"c" vs "a"+"bc").
/// Changing an entry breaks its hash, and without the key nobody can compute a new one; removing or reordering
/// entries breaks the sequence and the links. Removing the newest entries leaves a shorter valid chain: compare
/// `AuditVerification.head` with a copy kept elsewhere (`AuditAnchor`).
///
/// Entries written before a store had a key were hashed with plain SHA-256 (`AuditEntry.keyed` false). They are
/// accepted only before the first keyed entry, and a log must end with a keyed one, so a log rewritten with plain
/// hashes from some entry on does not verify.
public enum AuditChain {
    public static let genesis = Data(repeating: 0, count: 32)

    /// The entry for an event appended after `previous` (nil for the first entry).
    public static func seal(
        _ event: AuditEvent, after previous: (sequence: Int64, hash: Data)?, at recordedAt: Int64, key: AuditKey
    ) -> AuditEntry {
        let sequence = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? genesis
        let hash = hashOf(sequence: sequence, recordedAt: recordedAt, event: event, previousHash: previousHash, key: key)
        return AuditEntry(sequence: sequence, recordedAt: recordedAt, event: event, previousHash: previousHash, hash: hash)
    }

    /// The entry's hash: keyed, or (for `key` nil) the plain SHA-256 of entries written before there was a key.
    static func hashOf(sequence: Int64, recordedAt: Int64, event: AuditEvent, previousHash: Data, key: AuditKey?) -> Data {
        var canonical = Data()
        func field(_ text: String?) {
            guard let text else {
                canonical.append(contentsOf: "-".utf8)
                return
            }
            let bytes = Array(text.utf8)
            canonical.append(contentsOf: "\(bytes.count):".utf8)
            canonical.append(contentsOf: bytes)
        }
        field(String(sequence))
        field(String(recordedAt))
        field(event.actor.role.rawValue)
        field(event.actor.id)
        field(event.action)
        field(event.subject)
        field(event.previousValue)
        field(event.newValue)
        if let key { return key.authenticate(previousHash, canonical) }
        var hasher = SHA256()
        hasher.update(data: previousHash)
        hasher.update(data: canonical)
        return Data(hasher.finalize())
    }

    /// Checks entries one at a time, in the order the store holds them, so a long log needs no memory.
    public struct Verifier: Sendable {
        private let key: AuditKey
        private var expectedSequence: Int64 = 1
        private var previousHash = AuditChain.genesis
        private var lastKeyed = false
        public private(set) var checked: Int64 = 0
        public private(set) var unkeyed: Int64 = 0
        public private(set) var firstProblem: AuditProblem?

        public init(key: AuditKey) { self.key = key }

        /// Checks the next entry; after the first problem the rest are not checked.
        public mutating func check(_ entry: AuditEntry) {
            guard firstProblem == nil else { return }
            if entry.sequence != expectedSequence {
                let kind: AuditProblem.Kind = entry.sequence > expectedSequence ? .missing : .outOfOrder
                firstProblem = AuditProblem(kind: kind, sequence: entry.sequence, expectedSequence: expectedSequence)
                return
            }
            if entry.previousHash != previousHash {
                firstProblem = AuditProblem(kind: .brokenLink, sequence: entry.sequence, expectedSequence: expectedSequence)
                return
            }
            if !entry.keyed && lastKeyed {
                firstProblem = AuditProblem(kind: .unkeyed, sequence: entry.sequence, expectedSequence: expectedSequence)
                return
            }
            let recomputed = AuditChain.hashOf(
                sequence: entry.sequence, recordedAt: entry.recordedAt, event: entry.event, previousHash: entry.previousHash,
                key: entry.keyed ? key : nil)
            if recomputed != entry.hash {
                firstProblem = AuditProblem(kind: .changed, sequence: entry.sequence, expectedSequence: expectedSequence)
                return
            }
            previousHash = entry.hash
            lastKeyed = entry.keyed
            expectedSequence += 1
            checked += 1
            if !entry.keyed { unkeyed += 1 }
        }

        /// The outcome so far; a log whose last entry is not keyed fails here, since every store keys its log
        /// (with an `audit.keyed` entry) when it first opens with a key.
        public var result: AuditVerification {
            var problem = firstProblem
            if problem == nil, checked > 0, !lastKeyed {
                problem = AuditProblem(kind: .unkeyedTail, sequence: expectedSequence - 1, expectedSequence: expectedSequence - 1)
            }
            return AuditVerification(entriesChecked: checked, unkeyedEntries: unkeyed, head: checked > 0 ? previousHash : nil, firstProblem: problem)
        }
    }

    /// Verifies a whole sequence of entries.
    public static func verify(_ entries: some Sequence<AuditEntry>, key: AuditKey) -> AuditVerification {
        var verifier = Verifier(key: key)
        for entry in entries {
            verifier.check(entry)
            if verifier.firstProblem != nil { break }
        }
        return verifier.result
    }
}

/// The outcome of checking the audit log.
public struct AuditVerification: Sendable, Hashable {
    /// Entries that verified before any problem.
    public let entriesChecked: Int64
    /// How many of them were written before the store had a key (plain SHA-256): they show that nobody changed
    /// them by chance, not that nobody rewrote them.
    public let unkeyedEntries: Int64
    /// The last good entry's hash: keep it elsewhere to detect the newest entries being removed.
    public let head: Data?
    public let firstProblem: AuditProblem?

    public var isIntact: Bool { firstProblem == nil }
}

/// The first entry where the chain fails.
public struct AuditProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The entry's content does not match its hash: it was changed after it was written.
        case changed
        /// The entry does not link to the one before it.
        case brokenLink = "broken-link"
        /// Entries before this one are gone.
        case missing
        /// The entry appears where an earlier sequence number belongs.
        case outOfOrder = "out-of-order"
        /// The entry is hashed without the key, after keyed entries: a rewritten tail.
        case unkeyed
        /// The log ends with an entry hashed without the key: rewritten, or never opened with a key.
        case unkeyedTail = "unkeyed-tail"
    }

    public let kind: Kind
    public let sequence: Int64
    public let expectedSequence: Int64

    public init(kind: Kind, sequence: Int64, expectedSequence: Int64) {
        self.kind = kind
        self.sequence = sequence
        self.expectedSequence = expectedSequence
    }

    public var description: String {
        switch kind {
        case .changed: "entry \(sequence) has been changed since it was written (its hash no longer matches)"
        case .brokenLink: "entry \(sequence) does not follow entry \(sequence - 1) (the chain link is broken: an entry was replaced or reordered)"
        case .missing: "entry \(expectedSequence) is missing (found entry \(sequence) in its place)"
        case .outOfOrder: "entry \(sequence) is out of order (expected entry \(expectedSequence))"
        case .unkeyed: "entry \(sequence) is hashed without the audit key, after entries that were keyed (it was written outside Heeded)"
        case .unkeyedTail: "the log ends at entry \(sequence) with an entry hashed without the audit key (the log was rewritten, or this store never opened with its key)"
        }
    }
}
