import Glibc

/// Reads record lines in order across segments, for `articled log cat` and for tests. A reader never writes:
/// a line still being written (no newline yet) is held back until it is complete, and with a head only the
/// lines it covers (acknowledged, durable) are delivered.
public struct LogReader: Sendable {
    /// The log folder.
    public let directory: SegmentDirectory

    /// Creates a reader.
    public init(directory: SegmentDirectory) {
        self.directory = directory
    }

    /// Where a reader has got to.
    public struct Position: Sendable, Equatable {
        /// Segment number (0 before the first).
        public var segment: Int
        /// Byte offset in that segment after the last complete line delivered.
        public var offset: Int

        /// Creates a position.
        public init(segment: Int, offset: Int) {
            self.segment = segment
            self.offset = offset
        }

        /// The start of the log.
        public static let start = Position(segment: 0, offset: 0)
    }

    /// The head in `STATE/log.head`, nil for a log without one (written before heads existed).
    public func head() throws -> LogHead? {
        try LogHeadFile.read(directory.headPath)
    }

    /// Delivers complete lines after `position` with seq ≥ `fromSeq`, and no further than `limit` (a head) if
    /// given, and returns where it stopped.
    @discardableResult
    public func read(
        from position: Position = .start,
        fromSeq: Int = 1,
        upTo limit: LogHead? = nil,
        line deliver: ([UInt8]) throws -> Void
    ) throws -> Position {
        var tail = LogTail(directory: directory, position: position)
        try tail.forEachLine(upTo: limit) { line, _ in
            if fromSeq <= 1 || (Self.seq(of: line) ?? Int.max) >= fromSeq { try deliver(line) }
            return true
        }
        return tail.position
    }

    /// The seq of a record line, read from its fixed opening `{"seq":N,` without decoding the whole line.
    public static func seq(of line: [UInt8]) -> Int? {
        let prefix = Array("{\"seq\":".utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        var value = 0
        var sawDigit = false
        for byte in line[prefix.count...] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            sawDigit = true
        }
        return sawDigit ? value : nil
    }
}
