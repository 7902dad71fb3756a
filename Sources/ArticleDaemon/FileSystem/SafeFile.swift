import CLinuxSupport
import Glibc
import PosixSupport

/// Opens files beneath the watch folder without ever following a symbolic link, so that a link dropped into the
/// folder cannot make the daemon read (and log) a file outside it. Uses openat2 with RESOLVE_BENEATH and
/// RESOLVE_NO_SYMLINKS where the kernel has it; otherwise walks the path one component at a time with
/// O_NOFOLLOW. O_NONBLOCK keeps a FIFO from blocking the open.
///
/// The anchor descriptor on the watch folder is opened per call rather than held: a held descriptor would keep
/// the kernel from reporting the folder's deletion (IN_DELETE_SELF waits for the last reference), and the
/// daemon must notice that.
struct SafeFile: Sendable {
    let rootPath: String
    private let useOpenat2: Bool

    /// Checks that the watch folder can be opened, and whether the kernel has openat2.
    init(root: String) throws(IngestError) {
        rootPath = root
        let fd = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw .system(call: "open", path: root, errno: errno) }
        defer { Glibc.close(fd) }
        // Probe once: ENOSYS (old kernel) or EPERM (a seccomp filter that does not know openat2).
        let probe = articled_openat2_beneath(fd, ".", UInt64(O_RDONLY | O_DIRECTORY | O_CLOEXEC), 0)
        if probe >= 0 {
            Glibc.close(probe)
            useOpenat2 = true
        } else {
            useOpenat2 = !(errno == ENOSYS || errno == EPERM)
        }
    }

    /// Opens `relative` for reading; returns the descriptor or the errno.
    func open(_ relative: String) -> Result<Int32, Errno> {
        let rootFD = Glibc.open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if rootFD < 0 { return .failure(Errno(code: errno)) }
        defer { Glibc.close(rootFD) }
        return open(relative, beneath: rootFD)
    }

    /// Opens the folder holding `relative` (the watch folder itself for a top-level name) the same safe way,
    /// and returns it with the entry's last component: the move acts on that descriptor, so the folder it
    /// renames from is the one the read went through, not whatever a path names by then.
    func openParent(of relative: String) -> Result<(DirectoryHandle, String), Errno> {
        let rootFD = Glibc.open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if rootFD < 0 { return .failure(Errno(code: errno)) }
        guard let slash = relative.lastIndex(of: "/") else {
            return .success((DirectoryHandle(adopting: rootFD, path: rootPath), relative))
        }
        defer { Glibc.close(rootFD) }
        let folder = String(relative[..<slash])
        let name = String(relative[relative.index(after: slash)...])
        return open(folder, beneath: rootFD, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW).map {
            (DirectoryHandle(adopting: $0, path: rootPath + "/" + folder), name)
        }
    }

    private func open(
        _ relative: String,
        beneath rootFD: Int32,
        flags: Int32 = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW
    ) -> Result<Int32, Errno> {
        if useOpenat2 {
            while true {
                let fd = articled_openat2_beneath(rootFD, relative, UInt64(flags), 0)
                if fd >= 0 { return .success(fd) }
                if errno == EINTR || errno == EAGAIN { continue }
                // A path longer than PATH_MAX (a dropper's deep tree) is walked a component at a time below.
                if errno == ENAMETOOLONG { break }
                return .failure(Errno(code: errno))
            }
        }
        // Fallback: every directory on the way is opened with O_NOFOLLOW too, so no component may be a link.
        let parts = relative.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains("..") else { return .failure(Errno(code: EXDEV)) }
        var dir = rootFD
        defer { if dir != rootFD { Glibc.close(dir) } }
        for part in parts.dropLast() {
            let next = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 { return .failure(Errno(code: errno)) }
            if dir != rootFD { Glibc.close(dir) }
            dir = next
        }
        let fd = openat(dir, parts.last!, flags)
        return fd >= 0 ? .success(fd) : .failure(Errno(code: errno))
    }

    /// lstat of a path beneath the root (for describing a link or a file that could not be opened), through the
    /// same safe walk as `open`, so no folder on the way may be a link and the path may exceed PATH_MAX.
    func lstat(_ relative: String) -> stat? {
        guard case .success(let (folder, name)) = openParent(of: relative) else { return nil }
        return folder.status(of: name)
    }
}
