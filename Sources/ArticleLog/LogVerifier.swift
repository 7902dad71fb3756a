import Foundation

/// The result of checking the whole log.
public struct VerifyReport: Sendable, Equatable {
    /// Records checked.
    public var records: Int
    /// Segments read.
    public var segments: Int
    /// The first record that does not fit the chain, and why; nil when the chain holds.
    public var firstBad: (seq: Int, problem: String)?

    public static func == (a: VerifyReport, b: VerifyReport) -> Bool {
        a.records == b.records && a.segments == b.segments && a.firstBad?.seq == b.firstBad?.seq
            && a.firstBad?.problem == b.firstBad?.problem
    }
}

/// Recomputes the hash chain over every segment (`articled log verify`): each line must be a JSON object whose
/// `seq` follows the previous one and whose `prev` is the SHA-256 of the previous line's bytes.
public enum LogVerifier {
    /// Verifies the log in `directory`.
    public static func verify(_ directory: SegmentDirectory) throws -> VerifyReport {
        let numbers = try directory.segmentNumbers()
        var report = VerifyReport(records: 0, segments: numbers.count, firstBad: nil)
        var expectedSeq = 1
        var expectedPrev = RecordLine.genesis
        for number in numbers {
            let path = directory.segmentPath(number)
            let bytes = try FileIO.readAll(path)
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if let tail = lines.popLast(), !tail.isEmpty {
                report.firstBad = (expectedSeq, "\(path) ends in an incomplete line")
                return report
            }
            for (n, line) in lines.enumerated() {
                let where_ = "\(SegmentDirectory.fileName(number)) line \(n + 1)"
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                    let seq = object["seq"] as? Int, let prev = object["prev"] as? String
                else {
                    report.firstBad = (expectedSeq, "\(where_) is not a valid record")
                    return report
                }
                if seq != expectedSeq {
                    report.firstBad = (expectedSeq, "\(where_) has seq \(seq), expected \(expectedSeq)")
                    return report
                }
                if prev != expectedPrev {
                    // The chain breaks here, but the change is usually in the line before: its bytes no longer
                    // hash to the `prev` this record kept. Only a damaged `prev` itself points at this record.
                    let prevLooksIntact = prev.utf8.count == 64 && prev.utf8.allSatisfy { Self.isHexDigit($0) }
                    if seq > 1 && prevLooksIntact {
                        report.firstBad = (
                            seq - 1,
                            "seq \(seq - 1) was altered: its hash no longer matches the prev of seq \(seq) (\(where_))"
                        )
                    } else {
                        report.firstBad = (seq, "\(where_): prev is not the hash of the record before it")
                    }
                    return report
                }
                expectedPrev = RecordLine.hash(line)
                expectedSeq += 1
                report.records += 1
            }
        }
        return report
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
    }
}
