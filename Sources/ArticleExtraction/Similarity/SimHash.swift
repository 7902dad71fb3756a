/// The body's 64-bit similarity fingerprint (the record's `simhash`): near-identical texts get fingerprints a few
/// bits apart, so the daemon can find republished copies by Hamming distance without comparing bodies. Built only
/// from FNV-1a hashes of lower-case words, so the value is the same on every run and machine.
///
/// Each bit is one bit of a minimum over the body's content words (1-bit minwise hashing, Li and König 2010, with
/// one permutation split into 64 bins, see `Bins`). Two texts agree on a bit with probability (1 + J) / 2, J being
/// the Jaccard similarity of their word sets, so the expected distance is 32·(1 − J): a two-word edit of a
/// 150-content-word article moves about 0.4 bits, unrelated articles sit near 32. Charikar's sum of signed votes
/// (2002), which this replaced, moves with the angle between the texts' word vectors, which a small edit changes
/// by the square root of its share: two-word edits flipped four or more bits in 15% of cases (docs/entities.md has
/// the measurements).
public enum SimHash {
    /// The fingerprint of the paragraphs, read as one text; nil when there are no words.
    public static func fingerprint(_ paragraphs: [String]) -> UInt64? {
        fingerprint(tokens: EntityRecognizer.tokenize(paragraphs))
    }

    /// The fingerprint of the entity tokenizer's tokens: `fingerprint(wordHashes:)` of their words, read in place
    /// rather than copied into an array of hashes first. The loop takes no branch on a token: whether it is a
    /// word and whether a stop-word, each near a coin toss, mispredicted often enough to cost more than the
    /// hashing, so every token is mixed and the others only leave the minimums as they are.
    static func fingerprint(tokens: [EntityToken]) -> UInt64? {
        let stopWords = StopWords.shared
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { minimums -> UInt64? in
            var bins = Bins(minimums: minimums)
            var words = 0
            var content = 0
            for t in tokens {
                let word = t.isWord ? 1 : 0
                let isContent = word & (stopWords.contains(t.hash) ? 0 : 1)
                words &+= word
                content &+= isContent
                bins.add(mix(t.hash), if: isContent != 0)
            }
            guard words > 0 else { return nil }
            if content < 8 {
                bins = Bins(minimums: minimums)
                for t in tokens where t.isWord { bins.add(mix(t.hash)) }
            }
            return bins.fingerprint()
        }
    }

    /// The fingerprint of a sequence of word hashes (`WordHash.of` of each lower-case word).
    public static func fingerprint(wordHashes: [UInt64]) -> UInt64? {
        guard !wordHashes.isEmpty else { return nil }
        // The features: content words. Function words are shared by any two texts in a language and would pull
        // different articles together; a text of fewer than eight content words uses every word.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { minimums in
            var bins = Bins(minimums: minimums)
            var content = 0
            for h in wordHashes where !Lexicons.isStopWord(h, languages: Lexicons.allLanguages) {
                content += 1
                bins.add(mix(h))
            }
            if content < 8 {
                bins = Bins(minimums: minimums)
                for h in wordHashes { bins.add(mix(h)) }
            }
            return bins.fingerprint()
        }
    }

    /// One-permutation minwise hashing (Li, Owen and Zhang 2012) with optimal densification (Shrivastava 2017):
    /// a feature's top six bits choose one of 64 bins, the bin keeps its smallest feature, and each bit of the
    /// fingerprint is one bit of a bin's minimum. Two texts hold the same minimum in a bin with probability J, the
    /// Jaccard similarity of their feature sets, as with 64 separate hash functions, at the cost of one hash per
    /// word instead of 64; a repeated word changes no minimum, so the words need no de-duplication.
    struct Bins {
        /// 64 minimums in caller-provided scratch (a SIMD64 value, indexed by a variable bin, was copied whole
        /// through the stack on every update).
        let minimums: UnsafeMutableBufferPointer<UInt64>

        init(minimums: UnsafeMutableBufferPointer<UInt64>) {
            minimums.initialize(repeating: .max)
            self.minimums = minimums
        }

        /// The bin is the top six bits; the rest, shifted up, is the value compared.
        @inline(__always)
        func add(_ feature: UInt64) {
            let bin = Int(truncatingIfNeeded: feature >> 58)
            let value = feature << 6
            if value < minimums[bin] { minimums[bin] = value }
        }

        /// `add(feature)` when `condition` holds, else nothing, without a branch: the value offered is then the
        /// largest, which lowers no minimum.
        @inline(__always)
        func add(_ feature: UInt64, if condition: Bool) {
            let bin = Int(truncatingIfNeeded: feature >> 58)
            let value = condition ? feature << 6 : .max
            minimums[bin] = min(minimums[bin], value)
        }

        /// Bins no feature fell into borrow the minimum of a filled bin chosen by a fixed pseudo-random probe
        /// sequence of their own (optimal densification): two texts that fill the same bins probe alike, so an
        /// empty bin agrees exactly when its donor does. Each bit is salted by its bin, so a donor and its
        /// borrowers give independent bits. At least one bin is filled (the caller adds a feature).
        func fingerprint() -> UInt64 {
            var filled: UInt64 = 0
            for j in 0..<64 where minimums[j] != .max { filled |= 1 << UInt64(j) }
            var result: UInt64 = 0
            for j in 0..<64 {
                var donor = j
                var attempt: UInt64 = 0
                while filled & (1 << UInt64(donor)) == 0 {
                    attempt += 1
                    donor = Int(truncatingIfNeeded: SimHash.mix(UInt64(j) << 32 | attempt) >> 58)
                }
                let bit = SimHash.mix(minimums[donor] ^ (UInt64(j) &* 0xA076_1D64_78BD_642F)) >> 63
                result |= bit << UInt64(j)
            }
            return result
        }
    }

    /// The block pass's stop-words (`Lexicons.isStopWord` with every language) as a membership test that reads
    /// one bucket of four keys and compares them at once, so that the answer is a value and never a branch.
    struct StopWords: Sendable {
        static let shared = StopWords(Lexicons.languages.flatMap { Lexicons.stopWords[$0] ?? [] }.map(WordHash.of))

        /// Buckets of four keys. A free slot repeats a key of the set, so that it can only answer "stop-word"
        /// for a word that is one.
        private let keys: [UInt64]
        /// 64 minus the number of bits of a bucket index.
        private let shift: UInt64

        /// The set of `hashes`, which must not be empty.
        init(_ hashes: [UInt64]) {
            // Sorted, so that the table is the same on every run.
            let unique = Set(hashes).sorted()
            precondition(!unique.isEmpty, "a stop-word set needs a key to fill free slots with")
            var bits: UInt64 = 4
            while 1 << bits < unique.count { bits += 1 }
            while true {
                var keys = [UInt64](repeating: unique[0], count: 4 << bits)
                var used = [Int](repeating: 0, count: 1 << bits)
                var fits = true
                for h in unique {
                    let b = Self.bucket(h, shift: 64 - bits)
                    guard used[b] < 4 else {
                        fits = false
                        break
                    }
                    keys[b << 2 + used[b]] = h
                    used[b] += 1
                }
                // A bucket with a fifth key: twice the buckets.
                if fits {
                    self.keys = keys
                    self.shift = 64 - bits
                    return
                }
                bits += 1
            }
        }

        /// A key's bucket: the top bits of a multiplicative hash, which mixes every bit of the FNV hash into them.
        @inline(__always)
        private static func bucket(_ key: UInt64, shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        }

        @inline(__always)
        func contains(_ hash: UInt64) -> Bool {
            let b = Self.bucket(hash, shift: shift) << 2
            return keys.withUnsafeBufferPointer { k in
                any(SIMD4(k[b], k[b + 1], k[b + 2], k[b + 3]) .== SIMD4(repeating: hash))
            }
        }
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
