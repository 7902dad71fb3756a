import Glibc
import PosixSupport

/// Why the status server could not start, with the call, errno and path an operator needs to fix it.
public enum StatusServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call on the socket failed.
    case socketCall(SystemCallError)

    /// A failing call on the socket, from its parts.
    public static func socketCall(call: String, path: String, errno: Int32) -> StatusServerError {
        .socketCall(SystemCallError(call: call, path: "status socket " + path, errno: errno))
    }
    /// The socket path does not fit in `sockaddr_un` (107 bytes).
    case pathTooLong(path: String)
    /// Something other than a socket is in the way at the socket path; it is left alone.
    case notASocket(path: String)
    /// Another process answers on the socket path: probably another articled.
    case alreadyInUse(path: String)
    /// The descriptor handed over by socket activation is not a listening Unix stream socket.
    case unusableAdoptedDescriptor(fd: Int32)

    public var description: String {
        switch self {
        case .socketCall(let failure):
            return failure.description
        case .pathTooLong(let path):
            return "status socket path is longer than 107 bytes: \(path)"
        case .notASocket(let path):
            return "\(path) exists and is not a socket; refusing to replace it"
        case .alreadyInUse(let path):
            return "another process is listening on \(path); is articled already running?"
        case .unusableAdoptedDescriptor(let fd):
            return "descriptor \(fd) from socket activation is not a listening Unix stream socket"
        }
    }
}
