// `heeded serve` told to stop (SIGTERM, as a service manager or a container runtime does) while parents are
// sending requests: it stops taking new ones, finishes those in flight, and exits 0, and no request it
// acknowledged is lost.
import Foundation
import Glibc
import Synchronization
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("heeded serve stops cleanly")
struct ShutdownTests {
    /// A needs request the API accepts, as a parent's app would send it.
    static let request = Data(#"""
        {"answers": {"requester_name": "Rhian Marchbank", "relationship": "mother", "has_parental_responsibility": "yes",
         "aged_18_or_over": true, "contact_email": "rhian@example.org", "preferred_contact": "email",
         "child_name": "Quillon Marchbank", "child_dob": "2018-05-04", "child_address": "4 Penhallow Row, Kittering",
         "child_postcode": "KT4 9ZZ", "areas_affected": ["COMM", "LD"], "enough_sleep": false, "caring_affects_health": "a-lot",
         "want_parent_carer_assessment": "yes", "requests_made": ["assessment"], "urgency": "routine",
         "consent_to_assessment": true, "privacy_notice_acknowledged": true}}
        """#.utf8)

    enum Outcome: Sendable {
        /// Answered 201 with the case's id.
        case acknowledged(String)
        /// Answered whole, but not 201 (a 503 while stopping is fair).
        case answered(Int)
        /// Not taken: the connection was refused, or closed before a byte of answer.
        case notTaken
        /// Part of an answer, then the connection closed: what must never happen.
        case cut(String)
    }

    /// One request on its own connection, read to the end. A plain socket rather than URLSession, so that "closed
    /// before a byte of answer" (not taken) and "closed partway through one" (cut) are told apart.
    static func send(port: Int, _ request: [UInt8]) -> Outcome {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return .cut("no socket: \(errno)") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return .notTaken }
        var sent = 0
        while sent < request.count {
            let wrote = request[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard wrote > 0 else { return .notTaken }
            sent += wrote
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let read = recv(socket, &buffer, buffer.count, 0)
            if read > 0 { answer += buffer[0..<read]; continue }
            if read < 0 && answer.isEmpty && errno == ECONNRESET { return .notTaken }
            if read < 0 { return .cut("error \(errno) after \(answer.count) bytes") }
            break
        }
        if answer.isEmpty { return .notTaken }
        let text = String(decoding: answer, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n"), let status = Int(text.dropFirst(9).prefix(3)) else { return .cut("no whole head: \(text.prefix(200))") }
        let head = text[..<split.lowerBound].lowercased()
        let body = text[split.upperBound...]
        if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
           let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)), body.utf8.count != length {
            return .cut("\(body.utf8.count) of \(length) bytes of body")
        }
        guard status == 201 else { return .answered(status) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], let id = object["caseId"] as? String else {
            return .cut("a 201 without a whole body: \(body.prefix(200))")
        }
        return .acknowledged(id)
    }

    static func server(_ data: URL, port: Int) throws -> Process {
        let server = Process()
        server.executableURL = HeededProcess.executable
        server.arguments = [
            "serve", "--demo", "--demo-families", "1", "--data-dir", data.path, "--port", String(port), "--needs-requests-per-hour", "0",
        ]
        server.currentDirectoryURL = HeededProcess.repositoryRoot
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return server
    }

    @Test("SIGTERM under load: requests in flight are answered, the server exits 0, and every acknowledged request is in the store")
    func sigtermUnderLoad() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("heeded-shutdown-\(UUID())")
        defer { try? FileManager.default.removeItem(at: data) }
        let port = Int.random(in: 20_000..<40_000)
        let base = "http://127.0.0.1:\(port)"
        let server = try Self.server(data, port: port)
        #expect(await HeededProcess.answersHealth(port: port))

        var tokenRequest = URLRequest(url: URL(string: base + "/api/tokens")!)
        tokenRequest.httpMethod = "POST"
        tokenRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        tokenRequest.httpBody = Data(#"{"email":"parent@demo.heeded.invalid","password":"heeded-demo-password"}"#.utf8)
        let (tokenBody, _) = try await URLSession.shared.data(for: tokenRequest)
        let token = try #require((try JSONSerialization.jsonObject(with: tokenBody) as? [String: Any])?["token"] as? String)

        // A connection a request: a request cannot be caught on an idle keep-alive connection as it closes.
        let submit = Array((
            "POST /api/needs-requests HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(token)\r\nConnection: close\r\nContent-Length: \(Self.request.count)\r\n\r\n"
        ).utf8) + Array(Self.request)

        // Eight parents' apps sending one request after another, on threads of their own (the sockets block), and
        // SIGTERM two seconds in.
        let serverID = server.processIdentifier
        let outcomes: [Outcome] = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                let collected = Mutex<[Outcome]>([])
                let clients = DispatchGroup()
                for _ in 0..<8 {
                    clients.enter()
                    Thread {
                        var outcomes: [Outcome] = []
                        sending: while true {
                            let outcome = Self.send(port: port, submit)
                            outcomes.append(outcome)
                            switch outcome {
                            case .notTaken, .cut: break sending
                            case .acknowledged, .answered: continue
                            }
                        }
                        collected.withLock { $0 += outcomes }
                        clients.leave()
                    }.start()
                }
                Thread.sleep(forTimeInterval: 2)
                kill(serverID, SIGTERM)
                clients.wait()
                done.resume(returning: collected.withLock { $0 })
            }
        }
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0, "stopped by SIGTERM, it exits 0")

        let acknowledged = outcomes.compactMap { if case .acknowledged(let id) = $0 { id } else { nil } }
        let cut = outcomes.compactMap { if case .cut(let why) = $0 { why } else { nil } }
        #expect(acknowledged.count >= 10, "too few requests before the stop to prove anything: \(acknowledged.count)")
        #expect(cut.isEmpty, "no request is cut mid-answer: \(cut)")

        // Every acknowledged request is in the store, and the audit log is whole.
        let verify = try HeededProcess.run(["audit", "verify", "--data-dir", data.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let again = try Self.server(data, port: port)
        defer { again.terminate(); again.waitUntilExit() }
        #expect(await HeededProcess.answersHealth(port: port))
        var read = URLRequest(url: URL(string: base + "/api/cases/x")!)
        read.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        var missing: [String] = []
        for id in acknowledged {
            read.url = URL(string: base + "/api/cases/\(id)")!
            let (_, response) = try await URLSession.shared.data(for: read)
            if (response as? HTTPURLResponse)?.statusCode != 200 { missing.append(id) }
        }
        #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged requests are not in the store")
    }
}
