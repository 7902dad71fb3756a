import ArticledTestSupport
import Foundation
import Glibc
import Testing

@testable import SystemdSupport

/// Socket activation for real: `systemd-socket-activate` binds a socket and starts this test binary again with
/// LISTEN_FDS/LISTEN_PID set, running only ``childTakesTheActivatedSocket()``.
@Suite struct ListenFDsTests {
    static let childMarker = "ARTICLED_LISTEN_FDS_CHILD"

    @Test func withoutActivationThereAreNoDescriptors() throws {
        guard getenv("LISTEN_FDS") == nil else { return }
        #expect(try ListenFDs.take().isEmpty)
    }

    /// Runs only in the child started by ``aSocketPassedBySystemdIsTaken()``.
    @Test func childTakesTheActivatedSocket() throws {
        guard getenv(Self.childMarker) != nil else { return }
        let fds = try ListenFDs.take()
        #expect(fds == [3])
        #expect(ListenFDs.isListeningUnixStreamSocket(3))
        // Taken means gone from the environment, so that processes we start do not think the socket is theirs.
        #expect(getenv("LISTEN_FDS") == nil)
        #expect(fcntl(3, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate")))
    func aSocketPassedBySystemdIsTaken() async throws {
        var template = Array("/tmp/articled-listenfds-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/activated.sock"
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")

        let outputPath = directory + "/child.out"
        let child = try ChildProcess(
            "/usr/bin/systemd-socket-activate",
            [
                "--listen=\(path)", "--setenv=\(Self.childMarker)=1", testBinary,
                "--testing-library", "swift-testing", "--filter", "childTakesTheActivatedSocket",
            ],
            stdout: .appending(outputPath),
            stderr: .appending(outputPath)
        )
        defer {
            if child.isRunning { kill(child.pid, SIGKILL) }
            child.wait()
        }

        // systemd-socket-activate starts the program on the first connection, as systemd would.
        // Generous: on a loaded 2-core machine starting the helper and the test binary can take many seconds.
        let deadline = ContinuousClock.now + .seconds(30)
        var connected = false
        while !connected && ContinuousClock.now < deadline {
            connected = Self.connect(path)
            if !connected { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(connected)
        while child.isRunning && ContinuousClock.now < deadline + .seconds(50) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        #expect(child.terminationStatus == 0, "\(text)")
        #expect(text.contains("childTakesTheActivatedSocket() passed"), "\(text)")
    }

    /// Connects and leaves the connection open (the child never accepts it); true once the socket exists.
    static func connect(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if result != 0 { close(fd) }
        return result == 0
    }
}
