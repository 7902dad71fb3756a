import Glibc

/// Everything that can go wrong with the log on disk. Each case names the failing call, the path and the errno,
/// so that an operator reading the journal knows what to fix (a full disk, a permission, a damaged segment).
public enum LogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call on a log file or directory failed.
    case system(call: String, path: String, errno: Int32)
    /// A complete line in the middle of the log is not a record: the log was damaged or edited.
    case corruptRecord(path: String, line: Int, detail: String)
    /// The records' sequence numbers do not follow each other.
    case sequenceGap(path: String, expected: Int, found: Int)
    /// The writer was closed; no more records are accepted.
    case closed

    public var description: String {
        switch self {
        case .system(let call, let path, let errno):
            return "\(call) failed on \(path): \(String(cString: strerror(errno))) (errno \(errno))"
        case .corruptRecord(let path, let line, let detail):
            return "\(path) line \(line) is not a valid record (\(detail)); run 'articled log verify'"
        case .sequenceGap(let path, let expected, let found):
            return "\(path): expected seq \(expected), found \(found); run 'articled log verify'"
        case .closed:
            return "the log writer is closed"
        }
    }
}
