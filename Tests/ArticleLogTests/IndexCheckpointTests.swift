import ArticleModel
import Foundation
import Testing

@testable import ArticleLog

/// A mixed log: articles (some with SimHashes close to each other), duplicates, rejects, sidecars.
private func writeMixed(_ log: TestLog, from first: Int, count: Int) async throws {
    let writer = try openWriter(log.dir)
    for i in first..<(first + count) {
        switch i % 5 {
        case 0: _ = try await writer.append(rejectedDraft("r\(i).txt"))
        case 1: _ = try await writer.append(articleDraft("dup\(i).txt", content: "shared body"))
        case 2:
            var draft = articleDraft(
                "side\(i).txt",
                content: "with a sidecar \(i)",
                simhash: "00ff00ff00ff00f\(i % 10)"
            )
            draft.sidecar = source("side\(i).json", content: "{\"url\":\"\(i)\"}")
            _ = try await writer.append(draft)
        default:
            let hash = String(UInt64(i) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
            let padded = String(repeating: "0", count: 16 - hash.count) + hash
            _ = try await writer.append(articleDraft("a\(i).txt", content: "article \(i)", simhash: padded))
        }
    }
    await writer.close()
}

/// The index a full read of the log gives, without touching the checkpoint.
private func fullRebuild(_ log: TestLog) throws -> RecoveredLog {
    let saved = try? log.bytes(log.dir.checkpointPath)
    try? FileManager.default.removeItem(atPath: log.dir.checkpointPath)
    defer { if let saved { try? log.put(saved, at: log.dir.checkpointPath) } }
    return try LogRecovery.recover(log.dir, logger: logger)
}

@Test func aCleanStopLeavesACheckpointAndTheNextStartReadsNoLine() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 40)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == 40)
    #expect(recovered.linesRead == 0)
    #expect(recovered.head.seq == 40)
    let rebuilt = try fullRebuild(log)
    #expect(rebuilt.checkpointSeq == nil)
    #expect(rebuilt.linesRead == 40)
    #expect(recovered.index == rebuilt.index)
    #expect(recovered.index.articles == rebuilt.index.articles)
    #expect(recovered.segmentSize == rebuilt.segmentSize && recovered.totalBytes == rebuilt.totalBytes)
    #expect(recovered.segmentLines == 40)
}

@Test func aStaleCheckpointIsExtendedByReadingOnlyTheRecordsAfterIt() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 30)
    let old = try log.bytes(log.dir.checkpointPath)
    try await writeMixed(log, from: 30, count: 20)
    try log.put(old, at: log.dir.checkpointPath)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == 30)
    #expect(recovered.linesRead == 20)
    #expect(recovered.head.seq == 50)
    #expect(recovered.index == (try fullRebuild(log)).index)
}

@Test func aCheckpointInAnEarlierSegmentIsExtendedAcrossSegments() async throws {
    let log = TestLog()
    try await log.write(5, segmentBytes: 600)
    let old = try log.bytes(log.dir.checkpointPath)
    try await log.write(10, from: 5, segmentBytes: 600)
    try log.put(old, at: log.dir.checkpointPath)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    let rebuilt = try fullRebuild(log)
    #expect(recovered.checkpointSeq == 5)
    #expect(recovered.linesRead == 10)
    #expect(recovered.head == rebuilt.head)
    #expect(recovered.segmentLines == rebuilt.segmentLines)
    #expect(recovered.totalBytes == rebuilt.totalBytes && recovered.segmentCount == rebuilt.segmentCount)
    #expect(recovered.index == rebuilt.index)
}

@Test func aCheckpointWithAFlippedByteIsIgnoredAndTheIndexRebuilt() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 30)
    var bytes = try log.bytes(log.dir.checkpointPath)
    bytes[bytes.count / 2] ^= 0x04
    try log.put(bytes, at: log.dir.checkpointPath)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == nil)
    #expect(recovered.linesRead == 30)
    #expect(recovered.index == (try fullRebuild(log)).index)
}

@Test func aTruncatedCheckpointIsIgnored() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 10)
    let bytes = try log.bytes(log.dir.checkpointPath)
    try log.put(Array(bytes.prefix(bytes.count - 3)), at: log.dir.checkpointPath)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == nil)
    #expect(recovered.linesRead == 10)
}

@Test func aCheckpointOfAnotherLogIsIgnoredBecauseItsHeadHashDoesNotMatch() async throws {
    let other = TestLog()
    try await writeMixed(other, from: 100, count: 20)
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 25)
    try log.put(try other.bytes(other.dir.checkpointPath), at: log.dir.checkpointPath)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == nil)
    #expect(recovered.linesRead == 25)
    #expect(recovered.index == (try fullRebuild(log)).index)
}

@Test func aCheckpointAheadOfTheLogIsIgnored() async throws {
    let log = TestLog()
    try await log.write(10)
    let short = try log.segment(1)
    let head = try log.bytes(log.dir.headPath)
    try await log.write(5, from: 10)
    let ahead = try log.bytes(log.dir.checkpointPath)
    // The log as it was at seq 10 (restored from a copy), with the checkpoint of seq 15.
    try log.put(short, at: log.dir.segmentPath(1))
    try log.put(head, at: log.dir.headPath)
    try log.put(ahead, at: log.dir.checkpointPath)
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == nil)
    #expect(recovered.head.seq == 10)
}

@Test func aRewrittenLineAtTheCheckpointsSeqIsNotTrusted() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 12)
    // Change one letter in the last record (the checkpoint's head line): the checkpoint is ignored, and the
    // full read reports the damage as before.
    var text = try String(contentsOfFile: log.dir.segmentPath(1), encoding: .utf8)
    text = text.replacingOccurrences(of: "dup11.txt", with: "dup11.txT")
    try text.write(toFile: log.dir.segmentPath(1), atomically: false, encoding: .utf8)
    #expect(throws: LogError.self) { try LogRecovery.recover(log.dir, logger: logger) }
}

@Test func damageToLinesTheCheckpointCoversIsLeftToLogVerify() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 10)
    var bytes = try log.segment(1)
    let secondLine = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
    bytes[secondLine + 30] ^= 0x01
    try log.put(bytes, at: log.dir.segmentPath(1))
    // Start-up reads only what follows the checkpoint (nothing here), so it starts; verify reads every byte.
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.linesRead == 0)
    #expect(try LogVerifier.verify(log.dir).firstBad?.seq == 2)
}

@Test func decisionsAfterLoadingACheckpointMatchThoseAfterAFullRead() async throws {
    let log = TestLog()
    try await writeMixed(log, from: 0, count: 20)
    var outcomes: [[CommitOutcome]] = []
    for useCheckpoint in [true, false] {
        let copy = TestLog()
        try FileManager.default.copyItem(atPath: log.tmp.path + "/log", toPath: copy.tmp.path + "/log")
        try copy.put(try log.bytes(log.dir.headPath), at: copy.dir.headPath)
        if useCheckpoint {
            try FileManager.default.createDirectory(atPath: copy.dir.indexDirectory, withIntermediateDirectories: true)
            try copy.put(try log.bytes(log.dir.checkpointPath), at: copy.dir.checkpointPath)
        }
        let recovered = try LogRecovery.recover(copy.dir, logger: logger)
        #expect((recovered.checkpointSeq != nil) == useCheckpoint)
        let writer = try LogWriter(
            directory: copy.dir,
            recovered: recovered,
            options: LogWriterOptions(),
            logger: logger
        )
        var these: [CommitOutcome] = []
        var sidecarDraft = articleDraft("side2.txt", content: "with a sidecar 2", simhash: "00ff00ff00ff00f2")
        sidecarDraft.sidecar = source("side2.json", content: "{\"url\":\"2\"}")
        let drafts = [
            articleDraft("new-name.txt", content: "shared body"),  // a duplicate of seq 2
            articleDraft("a3.txt", content: "article 3", simhash: "0"),  // a replay of seq 4
            rejectedDraft("r0.txt"),  // a replay of seq 1
            sidecarDraft,  // a replay of seq 3, found by its sidecar too
            articleDraft("near.txt", content: "near", simhash: "00ff00ff00ff00f7"),  // near seq 3
            articleDraft("fresh.txt", content: "fresh", simhash: "123456789abcdef0"),
        ]
        for draft in drafts { these.append(try await writer.append(draft)) }
        await writer.close()
        let last = try records(copy.dir).suffix(2)
        #expect(last.first?.nearDuplicateOf == 3)
        outcomes.append(these)
    }
    #expect(outcomes[0] == outcomes[1])
    #expect(outcomes[0][0] == .recorded(seq: 21, kind: .duplicate, duplicateOf: 2))
    #expect(outcomes[0][1] == .replayed(seq: 4, kind: .article))
    #expect(outcomes[0][2] == .replayed(seq: 1, kind: .rejected))
    #expect(outcomes[0][3] == .replayed(seq: 3, kind: .article))
}

@Test func checkpointsAreWrittenAsRecordsArriveNotOnlyAtStop() async throws {
    let log = TestLog()
    let writer = try LogWriter(
        directory: log.dir,
        recovered: try LogRecovery.recover(log.dir, logger: logger),
        options: LogWriterOptions(checkpointEveryRecords: 10),
        logger: logger
    )
    for i in 0..<25 { _ = try await writer.append(rejectedDraft("r\(i).txt")) }
    var seq = 0
    for _ in 0..<200 {
        if case .loaded(let checkpoint) = IndexCheckpoint.read(log.dir.checkpointPath) { seq = checkpoint.head.seq }
        if seq >= 20 { break }
        try await Task.sleep(for: .milliseconds(10))
    }
    #expect(seq >= 20)
    await writer.close()
    guard case .loaded(let final) = IndexCheckpoint.read(log.dir.checkpointPath) else {
        Issue.record("no checkpoint after a clean stop")
        return
    }
    #expect(final.head.seq == 25)
}

@Test func aCompactedIndexAnswersLikeTheDictionaryIndex() {
    var compact = SimHashTable()
    var reference = NearDuplicateIndex()
    var random = SplitMix64(seed: 7)
    var hashes: [UInt64] = []
    for seq in 1...3_000 {
        // Many hashes share their low band, so that buckets fill past the limit.
        var h = random.next() & 0xFFFF_FFFF_FFFF_0000 | UInt64(seq % 3 == 0 ? 0x1234 : seq & 0xFFFF)
        if seq % 7 == 0, let earlier = hashes.last { h = earlier ^ (1 << (random.next() % 64)) }
        hashes.append(h)
        compact.insert(h, seq: UInt32(seq))
        reference.insert(h, seq: seq)
        if seq % 500 == 0 { compact.compact() }
    }
    for probe in hashes + (0..<500).map({ _ in random.next() }) {
        #expect(compact.earliestMatch(for: probe) == reference.earliestMatch(for: probe))
    }
}

@Test func checkpointsTakenWhileRecordsArriveLeaveTheSameIndexAsAFullRead() async throws {
    let log = TestLog()
    let writer = try LogWriter(
        directory: log.dir,
        recovered: try LogRecovery.recover(log.dir, logger: logger),
        options: LogWriterOptions(checkpointEveryRecords: 7),
        logger: logger
    )
    // Four writers at once, so that batches form and checkpoints are taken and adopted between them.
    try await withThrowingTaskGroup(of: Void.self) { group in
        for w in 0..<4 {
            group.addTask {
                for i in 0..<30 {
                    let n = w * 100 + i
                    let hash = String(UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
                    let padded = String(repeating: "0", count: 16 - hash.count) + hash
                    let draft =
                        i % 4 == 0
                        ? articleDraft("dup\(n).txt", content: "shared \(i % 8)")
                        : articleDraft("a\(n).txt", content: "article \(n)", simhash: padded)
                    _ = try await writer.append(draft)
                }
            }
        }
        try await group.waitForAll()
    }
    await writer.close()
    let recovered = try LogRecovery.recover(log.dir, logger: logger)
    #expect(recovered.checkpointSeq == 120)
    #expect(recovered.linesRead == 0)
    #expect(recovered.index == (try fullRebuild(log)).index)
}
