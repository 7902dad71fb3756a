import Glibc

/// Creates the status socket the daemon binds itself: `socket`, `bind`, `chmod`, `listen`, in that order, so that
/// the socket has its final permissions before any client can connect.
enum ListeningSocket {
    /// A bound, listening socket and the identity of its file, to remove exactly that file on exit.
    struct Bound {
        var fd: Int32
        var device: UInt64
        var inode: UInt64
    }

    static func bind(path: String, mode: mode_t, backlog: Int32 = 64) throws(StatusServerError) -> Bound {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw .pathTooLong(path: path) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }

        try self.removeStaleSocket(path: path, address: address)

        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .socketCall(call: "socket", path: path, errno: errno) }
        do throws(StatusServerError) {
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0 else { throw .socketCall(call: "bind", path: path, errno: errno) }
            guard chmod(path, mode) == 0 else { throw .socketCall(call: "chmod", path: path, errno: errno) }
            var info = stat()
            guard lstat(path, &info) == 0 else { throw .socketCall(call: "lstat", path: path, errno: errno) }
            guard listen(fd, backlog) == 0 else { throw .socketCall(call: "listen", path: path, errno: errno) }
            return Bound(fd: fd, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        } catch {
            close(fd)
            throw error
        }
    }

    /// Removes the file at `path` when it is a socket nobody answers on (left by a crash); refuses to touch
    /// anything else.
    private static func removeStaleSocket(path: String, address: sockaddr_un) throws(StatusServerError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .socketCall(call: "lstat", path: path, errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { throw .socketCall(call: "socket", path: path, errno: errno) }
        defer { close(probe) }
        var address = address
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 { throw .alreadyInUse(path: path) }
        guard unlink(path) == 0 || errno == ENOENT else { throw .socketCall(call: "unlink", path: path, errno: errno) }
    }

    /// Removes the socket file if it is still the one this process bound (a successor may have replaced it).
    static func remove(_ bound: Bound, path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, UInt64(info.st_dev) == bound.device, UInt64(info.st_ino) == bound.inode else {
            return
        }
        unlink(path)
    }
}
