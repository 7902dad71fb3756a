import ArticleModel
import Foundation
import Logging

@testable import ArticleLog

/// Fixtures shared by the log's tests: drafts, a writer opened the way the daemon opens it, raw segment access.
let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

func source(_ name: String, content: String) -> SourceInfo {
    SourceInfo(
        name: name,
        path: name,
        size: content.utf8.count,
        sha256: RecordLine.hash(Array(content.utf8)),
        mtime: "2026-01-01T00:00:00.000Z"
    )
}

func articleDraft(_ name: String, content: String, simhash: String? = nil) -> RecordDraft {
    .article(Article(title: content, body: [content], simhash: simhash), source: source(name, content: content))
}

/// A short record (about 250 bytes), so that tests walking every byte offset stay fast.
func rejectedDraft(_ name: String) -> RecordDraft {
    RecordDraft(
        source: SourceInfo(name: name, path: name, size: 0, sha256: nil, mtime: nil),
        payload: .rejected(reason: "x")
    )
}

func openWriter(_ dir: SegmentDirectory, segmentBytes: Int = 64 << 20) throws -> LogWriter {
    let recovered = try LogRecovery.recover(dir, logger: logger)
    return try LogWriter(
        directory: dir,
        recovered: recovered,
        options: LogWriterOptions(segmentBytes: segmentBytes),
        logger: logger
    )
}

func records(_ dir: SegmentDirectory) throws -> [LogRecord] {
    var out: [LogRecord] = []
    try LogReader(directory: dir).read { out.append(try JSONDecoder().decode(LogRecord.self, from: Data($0))) }
    return out
}

/// A log in a temporary state folder: `STATE/log/` and `STATE/log.head`.
struct TestLog {
    let tmp = TemporaryDirectory()
    var dir: SegmentDirectory { SegmentDirectory(path: tmp.path + "/log") }

    /// Writes `count` short records, one batch each, and closes the writer.
    func write(_ count: Int, from first: Int = 0, segmentBytes: Int = 64 << 20) async throws {
        let writer = try openWriter(dir, segmentBytes: segmentBytes)
        for i in first..<(first + count) { _ = try await writer.append(rejectedDraft("r\(i).txt")) }
        await writer.close()
    }

    func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func segment(_ number: Int) throws -> [UInt8] {
        try bytes(dir.segmentPath(number))
    }

    func put(_ bytes: [UInt8], at path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
