import Glibc

/// A folder below the root that inotify could not watch, and that is polled instead, with why: anyone who can drop
/// files can nest folders past PATH_MAX, use up the inotify watch limit or make a folder unreadable, and none of
/// that may stop the watcher. The daemon shows these in `/status` so an operator can act (raise
/// `fs.inotify.max_user_watches`, fix permissions, remove an absurdly deep tree).
public struct DegradedSubtree: Sendable, Hashable, CustomStringConvertible {
    /// The folder, relative to the root ("a/b"); everything below it is polled too.
    public var path: String
    /// The call that failed, named as in C (`inotify_add_watch`).
    public var call: String
    /// Its errno: ENOSPC (watch limit), ENAMETOOLONG (path longer than PATH_MAX), EACCES, ELOOP, ENOMEM, ...
    public var errno: Int32

    /// Creates a record; made by the watcher, and by tests.
    public init(path: String, call: String = "inotify_add_watch", errno: Int32) {
        self.path = path
        self.call = call
        self.errno = errno
    }

    /// A sentence for the operator: where, what failed, and what it costs.
    public var description: String {
        var text = "\(path): \(call) failed: \(FolderWatchError.describe(errno)); polled instead"
        if errno == ENOSPC { text += "; raise fs.inotify.max_user_watches" }
        return text
    }
}
