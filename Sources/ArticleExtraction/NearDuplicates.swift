/// Finds paragraphs that restate an earlier one (scrapers repeat the lead further down; machine translation
/// rewords it), comparing sets of content words through an inverted index so the cost stays near-linear.
public struct NearDuplicates: Sendable {
    /// Share of the smaller paragraph's content words that must recur in the other.
    public var threshold: Double = 0.6
    /// Paragraphs with fewer content words are compared exactly only.
    public var minimumWords = 8

    /// Creates a detector.
    public init() {}

    /// For each index in `candidates`, the earlier candidate it duplicates, if any.
    public func duplicates(of candidates: [Int], blocks: [Block], stopWords: WordTable) -> [Int: Int] {
        var result: [Int: Int] = [:]
        // Posting lists as linked entries in flat arrays, keyed by stem in an open-addressing table: no SipHash,
        // and no per-paragraph sorting: a stem's `lastSeen` marks it as already counted for the paragraph at hand.
        // Sized by the stems that can be indexed (words of three letters or more), not by every word: the tables
        // are zeroed per document.
        var stemCount = 0
        for i in candidates {
            for stem in blocks[i].tokens.stems where stem != 0 { stemCount += 1 }
        }
        // Strictly more slots than stems, so a probe always ends; stop-words and repeats keep the real load near
        // one half. A zero key marks a free slot (zero is no stem: short words have none).
        var capacity = 64
        while capacity <= stemCount { capacity <<= 1 }
        let mask = capacity - 1
        var keys = [UInt64](repeating: 0, count: capacity)
        var heads = [Int32](repeating: -1, count: capacity)
        var lengths = [Int32](repeating: 0, count: capacity)
        var lastSeen = [Int32](repeating: -1, count: capacity)
        var entryBlock: [Int32] = []
        var entryNext: [Int32] = []
        var setSize = [Int](repeating: 0, count: candidates.count)
        var counts = [Int32](repeating: 0, count: candidates.count)
        var touched: [Int] = []
        var slots: [Int] = []
        var exact = WordTableBuilder(capacity: candidates.count)
        for (position, i) in candidates.enumerated() {
            let tokens = blocks[i].tokens
            if tokens.hashes.count >= 4 {
                let key = WordHash.combine(tokens.hashes)
                if let first = exact.insertOrGet(key, value: i) {
                    result[i] = first
                    continue
                }
            }
            // The paragraph's distinct content stems: not stop-words, three letters or more.
            slots.removeAll(keepingCapacity: true)
            for k in tokens.stems.indices where tokens.stems[k] != 0 && !stopWords.contains(tokens.hashes[k]) {
                let stem = tokens.stems[k]
                var s = Int(truncatingIfNeeded: (stem ^ (stem >> 29)) & UInt64(mask))
                while keys[s] != 0 && keys[s] != stem { s = (s + 1) & mask }
                keys[s] = stem
                if lastSeen[s] == Int32(position) { continue }
                lastSeen[s] = Int32(position)
                slots.append(s)
            }
            guard slots.count >= minimumWords else { continue }
            for s in slots where heads[s] >= 0 && lengths[s] <= 64 {
                var e = heads[s]
                while e >= 0 {
                    let j = Int(entryBlock[Int(e)])
                    if counts[j] == 0 { touched.append(j) }
                    counts[j] += 1
                    e = entryNext[Int(e)]
                }
            }
            var best: (Int, Double)? = nil
            for j in touched {
                let shared = Int(counts[j])
                let smaller = min(slots.count, setSize[j])
                let score = Double(shared) / Double(smaller)
                let jaccard = Double(shared) / Double(slots.count + setSize[j] - shared)
                if score >= threshold && jaccard >= 0.3
                    && (best == nil || score > best!.1 || (score == best!.1 && j < best!.0))
                {
                    best = (j, score)
                }
            }
            for j in touched { counts[j] = 0 }
            touched.removeAll(keepingCapacity: true)
            if let (j, _) = best {
                result[i] = candidates[j]
                continue
            }
            setSize[position] = slots.count
            for s in slots {
                entryBlock.append(Int32(position))
                entryNext.append(heads[s])
                heads[s] = Int32(entryBlock.count - 1)
                lengths[s] += 1
            }
        }
        return result
    }
}

/// A growable open-addressing map from line hashes to the first block index that had them.
struct WordTableBuilder {
    var keys: [UInt64]
    var values: [Int]
    var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int](repeating: -1, count: size)
        mask = size - 1
    }

    /// The value already stored for `key`, or nil after storing `value`.
    mutating func insertOrGet(_ key: UInt64, value: Int) -> Int? {
        var i = Int(truncatingIfNeeded: (key ^ (key >> 31)) & UInt64(mask))
        while values[i] >= 0 {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        return nil
    }
}
