import Glibc

/// Which file a name stood for when the daemon looked, and in which state: device, inode and change time. The
/// move checks it again before it acts, so a file replaced (or rewritten) between the read and the move is
/// never filed under the old record. The change time matters because a freed inode number is soon reused, and
/// no user can set it back.
struct FileIdentity: Sendable, Hashable, CustomStringConvertible {
    var device: UInt64
    var inode: UInt64
    var changed: Int64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        changed = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
    }

    /// `DEVICE:INODE:CTIME_NS`, as records keep it (`source.identity`).
    var description: String { "\(device):\(inode):\(changed)" }
}
