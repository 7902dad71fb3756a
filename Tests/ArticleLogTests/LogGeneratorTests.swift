import Foundation
import Testing

@testable import ArticleLog

@Test func aGeneratedLogVerifiesAndTheWriterCarriesItOn() async throws {
    let log = TestLog()
    let summary = try LogGenerator.generate(log.dir, count: 400, seed: 3, segmentBytes: 200_000)
    #expect(summary.head.seq == 400)
    #expect(summary.articles + summary.duplicates + summary.rejected == 400)
    #expect(summary.duplicates > 0 && summary.rejected > 0 && summary.sidecars > 0)
    let report = try LogVerifier.verify(log.dir)
    #expect(report.firstBad == nil)
    #expect(report.records == 400 && report.segments > 1)
    #expect(report.head == summary.head)

    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.head == summary.head)
    #expect(recovered.index.articles == summary.articles)
    let writer = try LogWriter(directory: log.dir, recovered: recovered, options: LogWriterOptions(), logger: logger)
    #expect(try await writer.append(rejectedDraft("after.txt")).seq == 401)
    await writer.close()
    #expect(try LogVerifier.verify(log.dir).firstBad == nil)
}

@Test func generatingRefusesALogThatHasRecords() async throws {
    let log = TestLog()
    try await log.write(1)
    #expect(throws: LogError.self) { try LogGenerator.generate(log.dir, count: 10) }
}

@Test func verifyReportsProgressAfterEverySegment() throws {
    let log = TestLog()
    let summary = try LogGenerator.generate(log.dir, count: 300, seed: 5, segmentBytes: 100_000)
    var calls: [(Int, Int, Int)] = []
    let report = try LogVerifier.verify(log.dir) { done, total, records in calls.append((done, total, records)) }
    #expect(report.firstBad == nil)
    let segments = try log.dir.segmentNumbers().count
    #expect(segments > 2)
    #expect(calls.count == segments + 1)
    #expect(calls.map(\.0) == Array(0...segments))
    #expect(calls.last.map { $0.1 == segments && $0.2 == summary.head.seq } == true)
}
