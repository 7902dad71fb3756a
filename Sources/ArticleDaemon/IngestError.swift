import ArticleLog
import Glibc
import PosixSupport

/// Failures of the daemon's own file handling (not of a dropped file, which becomes a `rejected` record).
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed on a path the daemon needs.
    case system(SystemCallError)
    /// The daemon is shutting down and takes no more work.
    case closed
    /// A directory operation shared with the log failed (creating or syncing a folder).
    case directory(LogError)

    /// A failing call on a path the daemon needs, from its parts.
    public static func system(call: String, path: String, errno: Int32) -> IngestError {
        .system(SystemCallError(call: call, path: path, errno: errno))
    }

    public var description: String {
        switch self {
        case .system(let failure):
            return failure.description
        case .closed:
            return "the daemon is shutting down"
        case .directory(let error):
            return error.description
        }
    }
}
