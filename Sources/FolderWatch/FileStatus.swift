import Glibc
import PosixSupport

private typealias CStat = stat

/// What `lstat` says about a path, reduced to what the watcher needs: its kind, and the identity the polling mode
/// compares between scans to decide that a file has stopped changing.
struct FileStatus: Sendable, Hashable {
    var kind: FileKind
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modificationSeconds: Int
    var modificationNanoseconds: Int

    /// Examines `path` without following a final symbolic link. The corresponding C function is `lstat`.
    static func ofEntry(_ path: String) -> Result<FileStatus, Errno> {
        var info = CStat()
        return retryingOnInterrupt { lstat(path, &info) }.map { _ in FileStatus(info) }
    }

    /// Examines the entry `name` of the open folder `directory` without following a final symbolic link, so that
    /// entries whose absolute path exceeds PATH_MAX can be examined too. The corresponding C function is `fstatat`.
    static func ofEntry(named name: UnsafePointer<CChar>, in directory: Int32) -> Result<FileStatus, Errno> {
        var info = CStat()
        return retryingOnInterrupt { fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) }.map { _ in FileStatus(info)
        }
    }

    /// Examines `path`, following symbolic links (used for the root, which may be a link to the real folder). The
    /// corresponding C function is `stat`.
    static func followingLinks(_ path: String) -> Result<FileStatus, Errno> {
        var info = CStat()
        return retryingOnInterrupt { stat(path, &info) }.map { _ in FileStatus(info) }
    }

    init(
        kind: FileKind,
        device: UInt64,
        inode: UInt64,
        size: Int64,
        modificationSeconds: Int,
        modificationNanoseconds: Int
    ) {
        self.kind = kind
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationSeconds = modificationSeconds
        self.modificationNanoseconds = modificationNanoseconds
    }

    private init(_ info: CStat) {
        kind = FileKind(mode: info.st_mode)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modificationSeconds = Int(info.st_mtim.tv_sec)
        modificationNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
