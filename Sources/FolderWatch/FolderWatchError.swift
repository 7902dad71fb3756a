import Glibc
import PosixSupport

/// Why a `FolderWatcher` stopped or could not start, with what an operator needs to fix it: the failing call,
/// the errno and the path.
public enum FolderWatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The watch root could not be examined at start-up (`stat` failed), e.g. it does not exist or is unreadable.
    case rootUnavailable(path: String, errno: Int32)
    /// The watch root exists but is not a directory, so there is nothing to watch.
    case rootNotDirectory(path: String)
    /// The watch root was deleted, moved away or unmounted while being watched; no further files can be seen.
    case rootRemoved(path: String)
    /// `inotify_add_watch` failed with ENOSPC: the per-user watch limit (`fs.inotify.max_user_watches`) is used up.
    case watchLimitReached(path: String)
    /// Any other failing system call, named as in C.
    case systemCall(SystemCallError)

    /// A failing system call, from its parts.
    public static func systemCall(call: String, path: String?, errno: Int32) -> FolderWatchError {
        .systemCall(SystemCallError(call: call, path: path, errno: errno))
    }

    /// A sentence an operator can act on.
    public var description: String {
        switch self {
        case .rootUnavailable(let path, let code):
            return "cannot watch \(path): stat failed: \(Self.describe(code)); create the folder or fix its permissions"
        case .rootNotDirectory(let path):
            return "cannot watch \(path): it is not a directory; point the watch option at a folder"
        case .rootRemoved(let path):
            return "the watched folder \(path) was removed, moved away or unmounted; recreate it and restart"
        case .watchLimitReached(let path):
            return "cannot watch \(path): inotify_add_watch failed: \(Self.describe(ENOSPC)); the per-user inotify "
                + "watch limit is used up, raise it with `sysctl fs.inotify.max_user_watches=524288` (and persist it "
                + "in /etc/sysctl.d) or watch fewer subfolders"
        case .systemCall(let failure):
            var text = failure.description
            if failure.call == "inotify_init1" && (failure.errno == EMFILE || failure.errno == ENFILE) {
                text += "; raise fs.inotify.max_user_instances or the open file limit"
            }
            return text
        }
    }

    /// The errno, when the failure has one; for metadata and tests.
    public var errno: Int32? {
        switch self {
        case .rootUnavailable(_, let code): return code
        case .systemCall(let failure): return failure.errno
        case .watchLimitReached: return ENOSPC
        case .rootNotDirectory, .rootRemoved: return nil
        }
    }

    static func describe(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
