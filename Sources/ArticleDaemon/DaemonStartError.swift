import Glibc

/// Why the daemon would not start, with the exit status each maps to (sysexits.h), so that systemd's
/// `RestartPreventExitStatus=` can stop a restart loop that restarting cannot cure.
public enum DaemonStartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another articled holds the state folder's lock.
    case alreadyRunning(state: String, pid: Int32?)
    /// The lock file could not be opened or locked.
    case lockFile(path: String, errno: Int32)
    /// The folders overlap or are otherwise unusable as configured.
    case folders(String)

    /// EX_TEMPFAIL (75) for a second instance, EX_CONFIG (78) for folders, EX_CANTCREAT (73) for the lock file.
    public var exitStatus: Int32 {
        switch self {
        case .alreadyRunning: 75
        case .lockFile: 73
        case .folders: 78
        }
    }

    public var description: String {
        switch self {
        case .alreadyRunning(let state, let pid):
            let holder = pid.map { " (pid \($0))" } ?? ""
            return "another articled\(holder) is already running on the state folder \(state); "
                + "only one instance may use a state folder"
        case .lockFile(let path, let errno):
            return "cannot lock \(path): \(String(cString: strerror(errno))) (errno \(errno))"
        case .folders(let detail):
            return detail
        }
    }
}
