import Glibc

/// A small blocking HTTP/1.1 client for the status socket, for `articled status` and for tests; it needs no event
/// loop, so a command-line tool can use it before anything else starts.
public enum StatusClient {
    /// Why a request to the daemon failed, worded for the operator who ran `articled status`.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A system call failed; `errno` tells whether the daemon is down, the path wrong, or access denied.
        case call(String, path: String, errno: Int32)
        /// The socket path does not fit in `sockaddr_un`.
        case pathTooLong(path: String)
        /// The daemon sent something that is not an HTTP response.
        case malformedResponse(path: String)

        /// Whether the failure means that no daemon is listening (as opposed to a refusal or a broken reply).
        public var daemonNotRunning: Bool {
            if case .call("connect", _, let errno) = self { return errno == ENOENT || errno == ECONNREFUSED }
            return false
        }

        public var description: String {
            switch self {
            case .call("connect", let path, ENOENT):
                return "articled is not running: no status socket at \(path)"
            case .call("connect", let path, ECONNREFUSED):
                return "articled is not running: nothing listens on \(path)"
            case .call("connect", let path, EACCES):
                return "permission denied on \(path): run as root or as a member of the articled group"
            case .call(let call, let path, let errno):
                return "\(call) on \(path) failed: \(String(cString: strerror(errno))) (errno \(errno))"
            case .pathTooLong(let path):
                return "status socket path is longer than 107 bytes: \(path)"
            case .malformedResponse(let path):
                return "the daemon at \(path) sent a malformed HTTP response"
            }
        }
    }

    /// Sends `GET path` to the daemon at `socketPath` and returns the status code and body.
    /// - Parameter timeout: For connecting, sending and receiving each.
    public static func get(
        socketPath: String,
        path: String,
        timeout: Duration = .seconds(5)
    ) throws(Failure) -> (status: Int, body: String) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .pathTooLong(path: socketPath)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }

        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .call("socket", path: socketPath, errno: errno) }
        defer { close(fd) }
        let (seconds, attoseconds) = timeout.components
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))

        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw .call("connect", path: socketPath, errno: errno) }

        let request = Array(
            "GET \(path) HTTP/1.1\r\nHost: localhost\r\nUser-Agent: articled\r\nConnection: close\r\n\r\n".utf8
        )
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .call("send", path: socketPath, errno: errno) }
            sent += n
        }

        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .call("recv", path: socketPath, errno: errno) }
            if n == 0 { break }
            response.append(contentsOf: chunk[..<n])
        }
        guard let parsed = Self.parse(response) else { throw .malformedResponse(path: socketPath) }
        return parsed
    }

    /// Splits a `Connection: close` response into status code and body.
    static func parse(_ response: [UInt8]) -> (status: Int, body: String)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = response.firstRange(of: separator) else { return nil }
        let head = String(decoding: response[..<headEnd.lowerBound], as: UTF8.self)
        let statusLine = head.prefix { !$0.isNewline }.split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            return nil
        }
        return (status, String(decoding: response[headEnd.upperBound...], as: UTF8.self))
    }
}
