import Glibc
import PosixSupport

/// Everything that can go wrong with the log on disk. Each case names the failing call, the path and the errno,
/// so that an operator reading the journal knows what to fix (a full disk, a permission, a damaged segment).
public enum LogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call on a log file or directory failed.
    case system(SystemCallError)
    /// A complete line in the middle of the log is not a record: the log was damaged or edited.
    case corruptRecord(path: String, line: Int, detail: String)
    /// A record at or before the head (acknowledged: its original was already moved away) is damaged: a
    /// checksum mismatch, a broken chain, a wrong seq, or not the line the head names. Never cut off.
    case acknowledgedDamage(path: String, line: Int, detail: String)
    /// Acknowledged records are missing: a segment is gone, or the log ends before the head's seq.
    case missingRecords(path: String, detail: String)
    /// `STATE/log.head` exists but holds no whole head.
    case damagedHead(path: String, detail: String)
    /// The writer was closed; no more records are accepted.
    case closed

    /// A failing call on a log file or folder, from its parts.
    public static func system(call: String, path: String, errno: Int32) -> LogError {
        .system(SystemCallError(call: call, path: path, errno: errno))
    }

    public var description: String {
        switch self {
        case .system(let failure):
            return failure.description
        case .corruptRecord(let path, let line, let detail):
            return "\(path) line \(line) is not a valid record (\(detail)); run 'articled log verify'"
        case .acknowledgedDamage(let path, let line, let detail):
            return "\(path) line \(line) is damaged (\(detail)); it was acknowledged, so it is not cut off and the "
                + "daemon will not start: restore the segment from a copy, then run 'articled log verify'"
        case .missingRecords(let path, let detail):
            return "acknowledged records are missing: \(path): \(detail); restore the missing segment from a copy, "
                + "then run 'articled log verify'"
        case .damagedHead(let path, let detail):
            return "\(path) is damaged (\(detail)); run 'articled log verify'"
        case .closed:
            return "the log writer is closed"
        }
    }
}
