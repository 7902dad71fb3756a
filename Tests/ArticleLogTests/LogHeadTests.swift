import Foundation
import Testing

@testable import ArticleLog

@Test func theHeadNamesTheLastAcknowledgedRecordAfterEveryAppend() async throws {
    let log = TestLog()
    let writer = try openWriter(log.dir)
    for i in 1...3 {
        let outcome = try await writer.append(rejectedDraft("h\(i).txt"))
        let head = try #require(try LogHeadFile.read(log.dir.headPath))
        let segment = try log.segment(1)
        #expect(head.seq == outcome.seq)
        #expect(head.segment == 1)
        #expect(head.offset == segment.count)
        let lastLine = segment.dropLast().split(separator: UInt8(ascii: "\n")).last!
        #expect(head.sha256 == RecordLine.hash(lastLine))
    }
    await writer.close()
}

@Test func theHeadLivesBesideTheLogFolderWhichHoldsOnlySegments() async throws {
    let log = TestLog()
    try await log.write(2)
    // A torn tail, so that recovery has something to keep.
    try log.put(try log.segment(1) + Array("{\"seq\":3".utf8), at: log.dir.segmentPath(1))
    _ = try LogRecovery.recover(log.dir, logger: logger)
    #expect(log.dir.headPath == log.tmp.path + "/log.head")
    let names = try FileManager.default.contentsOfDirectory(atPath: log.dir.path)
    #expect(names == ["00000001.jsonl"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: log.dir.tornDirectory) == ["00000001.jsonl.torn"])
}

@Test func aTornHeadSlotFallsBackToTheOtherSlot() throws {
    let tmp = TemporaryDirectory()
    let path = tmp.path + "/log.head"
    var file = try LogHeadFile.create(
        path,
        head: LogHead(seq: 1, sha256: String(repeating: "a", count: 64), segment: 1, offset: 10)
    )
    try file.write(LogHead(seq: 2, sha256: String(repeating: "b", count: 64), segment: 1, offset: 20))
    file.close()
    #expect(try LogHeadFile.read(path)?.seq == 2)
    // Tear the slot holding seq 2 (written second, so slot 1); seq 1 in slot 0 is still whole.
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let slot =
        bytes[0..<512].elementsEqual(
            LogHeadFile.encode(LogHead(seq: 1, sha256: String(repeating: "a", count: 64), segment: 1, offset: 10))
        ) ? 1 : 0
    for i in (slot * 512 + 100)..<(slot * 512 + 512) { bytes[i] = 0 }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(try LogHeadFile.read(path)?.seq == 1)
    // Both torn: the head is damaged, not silently empty.
    for i in 100..<512 { bytes[(1 - slot) * 512 + i] = 0 }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(throws: LogError.self) { try LogHeadFile.read(path) }
}

@Test func theReaderStopsAtTheHeadAndNeverShowsAnUnacknowledgedLine() async throws {
    let log = TestLog()
    try await log.write(2)
    let acknowledged = try log.segment(1)
    let head = try #require(try LogHeadFile.read(log.dir.headPath))
    try await log.write(1, from: 2)
    // As if the crash came after the segment's fdatasync and before the head update: seq 3 is whole but
    // unacknowledged.
    try LogHeadFile.create(log.dir.headPath, head: head).close()
    #expect(try log.segment(1).count > acknowledged.count)
    let reader = LogReader(directory: log.dir)
    var seqs: [Int] = []
    let position = try reader.read(upTo: try reader.head()) { seqs.append(LogReader.seq(of: $0)!) }
    #expect(seqs == [1, 2])
    #expect(position == LogReader.Position(segment: 1, offset: acknowledged.count))
}
