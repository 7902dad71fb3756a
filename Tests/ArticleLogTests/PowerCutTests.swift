import Foundation
import Testing

@testable import ArticleLog

/// The log's files as a power cut could leave them: segment bytes and the head file, by path below the state
/// folder (the index checkpoint is left out: without it start-up rebuilds from the log, which is a state a
/// power cut can leave too).
private struct DiskImage {
    var files: [String: [UInt8]] = [:]

    /// What is on disk now.
    static func read(_ log: TestLog) throws -> DiskImage {
        var image = DiskImage()
        for number in try log.dir.segmentNumbers() {
            image.files["log/" + (log.dir.segmentPath(number) as NSString).lastPathComponent] = try log.segment(number)
        }
        if FileManager.default.fileExists(atPath: log.dir.headPath) {
            image.files["log.head"] = try log.bytes(log.dir.headPath)
        }
        return image
    }

    /// Writes the image into an empty state folder.
    func write(to state: String) throws {
        try FileManager.default.createDirectory(atPath: state + "/log", withIntermediateDirectories: true)
        for (path, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: state + "/" + path)) }
    }
}

/// Every image the writes between two acknowledged states can leave, in the order the writer makes them: the
/// batch's bytes appended to a segment (cut at every `step`-th offset, and around every line end), then the
/// head's slot rewritten in place (cut the same way). Each comes with the seq that was acknowledged.
private func imagesBetween(_ before: DiskImage, _ after: DiskImage, acknowledged: Int, step: Int) -> [DiskImage] {
    var images: [DiskImage] = []
    var segments = before
    for path in after.files.keys.sorted() where path.hasPrefix("log/") {
        let old = before.files[path] ?? []
        let new = after.files[path]!
        guard new.count > old.count else { continue }
        let appended = Array(new[old.count...])
        for cut in offsets(in: appended, step: step) {
            var image = segments
            image.files[path] = old + appended[..<cut]
            images.append(image)
        }
        segments.files[path] = new
    }
    let oldHead = before.files["log.head"]
    let newHead = after.files["log.head"]!
    if let oldHead, oldHead.count == newHead.count,
        let first = newHead.indices.first(where: { newHead[$0] != oldHead[$0] }),
        let last = newHead.indices.last(where: { newHead[$0] != oldHead[$0] })
    {
        for cut in stride(from: first, through: last + 1, by: step) + [last + 1] {
            var image = segments
            image.files["log.head"] = Array(newHead[..<cut]) + Array(oldHead[cut...])
            images.append(image)
        }
    } else {
        // The head file is created whole (temporary name, rename): before it, there is none.
        var image = segments
        image.files["log.head"] = oldHead
        images.append(image)
    }
    return images
}

/// `step`-th offsets from 0 to the end, plus each line end and the bytes on either side of it.
private func offsets(in bytes: [UInt8], step: Int) -> [Int] {
    var cuts = Set(stride(from: 0, through: bytes.count, by: step))
    cuts.insert(bytes.count)
    for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        cuts.formUnion([i, i + 1, min(i + 2, bytes.count)])
    }
    return cuts.sorted()
}

/// A burst of eight records (twelve under RELIABILITY_LONG=1, with every byte offset) of varied sizes (some longer than a page), one batch each, snapshotted after
/// every acknowledgement; then every image a power cut between two snapshots can leave is started from.
/// Recovery must never refuse, must keep every acknowledged record, and must leave a log that verifies.
@Test func everyPrefixOfABurstsWritesRecoversWithEveryAcknowledgedRecord() async throws {
    let long = ProcessInfo.processInfo.environment["RELIABILITY_LONG"] == "1"
    let step = long ? 1 : 211
    let log = TestLog()
    var snapshots = [try DiskImage.read(log)]
    let writer = try openWriter(log.dir)
    for i in 0..<(long ? 12 : 8) {
        let body = String(repeating: "Paragraph \(i) of the power-cut burst, with words that vary. ", count: 1 + i * 9)
        _ = try await writer.append(articleDraft("cut-\(i).txt", content: body))
        snapshots.append(try DiskImage.read(log))
    }
    await writer.close()

    var states = 0
    for k in 0..<(snapshots.count - 1) {
        for image in imagesBetween(snapshots[k], snapshots[k + 1], acknowledged: k, step: step) {
            let state = TemporaryDirectory()
            try image.write(to: state.path)
            let dir = SegmentDirectory(path: state.path + "/log")
            let recovered = try LogRecovery.recover(dir, logger: logger)
            #expect(recovered.lastSeq >= k, "image \(states): acknowledged \(k), recovered \(recovered.lastSeq)")
            #expect(recovered.lastSeq <= k + 1)
            let report = try LogVerifier.verify(dir)
            #expect(report.firstBad == nil, "image \(states): \(report.firstBad.map { "\($0)" } ?? "")")
            #expect(report.records == recovered.lastSeq)
            states += 1
        }
    }
    #expect(states > 100)
    print("power-cut images started from: \(states) (step \(step))")
}
