import Foundation
import Glibc
import Testing

@testable import StatusServer

/// One user holding idle connections must not shut out another. The tests run as one real user, so the server is
/// told each client's uid by a stand-in for SO_PEERCRED that reads it from the address the client bound its own
/// socket to ("…-uid2000.sock").
struct PerUserLimitTests {
    static let credentialsFromClientAddress: StatusServer.CredentialsProvider = { channel in
        let address = channel.remoteAddress?.pathname ?? ""
        let uid = address.split(separator: "-uid").last.flatMap { uid_t($0.dropLast(".sock".count)) } ?? 1
        return PeerCredentials(pid: 1, uid: uid, gid: getegid())
    }

    /// Connects to `socketPath` from a socket bound to `clientPath`, so that the server sees that address.
    static func connect(_ socketPath: String, from clientPath: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        func address(_ path: String) -> sockaddr_un {
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            return address
        }
        var client = address(clientPath)
        var server = address(socketPath)
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let bound = withUnsafePointer(to: &client) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let connected = withUnsafePointer(to: &server) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        guard bound == 0, connected == 0 else {
            close(fd)
            throw TestFailure("bind/connect from \(clientPath): errno \(errno)")
        }
        return fd
    }

    /// Asks for `/health` from a socket bound to `clientPath` and returns the whole response.
    static func health(_ socketPath: String, from clientPath: String) throws -> String {
        let fd = try connect(socketPath, from: clientPath)
        defer { close(fd) }
        let request = Array("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        return readAll(fd, timeout: .seconds(5))
    }

    /// Waits for a condition the server reaches on its own threads, instead of sleeping a guessed time.
    static func waitUntil(_ condition: () -> Bool) async -> Bool {
        let end = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    @Test func aUserHoldingTheirLimitIsRefusedWhileAnotherUserIsAnswered() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        let configuration = StatusServer.Configuration(
            socketPath: path,
            // Idle connections hold their slots at most this long (the server's guarantee); the checks below
            // finish well within it, and the release after the clients close is awaited past it.
            requestTimeout: .seconds(8),
            maxConnectionsPerUser: 3
        )
        try await withServer(configuration, credentials: Self.credentialsFromClientAddress) { server in
            var idle: [Int32] = []
            defer { for fd in idle { close(fd) } }
            for index in 0..<3 { idle.append(try Self.connect(path, from: folder.path + "/idle\(index)-uid1000.sock")) }
            #expect(await Self.waitUntil { server.limiter.openConnections(of: 1000) == 3 })

            let refused = try await offPool { try Self.health(path, from: folder.path + "/more-uid1000.sock") }
            #expect(refused.hasPrefix("HTTP/1.1 503 "))
            #expect(refused.contains("too many connections from your user"))
            #expect(server.connectionsRefusedPerUser == 1)

            let other = try await offPool { try Self.health(path, from: folder.path + "/other-uid2000.sock") }
            #expect(other.hasPrefix("HTTP/1.1 200 "))

            for fd in idle { close(fd) }
            idle = []
            #expect(await Self.waitUntil { server.limiter.openConnections == 0 })
            let again = try await offPool { try Self.health(path, from: folder.path + "/again-uid1000.sock") }
            #expect(again.hasPrefix("HTTP/1.1 200 "))
        }
    }
}
