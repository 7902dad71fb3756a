import ArticleLog
import Crypto
import Glibc

/// What reading one dropped file gave.
enum ReadOutcome: Sendable {
    /// A regular file's bytes, with its description (hash included) and modification time in epoch seconds.
    case content([UInt8], SourceInfo, modified: Double)
    /// The file cannot be an article; the reason is for the operator.
    case rejected(reason: String, SourceInfo)
    /// The path was gone when we came to open it.
    case vanished(SourceInfo)
    /// A directory: the watcher handles those; nothing to record.
    case directory
}

/// Reads a dropped file safely: opens it beneath the watch folder without following links, decides from fstat
/// on that same descriptor (regular file, size within the cap), then reads and hashes from that descriptor,
/// so that what is hashed is exactly what was checked.
struct FileReader: Sendable {
    let files: SafeFile
    let maxBytes: Int

    func read(_ relative: String) -> ReadOutcome {
        let name = String(relative.split(separator: "/").last ?? Substring(relative))
        func describe(_ st: stat?, sha256: String? = nil) -> SourceInfo {
            SourceInfo(
                name: name,
                path: relative,
                size: st.map { Int($0.st_size) } ?? 0,
                sha256: sha256,
                mtime: st.map { Timestamp.format(seconds: Int($0.st_mtim.tv_sec), nanoseconds: Int($0.st_mtim.tv_nsec)) }
            )
        }
        let fd: Int32
        switch files.open(relative) {
        case .success(let opened): fd = opened
        case .failure(let e):
            let st = files.lstat(relative)
            switch e.rawValue {
            case ENOENT: return .vanished(describe(nil))
            case ELOOP: return .rejected(reason: "symbolic link", describe(st))
            case EXDEV: return .rejected(reason: "outside the watch folder", describe(st))
            case ENXIO: return .rejected(reason: "not a regular file (socket)", describe(st))
            case EACCES, EPERM: return .rejected(reason: "permission denied", describe(st))
            default:
                return .rejected(reason: "could not be opened: \(String(cString: strerror(e.rawValue)))", describe(st))
            }
        }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            return .rejected(reason: "could not be examined: \(String(cString: strerror(errno)))", describe(nil))
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .directory
        case S_IFIFO: return .rejected(reason: "not a regular file (FIFO)", describe(st))
        case S_IFSOCK: return .rejected(reason: "not a regular file (socket)", describe(st))
        case S_IFCHR: return .rejected(reason: "not a regular file (character device)", describe(st))
        case S_IFBLK: return .rejected(reason: "not a regular file (block device)", describe(st))
        default: return .rejected(reason: "not a regular file", describe(st))
        }
        if Int(st.st_size) > maxBytes {
            return .rejected(reason: "larger than \(maxBytes) bytes", describe(st))
        }
        // Read up to the cap plus one byte: a file that grew past the cap since fstat is still rejected.
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if filled > maxBytes { return .rejected(reason: "larger than \(maxBytes) bytes", describe(st)) }
                bytes += [UInt8](repeating: 0, count: max(4096, bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .rejected(reason: "could not be read: \(String(cString: strerror(errno)))", describe(st))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        if bytes.count > maxBytes { return .rejected(reason: "larger than \(maxBytes) bytes", describe(st)) }
        let digest = SHA256.hash(data: bytes)
        var info = describe(st, sha256: Hex.encode(digest))
        info.size = bytes.count
        if bytes.isEmpty { return .rejected(reason: "empty file", info) }
        return .content(bytes, info, modified: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
}
