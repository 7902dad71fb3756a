/// The near-duplicate search of `NearDuplicateIndex`, with the same answers, laid out for a large log: the
/// distinct SimHashes and their earliest seqs in flat arrays (12 bytes each), and per band a bucket table in
/// counting-sort layout (65,537 offsets, then one 4-byte member index per hash: 16 bytes for four bands)
/// instead of dictionaries of arrays. Hashes added since the last compaction sit in a small `recent` part with
/// dictionary buckets; `compact` folds them in. A bucket admits at most `NearDuplicateIndex.bucketLimit`
/// hashes, the first ones in seq order, exactly as the dictionary index does.
struct SimHashTable: Sendable, Equatable {
    static let limit = NearDuplicateIndex.bucketLimit
    static let bucketCount = 1 << 16

    /// Distinct hashes of the compacted part, in the order they were added (ascending seq).
    private(set) var hashes: [UInt64] = []
    private(set) var seqs: [UInt32] = []
    /// Per band: `offsets[band][key]..<offsets[band][key + 1]` index `members[band]`; empty when `hashes` is.
    private var offsets: [[UInt32]] = []
    private var members: [[UInt32]] = []
    /// Compacted hashes that no band admitted (all four buckets full): found only by an exact match.
    private var unbanded: [UInt64: UInt32] = [:]

    private var recentHashes: [UInt64] = []
    private var recentSeqs: [UInt32] = []
    private var recentBuckets: [[UInt16: [UInt32]]] = Array(repeating: [:], count: 4)
    private var recentExact: [UInt64: UInt32] = [:]

    init() {}

    /// A table holding these distinct hashes, in the order they were added, as a checkpoint keeps them.
    init(hashes: [UInt64], seqs: [UInt32]) {
        self.hashes = hashes
        self.seqs = seqs
        rebuildBuckets()
    }

    var count: Int { hashes.count + recentHashes.count }
    var recentCount: Int { recentHashes.count }

    private static func key(_ hash: UInt64, _ band: Int) -> Int {
        Int(truncatingIfNeeded: UInt16(truncatingIfNeeded: hash >> (16 * UInt64(band))))
    }

    private func baseBucket(_ band: Int, _ key: Int) -> Range<Int> {
        guard !offsets.isEmpty else { return 0..<0 }
        return Int(offsets[band][key])..<Int(offsets[band][key + 1])
    }

    /// The earliest seq whose hash is within `NearDuplicateIndex.maximumDistance` bits of `hash`, if any.
    func earliestMatch(for hash: UInt64) -> Int? {
        var best = exactSeq(hash)
        func consider(_ h: UInt64, _ seq: UInt32) {
            if (h ^ hash).nonzeroBitCount <= NearDuplicateIndex.maximumDistance, best.map({ seq < $0 }) ?? true {
                best = seq
            }
        }
        for band in 0..<4 {
            let key = Self.key(hash, band)
            for i in baseBucket(band, key) {
                let m = Int(members[band][i])
                consider(hashes[m], seqs[m])
            }
            for m in recentBuckets[band][UInt16(key)] ?? [] { consider(recentHashes[Int(m)], recentSeqs[Int(m)]) }
        }
        return best.map(Int.init)
    }

    /// The seq stored with exactly this hash, if it was added.
    private func exactSeq(_ hash: UInt64) -> UInt32? {
        if let seq = recentExact[hash] ?? unbanded[hash] { return seq }
        for band in 0..<4 {
            for i in baseBucket(band, Self.key(hash, band)) {
                let m = Int(members[band][i])
                if hashes[m] == hash { return seqs[m] }
            }
        }
        return nil
    }

    /// Adds an article's hash; a hash already present keeps its earlier seq.
    mutating func insert(_ hash: UInt64, seq: UInt32) {
        guard exactSeq(hash) == nil else { return }
        let index = UInt32(recentHashes.count)
        recentHashes.append(hash)
        recentSeqs.append(seq)
        recentExact[hash] = seq
        for band in 0..<4 {
            let key = Self.key(hash, band)
            let held = baseBucket(band, key).count + (recentBuckets[band][UInt16(key)]?.count ?? 0)
            if held < Self.limit { recentBuckets[band][UInt16(key), default: []].append(index) }
        }
    }

    /// Folds the recent hashes into the compacted arrays (linear in the table's size).
    mutating func compact() {
        guard !recentHashes.isEmpty else { return }
        hashes += recentHashes
        seqs += recentSeqs
        clearRecent()
        rebuildBuckets()
    }

    /// Takes `compacted` (this table up to `seq`, compacted) as the compacted part, keeping the recent hashes
    /// added after `seq`.
    mutating func adopt(_ compacted: SimHashTable, upTo seq: UInt32) {
        let later = zip(recentHashes, recentSeqs).filter { $0.1 > seq }
        self = compacted
        for (hash, seq) in later { insert(hash, seq: seq) }
    }

    private mutating func clearRecent() {
        recentHashes = []
        recentSeqs = []
        recentBuckets = Array(repeating: [:], count: 4)
        recentExact = [:]
    }

    /// Lays out the buckets in counting-sort order, admitting hashes in the order they were added.
    private mutating func rebuildBuckets() {
        unbanded = [:]
        guard !hashes.isEmpty else {
            offsets = []
            members = []
            return
        }
        offsets = []
        members = []
        var admittedAnywhere = [Bool](repeating: false, count: hashes.count)
        for band in 0..<4 {
            var counts = [UInt32](repeating: 0, count: Self.bucketCount + 1)
            for h in hashes {
                let key = Self.key(h, band)
                if counts[key + 1] < UInt32(Self.limit) { counts[key + 1] += 1 }
            }
            for key in 0..<Self.bucketCount { counts[key + 1] += counts[key] }
            var next = counts
            var bandMembers = [UInt32](repeating: 0, count: Int(counts[Self.bucketCount]))
            for (i, h) in hashes.enumerated() {
                let key = Self.key(h, band)
                if next[key] < counts[key + 1] {
                    bandMembers[Int(next[key])] = UInt32(i)
                    next[key] += 1
                    admittedAnywhere[i] = true
                }
            }
            offsets.append(counts)
            members.append(bandMembers)
        }
        for (i, admitted) in admittedAnywhere.enumerated() where !admitted { unbanded[hashes[i]] = seqs[i] }
    }

    static func == (a: SimHashTable, b: SimHashTable) -> Bool {
        var x = a
        var y = b
        x.compact()
        y.compact()
        return x.hashes == y.hashes && x.seqs == y.seqs
    }
}
