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
        var on: Int32 = 1
        setsockopt(self.fd, SOL_SOCKET, SO_PASSCRED, &on, socklen_t(MemoryLayout<Int32>.size))
        setenv("NOTIFY_SOCKET", self.path, 1)
    }

    /// The next message sent by this process, or nil when none arrives before `timeout`. Polls without blocking a
    /// thread of the cooperative pool, which the code under test needs to make progress.
    ///
    /// Messages from other processes are dropped: daemons that other tests start inherit NOTIFY_SOCKET while it is
    /// set, and their READY=1 or WATCHDOG=1 must not count as ours.
    func receive(timeout: Duration = .seconds(10)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let (pid, message) = self.receiveNow() {
                if pid == getpid() { return message }
                continue
            }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// One waiting datagram and its sender's pid (SCM_CREDENTIALS, enabled by SO_PASSCRED), without waiting.
    private func receiveNow() -> (pid_t, String)? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        // cmsghdr (len, level, type: 16 bytes on 64-bit Linux) followed by struct ucred (pid, uid, gid).
        var control = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { data in
            control.withUnsafeMutableBytes { controlBytes in
                var vector = iovec(iov_base: data.baseAddress, iov_len: data.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var header = msghdr()
                    header.msg_iov = vectorPointer
                    header.msg_iovlen = 1
                    header.msg_control = controlBytes.baseAddress
                    header.msg_controllen = controlBytes.count
                    return recvmsg(self.fd, &header, Int32(MSG_DONTWAIT))
                }
            }
        }
        guard count >= 0 else { return nil }
        let headerSize = MemoryLayout<Int>.size + 2 * MemoryLayout<Int32>.size
        let level = control.withUnsafeBytes { $0.load(fromByteOffset: MemoryLayout<Int>.size, as: Int32.self) }
        let type = control.withUnsafeBytes { $0.load(fromByteOffset: MemoryLayout<Int>.size + 4, as: Int32.self) }
        var pid: pid_t = -1
        // SCM_CREDENTIALS is 2; Swift's Glibc module hides it behind _GNU_SOURCE.
        if level == SOL_SOCKET && type == 2 {
            pid = control.withUnsafeBytes { $0.load(fromByteOffset: headerSize, as: pid_t.self) }
        }
        return (pid, String(decoding: buffer[..<count], as: UTF8.self))
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
