import Foundation
import Glibc
import Logging
import Testing

@testable import StatusServer

struct StatusServerTests {
    @Test func statusAnswersTheSnapshotAsJSON() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path)) { _ in
            let (status, body) = try await offPool { try StatusClient.get(socketPath: path, path: "/status") }
            #expect(status == 200)
            let snapshot = try JSONDecoder().decode(StatusSnapshot.self, from: Data(body.utf8))
            #expect(snapshot == FixedSource.snapshot(state: .running, lastError: nil))
            #expect(body.contains("\"last_error\":null"))
        }
    }

    @Test func healthIsOKWhileRunning() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path)) { _ in
            let (status, body) = try await offPool { try StatusClient.get(socketPath: path, path: "/health") }
            #expect(status == 200)
            #expect(body == "{\"state\":\"running\"}\n")
        }
    }

    @Test func healthIs503WhenDegraded() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        let source = FixedSource(state: .degraded, lastError: "log: No space left on device")
        try await withServer(.init(socketPath: path), source: source) { _ in
            let (status, body) = try await offPool { try StatusClient.get(socketPath: path, path: "/health") }
            #expect(status == 503)
            #expect(body.contains("\"state\":\"degraded\""))
            #expect(body.contains("No space left on device"))
        }
    }

    @Test func metricsAreServedAsPrometheusText() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path)) { _ in
            let response = try await offPool {
                try exchange(socketPath: path, request: Array("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            }
            #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(response.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
            #expect(response.hasSuffix("articled_queue_depth 0\n"))
        }
    }

    @Test(arguments: [
        ("GET /nope HTTP/1.1\r\n\r\n", "HTTP/1.1 404 "),
        ("POST /status HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405 "),
        ("GET http://localhost/status?x=1 HTTP/1.1\r\n\r\n", "HTTP/1.1 200 "),
        ("BREW /pot\r\n\r\n", "HTTP/1.1 400 "),
    ])
    func requestsAreRouted(request: String, expected: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path)) { _ in
            let response = try await offPool { try exchange(socketPath: path, request: Array(request.utf8)) }
            #expect(response.hasPrefix(expected))
        }
    }

    @Test func anOversizedHeadIsRefusedWith431() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path, maxHeaderBytes: 1024)) { _ in
            let request = "GET /status HTTP/1.1\r\nX-Padding: \(String(repeating: "a", count: 2000))\r\n\r\n"
            let response = try await offPool { try exchange(socketPath: path, request: Array(request.utf8)) }
            #expect(response.hasPrefix("HTTP/1.1 431 "))
        }
    }

    @Test func aSlowClientIsCutOffAtTheRequestTimeout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path, requestTimeout: .milliseconds(200))) { _ in
            let started = ContinuousClock.now
            // Half a request, never finished: the server must close the connection by itself.
            let response = try await offPool {
                try exchange(socketPath: path, request: Array("GET /status HTTP/1.1\r\n".utf8), timeout: .seconds(5))
            }
            #expect(response.isEmpty)
            #expect(ContinuousClock.now - started < .seconds(4))
        }
    }

    @Test func aConnectionBeyondTheLimitGets503() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path, requestTimeout: .seconds(10), maxConnections: 1)) { server in
            // The first connection holds the only slot (it sends nothing); once the server has taken it, the
            // next one is turned away. Waiting for the slot to be taken, not for a while, keeps this true
            // however slow the machine is.
            let idle = try connectUnix(path)
            defer { close(idle) }
            let deadline = ContinuousClock.now + .seconds(30)
            while server.limiter.openConnections < 1 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(server.limiter.openConnections == 1)
            let answered = try await offPool {
                try exchange(socketPath: path, request: Array("GET /status HTTP/1.1\r\n\r\n".utf8))
            }
            #expect(answered.hasPrefix("HTTP/1.1 503 "))
        }
    }

    @Test func theSocketIsCreatedWithMode0660AndRemovedOnShutdown() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path)) { _ in
            let mode = try #require(fileMode(path))
            #expect(mode & S_IFMT == S_IFSOCK)
            #expect(mode & 0o777 == 0o660)
        }
        #expect(fileMode(path) == nil)
    }

    @Test func aStaleSocketFileIsReplaced() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        let stale = try makeListeningSocket(path)
        close(stale)  // The file stays, nobody listens: what a crash leaves behind.
        try await withServer(.init(socketPath: path)) { _ in
            let (status, _) = try await offPool { try StatusClient.get(socketPath: path, path: "/health") }
            #expect(status == 200)
        }
    }

    @Test func aLiveSocketIsNotStolen() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        let live = try makeListeningSocket(path)
        defer { close(live) }
        let server = StatusServer(
            configuration: .init(socketPath: path),
            source: FixedSource(),
            logger: Logger(label: "t")
        )
        await #expect(throws: StatusServerError.alreadyInUse(path: path)) { try await server.run() }
    }

    @Test func aRegularFileInTheWayIsLeftAlone() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep".utf8)))
        let server = StatusServer(
            configuration: .init(socketPath: path),
            source: FixedSource(),
            logger: Logger(label: "t")
        )
        await #expect(throws: StatusServerError.notASocket(path: path)) { try await server.run() }
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }

    @Test func anAdoptedSocketIsServedAndNotUnlinked() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/activated.sock"
        let fd = try makeListeningSocket(path)
        try await withServer(.init(socketPath: path, adoptedDescriptor: fd)) { _ in
            let (status, _) = try await offPool { try StatusClient.get(socketPath: path, path: "/status") }
            #expect(status == 200)
        }
        // The socket belongs to systemd's articled.socket; the file stays for the next activation.
        #expect(fileMode(path).map { $0 & S_IFMT } == S_IFSOCK)
    }

    @Test func theClientSaysWhenTheDaemonIsNotRunning() throws {
        let path = "/nonexistent/articled/status.sock"
        #expect {
            _ = try StatusClient.get(socketPath: path, path: "/status")
        } throws: { error in
            guard let failure = error as? StatusClient.Failure else { return false }
            return failure.daemonNotRunning && failure.description.contains("articled is not running")
        }
    }
}
