import Glibc

/// A libsystemd call that failed, with the errno it returned, so an operator can tell a missing socket from a
/// permission problem.
public enum SystemdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `sd_notify` could not deliver `state` to the socket named by `NOTIFY_SOCKET`.
    case notify(state: String, socket: String?, errno: Int32)
    /// `sd_journal_sendv` could not hand an entry to journald.
    case journalSend(errno: Int32)
    /// `sd_listen_fds` found `LISTEN_FDS` but could not take the descriptors.
    case listenFDs(errno: Int32)

    public var description: String {
        switch self {
        case .notify(let state, let socket, let errno):
            let first = state.split(separator: "\n").first.map(String.init) ?? state
            return "sd_notify(\(first)) to \(socket ?? "<NOTIFY_SOCKET unset>") failed: \(Self.describe(errno))"
        case .journalSend(let errno):
            return "sd_journal_sendv failed: \(Self.describe(errno))"
        case .listenFDs(let errno):
            return "sd_listen_fds failed: \(Self.describe(errno))"
        }
    }

    static func describe(_ errno: Int32) -> String {
        "\(String(cString: strerror(errno))) (errno \(errno))"
    }
}
