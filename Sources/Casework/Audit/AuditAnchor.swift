// Anchors: the audit log's head, written from time to time outside the database, to catch a cut or rewritten log.
import Foundation

/// One anchored head: the log had entry `sequence` with this hash when the line was written. Lines read
/// `<sequence> <hash in hex> <time written, ISO 8601>`.
public struct AuditAnchor: Sendable, Hashable {
    public let sequence: Int64
    public let hash: Data
    public let writtenAt: String

    public init(sequence: Int64, hash: Data, writtenAt: String) {
        self.sequence = sequence
        self.hash = hash
        self.writtenAt = writtenAt
    }

    /// The line for the anchor file, ending in a newline.
    public var line: String {
        "\(sequence) \(hash.hexadecimal) \(writtenAt)\n"
    }

    /// Reads an anchor file. A line that is not an anchor is refused with its number: an anchor file someone
    /// has edited is itself a finding.
    public static func parse(_ text: String, file: String) throws(CaseworkError) -> [AuditAnchor] {
        var anchors: [AuditAnchor] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let sequence = Int64(parts[0]), sequence > 0, let hash = Data(hex: parts[1]), hash.count == 32 else {
                throw CaseworkError.invalid(field: "\(file):\(index + 1)", message: "This line is not an audit anchor (sequence, hash, time).")
            }
            anchors.append(AuditAnchor(sequence: sequence, hash: hash, writtenAt: String(parts[2])))
        }
        return anchors
    }

    /// What the log holds against the anchors: `hashes` gives the hash of each anchored sequence the log still
    /// has. The first anchor the log no longer matches is the finding.
    public static func check(_ anchors: [AuditAnchor], against hashes: [Int64: Data]) -> AuditAnchorProblem? {
        for anchor in anchors {
            guard let hash = hashes[anchor.sequence] else { return .cut(anchor) }
            if hash != anchor.hash { return .rewritten(anchor) }
        }
        return nil
    }
}

/// Where the log disagrees with an anchor.
public enum AuditAnchorProblem: Sendable, Hashable, CustomStringConvertible {
    /// The log no longer reaches an entry it had.
    case cut(AuditAnchor)
    /// The entry is there with another hash: the log was rewritten up to it.
    case rewritten(AuditAnchor)

    public var description: String {
        switch self {
        case .cut(let anchor): "entry \(anchor.sequence), anchored at \(anchor.writtenAt), is gone: the log was cut short"
        case .rewritten(let anchor): "entry \(anchor.sequence) no longer has the hash anchored at \(anchor.writtenAt): the log was rewritten"
        }
    }
}

extension Data {
    /// The bytes in lowercase hex.
    public var hexadecimal: String { map { String(format: "%02x", $0) }.joined() }

    /// Bytes from lowercase or uppercase hex; nil for anything else.
    init?(hex: Substring) {
        guard hex.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for character in hex.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        self.init(bytes)
    }
}
