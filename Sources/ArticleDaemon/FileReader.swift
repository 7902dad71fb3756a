import ArticleLog
import Crypto
import FolderWatch
import Glibc
import PosixSupport

/// What reading one dropped file gave.
enum ReadOutcome: Sendable {
    /// A regular file's bytes, with its description (hash included), modification time in epoch seconds, and
    /// which file it was.
    case content([UInt8], SourceInfo, modified: Double, identity: FileIdentity)
    /// The file cannot be an article; the reason is for the operator.
    case rejected(reason: String, SourceInfo, identity: FileIdentity?)
    /// The path was gone when we came to open it.
    case vanished(SourceInfo)
    /// A directory: the watcher handles those; nothing to record.
    case directory
}

extension ReadOutcome {
    /// Which file was read, when there was one to identify.
    var identity: FileIdentity? {
        switch self {
        case .content(_, _, _, let identity): identity
        case .rejected(_, _, let identity): identity
        case .vanished, .directory: nil
        }
    }
}

/// Reads a dropped file safely: opens it beneath the watch folder without following links, decides from fstat
/// on that same descriptor (regular file, size within the cap), then reads and hashes from that descriptor,
/// so that what is hashed is exactly what was checked.
///
/// A regular file with more than one hard link is rejected unless `allowHardLinks` is set: another name,
/// possibly outside the drop folder, could change the content after it was recorded, and a link to a file the
/// dropper could not otherwise read must not become a record of it.
struct FileReader: Sendable {
    let files: SafeFile
    let maxBytes: Int
    var allowHardLinks = false

    func read(_ relative: String) -> ReadOutcome {
        let name = String(relative.split(separator: "/").last ?? Substring(relative))
        func describe(_ st: stat?, sha256: String? = nil) -> SourceInfo {
            SourceInfo(
                name: name,
                path: relative,
                size: st.map { Int($0.st_size) } ?? 0,
                sha256: sha256,
                mtime: st.map {
                    Timestamp.format(seconds: Int($0.st_mtim.tv_sec), nanoseconds: Int($0.st_mtim.tv_nsec))
                },
                identity: st.map { FileIdentity($0).description }
            )
        }
        if name.hasSuffix(UndecodableNames.marker) {
            // Renamed by the watcher from a name that was not UTF-8; recorded, not read, so the operator sees it.
            let marked = files.lstat(relative)
            return .rejected(
                reason: "its name was not valid UTF-8; renamed to this one, with each other byte written %XX",
                describe(marked),
                identity: marked.map(FileIdentity.init)
            )
        }
        let fd: Int32
        switch files.open(relative) {
        case .success(let opened): fd = opened
        case .failure(let e):
            let st = files.lstat(relative)
            let identity = st.map(FileIdentity.init)
            func rejected(_ reason: String) -> ReadOutcome { .rejected(reason: reason, describe(st), identity: identity) }
            switch e.code {
            case ENOENT: return .vanished(describe(nil))
            case ELOOP: return rejected("symbolic link")
            case EXDEV: return rejected("outside the watch folder")
            case ENXIO: return rejected("not a regular file (socket)")
            case EACCES, EPERM: return rejected("permission denied")
            default: return rejected("could not be opened: \(String(cString: strerror(e.code)))")
            }
        }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            return .rejected(
                reason: "could not be examined: \(String(cString: strerror(errno)))",
                describe(nil),
                identity: nil
            )
        }
        let identity = FileIdentity(st)
        func rejected(_ reason: String, _ info: SourceInfo? = nil) -> ReadOutcome {
            .rejected(reason: reason, info ?? describe(st), identity: identity)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .directory
        case S_IFIFO: return rejected("not a regular file (FIFO)")
        case S_IFSOCK: return rejected("not a regular file (socket)")
        case S_IFCHR: return rejected("not a regular file (character device)")
        case S_IFBLK: return rejected("not a regular file (block device)")
        default: return rejected("not a regular file")
        }
        if st.st_nlink > 1 && !allowHardLinks {
            return rejected("has \(st.st_nlink) hard links (another name could change it; allow-hard-links takes it)")
        }
        if Int(st.st_size) > maxBytes { return rejected("larger than \(maxBytes) bytes") }
        // Read up to the cap plus one byte: a file that grew past the cap since fstat is still rejected.
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if filled > maxBytes { return rejected("larger than \(maxBytes) bytes") }
                bytes += [UInt8](repeating: 0, count: max(4096, bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return rejected("could not be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        if bytes.count > maxBytes { return rejected("larger than \(maxBytes) bytes") }
        let digest = SHA256.hash(data: bytes)
        var info = describe(st, sha256: Hex.encode(digest))
        info.size = bytes.count
        if bytes.isEmpty { return rejected("empty file", info) }
        let modified = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        return .content(bytes, info, modified: modified, identity: identity)
    }
}
