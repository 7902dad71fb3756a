import ArticleLog
import Glibc
import PosixSupport

/// Reads the log's complete, acknowledged lines after a position, in chunks, and says where each line ends, so
/// that a publisher can stop at any line and resume exactly there. It never reads past the head.
struct LogTail {
    typealias Body = (_ line: [UInt8], _ after: LogReader.Position) throws -> Bool

    let directory: SegmentDirectory
    /// After the last line handed out.
    private(set) var position: LogReader.Position

    init(directory: SegmentDirectory, position: LogReader.Position) {
        self.directory = directory
        self.position = position
    }

    /// Hands each line after `position` and up to `head` to `body` with the position just after it, in order,
    /// until `body` returns false. `position` moves past every line for which `body` returned true.
    mutating func forEachLine(upTo head: LogHead, _ body: Body) throws {
        for number in try directory.segmentNumbers() where number >= position.segment && number <= head.segment {
            if number > position.segment { position = .init(segment: number, offset: 0) }
            let path = directory.segmentPath(number)
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SystemCallError(call: "open", path: path, errno: errno) }
            defer { close(fd) }
            let end = number == head.segment ? head.offset : Int.max
            guard try lines(fd: fd, path: path, end: end, body) else { return }
        }
    }

    /// One segment's lines from `position.offset` to `end` (or its end of file); false when `body` stopped.
    private mutating func lines(fd: Int32, path: String, end: Int, _ body: Body) throws -> Bool {
        var pending: [UInt8] = []
        var offset = position.offset
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while offset + pending.count < end {
            let want = min(chunk.count, end - offset - pending.count)
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset + pending.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemCallError(call: "pread", path: path, errno: errno)
            }
            if n == 0 { break }
            pending += chunk[0..<n]
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[start..<newline])
                let after = LogReader.Position(segment: position.segment, offset: offset + newline + 1 - start)
                guard try body(line, after) else { return false }
                offset = after.offset
                position = after
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        return true
    }
}
