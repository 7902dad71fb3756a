import Glibc
import PosixSupport

/// An open folder (`open(O_DIRECTORY)`), through which folders below it are opened and listed relative to the
/// descriptor rather than by absolute path. That is how trees deeper than PATH_MAX (4096 bytes) are walked: a
/// dropper can nest folders until their absolute paths are longer than any path the kernel accepts, and only
/// `openat`/`fstatat` from a descriptor still reach them. Closes its descriptor when released.
final class DirectoryDescriptor {
    /// The descriptor, valid until this object is released.
    let fileDescriptor: Int32

    /// The longest relative path handed to one `openat`; longer ones are opened in several steps. Well under
    /// PATH_MAX, so that a step plus one more name (NAME_MAX) still fits.
    static let stepLimit = 2048

    private init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    deinit {
        // EINTR on close must not be retried on Linux: the descriptor is already released.
        _ = Glibc.close(fileDescriptor)
    }

    /// Opens the watch root by its absolute path, following a symbolic link (the root may be a link to the real
    /// folder, as everywhere else). The corresponding C function is `open`.
    static func openRoot(_ path: String) -> Result<DirectoryDescriptor, Errno> {
        retryingOnInterrupt { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            .map { DirectoryDescriptor(fileDescriptor: $0) }
    }

    /// Opens the folder at `relative` below this one ("a/b/c"; not empty), in steps of at most `stepLimit` bytes
    /// so that any depth can be reached. The last name is opened with O_NOFOLLOW, so a symbolic link put in place
    /// of a folder fails with ELOOP or ENOTDIR instead of leading out of the tree. The corresponding C function is
    /// `openat`.
    func openDescendant(_ relative: String) -> Result<DirectoryDescriptor, Errno> {
        var current = self
        for step in Self.steps(of: relative) {
            let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
            switch retryingOnInterrupt({ openat(current.fileDescriptor, step, flags) }) {
            case .success(let fd): current = DirectoryDescriptor(fileDescriptor: fd)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(current)
    }

    /// Splits a relative path at slashes into pieces of at most `stepLimit` bytes (a single name is never split).
    static func steps(of relative: String) -> [String] {
        var steps: [String] = []
        var step = ""
        for name in relative.split(separator: "/", omittingEmptySubsequences: true) {
            if !step.isEmpty && step.utf8.count + 1 + name.utf8.count > stepLimit {
                steps.append(step)
                step = ""
            }
            step = step.isEmpty ? String(name) : step + "/" + name
        }
        if !step.isEmpty { steps.append(step) }
        return steps
    }

    /// Lists this folder except `.` and `..`, with the status of every entry that is not a folder, examined with
    /// `fstatat` relative to this descriptor; entries that vanish meanwhile are left out. Fails with the errno of
    /// `dup`, `fdopendir` or `readdir`. Folders are not examined: the walker opens them anyway.
    func entries() -> Result<[(entry: DirectoryEntry, status: FileStatus?)], ListingError> {
        // fdopendir takes over the descriptor it is given; a duplicate keeps this one usable.
        let copy: Int32
        switch retryingOnInterrupt({ fcntl(fileDescriptor, F_DUPFD_CLOEXEC, 0) }) {
        case .success(let fd): copy = fd
        case .failure(let error): return .failure(ListingError(call: "fcntl(F_DUPFD_CLOEXEC)", code: error.code))
        }
        guard let directory = fdopendir(copy) else {
            let code = Glibc.errno
            _ = Glibc.close(copy)
            return .failure(ListingError(call: "fdopendir", code: code))
        }
        defer { closedir(directory) }
        rewinddir(directory)
        var listed: [(entry: DirectoryEntry, status: FileStatus?)] = []
        while true {
            Glibc.errno = 0  // readdir returns NULL both at the end and on error; only errno tells them apart.
            guard let entry = readdir(directory) else {
                if Glibc.errno != 0 { return .failure(ListingError(call: "readdir", code: Glibc.errno)) }
                break
            }
            let (name, raw) = DirectoryEntry.name(of: entry)
            if name == "." || name == ".." { continue }
            if let raw {
                listed.append((DirectoryEntry(name: name, kind: .other, nameIsValidUTF8: false, rawName: raw), nil))
                continue
            }
            let known = FileKind(directoryEntryType: entry.pointee.d_type)
            if known == .directory {
                listed.append((DirectoryEntry(name: name, kind: .directory), nil))
                continue
            }
            let status = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                FileStatus.ofEntry(named: raw.baseAddress!.assumingMemoryBound(to: CChar.self), in: fileDescriptor)
            }
            guard case .success(let found) = status else { continue }
            listed.append((DirectoryEntry(name: name, kind: found.kind), found))
        }
        return .success(listed)
    }
}
