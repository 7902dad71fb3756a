import Glibc

/// A datagram socket standing in for systemd's notify socket: bound in a fresh temporary folder and named by
/// `NOTIFY_SOCKET` while it is open.
final class FakeNotifySocket {
    let directory: String
    let path: String
    private let fd: Int32

    init() throws {
        var template = Array("/tmp/articled-notify-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw TestFailure("mkdtemp: errno \(errno)") }
        self.directory = String(cString: dir)
        self.path = self.directory + "/notify.sock"
        self.fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(self.path.utf8)
            raw.copyBytes(from: bytes)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(self.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw TestFailure("bind \(self.path): errno \(errno)") }
        setenv("NOTIFY_SOCKET", self.path, 1)
    }

    /// The next message, or nil when none arrives before `timeout`. Polls without blocking a thread of the
    /// cooperative pool, which the code under test needs to make progress.
    func receive(timeout: Duration = .seconds(2)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(self.fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count >= 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// All messages that arrive within `window`.
    func drain(for window: Duration) async -> [String] {
        var messages: [String] = []
        let deadline = ContinuousClock.now + window
        while ContinuousClock.now < deadline, let message = await self.receive(timeout: deadline - ContinuousClock.now)
        {
            messages.append(message)
        }
        return messages
    }

    deinit {
        unsetenv("NOTIFY_SOCKET")
        close(self.fd)
        unlink(self.path)
        rmdir(self.directory)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
