import Foundation

/// The result of checking the whole log.
public struct VerifyReport: Sendable, Equatable {
    /// Records checked.
    public var records: Int
    /// Segments read.
    public var segments: Int
    /// The first problem, and the seq it concerns; nil when every byte checks out.
    public var firstBad: (seq: Int, problem: String)?
    /// What `STATE/log.head` holds; nil when there is no head file (a log from before heads existed).
    public var head: LogHead?
    /// The last whole record found, as a head would name it.
    public var end = LogHead.empty

    public static func == (a: VerifyReport, b: VerifyReport) -> Bool {
        a.records == b.records && a.segments == b.segments && a.firstBad?.seq == b.firstBad?.seq
            && a.firstBad?.problem == b.firstBad?.problem && a.head == b.head && a.end == b.end
    }
}

/// Checks every byte of the log (`articled log verify`): each line must be a JSON object whose checksum
/// matches, whose `seq` follows the previous one and whose `prev` is the SHA-256 of the previous line's bytes;
/// the head file must name the last line exactly; and an anchor, if given, must match the line at its seq.
/// Lines without a checksum are accepted only in a log without a head file, before the first line with one.
public enum LogVerifier {
    /// What `progress` is told after each segment: how many segments are done of how many, and the records so far.
    public typealias Progress = (_ segmentsDone: Int, _ segments: Int, _ records: Int) -> Void

    /// Verifies the log in `directory`, and `anchor` if given; `progress` hears after each segment, so that a
    /// terminal can show a big log's check moving.
    public static func verify(
        _ directory: SegmentDirectory,
        expect anchor: LogAnchor? = nil,
        progress: Progress? = nil
    ) throws -> VerifyReport {
        let numbers = try directory.segmentNumbers()
        var report = VerifyReport(records: 0, segments: numbers.count, firstBad: nil)
        do {
            report.head = try LogHeadFile.read(directory.headPath)
        } catch {
            report.firstBad = (0, "\(error)")
            return report
        }
        if let problem = try checkRecords(directory, numbers, anchor: anchor, progress: progress, &report) {
            report.firstBad = problem
            return report
        }
        if let anchor, anchor.seq > report.end.seq {
            report.firstBad = (
                anchor.seq, "--expect names seq \(anchor.seq), but the log ends at seq \(report.end.seq)"
            )
            return report
        }
        if let head = report.head, !head.namesSameRecord(as: report.end) {
            report.firstBad = headProblem(head, report.end)
        }
        return report
    }

    private static func headProblem(_ head: LogHead, _ end: LogHead) -> (seq: Int, problem: String) {
        if head.seq > end.seq {
            return (head.seq, "the head says seq \(head.seq) was acknowledged, but the log ends at seq \(end.seq)")
        }
        if head.seq < end.seq {
            return (
                head.seq + 1,
                "seq \(head.seq + 1)…\(end.seq) follow the head and were never acknowledged (a crash); "
                    + "'articled run' repairs this at start-up"
            )
        }
        return (
            head.seq,
            "the head says seq \(head.seq) has sha256 \(head.sha256) and ends at "
                + "\(SegmentDirectory.fileName(head.segment)) offset \(head.offset); the log has sha256 "
                + "\(end.sha256), ending at \(SegmentDirectory.fileName(end.segment)) offset \(end.offset)"
        )
    }

    /// Walks every line; returns the first problem, or nil, leaving counts and the chain's end in `report`.
    private static func checkRecords(
        _ directory: SegmentDirectory,
        _ numbers: [Int],
        anchor: LogAnchor?,
        progress: Progress?,
        _ report: inout VerifyReport
    ) throws -> (seq: Int, problem: String)? {
        // With a head, lines before its `checksums_from` were adopted from an older version; without one, lines
        // without a checksum are accepted only until the first line that has one.
        var acceptsLinesWithoutChecksum = report.head.map { $0.checksumsFrom > 1 } ?? true
        var expectedSeq = 1
        var expectedPrev = RecordLine.genesis
        for (i, number) in numbers.enumerated() where number != i + 1 {
            return (expectedSeq, "\(SegmentDirectory.fileName(i + 1)) is missing")
        }
        for (done, number) in numbers.enumerated() {
            // After the previous segment, before reading this one: the first report comes at once.
            progress?(done, numbers.count, report.records)
            let path = directory.segmentPath(number)
            let bytes = try FileIO.readAll(path)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count {
                lineNumber += 1
                let where_ = "\(SegmentDirectory.fileName(number)) line \(lineNumber)"
                guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                    return (expectedSeq, "\(where_): \(path) ends in an incomplete line")
                }
                let line = bytes[lineStart..<newline]
                lineStart = newline + 1
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                    let seq = object["seq"] as? Int, let prev = object["prev"] as? String
                else {
                    let zeros = line.contains(0) ? " (it holds zero bytes: a zeroed page?)" : ""
                    return (expectedSeq, "\(where_) is not a valid record\(zeros)")
                }
                if let head = report.head, seq >= head.checksumsFrom { acceptsLinesWithoutChecksum = false }
                switch RecordLine.checksum(of: line) {
                case .valid: acceptsLinesWithoutChecksum = false
                case .mismatch(let detail): return (seq, "\(where_) (seq \(seq)) was altered or damaged: \(detail)")
                case .absent where !acceptsLinesWithoutChecksum:
                    return (seq, "\(where_) (seq \(seq)) has no crc32c member")
                case .absent: break
                }
                if seq != expectedSeq {
                    return (expectedSeq, "\(where_) has seq \(seq), expected \(expectedSeq)")
                }
                if prev != expectedPrev {
                    // The chain breaks here, but the change is usually in the line before (with its checksum
                    // recomputed): its bytes no longer hash to the `prev` this record kept. Only a damaged
                    // `prev` itself points at this record.
                    let prevLooksIntact = prev.utf8.count == 64 && prev.utf8.allSatisfy { Hex.isDigit($0) }
                    if seq > 1 && prevLooksIntact {
                        return (
                            seq - 1,
                            "seq \(seq - 1) was altered: its hash no longer matches the prev of seq \(seq) (\(where_))"
                        )
                    }
                    return (seq, "\(where_): prev is not the hash of the record before it")
                }
                let hash = RecordLine.hash(line)
                if let anchor, anchor.seq == seq, anchor.sha256 != hash {
                    return (
                        seq,
                        "\(where_): seq \(seq) has sha256 \(hash), but --expect says \(anchor.sha256): "
                            + "the log was rewritten or is another log"
                    )
                }
                expectedPrev = hash
                expectedSeq += 1
                report.records += 1
                report.end = LogHead(seq: seq, sha256: hash, segment: number, offset: lineStart)
            }
        }
        progress?(numbers.count, numbers.count, report.records)
        return nil
    }
}
