/// The last acknowledged record: every record up to and including `seq` was durable before `append` returned
/// for it, and those after it were never acknowledged (their originals are still in the drop folder). Kept in
/// `STATE/log.head` by `LogHeadFile`; recovery trusts nothing after it and refuses damage up to it.
public struct LogHead: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The last acknowledged record's seq, 0 for an empty log.
    public var seq: Int
    /// Lower-case hex SHA-256 of that record's line (without its newline): the next record's `prev`.
    public var sha256: String
    /// The segment holding that record, 0 for an empty log.
    public var segment: Int
    /// The byte offset in `segment` just after that record's newline, so that readers know where durable
    /// records end without reading the segment.
    public var offset: Int
    /// The first seq whose line must carry a `crc32c` member. Lines before it were written by a version without
    /// checksums and adopted when the head was first written; 1 for a log that always had them.
    public var checksumsFrom: Int

    enum CodingKeys: String, CodingKey {
        case seq, sha256, segment, offset
        case checksumsFrom = "checksums_from"
    }

    /// Creates a head.
    public init(seq: Int, sha256: String, segment: Int, offset: Int, checksumsFrom: Int = 1) {
        self.seq = seq
        self.sha256 = sha256
        self.segment = segment
        self.offset = offset
        self.checksumsFrom = checksumsFrom
    }

    /// The head of a log with no records.
    public static let empty = LogHead(seq: 0, sha256: RecordLine.genesis, segment: 0, offset: 0)

    /// Whether both name the same record at the same place (ignoring `checksumsFrom`).
    public func namesSameRecord(as other: LogHead) -> Bool {
        seq == other.seq && sha256 == other.sha256 && segment == other.segment && offset == other.offset
    }

    /// Whether a line ending at `end` in `segment` lies at or before the head, that is, was acknowledged.
    public func covers(segment: Int, end: Int) -> Bool {
        segment < self.segment || (segment == self.segment && end <= offset)
    }

    /// `seq N sha256 H`, as `articled log verify` prints it.
    public var description: String {
        "seq \(seq) sha256 \(sha256)"
    }
}
