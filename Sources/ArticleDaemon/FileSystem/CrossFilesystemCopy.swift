import Glibc
import PosixSupport

/// Moves a file to a folder on another filesystem (rename says EXDEV) so that a crash at any point leaves the
/// original in the drop folder or a complete copy under its final name, never a partial file under it:
/// copy to a temporary name, fsync it, rename it (without replacing) to the final name, fsync the target
/// folder, and only then unlink the original, after checking it is still the file that was copied.
struct CrossFilesystemCopy {
    let source: DirectoryHandle
    let name: String
    let identity: FileIdentity
    let target: DirectoryHandle

    /// Copies and returns the name the copy took (the first of `names` that was free).
    func run(names: [String]) throws(IngestError) -> String {
        let input = openat(source.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else { throw .system(call: "openat", path: sourcePath, errno: errno) }
        defer { Glibc.close(input) }
        var st = stat()
        guard fstat(input, &st) == 0, FileIdentity(st) == identity else {
            throw .system(call: "fstat", path: sourcePath, errno: ESTALE)
        }
        // Named after the file, so that a copy cut short by a crash is replaced by the next attempt, not left.
        let temporary = ".articled-copy.\(identity.device)-\(identity.inode)"
        _ = unlinkat(target.fd, temporary, 0)
        let output = try target.createExclusive(temporary, mode: 0o640)
        do throws(IngestError) {
            defer { Glibc.close(output) }
            try copy(from: input, to: output, path: target.path + "/" + temporary)
            if Glibc.fsync(output) != 0 {
                throw IngestError.system(call: "fsync", path: target.path + "/" + temporary, errno: errno)
            }
        } catch {
            _ = unlinkat(target.fd, temporary, 0)
            throw error
        }
        do {
            try FaultInjection.check(.copyBeforeRename, path: target.path + "/" + temporary)
        } catch {
            _ = unlinkat(target.fd, temporary, 0)
            throw error
        }
        var placed: String?
        for candidate in names {
            let code = target.renameWithoutReplacing(temporary, to: target, as: candidate)
            if code == 0 { placed = candidate; break }
            if code != EEXIST {
                _ = unlinkat(target.fd, temporary, 0)
                throw .system(call: "renameat2", path: target.path + "/" + candidate, errno: code)
            }
        }
        guard let placed else {
            _ = unlinkat(target.fd, temporary, 0)
            throw .system(call: "renameat2", path: target.path + "/" + name, errno: EEXIST)
        }
        try target.sync()
        // The copy is durable under its final name; the original may go if it is still the file copied.
        if let now = source.status(of: name), FileIdentity(now) == identity { try source.unlink(name) }
        return placed
    }

    private var sourcePath: String { source.path + "/" + name }

    private func copy(from input: Int32, to output: Int32, path: String) throws(IngestError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .system(call: "read", path: sourcePath, errno: errno)
            }
            if n == 0 { return }
            try PosixWrite.all(output, Array(buffer[0..<n]), path: path)
        }
    }
}
