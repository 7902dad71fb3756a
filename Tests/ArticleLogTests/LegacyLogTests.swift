import Foundation
import Testing

@testable import ArticleLog

/// Lines as the version before checksums wrote them: the same bytes without the `crc32c` member.
private func oldFormatLines(_ count: Int) -> [UInt8] {
    var out: [UInt8] = []
    var prev = RecordLine.genesis
    for seq in 1...count {
        var line = RecordLine.make(
            seq: seq,
            prev: prev,
            time: "2026-01-01T00:00:00.000Z",
            kind: .rejected,
            source: SourceInfo(name: "old\(seq).txt", path: "old\(seq).txt", size: 0, sha256: nil, mtime: nil),
            sidecar: nil,
            duplicateOf: nil,
            nearDuplicateOf: nil,
            reason: "x",
            articleJSON: nil,
            extractor: "articled test"
        )
        line.removeLast(RecordLine.checksumSuffixLength)
        line.append(UInt8(ascii: "}"))
        prev = RecordLine.hash(line)
        out += line + [UInt8(ascii: "\n")]
    }
    return out
}

@Test func aLogFromTheVersionBeforeHeadsAndChecksumsIsAdopted() async throws {
    let log = TestLog()
    try FileManager.default.createDirectory(atPath: log.dir.path, withIntermediateDirectories: true)
    try log.put(oldFormatLines(3), at: log.dir.segmentPath(1))

    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.lastSeq == 3)
    let head = try #require(try LogHeadFile.read(log.dir.headPath))
    #expect(head.seq == 3)
    #expect(head.checksumsFrom == 4)
    let writer = try LogWriter(directory: log.dir, recovered: recovered, options: LogWriterOptions(), logger: logger)
    #expect(try await writer.append(rejectedDraft("new.txt")).seq == 4)
    await writer.close()

    // Later starts and verify accept the adopted lines, and only those, without a checksum.
    #expect(try LogRecovery.recover(log.dir, logger: logger).lastSeq == 4)
    let report = try LogVerifier.verify(log.dir)
    #expect(report.firstBad == nil)
    #expect(report.head?.seq == 4)
}

@Test func anOldLogsTornLastLineIsStillCut() async throws {
    let log = TestLog()
    try FileManager.default.createDirectory(atPath: log.dir.path, withIntermediateDirectories: true)
    try log.put(oldFormatLines(2) + Array("{\"seq\":3,\"pr".utf8), at: log.dir.segmentPath(1))
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.lastSeq == 2)
    #expect(recovered.tornFile != nil)
}

@Test func aLineWithoutAChecksumAfterTheAdoptedOnesIsDamage() async throws {
    let log = TestLog()
    try await log.write(2)
    // A checksummed log whose first line had its checksum removed (and the chain rebuilt): not adoptable.
    let lines = oldFormatLines(1)
    try log.put(lines, at: log.dir.segmentPath(1))
    try LogHeadFile.create(
        log.dir.headPath,
        head: LogHead(seq: 1, sha256: RecordLine.hash(lines.dropLast()), segment: 1, offset: lines.count)
    ).close()
    #expect(throws: LogError.self) { try LogRecovery.recover(log.dir, logger: logger) }
    #expect(try LogVerifier.verify(log.dir).firstBad?.problem.contains("no crc32c") == true)
}
