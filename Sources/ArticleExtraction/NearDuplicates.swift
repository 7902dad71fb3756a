/// Finds paragraphs that restate an earlier one (scrapers repeat the lead further down; machine translation
/// rewords it), comparing sets of content words through an inverted index so the cost stays near-linear.
public struct NearDuplicates: Sendable {
    /// Share of the smaller paragraph's content words that must recur in the other.
    public var threshold: Double = 0.6
    /// Paragraphs with fewer content words are compared exactly only.
    public var minimumWords = 8

    /// Creates a detector.
    public init() {}

    /// Content words: not stop-words, three letters or more, possessive "'s" dropped.
    public static func contentWords(_ block: Block, stopWords: WordTable) -> Set<UInt64> {
        var set = Set<UInt64>()
        set.reserveCapacity(block.hashes.count)
        let t = block.tokens
        for k in t.hashes.indices where t.lengths[k] >= 3 && !stopWords.contains(t.hashes[k]) {
            set.insert(t.stems[k])
        }
        return set
    }

    /// For each index in `candidates`, the earlier candidate it duplicates, if any.
    public func duplicates(of candidates: [Int], blocks: [Block], stopWords: WordTable) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var index: [UInt64: [Int]] = [:]
        var sets: [Int: Set<UInt64>] = [:]
        var exact: [UInt64: Int] = [:]
        for i in candidates {
            let key = WordHash.combine(blocks[i].hashes)
            if blocks[i].hashes.count >= 4, let first = exact[key] {
                result[i] = first
                continue
            }
            exact[key] = exact[key] ?? i
            let set = Self.contentWords(blocks[i], stopWords: stopWords)
            if set.count >= minimumWords {
                var overlap: [Int: Int] = [:]
                for w in set {
                    guard let posting = index[w], posting.count <= 64 else { continue }
                    for j in posting { overlap[j, default: 0] += 1 }
                }
                var best: (Int, Double)? = nil
                for (j, shared) in overlap {
                    let smaller = min(set.count, sets[j]!.count)
                    let score = Double(shared) / Double(smaller)
                    let union = set.count + sets[j]!.count - shared
                    let jaccard = Double(shared) / Double(union)
                    if score >= threshold && jaccard >= 0.3
                        && (best == nil || score > best!.1 || (score == best!.1 && j < best!.0))
                    {
                        best = (j, score)
                    }
                }
                if let (j, _) = best {
                    result[i] = j
                    continue
                }
                for w in set { index[w, default: []].append(i) }
                sets[i] = set
            }
        }
        return result
    }
}
