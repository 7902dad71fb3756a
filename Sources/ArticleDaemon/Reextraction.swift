import ArticleExtraction
import ArticleLog
import Crypto
import Foundation
import Logging

/// `articled log reextract`: today's extractor over the originals an earlier run kept in `done/`, into a new
/// log whose records name the record they re-extract (`reextracted_from`). The source log is only read. An
/// original that is gone (pruned) or no longer has the recorded content is skipped and counted.
public struct Reextraction {
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var skippedMissing = 0
        public var skippedChanged = 0
        /// Records of files that were rejected, whose originals are in failed/, not done/.
        public var notInDone = 0
    }

    let source: String
    let target: String
    let logger: Logger

    /// - Parameters:
    ///   - source: The state folder read (its `log/` and `done/`).
    ///   - target: A new state folder; its `log/` must not exist or be empty.
    public init(source: String, target: String, logger: Logger) {
        self.source = source
        self.target = target
        self.logger = logger
    }

    /// Runs to the end; `progress` hears after each record with the records seen so far and their total.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        let targetLog = SegmentDirectory(path: target + "/log")
        try FileManager.default.createDirectory(atPath: targetLog.path, withIntermediateDirectories: true)
        guard try targetLog.segmentNumbers().isEmpty else {
            throw LogError.system(call: "reextract", path: targetLog.path, errno: EEXIST)
        }
        let writer = try LogWriter(
            directory: targetLog,
            recovered: try LogRecovery.recover(targetLog, logger: logger),
            options: LogWriterOptions(extractor: Extractor.version),
            logger: logger
        )
        let reader = LogReader(directory: SegmentDirectory(path: source + "/log"))
        let head = try reader.head()
        let total = head?.seq ?? 0
        // Only what finding an original needs: a whole log's articles would not fit in memory.
        var records: [Origin] = []
        let decoder = JSONDecoder()
        _ = try reader.read(upTo: head) { line in
            if let r = try? decoder.decode(Origin.self, from: Data(line)) { records.append(r) }
        }
        var summary = Summary()
        let extractor = Extractor()
        for (n, record) in records.enumerated() {
            defer { progress(n + 1, total) }
            guard record.kind != .rejected else {
                summary.notInDone += 1
                continue
            }
            guard let draft = draft(for: record, extractor: extractor, summary: &summary) else { continue }
            _ = try await writer.append(draft)
            summary.written += 1
        }
        await writer.close()
        return summary
    }

    /// The part of a record that names its files: `Decodable` skips the article.
    struct Origin: Decodable {
        var seq: Int
        var kind: RecordKind
        var source: SourceInfo
        var sidecar: SourceInfo?
    }

    /// The new draft for one record, or nil (counted) when its original is gone or changed.
    func draft(for record: Origin, extractor: Extractor, summary: inout Summary) -> RecordDraft? {
        guard let bytes = FileManager.default.contents(atPath: source + "/done/" + record.source.path) else {
            summary.skippedMissing += 1
            return nil
        }
        let content = [UInt8](bytes)
        guard record.source.sha256 == nil || Hex.encode(SHA256.hash(data: content)) == record.source.sha256 else {
            summary.skippedChanged += 1
            return nil
        }
        var hints = ExtractionHints()
        var sidecar = record.sidecar
        if let s = record.sidecar, let data = FileManager.default.contents(atPath: source + "/done/" + s.path) {
            hints = (try? ExtractionHints(sidecarJSON: [UInt8](data))) ?? hints
            if case .object(let fields) = JSONValue.parse([UInt8](data)) { sidecar?.fields = fields }
        }
        var draft: RecordDraft
        do {
            draft = .article(try extractor.extract(content, hints: hints), source: record.source, sidecar: sidecar)
        } catch {
            draft = RecordDraft(source: record.source, sidecar: sidecar, payload: .rejected(reason: "\(error)"))
        }
        draft.reextractedFrom = record.seq
        return draft
    }
}
