// Email from Heeded: only the one-time link to set a forgotten password, sent through the council's own mail relay.
import Foundation

/// One plain-text email.
public struct MailMessage: Sendable, Hashable {
    public let to: String
    public let subject: String
    public let body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sends email; the server is given one when the council has a relay (`heeded serve --smtp`), tests a recorder.
public protocol MailSender: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Hands each message to an SMTP relay with curl, which speaks SMTP so Heeded need not: `smtps://relay:465` (TLS
/// from the start) or `smtp://relay:25`, upgraded with STARTTLS unless `requireTLS` is off (a relay on the same
/// machine), since the message carries a link that sets a password.
public struct SMTPRelay: MailSender {
    public let url: String
    public let from: String
    public let requireTLS: Bool

    public init(url: String, from: String, requireTLS: Bool = true) {
        self.url = url
        self.from = from
        self.requireTLS = requireTLS
    }

    public struct Failed: Error, CustomStringConvertible {
        public let status: Int32
        public var description: String { "the mail relay did not take the message (curl exited \(status))" }
    }

    public func send(_ message: MailMessage) async throws {
        let text = [
            "From: \(from)", "To: \(message.to)", "Subject: \(message.subject)", "Date: \(Self.date())",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "",
            message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"),
        ].joined(separator: "\r\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "--silent", "--show-error", "--max-time", "30", "--url", url, "--mail-from", from, "--mail-rcpt", message.to, "--upload-file", "-"]
            + (requireTLS ? ["--ssl-reqd"] : [])
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            input.fileHandleForWriting.write(Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        guard status == 0 else { throw Failed(status: status) }
    }

    private static func date() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }
}
