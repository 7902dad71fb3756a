import Glibc

/// Thin wrappers over the POSIX calls the log needs, retrying on EINTR and throwing `LogError.system` with the
/// call's name and path. swift-system's `FileDescriptor` lacks fsync/fdatasync/ftruncate, hence Glibc.
enum FileIO {
    static func check(_ call: String, _ path: String, _ body: () -> Int32) throws(LogError) -> Int32 {
        while true {
            let r = body()
            if r >= 0 { return r }
            if errno == EINTR { continue }
            throw .system(call: call, path: path, errno: errno)
        }
    }

    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0o644) throws(LogError) -> Int32 {
        try check("open", path) { Glibc.open(path, flags | O_CLOEXEC, mode) }
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes all of `bytes`, continuing after short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(LogError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(call: "write", path: path, errno: errno)
            }
            offset += n
        }
    }

    /// Writes all of `bytes` at `offset` (pwrite), continuing after short writes.
    static func pwriteAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int, path: String) throws(LogError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                Glibc.pwrite(fd, buf.baseAddress! + done, buf.count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(call: "pwrite", path: path, errno: errno)
            }
            done += n
        }
    }

    static func fdatasync(_ fd: Int32, path: String) throws(LogError) {
        _ = try check("fdatasync", path) { Glibc.fdatasync(fd) }
    }

    static func fsync(_ fd: Int32, path: String) throws(LogError) {
        _ = try check("fsync", path) { Glibc.fsync(fd) }
    }

    static func ftruncate(_ fd: Int32, _ size: Int, path: String) throws(LogError) {
        _ = try check("ftruncate", path) { Glibc.ftruncate(fd, off_t(size)) }
    }

    /// Makes a directory entry (a new segment, a rename) durable: fsync on the directory itself.
    static func fsyncDirectory(_ path: String) throws(LogError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    static func fileSize(_ fd: Int32, path: String) throws(LogError) -> Int {
        var st = stat()
        _ = try check("fstat", path) { Glibc.fstat(fd, &st) }
        return Int(st.st_size)
    }

    /// Reads a whole file; segments are bounded by `--segment-bytes`, so this stays modest.
    static func readAll(_ path: String) throws(LogError) -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        return try readAll(fd: fd, path: path)
    }

    static func readAll(fd: Int32, path: String, from offset: Int = 0) throws(LogError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var position = off_t(offset)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress!, $0.count, position) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(call: "read", path: path, errno: errno)
            }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
            position += off_t(n)
        }
    }

    /// Reads up to `count` bytes at `offset` into one buffer of that size (fewer if the file ends first).
    static func readAll(fd: Int32, path: String, from offset: Int, count: Int) throws(LogError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = Glibc.pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { break }
                done += n
            }
            initialized = done
        }
        if failure != 0 { throw .system(call: "read", path: path, errno: failure) }
        return bytes
    }

    static func makeDirectories(_ path: String) throws(LogError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if Glibc.mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .system(call: "mkdir", path: current, errno: errno)
            }
        }
    }
}

/// Directory operations that make file moves and new files durable, shared by the log and the daemon's mover.
public enum DurableDirectory {
    /// Creates `path` and any missing parents (mkdir -p).
    public static func create(_ path: String) throws(LogError) {
        try FileIO.makeDirectories(path)
    }

    /// fsync on the directory itself, so that entries created, renamed or removed in it survive a crash.
    public static func sync(_ path: String) throws(LogError) {
        try FileIO.fsyncDirectory(path)
    }
}
