import ArticleLog
import Glibc

/// Moves originals out of the drop folder once their record is durable: to `done/` (articles, duplicates) or
/// `failed/` (rejected, beside a `NAME.reason` file), keeping the path below the drop folder. A name already
/// taken gets the record's seq added (`x.txt` → `x.42.txt`), so nothing is overwritten. Across filesystems the
/// move becomes copy + fsync + unlink. The caller makes the move durable by syncing the directories returned.
struct FileMover: Sendable {
    let watchRoot: String

    /// What a move did: where the file went, and the directories whose entries changed.
    struct Moved {
        var target: String
        var directories: [String]
    }

    /// Moves `relative` (below the watch folder) into `destinationRoot`.
    func move(_ relative: String, into destinationRoot: String, seq: Int) throws(IngestError) -> Moved {
        let source = watchRoot + "/" + relative
        let target = try freeName(destinationRoot + "/" + relative, seq: seq)
        let targetDir = Self.parent(target)
        try Self.makeDirectories(targetDir)
        if Glibc.rename(source, target) != 0 {
            guard errno == EXDEV else { throw .system(call: "rename", path: source, errno: errno) }
            try copyAcrossFilesystems(source, target)
            if unlink(source) != 0 { throw .system(call: "unlink", path: source, errno: errno) }
        }
        return Moved(target: target, directories: [targetDir, Self.parent(source)])
    }

    /// Writes a small text file durably (the `.reason` beside a rejected original).
    func writeNote(_ text: String, at path: String) throws(IngestError) {
        try Self.makeDirectories(Self.parent(path))
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw .system(call: "open", path: path, errno: errno) }
        defer { Glibc.close(fd) }
        let bytes = Array((text + "\n").utf8)
        if Glibc.write(fd, bytes, bytes.count) != bytes.count {
            throw .system(call: "write", path: path, errno: errno)
        }
        if Glibc.fsync(fd) != 0 { throw .system(call: "fsync", path: path, errno: errno) }
    }

    private func freeName(_ path: String, seq: Int) throws(IngestError) -> String {
        var st = stat()
        guard Glibc.lstat(path, &st) == 0 else { return path }
        let dir = Self.parent(path)
        let name = String(path[path.index(after: path.lastIndex(of: "/")!)...])
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return dir + "/" + name[..<dot] + ".\(seq)" + name[dot...]
        }
        return dir + "/" + name + ".\(seq)"
    }

    private func copyAcrossFilesystems(_ source: String, _ target: String) throws(IngestError) {
        // Only regular files reach here with content; others (FIFOs, links) are recreated as empty notes.
        var st = stat()
        guard Glibc.lstat(source, &st) == 0 else { throw .system(call: "lstat", path: source, errno: errno) }
        let out = Glibc.open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if out < 0 { throw .system(call: "open", path: target, errno: errno) }
        defer { Glibc.close(out) }
        if st.st_mode & S_IFMT == S_IFREG {
            let input = Glibc.open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            if input < 0 { throw .system(call: "open", path: source, errno: errno) }
            defer { Glibc.close(input) }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress!, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .system(call: "read", path: source, errno: errno)
                }
                if n == 0 { break }
                var written = 0
                while written < n {
                    let w = buffer.withUnsafeBytes { Glibc.write(out, $0.baseAddress! + written, n - written) }
                    if w < 0 {
                        if errno == EINTR { continue }
                        throw .system(call: "write", path: target, errno: errno)
                    }
                    written += w
                }
            }
        }
        if Glibc.fsync(out) != 0 { throw .system(call: "fsync", path: target, errno: errno) }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func makeDirectories(_ path: String) throws(IngestError) {
        do { try DurableDirectory.create(path) } catch { throw .directory(error) }
    }

    static func syncDirectory(_ path: String) throws(IngestError) {
        do { try DurableDirectory.sync(path) } catch { throw .directory(error) }
    }
}
