/// A 64-bit SimHash (Charikar 2002) of a text's words: near-identical texts get fingerprints a few bits apart, so
/// the daemon can find republished copies without comparing bodies. Built only from FNV-1a hashes of lower-case
/// words, so the value is the same on every run and machine.
///
/// The features are the text's distinct words (1-word shingles) weighted by how often they occur: a function word
/// by its count, a content word that recurs by four times its count, a content word used once by one. A bit flips
/// only when an edit outweighs its vote, so weight on words an edit rarely touches keeps a lightly edited copy
/// within a few bits, while the recurring content words (names, topic words) keep different articles apart. Longer
/// shingles were measured and rejected: a two-word edit changes six 3-word shingles, which flips four or more bits
/// in a 300-word article about 40% of the time; these weights bring that under 10% (docs/entities.md).
public enum SimHash {
    /// Weight of a content word that occurs more than once, per occurrence.
    static let recurringWeight = 4

    /// The fingerprint of the paragraphs, read as one text; nil when there are no words.
    public static func fingerprint(_ paragraphs: [String]) -> UInt64? {
        fingerprint(wordHashes: EntityRecognizer.tokenize(paragraphs).compactMap { $0.isWord ? $0.hash : nil })
    }

    /// The fingerprint of a sequence of word hashes (`WordHash.of` of each lower-case word).
    public static func fingerprint(wordHashes: [UInt64]) -> UInt64? {
        guard !wordHashes.isEmpty else { return nil }
        // Counting by sorting: no hashing, and the order of the sum does not matter.
        let sorted = wordHashes.sorted()
        var votes = [Int32](repeating: 0, count: 64)
        var k = 0
        votes.withUnsafeMutableBufferPointer { v in
            while k < sorted.count {
                let word = sorted[k]
                var count = 1
                while k + count < sorted.count && sorted[k + count] == word { count += 1 }
                k += count
                let weight: Int32
                if Lexicons.anyStopWordHash.contains(word) {
                    weight = Int32(clamping: count)
                } else {
                    weight = count == 1 ? 1 : Int32(clamping: recurringWeight * count)
                }
                let h = mix(word)
                // Branch-free: each bit adds +weight or -weight.
                for bit in 0..<64 { v[bit] &+= (Int32(truncatingIfNeeded: (h >> UInt64(bit)) & 1) &* 2 &- 1) &* weight }
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// 16 lower-case hex digits, zero-padded, as the record's `simhash` field holds it.
    public static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0x30, count: 16)
        for i in 0..<16 { out[15 - i] = digits[Int((value >> UInt64(4 * i)) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses 16 hex digits back into the fingerprint.
    public static func parse(_ hex: String) -> UInt64? {
        guard hex.utf8.count == 16 else { return nil }
        return UInt64(hex, radix: 16)
    }

    /// Bits in which two fingerprints differ: 0–3 for an edited copy, about 32 for unrelated texts.
    public static func hammingDistance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// The distance between two fingerprints in their hex form, or nil when either is malformed.
    public static func hammingDistance(_ a: String, _ b: String) -> Int? {
        guard let x = parse(a), let y = parse(b) else { return nil }
        return hammingDistance(x, y)
    }

    /// SplitMix64's finaliser: spreads FNV's weak low bits over all 64 so every bit votes fairly.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
