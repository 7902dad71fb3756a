import ArticleModel

/// What kind of outcome a record describes.
public enum RecordKind: String, Sendable, Codable {
    /// The file became an article.
    case article
    /// The same content is already in the log under another name; `duplicate_of` names it.
    case duplicate
    /// The file could not become an article; `reason` says why.
    case rejected
}

/// The dropped file a record describes.
public struct SourceInfo: Sendable, Equatable, Codable {
    /// The file's name.
    public var name: String
    /// Its path relative to the watch folder.
    public var path: String
    /// Its size in bytes (of the link itself for a symbolic link).
    public var size: Int
    /// Lower-case hex SHA-256 of the content, or nil when it was not read (a FIFO, a link, an oversized file).
    public var sha256: String?
    /// The modification time (ISO 8601, UTC), or nil when unknown.
    public var mtime: String?
    /// Which file it was when read, `DEVICE:INODE:CTIME_NS`: tells a crash replay (the very file recorded, its
    /// move lost) from the same content dropped again under the same name (a new file). Absent in records
    /// written before it existed.
    public var identity: String?
    /// For a metadata sidecar, every key it holds, as read (`url`, `outlet`, and whatever else the scraper
    /// wrote); nil for the article file itself and for a sidecar that is not a JSON object.
    public var fields: [String: JSONValue]?

    /// Creates source information.
    public init(
        name: String,
        path: String,
        size: Int,
        sha256: String?,
        mtime: String?,
        identity: String? = nil,
        fields: [String: JSONValue]? = nil
    ) {
        self.name = name
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.mtime = mtime
        self.identity = identity
        self.fields = fields
    }

    /// What identifies this exact file for replay after a crash: its content hash, or, for a file whose content
    /// was never read, its size and modification time.
    var fingerprint: String {
        legacyFingerprint + (identity.map { "#" + $0 } ?? "")
    }

    /// The fingerprint of records written before `identity` existed.
    var legacyFingerprint: String {
        sha256 ?? "\(size)@\(mtime ?? "-")"
    }

    /// Written by hand so that a missing hash or mtime shows as explicit `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(path, forKey: .path)
        try c.encode(size, forKey: .size)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(mtime, forKey: .mtime)
        try c.encodeIfPresent(identity, forKey: .identity)
        try c.encodeIfPresent(fields, forKey: .fields)
    }
}

/// One decoded log record, as `articled log cat` prints it and as tests read it.
public struct LogRecord: Sendable, Equatable, Codable {
    public var seq: Int
    public var prev: String
    public var time: String
    public var kind: RecordKind
    public var source: SourceInfo
    /// The metadata sidecar that came with the file, if any.
    public var sidecar: SourceInfo?
    public var extractor: String
    /// Written by `articled log reextract`: the seq of the record this one re-extracts, in the source log.
    public var reextractedFrom: Int?
    public var duplicateOf: Int?
    /// An earlier article whose body's SimHash is within 3 bits of this one's (a syndicated copy).
    public var nearDuplicateOf: Int?
    public var reason: String?
    public var article: Article?

    enum CodingKeys: String, CodingKey {
        case seq, prev, time, kind, source, sidecar, extractor
        case reextractedFrom = "reextracted_from"
        case duplicateOf = "duplicate_of"
        case nearDuplicateOf = "near_duplicate_of"
        case reason, article
    }
}

/// Only the fields that recovery needs, so that rebuilding the index does not decode whole articles.
struct RecordHeader: Decodable {
    var seq: Int
    var prev: String
    var kind: RecordKind
    var source: SourceInfo
    var sidecar: SourceInfo?
    var duplicateOf: Int?

    enum CodingKeys: String, CodingKey {
        case seq, prev, kind, source, sidecar
        case duplicateOf = "duplicate_of"
    }
}
