import CLinuxSupport
import Glibc

/// A folder opened once and then used only through its descriptor: names below it are resolved relative to it
/// and never through a symbolic link. A dropper who swaps a folder for a link between two of the daemon's steps
/// therefore cannot redirect a write, rename or removal to a place the daemon did not choose.
final class DirectoryHandle: Sendable {
    /// The descriptor (O_DIRECTORY, read-only, close-on-exec); closed when the handle goes.
    let fd: Int32
    /// The path it was reached by, for messages and for the batched directory fsyncs.
    let path: String

    /// Opens a folder the operator configured (the state folder); the path itself is trusted.
    init(opening path: String) throws(IngestError) {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(call: "open", path: path, errno: errno) }
        self.fd = fd
        self.path = path
    }

    /// Takes ownership of an open directory descriptor.
    init(adopting fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { Glibc.close(fd) }

    /// Opens the sub-folder `relative` one component at a time with O_NOFOLLOW, creating missing ones when
    /// `create` is set. A component that is a link or not a folder fails (ELOOP, ENOTDIR) instead of being
    /// followed: `mkdir -p` takes an existing link for success, this does not.
    func subdirectory(_ relative: String, create: Bool, mode: mode_t = 0o750) throws(IngestError) -> DirectoryHandle {
        var current = DirectoryHandle(adopting: Glibc.dup(fd), path: path)
        for part in relative.split(separator: "/") where part != "." {
            let name = String(part)
            let next = current.path + "/" + name
            guard name != ".." else { throw .system(call: "openat", path: next, errno: EXDEV) }
            if create && mkdirat(current.fd, name, mode) != 0 && errno != EEXIST {
                throw .system(call: "mkdirat", path: next, errno: errno)
            }
            let child = openat(current.fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { throw .system(call: "openat", path: next, errno: errno) }
            current = DirectoryHandle(adopting: child, path: next)
        }
        return current
    }

    /// `fstatat` without following a link; nil when the name is absent.
    func status(of name: String) -> stat? {
        var st = stat()
        return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
    }

    /// Renames `name` to `newName` in `target`, failing with EEXIST rather than replacing what is there.
    /// Returns 0 or the errno. Where the filesystem cannot honour RENAME_NOREPLACE (EINVAL), a hard link to the
    /// new name (which fails on an existing name too) and an unlink of the old one do the same.
    func renameWithoutReplacing(_ name: String, to target: DirectoryHandle, as newName: String) -> Int32 {
        while true {
            if articled_renameat2(fd, name, target.fd, newName, ARTICLED_RENAME_NOREPLACE) == 0 { return 0 }
            let failure = errno
            if failure == EINTR { continue }
            guard failure == EINVAL || failure == ENOSYS else { return failure }
            if linkat(fd, name, target.fd, newName, 0) != 0 { return errno }
            return unlinkat(fd, name, 0) == 0 ? 0 : errno
        }
    }

    /// Creates `name` for writing; fails if anything, a link included, already has that name.
    func createExclusive(_ name: String, mode: mode_t = 0o640) throws(IngestError) -> Int32 {
        while true {
            let out = openat(fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if out >= 0 { return out }
            if errno == EINTR { continue }
            throw .system(call: "openat", path: path + "/" + name, errno: errno)
        }
    }

    /// Removes the entry `name` (a file or a link, never a folder).
    func unlink(_ name: String) throws(IngestError) {
        if unlinkat(fd, name, 0) != 0 { throw .system(call: "unlinkat", path: path + "/" + name, errno: errno) }
    }

    /// fsync on the folder, so that entries created, renamed or removed in it survive a power cut.
    func sync() throws(IngestError) {
        while Glibc.fsync(fd) != 0 {
            if errno != EINTR { throw .system(call: "fsync", path: path, errno: errno) }
        }
    }
}
