import Foundation
import Glibc
import Logging

/// The state of the log after start-up recovery: where the chain ends and what it holds.
public struct RecoveredLog: Sendable {
    /// The last record's seq, 0 for an empty log.
    public var lastSeq = 0
    /// The hash of the last record's line: the next record's `prev`.
    public var lastHash = RecordLine.genesis
    /// The newest segment's number, 0 when there is none yet.
    public var segment = 0
    /// The newest segment's size in bytes.
    public var segmentSize = 0
    /// Segments on disk.
    public var segmentCount = 0
    /// Bytes in all segments.
    public var totalBytes = 0
    /// Duplicates, replays and counts.
    public var index = SeenIndex()
    /// The head as recovery left it on disk: it covers every record kept.
    public var head = LogHead.empty
    /// Where the first torn piece cut off the end of the log was kept, if anything was cut off.
    public var tornFile: String?
    /// Records that were after the old head (never acknowledged) and were kept because they are whole.
    public var keptUnacknowledged = 0
    /// The seq of the index checkpoint recovery started from, nil when it read the whole log.
    public var checkpointSeq: Int?
    /// Lines recovery read and checked (only those after the checkpoint when there was a usable one).
    public var linesRead = 0
    /// Lines in the newest segment, so that the writer can tell later checkpoints where their head line is.
    public var segmentLines = 0
}

/// Rebuilds the writer's state from the segments at start-up and repairs what a crash left after the head.
///
/// Every line is checked: its checksum, its seq, its `prev` (the chain), and, at the head's seq, that it hashes
/// to the head's hash and ends where the head says. What follows the head was never acknowledged (the originals
/// are still in the drop folder), so from the first bad line after the head everything to the end of the log is
/// cut off and kept in `STATE/torn/`. A bad line at or before the head is damage to acknowledged records, and
/// so is a missing segment or a log that ends before the head: recovery throws and the daemon does not start.
///
/// A log from before heads and checksums (no `log.head`) is adopted: its lines without `crc32c` are accepted
/// up to the first line that has one, the old rule for torn tails applies (only the very last line may be cut),
/// and the head is written at the end, with `checksums_from` set to where checksums begin, so that later
/// starts accept those old lines and no others.
public enum LogRecovery {
    /// Recovers the log in `directory`, creating the folder if it does not exist, and leaves `STATE/log.head`
    /// covering every record kept.
    public static func recover(_ directory: SegmentDirectory, logger: Logger) throws(LogError) -> RecoveredLog {
        try FileIO.makeDirectories(directory.path)
        let oldHead = try LogHeadFile.read(directory.headPath)
        let numbers = try directory.segmentNumbers()
        try checkSegmentsPresent(numbers, head: oldHead, directory: directory)

        var state = RecoveredLog()
        var scan = ChainScan(head: oldHead)
        var sizes: [Int: Int] = [:]
        var cut: (segment: Int, offset: Int, line: Int, problem: String)?
        // Where reading starts: the log's beginning, or just after the checkpoint's head line.
        var start = (segment: 1, offset: 0, line: 0)
        var headLine = (segment: 0, line: 0)
        if let oldHead, let checkpoint = usableCheckpoint(directory, head: oldHead, segments: numbers, logger: logger) {
            state.index = checkpoint.index
            state.head = checkpoint.head
            state.checkpointSeq = checkpoint.head.seq
            scan.resume(seq: checkpoint.head.seq, hash: checkpoint.head.sha256)
            start = (checkpoint.head.segment, checkpoint.head.offset, checkpoint.headLine)
            headLine = (checkpoint.head.segment, checkpoint.headLine)
            for number in numbers where number < start.segment {
                sizes[number] = try segmentSize(directory.segmentPath(number))
            }
        }
        segments: for (position, number) in numbers.enumerated() where number >= start.segment {
            let path = directory.segmentPath(number)
            // Offsets below are within `bytes`; `base` turns them into offsets in the segment.
            let base = number == start.segment ? start.offset : 0
            let bytes = try readSegment(path, from: base)
            sizes[number] = base + bytes.count
            let isLastSegment = position == numbers.count - 1
            var lineStart = 0
            var lineNumber = number == start.segment ? start.line : 0
            while lineStart < bytes.count {
                lineNumber += 1
                state.linesRead += 1
                let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline ?? bytes.count
                let line = bytes[lineStart..<end]
                let outcome =
                    newline == nil
                    ? .bad("the segment ends in a line without a newline (\(bytes.count - lineStart) bytes)")
                    : scan.check(line)
                switch outcome {
                case .bad(let problem):
                    if let oldHead, oldHead.covers(segment: number, end: base + lineStart + 1) {
                        throw .acknowledgedDamage(path: path, line: lineNumber, detail: problem)
                    }
                    if oldHead == nil && !(isLastSegment && end + 1 >= bytes.count) {
                        throw .corruptRecord(path: path, line: lineNumber, detail: problem)
                    }
                    cut = (number, base + lineStart, lineNumber, problem)
                    break segments
                case .record(let header):
                    let lineHash = RecordLine.hash(line)
                    if let oldHead, header.seq == oldHead.seq {
                        guard lineHash == oldHead.sha256, number == oldHead.segment, base + end + 1 == oldHead.offset
                        else {
                            throw .acknowledgedDamage(
                                path: path,
                                line: lineNumber,
                                detail: "the head (\(directory.headPath)) says seq \(oldHead.seq) has sha256 "
                                    + "\(oldHead.sha256) and ends at segment \(oldHead.segment) offset "
                                    + "\(oldHead.offset); this line has sha256 \(lineHash) and ends at segment "
                                    + "\(number) offset \(base + end + 1)"
                            )
                        }
                    }
                    scan.accept(seq: header.seq, hash: lineHash)
                    let simhash = header.kind == .article ? NearDuplicateIndex.simhash(inArticleJSON: line) : nil
                    state.index.add(
                        seq: header.seq,
                        kind: header.kind,
                        source: header.source,
                        sidecar: header.sidecar,
                        simhash: simhash
                    )
                    state.head = LogHead(
                        seq: header.seq,
                        sha256: lineHash,
                        segment: number,
                        offset: base + end + 1,
                        checksumsFrom: scan.checksumsFrom
                    )
                    headLine = (number, lineNumber)
                    // A full rebuild folds its entries into the compact arrays as it goes, bounding memory.
                    if state.index.recentCount >= 1 << 16 { state.index.compact() }
                }
                lineStart = end + 1
            }
        }
        if let oldHead, state.head.seq < oldHead.seq {
            let last = numbers.last.map(directory.segmentPath) ?? directory.path
            throw .missingRecords(
                path: last,
                detail: "the head says seq \(oldHead.seq) was acknowledged, but the log ends at seq \(state.head.seq)"
            )
        }

        state.head.checksumsFrom = scan.checksumsFrom
        var kept = numbers
        if let cut {
            kept = numbers.filter { $0 <= cut.segment }
            state.tornFile = try cutTail(cut, after: numbers, directory: directory, logger: logger)
            sizes[cut.segment] = cut.offset
        }
        if state.checkpointSeq == nil { state.index.compact() }
        logger.info(
            state.checkpointSeq == nil ? "read the whole log" : "started from the index checkpoint",
            metadata: [
                "checkpoint_seq": "\(state.checkpointSeq.map(String.init) ?? "none")",
                "lines_read": "\(state.linesRead)",
            ]
        )
        state.segmentLines = headLine.segment == (kept.last ?? 0) ? headLine.line : 0
        state.lastSeq = state.head.seq
        state.lastHash = state.head.sha256
        state.segmentCount = kept.count
        state.segment = kept.last ?? 0
        state.segmentSize = sizes[state.segment] ?? 0
        state.totalBytes = kept.reduce(0) { $0 + (sizes[$1] ?? 0) }
        state.keptUnacknowledged = state.head.seq - (oldHead?.seq ?? 0)

        if state.head != oldHead {
            // The records after the old head may still be only in the page cache (a crash of the process, not
            // of the machine): make them durable before the head covers them.
            for number in kept where number >= (oldHead?.segment ?? 0) && number > 0 {
                try syncSegment(directory.segmentPath(number))
            }
            if oldHead == nil {
                try LogHeadFile.create(directory.headPath, head: state.head).close()
            } else {
                var file = try LogHeadFile.open(directory.headPath)
                defer { file.close() }
                try file.write(state.head)
            }
            if oldHead == nil && state.head.seq > 0 {
                logger.notice(
                    "adopted a log without a head file; wrote it",
                    metadata: ["head": "\(directory.headPath)", "seq": "\(state.head.seq)"]
                )
            } else if state.keptUnacknowledged > 0 {
                logger.notice(
                    "kept whole records written after the head, never acknowledged; the head now covers them",
                    metadata: ["records": "\(state.keptUnacknowledged)", "seq": "\(state.head.seq)"]
                )
            }
        }
        return state
    }

    /// The checkpoint in `STATE/index`, if it can stand in for reading the log up to its head: whole (its
    /// checksum holds), at or before the log's head, and naming a line that is where it says and hashes to the
    /// hash it holds. Anything else is logged and ignored: the index is then rebuilt from the log.
    static func usableCheckpoint(
        _ directory: SegmentDirectory,
        head: LogHead,
        segments: [Int],
        logger: Logger
    ) -> IndexCheckpoint? {
        let path = directory.checkpointPath
        let checkpoint: IndexCheckpoint
        switch IndexCheckpoint.read(path) {
        case .missing:
            if head.seq > 0 { logger.info("no index checkpoint; reading the whole log", metadata: ["path": "\(path)"]) }
            return nil
        case .unusable(let problem):
            logger.warning(
                "the index checkpoint is damaged; ignoring it and reading the whole log",
                metadata: ["path": "\(path)", "problem": "\(problem)"]
            )
            return nil
        case .loaded(let loaded):
            checkpoint = loaded
        }
        if let problem = mismatch(checkpoint, head: head, segments: segments, directory: directory) {
            logger.warning(
                "the index checkpoint does not match the log; ignoring it and reading the whole log",
                metadata: ["path": "\(path)", "problem": "\(problem)"]
            )
            return nil
        }
        return checkpoint
    }

    /// Why `checkpoint` cannot be used with the log whose head is `head`, or nil when it can.
    private static func mismatch(
        _ checkpoint: IndexCheckpoint,
        head: LogHead,
        segments: [Int],
        directory: SegmentDirectory
    ) -> String? {
        let c = checkpoint.head
        guard c.seq >= 1, c.seq <= head.seq, c.segment >= 1, c.segment <= head.segment, c.segment <= segments.count
        else {
            return "its head (\(c), segment \(c.segment)) is not within the log's (\(head), segment \(head.segment))"
        }
        guard c.checksumsFrom == head.checksumsFrom else { return "checksums_from differs" }
        if c.seq == head.seq && !c.namesSameRecord(as: head) { return "it names another record at seq \(c.seq)" }
        guard let line = try? lineEnding(at: c.offset, in: directory.segmentPath(c.segment)) else {
            return "no line ends at segment \(c.segment) offset \(c.offset)"
        }
        switch RecordLine.checksum(of: line) {
        case .valid: break
        case .absent where c.seq < c.checksumsFrom: break
        default: return "the line at seq \(c.seq) fails its checksum"
        }
        guard RecordLine.hash(line) == c.sha256 else { return "the line at seq \(c.seq) has another sha256" }
        guard let header = try? JSONDecoder().decode(RecordHeader.self, from: Data(headerBytes(of: line))),
            header.seq == c.seq
        else { return "the line there is not record \(c.seq)" }
        return nil
    }

    /// The line (without its newline) whose newline is the byte before `offset` in the segment at `path`.
    static func lineEnding(at offset: Int, in path: String) throws(LogError) -> ArraySlice<UInt8>? {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { FileIO.close(fd) }
        guard offset >= 1, try FileIO.fileSize(fd, path: path) >= offset else { return nil }
        var window = 1 << 16
        while true {
            let from = max(0, offset - window)
            let bytes = try FileIO.readAll(fd: fd, path: path, from: from, count: offset - from)
            guard bytes.count == offset - from, bytes.last == UInt8(ascii: "\n") else { return nil }
            let body = bytes[..<(bytes.count - 1)]
            if let newline = body.lastIndex(of: UInt8(ascii: "\n")) { return body[(newline + 1)...] }
            if from == 0 { return body }
            window *= 4
        }
    }

    private static func segmentSize(_ path: String) throws(LogError) -> Int {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { FileIO.close(fd) }
        return try FileIO.fileSize(fd, path: path)
    }

    private static func readSegment(_ path: String, from offset: Int) throws(LogError) -> [UInt8] {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { FileIO.close(fd) }
        // Sized up front: one allocation for the segment, not a doubling buffer.
        let size = try FileIO.fileSize(fd, path: path)
        return try FileIO.readAll(fd: fd, path: path, from: offset, count: max(0, size - offset))
    }

    /// Segments are numbered 1, 2, 3, … without gaps, and the head's segment exists.
    private static func checkSegmentsPresent(
        _ numbers: [Int],
        head: LogHead?,
        directory: SegmentDirectory
    ) throws(LogError) {
        for (i, number) in numbers.enumerated() where number != i + 1 {
            throw .missingRecords(
                path: directory.segmentPath(i + 1),
                detail: "segment \(i + 1) is missing (found \(SegmentDirectory.fileName(number)) after it)"
            )
        }
        if let head, head.segment > numbers.count {
            throw .missingRecords(
                path: directory.segmentPath(head.segment),
                detail: "the head says seq \(head.seq) ends in this segment, but the log ends at segment "
                    + "\(numbers.count)"
            )
        }
    }

    /// Keeps everything from the cut to the end of the log in `STATE/torn/`, durably, then removes it.
    private static func cutTail(
        _ cut: (segment: Int, offset: Int, line: Int, problem: String),
        after numbers: [Int],
        directory: SegmentDirectory,
        logger: Logger
    ) throws(LogError) -> String {
        try FileIO.makeDirectories(directory.tornDirectory)
        let path = directory.segmentPath(cut.segment)
        let bytes = try FileIO.readAll(path)
        let first = try keepTorn(Array(bytes[cut.offset...]), name: SegmentDirectory.fileName(cut.segment), directory)
        try truncate(path, to: cut.offset)
        logger.warning(
            "cut off a torn tail after the head, never acknowledged",
            metadata: [
                "segment": "\(path)", "line": "\(cut.line)", "problem": "\(cut.problem)",
                "bytes": "\(bytes.count - cut.offset)", "kept_in": "\(first)",
            ]
        )
        let later = numbers.filter { $0 > cut.segment }
        for number in later {
            let path = directory.segmentPath(number)
            let kept = try keepTorn(try FileIO.readAll(path), name: SegmentDirectory.fileName(number), directory)
            _ = try FileIO.check("unlink", path) { Glibc.unlink(path) }
            logger.warning(
                "moved a segment after a torn tail away",
                metadata: ["segment": "\(path)", "kept_in": "\(kept)"]
            )
        }
        if !later.isEmpty { try FileIO.fsyncDirectory(directory.path) }
        return first
    }

    /// The part of a record line before its article, closed again: recovery needs only the header, and the
    /// sequence `,"article":` cannot occur inside a JSON string, where quotes are escaped.
    static func headerBytes(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let marker = Array(",\"article\":".utf8)
        guard let cut = firstIndex(of: marker, in: line) else { return line }
        return line[line.startIndex..<cut] + [UInt8(ascii: "}")]
    }

    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Saves torn bytes in `STATE/torn/` under a name not yet taken, durably, before they are cut off.
    private static func keepTorn(
        _ bytes: [UInt8],
        name: String,
        _ directory: SegmentDirectory
    ) throws(LogError)
        -> String
    {
        let base = directory.tornDirectory + "/" + name + ".torn"
        var candidate = base
        var n = 1
        while access(candidate, F_OK) == 0 {
            candidate = base + ".\(n)"
            n += 1
        }
        let fd = try FileIO.open(candidate, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        defer { FileIO.close(fd) }
        try FileIO.writeAll(fd, bytes, path: candidate)
        try FileIO.fsync(fd, path: candidate)
        try FileIO.fsyncDirectory(directory.tornDirectory)
        return candidate
    }

    private static func truncate(_ path: String, to length: Int) throws(LogError) {
        let fd = try FileIO.open(path, O_WRONLY)
        defer { FileIO.close(fd) }
        try FileIO.ftruncate(fd, length, path: path)
        try FileIO.fsync(fd, path: path)
    }

    private static func syncSegment(_ path: String) throws(LogError) {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { FileIO.close(fd) }
        try FileIO.fdatasync(fd, path: path)
    }
}

/// The chain as recovery walks it: what the next line must carry, and whether lines without a checksum are
/// still accepted (only in a log without a head, before the first line that has one).
struct ChainScan {
    enum Outcome {
        case record(RecordHeader)
        case bad(String)
    }

    private(set) var lastSeq = 0
    private(set) var lastHash = RecordLine.genesis
    /// Lines from this seq on must carry a checksum; without a head it is found: the first line that has one.
    private(set) var checksumsFrom: Int
    private let checksumsFromIsKnown: Bool
    private let decoder = JSONDecoder()

    init(head: LogHead?) {
        checksumsFrom = head?.checksumsFrom ?? 1
        checksumsFromIsKnown = head != nil
    }

    /// Checks one complete line (without its newline) against the chain so far.
    mutating func check(_ line: ArraySlice<UInt8>) -> Outcome {
        if line.isEmpty { return .bad("empty line") }
        // Zero bytes never occur in JSON text; naming them tells the operator it was a zeroed page.
        func bad(_ detail: String) -> Outcome {
            .bad(line.contains(0) ? "holds zero bytes (a zeroed page?); \(detail)" : detail)
        }
        let checksum = RecordLine.checksum(of: line)
        if case .mismatch(let detail) = checksum { return bad(detail) }
        let header: RecordHeader
        do {
            header = try decoder.decode(RecordHeader.self, from: Data(LogRecovery.headerBytes(of: line)))
        } catch {
            return bad("not a JSON record (\(error))")
        }
        if checksum == .absent {
            let adoptable = checksumsFromIsKnown ? header.seq < checksumsFrom : lastSeq + 1 == checksumsFrom
            if !adoptable { return bad("no crc32c member") }
            // Still before the first checksummed line of a log without a head.
            if !checksumsFromIsKnown { checksumsFrom = header.seq + 1 }
        }
        if header.seq != lastSeq + 1 { return .bad("seq \(header.seq), expected \(lastSeq + 1)") }
        if header.prev != lastHash {
            return .bad("prev is not the SHA-256 of the line before it: the chain is broken")
        }
        return .record(header)
    }

    /// Continues the chain after a record read from a checkpoint instead of from the log.
    mutating func resume(seq: Int, hash: String) {
        lastSeq = seq
        lastHash = hash
    }

    /// Moves the chain on past an accepted line.
    mutating func accept(seq: Int, hash: String) {
        lastSeq = seq
        lastHash = hash
    }
}
