/// The body's 64-bit similarity fingerprint (the record's `simhash`): near-identical texts get fingerprints a few
/// bits apart, so the daemon can find republished copies by Hamming distance without comparing bodies. Built only
/// from FNV-1a hashes of lower-case words, so the value is the same on every run and machine.
///
/// Each bit is one bit of a minimum: for 64 fixed hash functions, the smallest hash over the body's distinct
/// content words (1-bit minwise hashing, Li and König 2010). Two texts agree on a bit with probability
/// (1 + J) / 2, J being the Jaccard similarity of their word sets, so the expected distance is 32·(1 − J): a
/// two-word edit of a 150-content-word article moves about 0.4 bits, unrelated articles sit near 32. Charikar's
/// sum of signed votes (2002), which this replaced, moves with the angle between the texts' word vectors, which a
/// small edit changes by the square root of its share: two-word edits flipped four or more bits in 15% of cases
/// (docs/entities.md has both measurements).
public enum SimHash {
    /// The fingerprint of the paragraphs, read as one text; nil when there are no words.
    public static func fingerprint(_ paragraphs: [String]) -> UInt64? {
        fingerprint(wordHashes: EntityRecognizer.tokenize(paragraphs).compactMap { $0.isWord ? $0.hash : nil })
    }

    /// The fingerprint of a sequence of word hashes (`WordHash.of` of each lower-case word).
    public static func fingerprint(wordHashes: [UInt64]) -> UInt64? {
        guard !wordHashes.isEmpty else { return nil }
        // The features: distinct content words. Function words are shared by any two texts in a language and
        // would pull different articles together; a text too short to have eight content words uses every word.
        let stop = Lexicons.anyStopWordHash
        var features = distinctMixed(wordHashes, skipping: stop)
        if features.count < 8 {
            // Fewer than eight distinct content words: the rule counts all content words, repeats included.
            var content = 0
            for h in wordHashes where !stop.contains(h) { content += 1 }
            if content < 8 { features = distinctMixed(wordHashes, skipping: nil) }
        }
        // 64 independent minimums, eight functions per pass over the features: eight independent chains of
        // multiply-add-minimum keep the pipeline full where one chain would wait on each comparison.
        var minimums = [UInt64](repeating: .max, count: 64)
        features.withUnsafeBufferPointer { fs in
            for block in 0..<8 {
                let a = Self.multiplierLanes[block]
                let b = Self.incrementLanes[block]
                var m = SIMD8<UInt64>(repeating: .max)
                for f in fs { m = pointwiseMin(m, SIMD8(repeating: f) &* a &+ b) }
                for lane in 0..<8 { minimums[block * 8 + lane] = m[lane] }
            }
        }
        // One bit of each minimum: equal minimums give equal bits; different ones agree half the time.
        var result: UInt64 = 0
        for j in 0..<64 where mix(minimums[j]) >> 63 == 1 { result |= 1 << UInt64(j) }
        return result
    }

    /// The 64 hash functions h(x) = a·x + b (mod 2⁶⁴), a odd, on already mixed word hashes; minimums compare
    /// the high bits, which multiply-add mixes well. Fixed constants, so fingerprints never change between runs.
    static let functions: [(multiplier: UInt64, increment: UInt64)] = {
        var state: UInt64 = 0x5151_5151
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return mix(state)
        }
        return (0..<64).map { _ in (next() | 1, next()) }
    }()
    /// The same constants in groups of eight, as the minimum loop reads them.
    static let multiplierLanes: [SIMD8<UInt64>] = (0..<8).map { b in SIMD8((0..<8).map { functions[b * 8 + $0].multiplier }) }
    static let incrementLanes: [SIMD8<UInt64>] = (0..<8).map { b in SIMD8((0..<8).map { functions[b * 8 + $0].increment }) }

    /// The distinct values of `hashes` (leaving out those in `skipping`), each mixed, through a small
    /// open-addressing set: one pass, no sorting. Zero marks a free slot, so a zero hash is stored as one.
    static func distinctMixed(_ hashes: [UInt64], skipping: WordTable?) -> [UInt64] {
        var size = 16
        while size <= hashes.count * 2 { size <<= 1 }
        let mask = size - 1
        var seen = [UInt64](repeating: 0, count: size)
        var features: [UInt64] = []
        features.reserveCapacity(hashes.count)
        for raw in hashes {
            if let stop = skipping, stop.contains(raw) { continue }
            let h = raw == 0 ? 1 : raw
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while seen[i] != 0 && seen[i] != h { i = (i + 1) & mask }
            if seen[i] == h { continue }
            seen[i] = h
            features.append(mix(raw))
        }
        return features
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
