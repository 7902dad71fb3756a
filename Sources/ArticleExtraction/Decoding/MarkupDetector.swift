/// Whether a decoded file is HTML or XML markup rather than text: a scraper that saved the page instead of its
/// text. Such a file would otherwise become an "article" whose title is a `<div …>` tag and whose paragraphs are
/// markup, so it is rejected with a reason the operator can act on.
enum MarkupDetector {
    /// How much of the start is read: markup shows itself in its first lines, and a long article should not
    /// pay for a scan of all of it.
    static let window = 4_096

    /// A document opening (`<!DOCTYPE html>`, `<html`, `<?xml`, a feed or an SVG), or tags making up most of the
    /// first bytes that are not white space. An article that quotes a few tags stays text.
    static func isMarkup(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ isMarkup(UnsafeBufferPointer(rebasing: $0.prefix(window))) }) {
            return answer
        }
        return Array(text.utf8.prefix(window)).withUnsafeBufferPointer { isMarkup($0) }
    }

    static let openings: [[UInt8]] = ["<!doctype", "<html", "<?xml", "<rss", "<feed", "<svg"].map { Array($0.utf8) }

    static func isMarkup(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < b.count, isSpace(b[start]) { start += 1 }
        for opening in openings where b.count - start >= opening.count {
            // ASCII case folding: the openings are lower-case letters and punctuation.
            if opening.indices.allSatisfy({ b[start + $0] | (opening[$0] >= 0x61 ? 0x20 : 0) == opening[$0] }) {
                return true
            }
        }
        return tagShare(b) > 0.5
    }

    /// The share of non-space bytes that are inside tags (`<` then a letter, `/`, `!` or `?`, up to `>` on the
    /// same line), when there are at least five tags; 0 otherwise.
    static func tagShare(_ b: UnsafeBufferPointer<UInt8>) -> Double {
        var inTags = 0
        var tags = 0
        var visible = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x3C, i + 1 < b.count, isTagStart(b[i + 1]), let close = tagEnd(b, from: i + 1) {
                tags += 1
                inTags += close - i + 1
                visible += close - i + 1
                i = close + 1
                continue
            }
            if !isSpace(c) { visible += 1 }
            i += 1
        }
        return tags >= 5 && visible > 0 ? Double(inTags) / Double(visible) : 0
    }

    /// The `>` that closes a tag opened before `from`, if it comes before a line break, another `<` or the end.
    private static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while k < b.count {
            switch b[k] {
            case 0x3E: return k
            case 0x3C, 0x0A: return nil
            default: k += 1
            }
        }
        return nil
    }

    @inline(__always)
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    @inline(__always)
    private static func isTagStart(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x2F || c == 0x21 || c == 0x3F
    }
}
