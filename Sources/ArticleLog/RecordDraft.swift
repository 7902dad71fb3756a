import ArticleModel
import Foundation

/// A record before it has a place in the log: what an ingest worker hands to the `LogWriter`. The writer gives
/// it `seq`, `prev` and `time`, and decides at that moment whether it is a duplicate or a replay, because only
/// the single writer sees every record in order.
public struct RecordDraft: Sendable {
    /// What the worker made of the file.
    public enum Payload: Sendable {
        /// An extracted article, already encoded as JSON by the worker so that the writer's serial section
        /// stays short, with its body's SimHash for near-duplicate detection.
        case article(json: [UInt8], simhash: UInt64?)
        /// The file could not become an article.
        case rejected(reason: String)
    }

    public var source: SourceInfo
    /// The metadata sidecar (`NAME.json`) read with the article, if there was one.
    public var sidecar: SourceInfo?
    public var payload: Payload
    /// For `articled log reextract`: the seq, in the log it came from, of the record this one re-extracts.
    public var reextractedFrom: Int?

    /// Creates a draft.
    public init(source: SourceInfo, sidecar: SourceInfo? = nil, payload: Payload, reextractedFrom: Int? = nil) {
        self.source = source
        self.sidecar = sidecar
        self.payload = payload
        self.reextractedFrom = reextractedFrom
    }

    /// A draft for an extracted article.
    public static func article(_ article: Article, source: SourceInfo, sidecar: SourceInfo? = nil) -> RecordDraft {
        RecordDraft(
            source: source,
            sidecar: sidecar,
            payload: .article(json: encode(article), simhash: article.simhash.flatMap { UInt64($0, radix: 16) })
        )
    }

    /// Encodes `article` the way records hold it: sorted keys (stable bytes across runs), slashes unescaped.
    /// The bytes are those of `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`, written by
    /// `ArticleJSON` without an encoder (tests hold the two to the same bytes).
    public static func encode(_ article: Article) -> [UInt8] {
        ArticleJSON.encode(article)
    }
}

/// What became of a draft.
public enum CommitOutcome: Sendable, Equatable {
    /// A new record was appended and is durable.
    case recorded(seq: Int, kind: RecordKind, duplicateOf: Int?)
    /// The log already holds this file under this name (a crash came between the record and the move): no new
    /// record; the original only needs moving.
    case replayed(seq: Int, kind: RecordKind)

    /// The record's sequence number, new or old.
    public var seq: Int {
        switch self {
        case .recorded(let seq, _, _), .replayed(let seq, _): return seq
        }
    }

    /// The record's kind, new or old.
    public var kind: RecordKind {
        switch self {
        case .recorded(_, let kind, _), .replayed(_, let kind): return kind
        }
    }
}
