import Foundation
import Testing

@testable import ArticleLog

@Test func verifyWithTheRightAnchorPassesAndPrintsTheHead() async throws {
    let log = TestLog()
    try await log.write(4)
    let head = try #require(try LogHeadFile.read(log.dir.headPath))
    let anchor = try #require(LogAnchor("\(head.seq):\(head.sha256)"))
    let report = try LogVerifier.verify(log.dir, expect: anchor)
    #expect(report.firstBad == nil)
    #expect(report.head?.description == "seq 4 sha256 \(head.sha256)")
}

@Test func verifyWithAnAnchorFromAnotherHistoryFails() async throws {
    let log = TestLog()
    try await log.write(4)
    let other = TestLog()
    try await other.write(4, from: 100)
    // A head printed from a log with different records: same seq, another hash.
    let foreign = try #require(try LogHeadFile.read(other.dir.headPath))
    let report = try LogVerifier.verify(log.dir, expect: LogAnchor(seq: 2, sha256: foreign.sha256))
    #expect(report.firstBad?.seq == 2)
    #expect(report.firstBad?.problem.contains("--expect") == true)
    let beyond = try LogVerifier.verify(log.dir, expect: LogAnchor(seq: 9, sha256: foreign.sha256))
    #expect(beyond.firstBad?.seq == 9)
}

@Test func anchorsParseOnlySeqColonSixtyFourHexDigits() {
    let hash = String(repeating: "ab", count: 32)
    #expect(LogAnchor("12:\(hash)") == LogAnchor(seq: 12, sha256: hash))
    #expect(LogAnchor("12:\(hash.uppercased())") == LogAnchor(seq: 12, sha256: hash))
    #expect(LogAnchor("0:\(hash)") == nil)
    #expect(LogAnchor("12:\(hash.dropLast())") == nil)
    #expect(LogAnchor("12") == nil)
}

@Test func verifyReportsUnacknowledgedRecordsAfterTheHead() async throws {
    let log = TestLog()
    try await log.write(2)
    let head = try log.bytes(log.dir.headPath)
    try await log.write(1, from: 2)
    try log.put(head, at: log.dir.headPath)
    let report = try LogVerifier.verify(log.dir)
    #expect(report.firstBad?.seq == 3)
    #expect(report.firstBad?.problem.contains("never acknowledged") == true)
}
