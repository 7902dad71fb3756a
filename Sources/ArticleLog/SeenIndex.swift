/// What the log already holds, for deciding duplicates and replays: built from the log (or loaded from its
/// checkpoint, see `IndexCheckpoint`) at start-up and kept current by the writer.
///
/// Compact, because it grows with the log: hashes are kept as 16-byte keys (`Key128`), not hex Strings, in
/// sorted arrays searched by bisection, with what was added since the last compaction in small dictionaries.
/// Resident bytes per record (see docs/performance.md): 1 (kind) + 20 (replay key and seq) for every record,
/// + 20 per sidecar, + 20 (content key and seq) + 28 (SimHash, seq, four band entries) per article.
public struct SeenIndex: Sendable, Equatable {
    /// The strings a replay is recognised by; the writer keys the records of a batch in flight by it.
    struct ReplayKey: Hashable, Sendable {
        var path: String
        var fingerprint: String
    }

    /// Each record's kind, by seq − 1 (`RecordKind.code`).
    private(set) var kinds: [UInt8] = []
    /// Content key → seq of the first article with that content.
    private(set) var firstArticles = KeyTable()
    /// (path, fingerprint) key → the seq of the record made for it (sidecars included); its kind is `kinds`.
    private(set) var recorded = KeyTable()
    /// SimHashes of the articles, for `near_duplicate_of`.
    private(set) var nearDuplicates = SimHashTable()

    /// Records per kind since the log began.
    public internal(set) var articles = 0
    public internal(set) var duplicates = 0
    public internal(set) var rejected = 0

    /// Creates an empty index.
    public init() {}

    init(
        kinds: [UInt8],
        firstArticles: KeyTable,
        recorded: KeyTable,
        nearDuplicates: SimHashTable,
        articles: Int,
        duplicates: Int,
        rejected: Int
    ) {
        self.kinds = kinds
        self.firstArticles = firstArticles
        self.recorded = recorded
        self.nearDuplicates = nearDuplicates
        self.articles = articles
        self.duplicates = duplicates
        self.rejected = rejected
    }

    /// The highest seq taken into account.
    var lastSeq: Int { kinds.count }

    /// The seq of the first article with this content, if any.
    public func firstArticle(withSHA256 sha256: String) -> Int? {
        firstArticles[Key128(contentHash: sha256)].map(Int.init)
    }

    /// The record already made for this exact file under this path, if any.
    /// A record written before identities were recorded matches on path and content alone.
    public func existingRecord(for source: SourceInfo) -> (seq: Int, kind: RecordKind)? {
        let seq =
            recorded[Key128(path: source.path, fingerprint: source.fingerprint)]
            ?? recorded[Key128(path: source.path, fingerprint: source.legacyFingerprint)]
        guard let seq, seq >= 1, Int(seq) <= kinds.count, let kind = RecordKind(code: kinds[Int(seq) - 1]) else {
            return nil
        }
        return (Int(seq), kind)
    }

    /// The earliest article whose SimHash is within 3 bits of `simhash`, if any.
    public func nearDuplicate(of simhash: UInt64) -> Int? {
        nearDuplicates.earliestMatch(for: simhash)
    }

    /// Takes a record into account; records come in seq order, each once. A sidecar recorded with its article
    /// is known under its own key too, so that a sidecar left in the drop folder by a crash between the two
    /// moves is recognised and only moved.
    mutating func add(
        seq: Int,
        kind: RecordKind,
        source: SourceInfo,
        sidecar: SourceInfo? = nil,
        simhash: UInt64? = nil
    ) {
        precondition(seq > kinds.count && seq <= Int(UInt32.max), "seen-index: seq \(seq) out of order")
        // Seqs never skip in a log; padding keeps `kinds` indexed by seq if a caller ever did.
        while kinds.count < seq - 1 { kinds.append(RecordKind.noCode) }
        kinds.append(kind.code)
        let seq32 = UInt32(seq)
        recorded.set(Key128(path: source.path, fingerprint: source.fingerprint), seq32)
        if let sidecar { recorded.set(Key128(path: sidecar.path, fingerprint: sidecar.fingerprint), seq32) }
        switch kind {
        case .article:
            articles += 1
            if let sha = source.sha256 {
                let key = Key128(contentHash: sha)
                if firstArticles[key] == nil { firstArticles.set(key, seq32) }
            }
            if let simhash { nearDuplicates.insert(simhash, seq: seq32) }
        case .duplicate: duplicates += 1
        case .rejected: rejected += 1
        }
    }

    /// Entries added since the last compaction.
    var recentCount: Int {
        firstArticles.recent.count + recorded.recent.count + nearDuplicates.recentCount
    }

    /// Folds what was added since the last compaction into the sorted base (linear in the index's size).
    mutating func compact() {
        firstArticles.compact()
        recorded.compact()
        nearDuplicates.compact()
    }

    /// Takes `compacted` (this index as it was at `seq`, compacted, e.g. by a checkpoint written meanwhile) as
    /// the base, keeping what was added after `seq`.
    mutating func adopt(_ compacted: SeenIndex, upTo seq: Int) {
        let seq32 = UInt32(seq)
        firstArticles.adopt(compacted.firstArticles, upTo: seq32)
        recorded.adopt(compacted.recorded, upTo: seq32)
        nearDuplicates.adopt(compacted.nearDuplicates, upTo: seq32)
    }

    /// Two indexes are equal when they hold the same entries, however compacted.
    public static func == (a: SeenIndex, b: SeenIndex) -> Bool {
        var x = a
        var y = b
        x.compact()
        y.compact()
        return x.kinds == y.kinds && x.articles == y.articles && x.duplicates == y.duplicates
            && x.rejected == y.rejected && x.firstArticles == y.firstArticles && x.recorded == y.recorded
            && x.nearDuplicates == y.nearDuplicates
    }
}

extension RecordKind {
    /// One byte per record in the seen-index and its checkpoint.
    var code: UInt8 {
        switch self {
        case .article: 0
        case .duplicate: 1
        case .rejected: 2
        }
    }

    static let noCode: UInt8 = 0xFF

    init?(code: UInt8) {
        switch code {
        case 0: self = .article
        case 1: self = .duplicate
        case 2: self = .rejected
        default: return nil
        }
    }
}
