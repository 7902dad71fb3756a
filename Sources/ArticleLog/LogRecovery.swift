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
    /// Where a torn last line was kept, if one was cut off.
    public var tornFile: String?
    /// Records whose `prev` does not match the line before them (the log was altered); recovery goes on, and
    /// `articled log verify` tells the operator more.
    public var brokenLinks: [Int] = []
}

/// Rebuilds the writer's state from the segments at start-up, and repairs a torn tail: an incomplete last line
/// (no newline, or not valid JSON) left by a crash is cut off and kept in a `.torn` file. A complete record in
/// the middle of the log is never removed; if one cannot be read, recovery stops with an error instead.
public enum LogRecovery {
    /// Recovers the log in `directory`, creating the folder if it does not exist.
    public static func recover(_ directory: SegmentDirectory, logger: Logger) throws(LogError) -> RecoveredLog {
        try FileIO.makeDirectories(directory.path)
        var state = RecoveredLog()
        let numbers = try directory.segmentNumbers()
        state.segmentCount = numbers.count
        let decoder = JSONDecoder()
        for (position, number) in numbers.enumerated() {
            let path = directory.segmentPath(number)
            let isLast = position == numbers.count - 1
            var bytes = try FileIO.readAll(path)
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            // `split` leaves an empty last piece after a final newline; anything else there is a torn line.
            var torn: ArraySlice<UInt8> = lines.removeLast()
            if !torn.isEmpty && !isLast {
                throw .corruptRecord(path: path, line: lines.count + 1, detail: "segment does not end with a newline")
            }
            for (lineNumber, line) in lines.enumerated() {
                let header: RecordHeader
                do {
                    header = try decoder.decode(RecordHeader.self, from: Data(headerBytes(of: line)))
                } catch {
                    if isLast && lineNumber == lines.count - 1 {
                        // The newline may have reached the disk before the rest: a torn line all the same.
                        torn = bytes[line.startIndex..<bytes.endIndex]
                        lines.removeLast()
                        break
                    }
                    throw .corruptRecord(path: path, line: lineNumber + 1, detail: "\(error)")
                }
                guard header.seq == state.lastSeq + 1 else {
                    throw .sequenceGap(path: path, expected: state.lastSeq + 1, found: header.seq)
                }
                if header.prev != state.lastHash { state.brokenLinks.append(header.seq) }
                state.lastSeq = header.seq
                state.lastHash = RecordLine.hash(line)
                let simhash = header.kind == .article ? NearDuplicateIndex.simhash(inArticleJSON: line) : nil
                state.index.add(
                    seq: header.seq,
                    kind: header.kind,
                    source: header.source,
                    sidecar: header.sidecar,
                    simhash: simhash
                )
            }
            if !torn.isEmpty {
                let kept = try keepTorn(Array(torn), segmentPath: path)
                let goodLength = torn.startIndex
                try truncate(path, to: goodLength)
                bytes.removeSubrange(goodLength...)
                state.tornFile = kept
                logger.warning(
                    "cut off a torn last line left by a crash",
                    metadata: ["segment": "\(path)", "bytes": "\(torn.count)", "kept_in": "\(kept)"]
                )
            }
            state.totalBytes += bytes.count
            if isLast {
                state.segment = number
                state.segmentSize = bytes.count
            }
        }
        if !state.brokenLinks.isEmpty {
            logger.error(
                "the log's hash chain is broken; run 'articled log verify'",
                metadata: ["first_bad_seq": "\(state.brokenLinks[0])"]
            )
        }
        return state
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

    /// Saves torn bytes next to the segment, under a name not yet taken, durably, before they are cut off.
    private static func keepTorn(_ bytes: [UInt8], segmentPath: String) throws(LogError) -> String {
        var candidate = segmentPath + ".torn"
        var n = 1
        while access(candidate, F_OK) == 0 {
            candidate = segmentPath + ".torn.\(n)"
            n += 1
        }
        let fd = try FileIO.open(candidate, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        defer { FileIO.close(fd) }
        try FileIO.writeAll(fd, bytes, path: candidate)
        try FileIO.fsync(fd, path: candidate)
        try FileIO.fsyncDirectory(String(candidate[..<candidate.lastIndex(of: "/")!]))
        return candidate
    }

    private static func truncate(_ path: String, to length: Int) throws(LogError) {
        let fd = try FileIO.open(path, O_WRONLY)
        defer { FileIO.close(fd) }
        try FileIO.ftruncate(fd, length, path: path)
        try FileIO.fsync(fd, path: path)
    }
}
