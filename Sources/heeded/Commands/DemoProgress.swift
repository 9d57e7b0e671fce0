// A progress line on standard error for long runs: rewritten in place on a terminal, a line now and then otherwise.
import Foundation

/// Reports "12,000 of 100,000 children (24%), 1,230,000 deliveries, 2.1 s" without flooding a log file.
struct ProgressLine {
    let total: Int
    let noun: String
    private let started = Date()
    private var lastShown = Date.distantPast
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(total: Int, noun: String) {
        self.total = total
        self.noun = noun
    }

    mutating func update(_ done: Int, detail: String = "") {
        let now = Date()
        guard done == total || now.timeIntervalSince(lastShown) >= (isTerminal ? 0.2 : 5) else { return }
        lastShown = now
        let percent = total > 0 ? done * 100 / total : 100
        let line = "\(done.formatted()) of \(total.formatted()) \(noun) (\(percent)%)\(detail.isEmpty ? "" : ", " + detail), \(String(format: "%.1f", now.timeIntervalSince(started))) s"
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
