/// A 64-bit SimHash of a text's word 3-gram shingles (Charikar 2002): near-identical texts get fingerprints a few
/// bits apart, so the daemon can find republished copies without comparing bodies. Built only from FNV-1a hashes
/// of lower-case words, so the value is the same on every run and machine.
public enum SimHash {
    /// Words per shingle: three keeps a two-word edit from touching more than six shingles.
    static let shingleSize = 3

    /// The fingerprint of the paragraphs, read as one text; nil when there are no words.
    public static func fingerprint(_ paragraphs: [String]) -> UInt64? {
        var hashes: [UInt64] = []
        for p in paragraphs { hashes.append(contentsOf: Tokenizer.tokenize(p).hashes) }
        return fingerprint(wordHashes: hashes)
    }

    /// The fingerprint of a sequence of word hashes (`WordHash.of` of each lower-case word).
    public static func fingerprint(wordHashes: [UInt64]) -> UInt64? {
        guard !wordHashes.isEmpty else { return nil }
        var votes = [Int](repeating: 0, count: 64)
        let n = max(1, wordHashes.count - shingleSize + 1)
        for i in 0..<n {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for k in i..<min(i + shingleSize, wordHashes.count) { h = mix(h ^ wordHashes[k]) }
            for bit in 0..<64 { votes[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
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
