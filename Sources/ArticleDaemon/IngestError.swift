import ArticleLog
import Glibc

/// Failures of the daemon's own file handling (not of a dropped file, which becomes a `rejected` record).
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed on a path the daemon needs.
    case system(call: String, path: String, errno: Int32)
    /// The daemon is shutting down and takes no more work.
    case closed
    /// A directory operation shared with the log failed (creating or syncing a folder).
    case directory(LogError)

    public var description: String {
        switch self {
        case .system(let call, let path, let errno):
            return "\(call) failed on \(path): \(String(cString: strerror(errno))) (errno \(errno))"
        case .closed:
            return "the daemon is shutting down"
        case .directory(let error):
            return error.description
        }
    }
}
