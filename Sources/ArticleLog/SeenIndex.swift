/// What the log already holds, for deciding duplicates and replays: built from the log at start-up and kept
/// current by the writer. Memory grows with the log (two small map entries per record).
public struct SeenIndex: Sendable {
    struct ReplayKey: Hashable, Sendable {
        var path: String
        var fingerprint: String
    }

    /// Content hash → seq of the first article with that content.
    private(set) var firstArticle: [String: Int] = [:]
    /// (path, fingerprint) → the record made for it, to recognise a file whose move was lost in a crash.
    private(set) var recorded: [ReplayKey: (seq: Int, kind: RecordKind)] = [:]

    /// SimHashes of the articles, for `near_duplicate_of`.
    private(set) var nearDuplicates = NearDuplicateIndex()

    /// Records per kind since the log began.
    public private(set) var articles = 0
    public private(set) var duplicates = 0
    public private(set) var rejected = 0

    /// Creates an empty index.
    public init() {}

    /// The seq of the first article with this content, if any.
    public func firstArticle(withSHA256 sha256: String) -> Int? {
        firstArticle[sha256]
    }

    /// The record already made for this exact file under this path, if any.
    /// A record written before identities were recorded matches on path and content alone.
    public func existingRecord(for source: SourceInfo) -> (seq: Int, kind: RecordKind)? {
        recorded[ReplayKey(path: source.path, fingerprint: source.fingerprint)]
            ?? recorded[ReplayKey(path: source.path, fingerprint: source.legacyFingerprint)]
    }

    /// The earliest article whose SimHash is within 3 bits of `simhash`, if any.
    public func nearDuplicate(of simhash: UInt64) -> Int? {
        nearDuplicates.earliestMatch(for: simhash)
    }

    /// Takes a record into account. A sidecar recorded with its article is known under its own key too, so that
    /// a sidecar left in the drop folder by a crash between the two moves is recognised and only moved.
    mutating func add(seq: Int, kind: RecordKind, source: SourceInfo, sidecar: SourceInfo? = nil, simhash: UInt64? = nil) {
        recorded[ReplayKey(path: source.path, fingerprint: source.fingerprint)] = (seq, kind)
        if let sidecar { recorded[ReplayKey(path: sidecar.path, fingerprint: sidecar.fingerprint)] = (seq, kind) }
        switch kind {
        case .article:
            articles += 1
            if let sha = source.sha256, firstArticle[sha] == nil { firstArticle[sha] = seq }
            if let simhash { nearDuplicates.insert(simhash, seq: seq) }
        case .duplicate: duplicates += 1
        case .rejected: rejected += 1
        }
    }
}
