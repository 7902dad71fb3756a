import Foundation
import Testing

@testable import ArticleLog

/// A log of three acknowledged records, and the bytes of two more that the writer appended after them
/// (complete lines), with the head put back to seq 3 as if the crash came before the head covered them.
private struct UnacknowledgedTail {
    let log = TestLog()
    var acknowledged: [UInt8] = []
    var headFile: [UInt8] = []
    var tail: [UInt8] = []

    static func make() async throws -> UnacknowledgedTail {
        var t = UnacknowledgedTail()
        try await t.log.write(3)
        t.acknowledged = try t.log.segment(1)
        t.headFile = try t.log.bytes(t.log.dir.headPath)
        try await t.log.write(2, from: 3)
        t.tail = Array(try t.log.segment(1)[t.acknowledged.count...])
        return t
    }

    /// Puts the acknowledged log back, with `unacknowledged` after it and the head still at seq 3.
    func crash(leaving unacknowledged: [UInt8]) throws {
        try log.put(acknowledged + unacknowledged, at: log.dir.segmentPath(1))
        try log.put(headFile, at: log.dir.headPath)
        try? FileManager.default.removeItem(atPath: log.dir.tornDirectory)
    }
}

@Test func aTornUnacknowledgedBatchIsRepairedAtEveryByteOffset() async throws {
    // Each offset costs a handful of fsyncs; eight logs side by side keep the disk busy and the test short.
    let workers = 8
    let checked = try await withThrowingTaskGroup(of: Set<Int>.self) { group in
        for worker in 0..<workers {
            group.addTask { try await repairTornTails(atOffsetsStartingAt: worker, step: workers) }
        }
        return try await group.reduce(into: Set<Int>()) { $0.formUnion($1) }
    }
    let tailLength = try await UnacknowledgedTail.make().tail.count
    #expect(checked == Set(0...tailLength), "every offset of the \(tailLength)-byte batch, from empty to whole")
}

/// Crashes at offsets `first`, `first + step`, … of the unacknowledged batch; returns the offsets checked.
private func repairTornTails(atOffsetsStartingAt first: Int, step: Int) async throws -> Set<Int> {
    let t = try await UnacknowledgedTail.make()
    let lineEnds = t.tail.indices.filter { t.tail[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    #expect(lineEnds.count == 2)
    var checked: Set<Int> = []
    for cut in stride(from: first, through: t.tail.count, by: step) {
        try t.crash(leaving: Array(t.tail[..<cut]))
        let whole = lineEnds.filter { $0 <= cut }.count
        let keptLength = lineEnds.last { $0 <= cut } ?? 0

        let recovered = try LogRecovery.recover(t.log.dir, logger: logger)
        #expect(recovered.lastSeq == 3 + whole, "cut at \(cut)")
        #expect(try t.log.segment(1) == t.acknowledged + t.tail[..<keptLength], "cut at \(cut)")
        #expect((recovered.tornFile != nil) == (cut != keptLength), "cut at \(cut)")
        if let torn = recovered.tornFile {
            #expect(try t.log.bytes(torn)[...] == t.tail[keptLength..<cut], "cut at \(cut)")
        }
        #expect(recovered.head.seq == 3 + whole, "the head covers the whole records kept (cut at \(cut))")

        // The next append links to the last record kept.
        let writer = try LogWriter(
            directory: t.log.dir,
            recovered: recovered,
            options: LogWriterOptions(),
            logger: logger
        )
        let next = try await writer.append(rejectedDraft("next.txt"))
        await writer.close()
        #expect(next.seq == 4 + whole, "cut at \(cut)")
        let report = try LogVerifier.verify(t.log.dir)
        #expect(report.firstBad == nil, "cut at \(cut): \(report.firstBad?.problem ?? "")")
        #expect(report.records == 4 + whole)
        checked.insert(cut)
    }
    return checked
}

@Test func aZeroedPageAfterTheHeadIsCutWithTheValidLineAfterIt() async throws {
    let t = try await UnacknowledgedTail.make()
    let firstLineEnd = t.tail.firstIndex(of: UInt8(ascii: "\n"))! + 1
    let first = Array(t.tail[..<firstLineEnd])
    let second = Array(t.tail[firstLineEnd...])
    // A whole unacknowledged line, then a page the disk zeroed, then a complete, valid line.
    let zeroed = [UInt8](repeating: 0, count: 4096)
    try t.crash(leaving: first + zeroed + second)

    let recovered = try LogRecovery.recover(t.log.dir, logger: logger)
    #expect(recovered.lastSeq == 4)
    #expect(try t.log.segment(1) == t.acknowledged + first)
    let torn = try #require(recovered.tornFile)
    #expect(try t.log.bytes(torn) == zeroed + second)

    let writer = try LogWriter(directory: t.log.dir, recovered: recovered, options: LogWriterOptions(), logger: logger)
    #expect(try await writer.append(rejectedDraft("after.txt")).seq == 5)
    await writer.close()
    #expect(try LogVerifier.verify(t.log.dir).firstBad == nil)
}

@Test func severalBadLinesAfterTheHeadAreCutFromTheFirst() async throws {
    let t = try await UnacknowledgedTail.make()
    var altered = t.tail
    altered[10] ^= 0x20  // a changed letter in seq 4: its checksum no longer matches
    try t.crash(leaving: altered + Array("garbage\n".utf8))
    let recovered = try LogRecovery.recover(t.log.dir, logger: logger)
    #expect(recovered.lastSeq == 3)
    #expect(try t.log.segment(1) == t.acknowledged)
    #expect(try t.log.bytes(try #require(recovered.tornFile)) == altered + Array("garbage\n".utf8))
}

@Test func wholeSegmentsAfterATornTailAreMovedToTheTornFolder() async throws {
    let log = TestLog()
    try await log.write(3)
    let head = try log.bytes(log.dir.headPath)
    let acknowledged = try log.segment(1)
    // Two more records, each starting a new segment, then the head put back: both are unacknowledged.
    try await log.write(2, from: 3, segmentBytes: 1)
    try log.put(head, at: log.dir.headPath)
    var second = try log.segment(2)
    second[second.count - 5] ^= 0x01
    try log.put(second, at: log.dir.segmentPath(2))

    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.lastSeq == 3)
    #expect(try log.dir.segmentNumbers() == [1, 2])
    #expect(try log.segment(1) == acknowledged)
    #expect(try log.segment(2).isEmpty)
    let torn = try FileManager.default.contentsOfDirectory(atPath: log.dir.tornDirectory).sorted()
    #expect(torn == ["00000002.jsonl.torn", "00000003.jsonl.torn"])
}
