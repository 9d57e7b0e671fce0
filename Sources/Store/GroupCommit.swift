// Group commit: many small audited changes share one transaction, and so one fsync, without giving up their own.
import Foundation
import GRDB
import Metrics

/// Runs changes in shared write transactions. Each change runs in its own savepoint, so one that fails is rolled
/// back alone and its caller gets its error; the others commit together. A caller hears back only after the
/// transaction holding its change has committed (or failed, in which case every caller in it hears the error).
///
/// Why: the store syncs the WAL on every commit (`synchronous = FULL`), so a commit costs a disk flush of a few
/// milliseconds, and SQLite has one writer. One transaction per request caps a server at a few hundred requests a
/// second; while a transaction is being written, the requests that arrive wait and then go together in the
/// next. Under light load each change still gets a transaction to itself.
actor GroupCommit {
    private let writer: DatabasePool
    private var pending: [Job] = []
    private var flushing = false
    /// The most changes one transaction takes, so one commit never holds the writer for long.
    private let maximumBatch = 256
    /// How many changes each transaction took, through swift-metrics' facade (made when the store opens, so with the
    /// factory `heeded serve` bootstrapped: a histogram on /metrics).
    private let batchSizes = Recorder(label: "heeded_store_group_commit_batch_size")

    init(writer: DatabasePool) {
        self.writer = writer
    }

    /// A queued change: `run` executes it inside the shared transaction and returns how to report the outcome
    /// once the transaction is over.
    private struct Job: Sendable {
        let run: @Sendable (Database) -> @Sendable (Error?) -> Void
        let fail: @Sendable (Error) -> Void
    }

    /// Runs `change` in a savepoint of the next shared transaction and returns its result once committed.
    func write<T: Sendable>(_ change: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let job = Job(
                run: { db in
                    var result: Result<T, Error>
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try change(db)
                            return .commit
                        }
                        result = .success(value!)
                    } catch {
                        result = .failure(error)
                    }
                    let outcome = result
                    return { commitError in
                        if let commitError { continuation.resume(throwing: commitError) } else { continuation.resume(with: outcome) }
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            pending.append(job)
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            batchSizes.record(batch.count)
            do {
                let finishers = try await writer.write { db in batch.map { $0.run(db) } }
                for finish in finishers { finish(nil) }
            } catch {
                for job in batch { job.fail(error) }
            }
        }
        flushing = false
    }
}
