import Glibc

/// One daemon per state folder: an exclusive `flock` on `STATE/.lock`, taken before recovery and held for the
/// life of the process (the kernel drops it when the process ends, however it ends, so a crash never leaves a
/// stale lock behind). Two daemons on one state folder would record every file twice and break the chain, and a
/// second one's recovery could cut the first one's batch before its fdatasync.
final class StateLock: Sendable {
    private let fd: Int32
    let path: String

    /// Takes the lock or throws `DaemonStartError.alreadyRunning` naming the holder's pid when it is known.
    init(state: String) throws(DaemonStartError) {
        path = state + "/.lock"
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .lockFile(path: path, errno: errno) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            let holder = Self.readPID(fd)
            Glibc.close(fd)
            if failure == EWOULDBLOCK { throw .alreadyRunning(state: state, pid: holder) }
            throw .lockFile(path: path, errno: failure)
        }
        self.fd = fd
        // The pid is for the second instance's message only; the lock itself is the flock.
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { Glibc.close(fd) }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n].filter { (48...57).contains($0) }, as: UTF8.self))
    }
}
