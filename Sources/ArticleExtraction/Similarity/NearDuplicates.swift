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
    /// The words compared are those with a non-zero stem: an analysed block's stems leave out short words and
    /// its language's stop-words (`LineTokens.stems`).
    public func duplicates(of candidates: [Int], blocks: [Block]) -> [Int: Int] {
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
        let n = candidates.count
        // Every table in one scratch allocation, written through pointers: the arrays they replace checked their
        // uniqueness on every write. Entries and a paragraph's slots number at most `stemCount`.
        let layout = ScratchLayout(capacity: capacity, stems: stemCount, paragraphs: n)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity) { keys in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: layout.total) { ints in
                keys.initialize(repeating: 0)
                ints.initialize(repeating: 0)
                let t = layout.tables(in: ints)
                t.heads.update(repeating: -1)
                t.lastSeen.update(repeating: -1)
                return find(candidates, blocks: blocks, keys: keys, t)
            }
        }
    }

    /// Where each table sits in the scratch: per slot of the stem table, per posting entry, per paragraph.
    struct ScratchLayout {
        var capacity: Int
        var stems: Int
        var paragraphs: Int
        var total: Int { capacity * 3 + stems * 3 + paragraphs * 3 }

        struct Tables {
            var heads, lengths, lastSeen: UnsafeMutableBufferPointer<Int32>
            var entryBlock, entryNext, slots: UnsafeMutableBufferPointer<Int32>
            var setSize, counts, touched: UnsafeMutableBufferPointer<Int32>
        }

        func tables(in ints: UnsafeMutableBufferPointer<Int32>) -> Tables {
            var offset = 0
            func take(_ count: Int) -> UnsafeMutableBufferPointer<Int32> {
                defer { offset += count }
                return UnsafeMutableBufferPointer(rebasing: ints[offset..<(offset + count)])
            }
            return Tables(
                heads: take(capacity), lengths: take(capacity), lastSeen: take(capacity),
                entryBlock: take(stems), entryNext: take(stems), slots: take(stems),
                setSize: take(paragraphs), counts: take(paragraphs), touched: take(paragraphs)
            )
        }
    }

    func find(
        _ candidates: [Int],
        blocks: [Block],
        keys: UnsafeMutableBufferPointer<UInt64>,
        _ t: ScratchLayout.Tables
    ) -> [Int: Int] {
        var result: [Int: Int] = [:]
        let mask = keys.count - 1
        var entries = 0
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
            var slotCount = 0
            for stem in tokens.stems where stem != 0 {
                var s = Int(truncatingIfNeeded: (stem ^ (stem >> 29)) & UInt64(mask))
                while keys[s] != 0 && keys[s] != stem { s = (s + 1) & mask }
                keys[s] = stem
                if t.lastSeen[s] == Int32(position) { continue }
                t.lastSeen[s] = Int32(position)
                t.slots[slotCount] = Int32(s)
                slotCount += 1
            }
            guard slotCount >= minimumWords else { continue }
            var touchedCount = 0
            for x in 0..<slotCount {
                let s = Int(t.slots[x])
                guard t.heads[s] >= 0 && t.lengths[s] <= 64 else { continue }
                var e = t.heads[s]
                while e >= 0 {
                    let j = Int(t.entryBlock[Int(e)])
                    if t.counts[j] == 0 {
                        t.touched[touchedCount] = Int32(j)
                        touchedCount += 1
                    }
                    t.counts[j] += 1
                    e = t.entryNext[Int(e)]
                }
            }
            var best: (Int, Double)? = nil
            for x in 0..<touchedCount {
                let j = Int(t.touched[x])
                let shared = Int(t.counts[j])
                let size = Int(t.setSize[j])
                let smaller = min(slotCount, size)
                let score = Double(shared) / Double(smaller)
                let jaccard = Double(shared) / Double(slotCount + size - shared)
                if score >= threshold && jaccard >= 0.3
                    && (best == nil || score > best!.1 || (score == best!.1 && j < best!.0))
                {
                    best = (j, score)
                }
            }
            for x in 0..<touchedCount { t.counts[Int(t.touched[x])] = 0 }
            if let (j, _) = best {
                result[i] = candidates[j]
                continue
            }
            t.setSize[position] = Int32(slotCount)
            for x in 0..<slotCount {
                let s = Int(t.slots[x])
                t.entryBlock[entries] = Int32(position)
                t.entryNext[entries] = t.heads[s]
                t.heads[s] = Int32(entries)
                entries += 1
                t.lengths[s] += 1
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
