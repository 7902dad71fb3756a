import ArticleLog
import Glibc

/// Failures of the daemon's own file handling (not of a dropped file, which becomes a `rejected` record).
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed on a path the daemon needs.
    case system(call: String, path: String, errno: Int32)
    /// The daemon is shutting down and takes no more work.
    case closed

    public var description: String {
        switch self {
        case .system(let call, let path, let errno):
            return "\(call) failed on \(path): \(String(cString: strerror(errno))) (errno \(errno))"
        case .closed:
            return "the daemon is shutting down"
        }
    }
}

extension IngestError {
    /// The same failure, reported by the log's directory helpers.
    init(_ error: LogError) {
        if case .system(let call, let path, let errno) = error {
            self = .system(call: call, path: path, errno: errno)
        } else {
            self = .system(call: "\(error)", path: "", errno: 0)
        }
    }
}
