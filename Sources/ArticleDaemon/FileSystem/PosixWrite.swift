import Glibc

/// Writing a whole buffer to a descriptor: short writes continue, EINTR retries, and a failure carries the errno
/// of the call that failed (not a stale one).
enum PosixWrite {
    static func all(_ fd: Int32, _ bytes: [UInt8], path: String) throws(IngestError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(call: "write", path: path, errno: errno)
            }
            offset += n
        }
    }
}
