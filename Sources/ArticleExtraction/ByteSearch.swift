/// Substring search over UTF-8 bytes. String searching through `Character`s or Foundation costs grapheme breaking
/// and bridging on every call; the extractor searches every block, so it works on bytes instead.
enum ByteSearch {
    /// The range of the first (or last) occurrence of `needle` in `text`.
    static func range(of needle: String, in text: String, backwards: Bool = false) -> Range<String.Index>? {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return nil }
        let offset: Int? =
            text.utf8.withContiguousStorageIfAvailable { h -> Int? in
                find(n, in: h, backwards: backwards)
            } ?? find(n, in: Array(text.utf8), backwards: backwards)
        guard let o = offset else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: o)
        let end = text.utf8.index(start, offsetBy: n.count)
        return start..<end
    }

    /// True when `text` contains `needle`.
    static func contains(_ needle: String, in text: String) -> Bool {
        range(of: needle, in: text) != nil
    }

    static func find<C: RandomAccessCollection>(_ n: [UInt8], in h: C, backwards: Bool) -> Int?
    where C.Element == UInt8, C.Index == Int {
        let count = h.count
        guard count >= n.count else { return nil }
        let first = n[0]
        let last = count - n.count
        if backwards {
            var i = last
            while i >= 0 {
                if h[h.startIndex + i] == first && matches(n, h, at: i) { return i }
                i -= 1
            }
        } else {
            var i = 0
            while i <= last {
                if h[h.startIndex + i] == first && matches(n, h, at: i) { return i }
                i += 1
            }
        }
        return nil
    }

    @inline(__always)
    static func matches<C: RandomAccessCollection>(_ n: [UInt8], _ h: C, at i: Int) -> Bool
    where C.Element == UInt8, C.Index == Int {
        var k = 1
        while k < n.count {
            if h[h.startIndex + i + k] != n[k] { return false }
            k += 1
        }
        return true
    }
}
