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
    /// What the same pass saw of the line's shape, so that features need no second pass.
    public var shape = LineShape()
}

/// Shape of a line measured while tokenising it.
public struct LineShape: Sendable, Equatable {
    /// Unicode scalars.
    public var characters = 0
    /// Words starting with an upper-case letter.
    public var capitalized = 0
    /// Spaces right after ".", "!", "?" or "…".
    public var sentenceBreaks = 0
    /// "@" or "#" at the start of a word.
    public var mentions = 0
    /// The last three scalars that are not spaces, oldest first.
    public var lastScalars: (UInt32, UInt32, UInt32) = (0, 0, 0)
    /// The line holds ":" (a label, a caption marker), "/" (a credit), "(" (a copyright "(c)").
    public var hasColon = false
    public var hasSlash = false
    public var hasParenthesis = false

    public static func == (a: LineShape, b: LineShape) -> Bool {
        a.characters == b.characters && a.capitalized == b.capitalized && a.sentenceBreaks == b.sentenceBreaks
            && a.mentions == b.mentions && a.lastScalars == b.lastScalars && a.hasColon == b.hasColon
            && a.hasSlash == b.hasSlash && a.hasParenthesis == b.hasParenthesis
    }
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

    /// The word being read: its hash, its stem hash (first five letters), letters and bytes so far, and the stem
    /// as it stood before an apostrophe, for dropping a possessive 's. A struct with mutating methods, so that the
    /// optimiser keeps it in registers.
    struct WordState {
        var h = WordHash.offset
        var stem = WordHash.offset
        var letters = 0
        var bytes = 0
        var firstByte: UInt8 = 0
        var lastByte: UInt8 = 0
        var stemBeforeApostrophe: UInt64 = 0
        var lettersBeforeApostrophe = -1
        var keepWords: Bool
        var buffer: [UInt8] = []

        @inline(__always)
        mutating func add(_ b: UInt8) {
            h ^= UInt64(b)
            h = h &* WordHash.prime
            // `letters` counts the letters before the one being added: a byte is part of the stem while < 5.
            if letters < 5 {
                stem ^= UInt64(b)
                stem = stem &* WordHash.prime
            }
            if bytes == 0 { firstByte = b }
            bytes += 1
            lastByte = b
            if keepWords { buffer.append(b) }
        }

        @inline(__always)
        mutating func join(_ joiner: UInt8) {
            if joiner == 0x27 {
                stemBeforeApostrophe = stem
                lettersBeforeApostrophe = letters
            }
            add(joiner)
        }

        @inline(__always)
        mutating func finish(into out: inout Tokens) {
            guard bytes > 0 else { return }
            var stemValue = stem
            var stemLetters = letters
            // "russia's" → the stem of "russia": an apostrophe followed by the single letter "s" ends the word.
            if lettersBeforeApostrophe >= 0 && letters == lettersBeforeApostrophe + 1 && lastByte == 0x73 {
                stemValue = stemBeforeApostrophe
                stemLetters = lettersBeforeApostrophe
            }
            if keepWords {
                out.words.append(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll(keepingCapacity: true)
            }
            out.hashes.append(h)
            out.stems.append(stemValue)
            out.lengths.append(stemLetters)
            out.byteCounts.append(bytes)
            out.numeric.append(firstByte >= 0x30 && firstByte <= 0x39)
            h = WordHash.offset
            stem = WordHash.offset
            letters = 0
            bytes = 0
            lettersBeforeApostrophe = -1
        }
    }

    static func tokenize(bytes p: UnsafeBufferPointer<UInt8>, keepWords: Bool) -> Tokens {
        var out = Tokens()
        let estimate = p.count / 6 + 1
        out.hashes.reserveCapacity(estimate)
        out.stems.reserveCapacity(estimate)
        out.lengths.reserveCapacity(estimate)
        out.byteCounts.reserveCapacity(estimate)
        out.numeric.reserveCapacity(estimate)
        var w = WordState(keepWords: keepWords)
        var pendingJoiner: UInt8 = 0
        var encoded: [UInt8] = []
        encoded.reserveCapacity(8)
        var shape = LineShape()
        var prev: UInt32 = 0x20
        let n = p.count
        var i = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                // ASCII fast path: letters and digits, lower-cased in place.
                if (b0 >= 0x61 && b0 <= 0x7A) || (b0 >= 0x30 && b0 <= 0x39) || (b0 >= 0x41 && b0 <= 0x5A) {
                    if pendingJoiner != 0 && w.bytes > 0 { w.join(pendingJoiner) }
                    pendingJoiner = 0
                    let upper = b0 >= 0x41 && b0 <= 0x5A
                    if upper && w.bytes == 0 { shape.capitalized += 1 }
                    w.add(upper ? b0 + 32 : b0)
                    w.letters += 1
                    shape.characters += 1
                    shape.lastScalars = (shape.lastScalars.1, shape.lastScalars.2, UInt32(b0))
                    prev = UInt32(b0)
                    i += 1
                    continue
                }
            }
            let (v, len) = UTF8Scalar.decode(p, at: i)
            i += len
            shape.characters += 1
            switch v {
            case 0x20:
                if prev == 0x2E || prev == 0x21 || prev == 0x3F || prev == 0x2026 { shape.sentenceBreaks += 1 }
            case 0x40, 0x23:
                if prev == 0x20 || shape.characters == 1 { shape.mentions += 1 }
            case 0x3A: shape.hasColon = true
            case 0x2F: shape.hasSlash = true
            case 0x28: shape.hasParenthesis = true
            default: break
            }
            if v != 0x20 { shape.lastScalars = (shape.lastScalars.1, shape.lastScalars.2, v) }
            prev = v
            guard let scalar = Unicode.Scalar(v) else { continue }
            if v >= 0x80 && isWordScalar(scalar) {
                if pendingJoiner != 0 && w.bytes > 0 { w.join(pendingJoiner) }
                pendingJoiner = 0
                if w.bytes == 0 && isUpper(scalar) { shape.capitalized += 1 }
                encoded.removeAll(keepingCapacity: true)
                appendLowercasedUTF8(scalar, to: &encoded)
                for b in encoded { w.add(b) }
                w.letters += 1
            } else if (v == 0x27 || v == 0x2019 || v == 0x2D) && w.bytes > 0 && pendingJoiner == 0 {
                pendingJoiner = v == 0x2D ? 0x2D : 0x27
            } else {
                pendingJoiner = 0
                w.finish(into: &out)
                if v == 0xA9 {
                    w.add(0xC2)
                    w.add(0xA9)
                    w.letters = 1
                    w.finish(into: &out)
                }
            }
        }
        w.finish(into: &out)
        out.shape = shape
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
