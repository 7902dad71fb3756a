import CSystemd
import Glibc

/// Sockets passed in by systemd socket activation (`articled.socket`).
public enum ListenFDs {
    /// The first descriptor systemd passes (`SD_LISTEN_FDS_START`).
    public static let start: Int32 = 3

    /// Takes the descriptors systemd passed with `LISTEN_FDS`, via `sd_listen_fds(1)`: it checks `LISTEN_PID`, sets
    /// close-on-exec, and unsets the variables so that child processes do not think the sockets are theirs.
    /// - Returns: The descriptors, starting at 3; empty when the daemon was not socket-activated.
    /// - Throws: ``SystemdError/listenFDs(errno:)`` when the variables are present but malformed.
    public static func take() throws(SystemdError) -> [Int32] {
        let count = sd_listen_fds(1)
        if count < 0 { throw .listenFDs(errno: -count) }
        return (0..<count).map { start + $0 }
    }

    /// Whether `fd` is a listening `AF_UNIX` stream socket (`sd_is_socket_unix`), the only kind the status
    /// server can serve.
    public static func isListeningUnixStreamSocket(_ fd: Int32) -> Bool {
        sd_is_socket_unix(fd, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0
    }
}
