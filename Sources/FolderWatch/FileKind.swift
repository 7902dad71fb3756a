import Glibc

/// What kind of directory entry a path names, as far as the watcher cares: directories are descended into, every
/// other kind is reported (the daemon rejects non-regular ones with a reason).
public enum FileKind: Sendable, Hashable {
    /// A regular file: reported only once it is complete.
    case regular
    /// A directory: watched and scanned, never reported.
    case directory
    /// A symbolic link, never followed: reported as it is.
    case symbolicLink
    /// A named pipe (FIFO): reported when it appears, since no write ever closes it.
    case fifo
    /// A Unix domain socket: reported when it appears.
    case socket
    /// A device node or anything else: reported when it appears.
    case other

    /// The kind encoded in `st_mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// The kind encoded in a `dirent`'s `d_type`, or nil for DT_UNKNOWN (some file systems), where `lstat` must
    /// tell.
    init?(directoryEntryType type: UInt8) {
        switch Int(type) {
        case DT_REG: self = .regular
        case DT_DIR: self = .directory
        case DT_LNK: self = .symbolicLink
        case DT_FIFO: self = .fifo
        case DT_SOCK: self = .socket
        case DT_UNKNOWN: return nil
        default: self = .other
        }
    }
}
