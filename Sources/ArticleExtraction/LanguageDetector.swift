/// Tells the language of a text from evidence it ships: the script of its letters, letters peculiar to one
/// language (Ukrainian і ї є ґ against Russian ы э ъ ё), and the density of each language's stop-words, each word
/// weighted by how few languages share it. Returns nil when the evidence is too thin to say.
public struct LanguageDetector: Sendable {
    /// Creates a detector.
    public init() {}

    /// Detects the language of `words` (lower-case tokens) and `text` (for the script).
    public func detect(words: [String], text: String) -> String? {
        detect(hashes: words.map(WordHash.of), text: text)
    }

    /// Detects the language from word hashes (see `WordHash`) and the text's scalars.
    public func detect(hashes words: [UInt64], text: String) -> String? {
        var latin = 0
        var cyrillic = 0
        var other: [String: Int] = [:]
        var ukLetters = 0
        var ruLetters = 0
        var beLetters = 0
        var letters = 0
        // 1.2 KB of UTF-8 tell the script as well as the whole text does; ASCII is counted byte by byte, through a
        // pointer (String.UTF8View's subscript costs more than the counting).
        var text = text
        text.withUTF8 { p in
            let n = min(p.count, 1200)
            var i = 0
            while i < n {
                let b = p[i]
                if b < 0x80 {
                    if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { latin += 1 }
                    i += 1
                    continue
                }
                let (v, length) = UTF8Scalar.decode(p, at: i)
                i += length
                letters += 1
                switch v {
                case 0xC0...0x24F: latin += 1
                case 0x400...0x4FF:
                    cyrillic += 1
                    switch v {
                    case 0x456, 0x457, 0x454, 0x491, 0x406, 0x407, 0x404, 0x490: ukLetters += 1
                    case 0x44B, 0x44D, 0x44A, 0x451, 0x42B, 0x42D, 0x42A, 0x401: ruLetters += 1
                    case 0x45E, 0x40E: beLetters += 1
                    default: break
                    }
                case 0x370...0x3FF: other["el", default: 0] += 1
                case 0x590...0x5FF: other["he", default: 0] += 1
                case 0x600...0x6FF: other["ar", default: 0] += 1
                case 0x900...0x97F: other["hi", default: 0] += 1
                case 0xE00...0xE7F: other["th", default: 0] += 1
                case 0x10A0...0x10FF: other["ka", default: 0] += 1
                case 0x530...0x58F: other["hy", default: 0] += 1
                case 0x3040...0x30FF: other["ja", default: 0] += 3
                case 0xAC00...0xD7AF, 0x1100...0x11FF: other["ko", default: 0] += 1
                case 0x4E00...0x9FFF: other["zh", default: 0] += 1
                default: break
                }
            }
        }
        // A non-Latin, non-Cyrillic script that dominates names the language by itself.
        if let (lang, count) = other.max(by: { $0.value < $1.value }), count > latin + cyrillic {
            if lang == "zh" && (other["ja"] ?? 0) > 0 { return "ja" }
            return count >= 10 ? lang : nil
        }
        let useCyrillic = cyrillic > latin
        let candidates = useCyrillic ? ["ru", "uk"] : ["en", "de", "fr", "es", "pt", "it", "nl", "pl"]
        var scores: [String: Double] = [:]
        var counted = 0
        var perLanguage = [Double](repeating: 0, count: Lexicons.languages.count)
        let candidateMask = candidates.reduce(0) { $0 | (1 << Lexicons.languages.firstIndex(of: $1)!) }
        let table = Lexicons.stopWordLanguages
        for w in words.prefix(800) {
            counted += 1
            // Stop early once one language leads clearly: most articles settle within a couple of hundred words.
            if counted % 100 == 0 {
                var top = 0.0
                var second = 0.0
                for k in perLanguage.indices where candidateMask & (1 << k) != 0 {
                    if perLanguage[k] > top {
                        second = top
                        top = perLanguage[k]
                    } else if perLanguage[k] > second {
                        second = perLanguage[k]
                    }
                }
                if top >= 30 && top >= 4 * second { break }
            }
            // One look-up per word: the mask of languages whose stop-words include it.
            guard let all = table[w] else { continue }
            let mask = all & candidateMask
            if mask == 0 { continue }
            let weight = 1.0 / Double(mask.nonzeroBitCount)
            var m = mask
            while m != 0 {
                let bit = m.trailingZeroBitCount
                perLanguage[bit] += weight
                m &= m - 1
            }
        }
        for (i, lang) in Lexicons.languages.enumerated() where perLanguage[i] > 0 { scores[lang] = perLanguage[i] }
        if useCyrillic {
            if beLetters > 2 && beLetters * 5 > ukLetters { return "be" }
            // Peculiar letters are strong evidence: each is worth a stop-word.
            scores["uk", default: 0] += Double(ukLetters) * 0.5
            scores["ru", default: 0] += Double(ruLetters) * 0.5
        }
        guard let best = candidates.max(by: { (scores[$0] ?? 0) < (scores[$1] ?? 0) }) else { return nil }
        let top = scores[best] ?? 0
        // Real text in a listed language has a stop-word in every third or fourth word; a few stray matches in
        // a language we have no list for must not name one of ours.
        if counted < 4 || top < 2 || top < Double(counted) * 0.15 { return nil }
        return best
    }
}
