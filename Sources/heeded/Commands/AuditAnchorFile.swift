// The audit anchor file: the log's head, appended from time to time by `heeded serve`, read by `heeded audit verify`.
import Casework
import Foundation
import Store

/// An append-only file of `AuditAnchor` lines. Point it at storage the database's users cannot rewrite (another
/// machine's share, an append-only mount, a log shipper's input): an anchor beside the database can be cut
/// with it.
struct AuditAnchorFile {
    let url: URL

    /// Appends the store's head unless it is the head last written; each line is synced to disk.
    func anchor(_ store: SQLiteCaseStore, after last: Int64?) async throws -> Int64? {
        guard let head = try await store.auditHead(), head.sequence != last else { return last }
        let anchor = AuditAnchor(sequence: head.sequence, hash: head.hash, writtenAt: Date().formatted(.iso8601))
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(anchor.line.utf8))
        try handle.synchronize()
        return head.sequence
    }

    /// Every anchor in the file; a missing file has none.
    func anchors() throws -> [AuditAnchor] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try AuditAnchor.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self), file: url.path)
    }
}
