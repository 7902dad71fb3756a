/// Lower-case words of a text with their hashes, produced in one pass over the UTF-8 bytes.
public struct Tokens: Sendable, Equatable {
    /// The words.
    public var words: [String] = []
    /// `WordHash.of(word)` for each word.
    public var hashes: [UInt64] = []
    /// A hash of each word's first five letters (without a possessive "'s"): a crude stem.
    public var stems: [UInt64] = []
    /// Letters in each word.
    public var lengths: [Int] = []
    /// UTF-8 bytes in each word.
    public var byteCounts: [Int] = []
    /// Whether each word starts with a digit.
    public var numeric: [Bool] = []
}

/// Splits text into lower-case words without Foundation, because every block is tokenised once and the extractor
/// must keep up with 20 MB/s.
public enum Tokenizer {
    /// Lower-case words: runs of letters and digits, with inner apostrophes and hyphens kept ("don't",
    /// "ukraine-russia"). "©" counts as a word so that lexicons can name it.
    public static func words(_ text: String) -> [String] {
        tokenize(text, keepWords: true).words
    }

    /// Hashes, stems and lengths in one pass, and the words themselves when `keepWords` (building a `String` per
    /// word is the costliest part, and the hot path needs only hashes).
    public static func tokenize(_ text: String, keepWords: Bool = false) -> Tokens {
        var text = text
        return text.withUTF8 { tokenize(bytes: $0, keepWords: keepWords) }
    }

    static func tokenize(bytes p: UnsafeBufferPointer<UInt8>, keepWords: Bool) -> Tokens {
        var out = Tokens()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        var letters = 0
        var pendingJoiner: UInt8 = 0
        let n = p.count
        var i = 0

        func finish() {
            guard !buffer.isEmpty else { return }
            var h = WordHash.offset
            for b in buffer {
                h ^= UInt64(b)
                h = h &* WordHash.prime
            }
            // Stem: the first five letters, after dropping a possessive 's.
            var stemEnd = buffer.count
            var stemLetters = letters
            if buffer.count >= 3 && buffer[buffer.count - 1] == 0x73 && buffer[buffer.count - 2] == 0x27 {
                stemEnd -= 2
                stemLetters -= 1
            }
            var s = WordHash.offset
            var seen = 0
            var k = 0
            while k < stemEnd {
                let b = buffer[k]
                if b & 0xC0 != 0x80 {
                    seen += 1
                    if seen > 5 { break }
                }
                s ^= UInt64(b)
                s = s &* WordHash.prime
                k += 1
            }
            if keepWords { out.words.append(String(decoding: buffer, as: UTF8.self)) }
            out.byteCounts.append(buffer.count)
            out.numeric.append(buffer[0] >= 0x30 && buffer[0] <= 0x39)
            out.hashes.append(h)
            out.stems.append(s)
            out.lengths.append(stemLetters)
            buffer.removeAll(keepingCapacity: true)
            letters = 0
        }

        while i < n {
            let b0 = p[i]
            var v: UInt32
            var len = 1
            if b0 < 0x80 {
                v = UInt32(b0)
            } else if b0 & 0xE0 == 0xC0, i + 1 < n {
                v = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                len = 2
            } else if b0 & 0xF0 == 0xE0, i + 2 < n {
                v = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
                len = 3
            } else if i + 3 < n {
                v = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F)
                len = 4
            } else {
                v = 0xFFFD
            }
            i += len
            guard let scalar = Unicode.Scalar(v) else { continue }
            if isWordScalar(scalar) {
                if pendingJoiner != 0 && !buffer.isEmpty {
                    buffer.append(pendingJoiner)
                }
                pendingJoiner = 0
                appendLowercasedUTF8(scalar, to: &buffer)
                letters += 1
            } else if (v == 0x27 || v == 0x2019 || v == 0x2D) && !buffer.isEmpty && pendingJoiner == 0 {
                pendingJoiner = v == 0x2D ? 0x2D : 0x27
            } else {
                pendingJoiner = 0
                finish()
                if v == 0xA9 {
                    buffer = [0xC2, 0xA9]
                    letters = 1
                    finish()
                }
            }
        }
        finish()
        return out
    }

    /// Letters, digits and combining marks form words.
    @inline(__always)
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        if v >= 0x0400 && v <= 0x04FF { return true }
        if v >= 0xC0 && v <= 0x24F { return v != 0xD7 && v != 0xF7 }
        if v < 0xC0 { return v == 0xAA || v == 0xB5 || v == 0xBA }
        if v >= 0x2000 && v <= 0x2BFF { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @inline(__always)
    static func lowercased(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        if v >= 0x41 && v <= 0x5A { return Unicode.Scalar(v + 32) }
        if v < 0x80 { return s }
        if v >= 0x410 && v <= 0x42F { return Unicode.Scalar(v + 32) }
        if v >= 0x430 && v <= 0x45F { return s }
        if v >= 0x400 && v <= 0x40F { return Unicode.Scalar(v + 80) }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return Unicode.Scalar(v + 32) }
        if v >= 0xDF && v <= 0xFF { return s }
        return nil
    }

    @inline(__always)
    static func appendLowercasedUTF8(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        if let l = lowercased(s) {
            Normalizer.appendUTF8OrASCII(l.value, to: &out)
        } else if s.properties.isUppercase {
            for x in s.properties.lowercaseMapping.unicodeScalars { Normalizer.appendUTF8OrASCII(x.value, to: &out) }
        } else {
            Normalizer.appendUTF8OrASCII(s.value, to: &out)
        }
    }

    @inline(__always)
    static func appendLowercased(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        if let l = lowercased(s) {
            out.append(l)
        } else if s.properties.isUppercase {
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        } else {
            out.append(s)
        }
    }

    /// True when the scalar is an upper-case letter.
    @inline(__always)
    public static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0x400 && v <= 0x42F { return true }
        if v >= 0x430 && v <= 0x45F { return false }
        if v >= 0xC0 && v <= 0xDE { return v != 0xD7 }
        if v >= 0xDF && v <= 0xFF { return false }
        return s.properties.isUppercase
    }
}
