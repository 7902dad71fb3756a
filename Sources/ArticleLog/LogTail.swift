import Glibc

/// Reads the log's complete lines after a position, one chunk at a time, and says where each line ends, so that
/// a reader can stop at any line and resume exactly there. With a head it never reads past it; without one it
/// reads every complete line (a line still being written, without its newline, is held back).
/// `LogReader` reads through it; the stream publisher keeps one across calls.
public struct LogTail: Sendable {
    public typealias Body = (_ line: [UInt8], _ after: LogReader.Position) throws -> Bool

    public let directory: SegmentDirectory
    /// After the last line handed out.
    public private(set) var position: LogReader.Position

    static let chunkBytes = 1 << 20

    public init(directory: SegmentDirectory, position: LogReader.Position = .start) {
        self.directory = directory
        self.position = position
    }

    /// Hands each line after `position` (and up to `head`, if given) to `body` with the position just after it,
    /// in order, until `body` returns false. `position` moves past every line for which `body` returned true.
    public mutating func forEachLine(upTo head: LogHead? = nil, _ body: Body) throws {
        for number in try directory.segmentNumbers() where number >= position.segment {
            if let head, number > head.segment { break }
            if number > position.segment { position = .init(segment: number, offset: 0) }
            let path = directory.segmentPath(number)
            let fd = try FileIO.open(path, O_RDONLY)
            defer { FileIO.close(fd) }
            let end = head.map { number == $0.segment ? $0.offset : Int.max } ?? Int.max
            guard try lines(fd: fd, path: path, end: end, body) else { return }
        }
    }

    /// One segment's lines from `position.offset` to `end` (or its end of file); false when `body` stopped.
    private mutating func lines(fd: Int32, path: String, end: Int, _ body: Body) throws -> Bool {
        var pending: [UInt8] = []
        var offset = position.offset
        while offset + pending.count < end {
            let want = min(Self.chunkBytes, end - offset - pending.count)
            let chunk = try FileIO.readAll(fd: fd, path: path, from: offset + pending.count, count: want)
            if chunk.isEmpty { break }
            pending += chunk
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
