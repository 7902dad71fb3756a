/// Substring search over UTF-8 bytes. String searching through `Character`s or Foundation costs grapheme breaking
/// and bridging on every call; the extractor searches every block, so it works on bytes instead.
enum ByteSearch {
    /// The range of the first (or last) occurrence of `needle` in `text`.
    static func range<S: StringProtocol>(of needle: String, in text: S, backwards: Bool = false) -> Range<S.Index>?
    where S.Index == String.Index {
        // The needles are literals: small strings, whose bytes `withUTF8` lends from the stack.
        var needle = needle
        let offset = needle.withUTF8 { n -> Int? in
            text.utf8.withContiguousStorageIfAvailable { h in find(n, in: h, backwards: backwards) }
                ?? Array(text.utf8).withUnsafeBufferPointer { find(n, in: $0, backwards: backwards) }
        }
        guard let o = offset else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: o)
        let end = text.utf8.index(start, offsetBy: needle.utf8.count)
        return start..<end
    }

    /// True when `text` contains `needle`.
    static func contains(_ needle: String, in text: String) -> Bool {
        range(of: needle, in: text) != nil
    }

    /// The offset of the first (or last) occurrence of `n` in `h`. It scans for the needle's first byte that is not
    /// a space (most needles are " | ", " / ", and spaces are everywhere), eight bytes at a time while none of
    /// them is that byte.
    static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, backwards: Bool) -> Int? {
        guard !n.isEmpty, h.count >= n.count, let base = h.baseAddress else { return nil }
        let a = n.firstIndex { $0 != 0x20 } ?? 0
        let anchor = n[a]
        let pattern = UInt64(anchor) &* 0x0101_0101_0101_0101
        /// True when one of the eight bytes from `p` may be the anchor (exactly: when one is).
        @inline(__always)
        func mayHold(_ p: UnsafePointer<UInt8>) -> Bool {
            let x = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) ^ pattern
            return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
        }
        let last = h.count - n.count
        if backwards {
            var i = last
            while i >= 0 {
                if i >= 7 && !mayHold(base + i + a - 7) {
                    i -= 8
                    continue
                }
                if h[i + a] == anchor && matches(n, h, at: i) { return i }
                i -= 1
            }
        } else {
            var i = 0
            while i <= last {
                if i + 7 <= last && !mayHold(base + i + a) {
                    i += 8
                    continue
                }
                if h[i + a] == anchor && matches(n, h, at: i) { return i }
                i += 1
            }
        }
        return nil
    }

    @inline(__always)
    static func matches(_ n: UnsafeBufferPointer<UInt8>, _ h: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var k = 0
        while k < n.count {
            if h[i + k] != n[k] { return false }
            k += 1
        }
        return true
    }

    /// `text.split(separator: separator)` for an ASCII separator, cut at its bytes instead of walking `Character`s.
    /// The two differ only where the separator is part of a larger grapheme (a combining mark after it, a prepended
    /// sign before it); such scalars lie outside the blocks `standsAlone` accepts, and a text with one next to a
    /// separator takes the slow way.
    static func split<S: StringProtocol>(_ text: S, at separator: Character) -> [Substring]
    where S.SubSequence == Substring {
        let sep = separator.asciiValue!
        let u = text.utf8
        let cuts = u.withContiguousStorageIfAvailable { splitOffsets($0, at: sep) }
        guard let cuts = cuts ?? nil else { return text.split(separator: separator, omittingEmptySubsequences: true) }
        let whole = text[...]
        return cuts.map { r in
            whole[u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)]
        }
    }

    /// The byte ranges of `split(_:at:)`'s pieces of the UTF-8 `p`, or nil where a scalar next to a separator
    /// may join it into a larger grapheme (then only `Character`s can tell).
    static func splitOffsets(_ p: UnsafeBufferPointer<UInt8>, at sep: UInt8) -> [Range<Int>]? {
        var cuts: [Range<Int>] = []
        var start = 0
        for i in 0..<p.count where p[i] == sep {
            if i > 0 && p[i - 1] >= 0x80 {
                var k = i - 1
                while p[k] & 0xC0 == 0x80 { k -= 1 }
                guard standsAlone(UTF8Scalar.decode(p, at: k).value) else { return nil }
            }
            if i + 1 < p.count && p[i + 1] >= 0x80 {
                guard standsAlone(UTF8Scalar.decode(p, at: i + 1).value) else { return nil }
            }
            if i > start { cuts.append(start..<i) }
            start = i + 1
        }
        if p.count > start { cuts.append(start..<p.count) }
        return cuts
    }

    /// True when `v` never joins a neighbouring space or punctuation mark into one grapheme: it is none of the
    /// marks, joiners and prepended signs, which all lie outside these blocks of Latin, Greek, Cyrillic, general
    /// punctuation and currency signs.
    static func standsAlone(_ v: UInt32) -> Bool {
        v < 0x300 || (v >= 0x370 && v <= 0x482) || (v >= 0x48A && v <= 0x52F) || (v >= 0x2010 && v <= 0x2027)
            || (v >= 0x2030 && v <= 0x205E) || (v >= 0x20A0 && v <= 0x20C0)
    }

    /// `words.contains(word.lowercased())`, asked of the words' hashes without a lower-case copy when
    /// `lowercasedHash` can.
    static func contains(lowercased word: Substring, in words: Set<String>, hashes: WordTable) -> Bool {
        lowercasedHash(word.utf8).map(hashes.contains) ?? words.contains(word.lowercased())
    }

    /// `WordHash.of(text.lowercased())` for the UTF-8 of `text` when every scalar is ASCII, Latin-1 or basic Cyrillic (whose
    /// lower case `Tokenizer.lowercasedValue` knows, and which are in NFC as our lexicons are); nil otherwise. A
    /// lexicon of hashes then rules words out without building a lower-case `String`; nil leaves it to the lexicon.
    static func lowercasedHash(_ utf8: some Sequence<UInt8>) -> UInt64? {
        var w = Tokenizer.WordState()
        var bytes = utf8.makeIterator()
        while let b = bytes.next() {
            var v = UInt32(b)
            if b >= 0x80 {
                guard b & 0xE0 == 0xC0, let c = bytes.next() else { return nil }
                v = UInt32(b & 0x1F) << 6 | UInt32(c & 0x3F)
            }
            guard let lower = Tokenizer.lowercasedValue(v) else { return nil }
            w.addLetter(lower)
        }
        return w.h
    }
}
