import Foundation
import Glibc
import Logging
import ServiceLifecycleTestKit
import Testing

@testable import StatusServer

/// A status source with fixed answers.
struct FixedSource: StatusSource {
    var state: StatusSnapshot.State = .running
    var lastError: String? = nil

    static func snapshot(state: StatusSnapshot.State, lastError: String?) -> StatusSnapshot {
        StatusSnapshot(
            state: state,
            version: "0.1.0",
            uptimeSeconds: 12.5,
            watch: "/var/spool/articled/incoming",
            counts: .init(articles: 1204, duplicates: 3, rejected: 1),
            queue: 0,
            inFlight: 0,
            lastSeq: 1208,
            lastError: lastError,
            log: .init(bytes: 4096, segments: 1),
            recent: .init()
        )
    }

    func snapshot() async -> StatusSnapshot {
        Self.snapshot(state: self.state, lastError: self.lastError)
    }

    func metricsText() async -> String {
        "# TYPE articled_queue_depth gauge\narticled_queue_depth 0\n"
    }
}

/// A fresh folder other users can traverse (mkdtemp makes 0700), removed by `cleanUp()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        var template = Array("/tmp/articled-status-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw TestFailure("mkdtemp: errno \(errno)") }
        self.path = String(cString: dir)
        chmod(self.path, 0o755)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a blocking call on its own thread, so that waiting for the server never occupies the cooperative pool the
/// server's connection tasks run on.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// Starts a server, waits until it listens, runs `body`, then shuts it down gracefully and waits for `run()`.
/// `credentials`, when given, replaces SO_PEERCRED, to play connections from several users.
func withServer(
    _ configuration: StatusServer.Configuration,
    source: any StatusSource = FixedSource(),
    credentials: StatusServer.CredentialsProvider? = nil,
    _ body: (StatusServer) async throws -> Void
) async throws {
    let (listening, listener) = AsyncStream.makeStream(of: Void.self)
    let server =
        if let credentials {
            StatusServer(
                configuration: configuration,
                source: source,
                logger: Logger(label: "test"),
                onListening: { listener.yield() },
                credentials: credentials
            )
        } else {
            StatusServer(
                configuration: configuration,
                source: source,
                logger: Logger(label: "test"),
                onListening: { listener.yield() }
            )
        }
    try await testGracefulShutdown { trigger in
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var iterator = listening.makeAsyncIterator()
            await iterator.next()
            do {
                try await body(server)
            } catch {
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
                throw error
            }
            trigger.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
}

/// A raw exchange: connects, sends `request` (optionally holding back the end), returns everything received until
/// the server closes or `timeout` passes.
func exchange(socketPath: String, request: [UInt8], timeout: Duration = .seconds(5)) throws -> String {
    let fd = try connectUnix(socketPath)
    defer { close(fd) }
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
    return readAll(fd, timeout: timeout)
}

func connectUnix(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard result == 0 else {
        close(fd)
        throw TestFailure("connect \(path): errno \(errno)")
    }
    return fd
}

/// Reads until EOF or `timeout`.
func readAll(_ fd: Int32, timeout: Duration) -> String {
    let (seconds, attoseconds) = timeout.components
    var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        received.append(contentsOf: buffer[..<n])
    }
    return String(decoding: received, as: UTF8.self)
}

/// A listening socket made the way systemd makes one for socket activation.
func makeListeningSocket(_ path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw TestFailure("bind/listen \(path): errno \(errno)") }
    return fd
}

func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode
}
