import ArticleModel
import Foundation
import Logging
import Testing

@testable import ArticleLog

@Test func recordsGetConsecutiveSeqsAndAChainThatVerifies() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    for i in 1...5 { _ = try await writer.append(articleDraft("a\(i).txt", content: "text \(i)")) }
    await writer.close()
    let all = try records(dir)
    #expect(all.map(\.seq) == [1, 2, 3, 4, 5])
    #expect(all[0].prev == String(repeating: "0", count: 64))
    #expect(all.allSatisfy { $0.kind == .article })
    #expect(try LogVerifier.verify(dir).firstBad == nil)
}

@Test func concurrentAppendsShareBatchesAndStayInOneChain() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    try await withThrowingTaskGroup(of: CommitOutcome.self) { group in
        for i in 0..<200 { group.addTask { try await writer.append(articleDraft("f\(i).txt", content: "c\(i)")) } }
        var seqs: Set<Int> = []
        for try await outcome in group { seqs.insert(outcome.seq) }
        #expect(seqs == Set(1...200))
    }
    await writer.close()
    let report = try LogVerifier.verify(dir)
    #expect(report.records == 200)
    #expect(report.firstBad == nil)
}

@Test func sameContentUnderAnotherNameIsADuplicateOfTheFirst() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    let first = try await writer.append(articleDraft("one.txt", content: "same"))
    let second = try await writer.append(articleDraft("two.txt", content: "same"))
    #expect(first == .recorded(seq: 1, kind: .article, duplicateOf: nil))
    #expect(second == .recorded(seq: 2, kind: .duplicate, duplicateOf: 1))
    await writer.close()
    #expect(try records(dir)[1].article == nil)
}

@Test func duplicatesInsideOneBatchAreResolvedInOrder() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    async let a = writer.append(articleDraft("x.txt", content: "twin"))
    async let b = writer.append(articleDraft("y.txt", content: "twin"))
    let kinds = try await [a.kind, b.kind].sorted { $0.rawValue < $1.rawValue }
    #expect(kinds == [.article, .duplicate])
    await writer.close()
}

@Test func theSameFileUnderTheSameNameIsReplayedNotRecordedTwice() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    var writer = try openWriter(dir)
    _ = try await writer.append(articleDraft("keep.txt", content: "body"))
    await writer.close()
    // A restart after a crash that came between the record and the move.
    writer = try openWriter(dir)
    let again = try await writer.append(articleDraft("keep.txt", content: "body"))
    #expect(again == .replayed(seq: 1, kind: .article))
    await writer.close()
    #expect(try records(dir).count == 1)
}

@Test func rejectedDraftsCarryTheirReason() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    let draft = RecordDraft(
        source: SourceInfo(name: "p", path: "p", size: 0, sha256: nil, mtime: nil),
        payload: .rejected(reason: "not a regular file (FIFO)")
    )
    _ = try await writer.append(draft)
    await writer.close()
    let record = try #require(try records(dir).first)
    #expect(record.kind == .rejected)
    #expect(record.reason == "not a regular file (FIFO)")
    #expect(record.source.sha256 == nil)
}

@Test func segmentsRollOverAndTheChainCrossesThem() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir, segmentBytes: 1000)
    for i in 0..<20 { _ = try await writer.append(articleDraft("s\(i).txt", content: "segment text \(i)")) }
    await writer.close()
    let report = try LogVerifier.verify(dir)
    #expect(report.segments > 2)
    #expect(report.records == 20)
    #expect(report.firstBad == nil)
    // A restart continues the chain in the last segment.
    let recovered = try LogRecovery.recover(dir, logger: logger)
    #expect(recovered.lastSeq == 20)
    #expect(recovered.index.articles == 20)
}

@Test func recoveryCutsATornLastLineAndKeepsIt() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    for i in 0..<3 { _ = try await writer.append(articleDraft("t\(i).txt", content: "torn \(i)")) }
    await writer.close()
    let segment = dir.segmentPath(1)
    let handle = try #require(FileHandle(forWritingAtPath: segment))
    handle.seekToEndOfFile()
    handle.write(Data("{\"seq\":4,\"prev\":\"abc".utf8))
    handle.closeFile()

    let recovered = try LogRecovery.recover(dir, logger: logger)
    #expect(recovered.lastSeq == 3)
    let kept = try #require(recovered.tornFile)
    #expect(kept == tmp.path + "/torn/00000001.jsonl.torn")
    #expect(try String(contentsOfFile: kept, encoding: .utf8) == "{\"seq\":4,\"prev\":\"abc")
    #expect(try LogVerifier.verify(dir).firstBad == nil)
    #expect(try records(dir).count == 3)
}

@Test func recoveryCutsACompleteButInvalidLastLine() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    _ = try await writer.append(articleDraft("v.txt", content: "valid"))
    await writer.close()
    let handle = try #require(FileHandle(forWritingAtPath: dir.segmentPath(1)))
    handle.seekToEndOfFile()
    handle.write(Data("{\"seq\":2,\"pr\n".utf8))
    handle.closeFile()
    let recovered = try LogRecovery.recover(dir, logger: logger)
    #expect(recovered.lastSeq == 1)
    #expect(recovered.tornFile != nil)
}

@Test func aDamagedRecordInTheMiddleStopsRecoveryInsteadOfBeingDropped() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    for i in 0..<3 { _ = try await writer.append(articleDraft("m\(i).txt", content: "middle \(i)")) }
    await writer.close()
    var bytes = try Data(contentsOf: URL(fileURLWithPath: dir.segmentPath(1)))
    let firstNewline = try #require(bytes.firstIndex(of: UInt8(ascii: "\n")))
    bytes[firstNewline + 1] = UInt8(ascii: "X")  // the opening brace of record 2
    try bytes.write(to: URL(fileURLWithPath: dir.segmentPath(1)))
    // Without the index checkpoint (a first start, or one ignored as damaged) every line is read and checked;
    // lines a checkpoint covers are left to `articled log verify` (IndexCheckpointTests).
    try FileManager.default.removeItem(atPath: dir.checkpointPath)
    #expect(throws: LogError.self) { try LogRecovery.recover(dir, logger: logger) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir.segmentPath(1))) == bytes)
}

@Test func verifyNamesTheRecordWhoseByteWasChanged() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    let writer = try openWriter(dir)
    for i in 0..<5 { _ = try await writer.append(articleDraft("c\(i).txt", content: "chain body \(i)")) }
    await writer.close()
    var text = try String(contentsOfFile: dir.segmentPath(1), encoding: .utf8)
    text = text.replacingOccurrences(of: "chain body 2", with: "chain body 7")
    try text.write(toFile: dir.segmentPath(1), atomically: false, encoding: .utf8)
    let report = try LogVerifier.verify(dir)
    #expect(report.firstBad?.seq == 3)
}

@Test func seqIsReadFromALinesOpeningWithoutDecoding() {
    #expect(LogReader.seq(of: Array("{\"seq\":1234,\"prev\":\"x\"}".utf8)) == 1234)
    #expect(LogReader.seq(of: Array("{\"prev\":\"x\"}".utf8)) == nil)
}

@Test func jsonStringsEscapeQuotesBackslashesAndControls() {
    var out: [UInt8] = []
    JSONText.appendString("a\"b\\c\nd\u{1}é", to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "\"a\\\"b\\\\c\\nd\\u0001é\"")
}

@Test func anArticleWithinThreeBitsOfAnEarlierOneIsMarkedAsItsNearDuplicate() async throws {
    let tmp = TemporaryDirectory()
    let dir = SegmentDirectory(path: tmp.path + "/log")
    var writer = try openWriter(dir)
    _ = try await writer.append(articleDraft("orig.txt", content: "original", simhash: "f0f0f0f0f0f0f0f0"))
    _ = try await writer.append(articleDraft("far.txt", content: "different", simhash: "0f0f0f0f0f0f0f0f"))
    _ = try await writer.append(articleDraft("copy.txt", content: "edited copy", simhash: "f0f0f0f0f0f0f0f7"))
    await writer.close()
    var all = try records(dir)
    #expect(all.map(\.nearDuplicateOf) == [nil, nil, 1])

    // After a restart the index is rebuilt from the log.
    writer = try openWriter(dir)
    _ = try await writer.append(articleDraft("again.txt", content: "another copy", simhash: "f0f0f0f0f0f0f1f0"))
    _ = try await writer.append(articleDraft("far2.txt", content: "far from all", simhash: "f0f0f0f0f0f0ff00"))
    await writer.close()
    all = try records(dir)
    #expect(all[3].nearDuplicateOf == 1)
    #expect(all[4].nearDuplicateOf == nil)
}

@Test func simhashIsReadFromArticleJSONWithoutDecoding() {
    let json = RecordDraft.encode(
        Article(title: "x", body: ["a \"simhash\":\"0000000000000000\" trap"], simhash: "00ff00ff00ff00ff")
    )
    #expect(NearDuplicateIndex.simhash(inArticleJSON: json) == 0x00ff_00ff_00ff_00ff)
    #expect(NearDuplicateIndex.simhash(inArticleJSON: RecordDraft.encode(Article())) == nil)
}

@Test func manyCopiesOfOneStoryKeepBucketsBoundedAndStillMatch() {
    var index = NearDuplicateIndex()
    // 2,000 hashes that share their lowest band, as copies of one story might.
    for i in 0..<2000 { index.insert(0xABCD | (UInt64(i) << 20), seq: i + 1) }
    #expect(index.earliestMatch(for: 0xABCD) == 1)
    // Past the bucket limit a hash is still found through its other bands (or as an exact copy); the earliest
    // match may be another hash within 3 bits, such as 1999 with three bits cleared (seq 208).
    #expect(index.earliestMatch(for: 0xABCD | (UInt64(1999) << 20)) == 208)
    #expect(index.earliestMatch(for: 0xFFFF_FFFF_FFFF_0000) == nil)
}
