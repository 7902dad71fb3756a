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
    public static func contentWords(_ words: [String], stopWords: Set<String>) -> Set<String> {
        var set = Set<String>()
        for var w in words {
            if w.hasSuffix("'s") { w.removeLast(2) }
            if w.count < 3 || stopWords.contains(w) { continue }
            // A crude stem (the first five letters) lets "prepared" meet "preparation" in a reworded paragraph.
            set.insert(w.count > 5 ? String(w.prefix(5)) : w)
        }
        return set
    }

    /// For each index in `candidates`, the earlier candidate it duplicates, if any.
    public func duplicates(of candidates: [Int], words: [Int: [String]], texts: [Int: String], stopWords: Set<String>)
        -> [Int: Int]
    {
        var result: [Int: Int] = [:]
        var index: [String: [Int]] = [:]
        var sets: [Int: Set<String>] = [:]
        var exact: [String: Int] = [:]
        for i in candidates {
            let key = (words[i] ?? []).joined(separator: " ")
            if (words[i]?.count ?? 0) >= 4, let first = exact[key] {
                result[i] = first
                continue
            }
            exact[key] = exact[key] ?? i
            let set = Self.contentWords(words[i] ?? [], stopWords: stopWords)
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
                    if score >= threshold && jaccard >= 0.3 && (best == nil || score > best!.1 || (score == best!.1 && j < best!.0)) {
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
