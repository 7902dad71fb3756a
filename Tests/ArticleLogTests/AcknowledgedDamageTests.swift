import Foundation
import Testing

@testable import ArticleLog

/// Recovery's error, or a recorded issue when it did not throw one.
private func recoveryError(_ dir: SegmentDirectory) -> LogError? {
    do {
        _ = try LogRecovery.recover(dir, logger: logger)
        Issue.record("recovery accepted a damaged log")
        return nil
    } catch {
        return error
    }
}

@Test func aChangedLetterInTheLastRecordsBodyFailsVerifyAndStopsRecovery() async throws {
    let log = TestLog()
    let writer = try openWriter(log.dir)
    for i in 0..<3 { _ = try await writer.append(articleDraft("b\(i).txt", content: "last body \(i)")) }
    await writer.close()
    var text = try String(contentsOfFile: log.dir.segmentPath(1), encoding: .utf8)
    text = text.replacingOccurrences(of: "last body 2", with: "last bodY 2")
    try text.write(toFile: log.dir.segmentPath(1), atomically: false, encoding: .utf8)

    let report = try LogVerifier.verify(log.dir)
    #expect(report.firstBad?.seq == 3)
    #expect(report.firstBad?.problem.contains("00000001.jsonl line 3") == true)
    let error = recoveryError(log.dir)
    guard case .acknowledgedDamage(let path, let line, _)? = error else {
        Issue.record("expected acknowledged damage, got \(String(describing: error))")
        return
    }
    #expect(path == log.dir.segmentPath(1))
    #expect(line == 3)
    // Nothing was cut: the damaged record is still there for the operator.
    #expect(try String(contentsOfFile: log.dir.segmentPath(1), encoding: .utf8) == text)
}

@Test func damageInsideAcknowledgedRecordsNamesTheSegmentAndLine() async throws {
    let log = TestLog()
    try await log.write(6, segmentBytes: 600)
    // Segment 2 holds seq 4…6 or so; damage its second line.
    var bytes = try log.segment(2)
    let secondLine = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
    bytes[secondLine + 30] ^= 0x01
    try log.put(bytes, at: log.dir.segmentPath(2))
    // A full read, as without an index checkpoint: one covering these lines would spare reading them.
    try FileManager.default.removeItem(atPath: log.dir.checkpointPath)
    let error = recoveryError(log.dir)
    guard case .acknowledgedDamage(let path, let line, let detail)? = error else {
        Issue.record("expected acknowledged damage, got \(String(describing: error))")
        return
    }
    #expect(path == log.dir.segmentPath(2))
    #expect(line == 2)
    #expect(detail.contains("crc32c"))
    #expect(error!.description.contains("00000002.jsonl line 2"))
}

@Test func aMissingTrailingSegmentIsReportedNotRestarted() async throws {
    let log = TestLog()
    try await log.write(8, segmentBytes: 600)
    let numbers = try log.dir.segmentNumbers()
    #expect(numbers.count >= 3)
    try FileManager.default.removeItem(atPath: log.dir.segmentPath(numbers.last!))
    let error = recoveryError(log.dir)
    guard case .missingRecords(let path, _)? = error else {
        Issue.record("expected missing records, got \(String(describing: error))")
        return
    }
    #expect(path == log.dir.segmentPath(numbers.last!))
    #expect(try LogVerifier.verify(log.dir).firstBad != nil)
    #expect(try log.dir.segmentNumbers() == numbers.dropLast())
}

@Test func aMissingMiddleSegmentIsReported() async throws {
    let log = TestLog()
    try await log.write(8, segmentBytes: 600)
    try FileManager.default.removeItem(atPath: log.dir.segmentPath(2))
    let error = recoveryError(log.dir)
    guard case .missingRecords(let path, _)? = error else {
        Issue.record("expected missing records, got \(String(describing: error))")
        return
    }
    #expect(path == log.dir.segmentPath(2))
    #expect(try LogVerifier.verify(log.dir).firstBad?.problem.contains("00000002.jsonl is missing") == true)
}

@Test func aLogThatEndsBeforeTheHeadIsReported() async throws {
    let log = TestLog()
    try await log.write(5)
    // The last whole line is lost (a short segment): the head says seq 5, the log ends at seq 4.
    let bytes = try log.segment(1)
    let lastLineStart = bytes.dropLast().lastIndex(of: UInt8(ascii: "\n"))! + 1
    try log.put(Array(bytes[..<lastLineStart]), at: log.dir.segmentPath(1))
    let error = recoveryError(log.dir)
    guard case .missingRecords(_, let detail)? = error else {
        Issue.record("expected missing records, got \(String(describing: error))")
        return
    }
    #expect(detail.contains("seq 5") && detail.contains("seq 4"))
    #expect(try LogVerifier.verify(log.dir).firstBad?.seq == 5)
}

@Test func aHeadWhoseHashDoesNotMatchItsLineIsReported() async throws {
    let log = TestLog()
    try await log.write(3)
    var head = try #require(try LogHeadFile.read(log.dir.headPath))
    head.sha256 = String(repeating: "f", count: 64)
    try LogHeadFile.create(log.dir.headPath, head: head).close()
    let error = recoveryError(log.dir)
    guard case .acknowledgedDamage(_, let line, _)? = error else {
        Issue.record("expected acknowledged damage, got \(String(describing: error))")
        return
    }
    #expect(line == 3)
    #expect(try LogVerifier.verify(log.dir).firstBad?.seq == 3)
}
