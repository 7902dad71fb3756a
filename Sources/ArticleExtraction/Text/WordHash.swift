/// 64-bit FNV-1a hashes of lower-case words. Hashing a non-ASCII `String` normalises it every time; our text is
/// already NFC, so the extractor hashes each word's bytes once and compares hashes from then on.
public enum WordHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of a word's UTF-8 bytes.
    @inline(__always)
    public static func of(_ word: String) -> UInt64 {
        var h = offset
        for b in word.utf8 {
            h ^= UInt64(b)
            h = h &* prime
        }
        return h
    }

    /// The hash of the word's first `n` scalars: a crude stem for near-duplicate detection.
    public static func prefix(_ word: String, scalars n: Int) -> UInt64 {
        var h = offset
        var seen = 0
        for s in word.unicodeScalars {
            seen += 1
            if seen > n { break }
            var v = s.value
            // Hash the scalar value's bytes; prefixes of equal words hash equal, which is all we need.
            repeat {
                h ^= UInt64(v & 0xFF)
                h = h &* prime
                v >>= 8
            } while v != 0
        }
        return h
    }

    /// The hash of a sequence of words (a whole line), order-sensitive.
    @inline(__always)
    public static func combine(_ hashes: some Sequence<UInt64>) -> UInt64 {
        var h = offset
        for x in hashes {
            h = (h ^ x) &* prime
            h = h ^ (h >> 29)
        }
        return h
    }
}
