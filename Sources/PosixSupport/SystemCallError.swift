import Glibc

/// A failed system call: which call, on which path, and the errno it set. The one error type every module
/// wraps (`IngestError.system`, `LogError.system`, `FolderWatchError.systemCall`, `StatusServerError.socketCall`),
/// so that a message names the same three things everywhere.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function, e.g. `openat2` or `fdatasync`.
    public var call: String
    /// The path it acted on, when there is one.
    public var path: String?
    /// The errno it failed with.
    public var errno: Int32

    /// Creates the error.
    public init(call: String, path: String?, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// "CALL failed on PATH: REASON (errno N)".
    public var description: String {
        let on = path.map { " on \($0)" } ?? ""
        return "\(call) failed\(on): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
