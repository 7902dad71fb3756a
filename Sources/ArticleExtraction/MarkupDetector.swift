/// Whether a decoded file is HTML or XML markup rather than text: a scraper that saved the page instead of its
/// text. Such a file would otherwise become an "article" whose title is a `<div …>` tag and whose paragraphs are
/// markup, so it is rejected with a reason the operator can act on.
enum MarkupDetector {
    /// How much of the start is read: markup shows itself at once, and a long article should not cost more.
    static let window = 65_536

    /// A document opening (`<!DOCTYPE html>`, `<html`, `<?xml`, a feed or an SVG), or tags making up most of the
    /// first bytes that are not white space. An article that quotes a few tags stays text.
    static func isMarkup(_ text: String) -> Bool {
        var utf8 = Array(text.utf8.prefix(window))
        var start = 0
        while start < utf8.count, utf8[start] == 0x20 || (utf8[start] >= 0x09 && utf8[start] <= 0x0D) { start += 1 }
        utf8.removeFirst(start)
        let head = String(decoding: utf8.prefix(16), as: UTF8.self).lowercased()
        for opening in ["<!doctype", "<html", "<?xml", "<rss", "<feed", "<svg"] where head.hasPrefix(opening) {
            return true
        }
        return tagShare(utf8) > 0.5
    }

    /// The share of non-space bytes that are inside tags (`<` then a letter, `/`, `!` or `?`, up to `>` on the
    /// same line), when there are at least five tags; 0 otherwise.
    static func tagShare(_ b: [UInt8]) -> Double {
        var inTags = 0
        var tags = 0
        var visible = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x3C, i + 1 < b.count, isTagStart(b[i + 1]),
                let close = b[(i + 1)...].prefix(2_000).firstIndex(where: { $0 == 0x3E || $0 == 0x3C || $0 == 0x0A }),
                b[close] == 0x3E
            {
                tags += 1
                inTags += close - i + 1
                visible += close - i + 1
                i = close + 1
                continue
            }
            if c != 0x20 && !(c >= 0x09 && c <= 0x0D) { visible += 1 }
            i += 1
        }
        return tags >= 5 && visible > 0 ? Double(inTags) / Double(visible) : 0
    }

    @inline(__always)
    private static func isTagStart(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x2F || c == 0x21 || c == 0x3F
    }
}
