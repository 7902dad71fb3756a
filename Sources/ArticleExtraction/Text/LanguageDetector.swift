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
        // Letters of the scripts in `otherScripts`, in its order.
        var other = [Int](repeating: 0, count: Self.otherScripts.count)
        var ukLetters = 0
        var ruLetters = 0
        var beLetters = 0
        // 1.2 KB of UTF-8 tell the script as well as the whole text does. ASCII letters are counted in one pass
        // of arithmetic the compiler turns into vector code (bytes of other scalars are never counted: they are
        // all 0x80 or above), and scalars are decoded only where such bytes are.
        var text = text
        text.withUTF8 { p in
            let n = min(p.count, 1200)
            var letters: UInt32 = 0
            var seen: UInt8 = 0
            for i in 0..<n {
                let b = p[i]
                // 1 when the lower-cased byte is within a–z: below 26, the subtraction wraps into the top bit.
                letters &+= (UInt32((b | 0x20) &- 0x61) &- 26) >> 31
                seen |= b
            }
            latin += Int(letters)
            guard seen >= 0x80 else { return }
            var i = 0
            while i < n {
                if p[i] < 0x80 {
                    i += 1
                    continue
                }
                let (v, length) = UTF8Scalar.decode(p, at: i)
                i += length
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
                case 0x370...0x3FF: other[0] += 1
                case 0x590...0x5FF: other[1] += 1
                case 0x600...0x6FF: other[2] += 1
                case 0x900...0x97F: other[3] += 1
                case 0xE00...0xE7F: other[4] += 1
                case 0x10A0...0x10FF: other[5] += 1
                case 0x530...0x58F: other[6] += 1
                case 0x3040...0x30FF: other[7] += 3
                case 0xAC00...0xD7AF, 0x1100...0x11FF: other[8] += 1
                case 0x4E00...0x9FFF: other[9] += 1
                default: break
                }
            }
        }
        // A non-Latin, non-Cyrillic script that dominates names the language by itself.
        // The first of equals in a fixed order, so that a tie is decided the same way on every run.
        var dominant = 0
        for k in other.indices where other[k] > other[dominant] { dominant = k }
        let count = other[dominant]
        if count > 0, count > latin + cyrillic {
            let lang = Self.otherScripts[dominant]
            if lang == "zh" && other[Self.otherScripts.firstIndex(of: "ja")!] > 0 { return "ja" }
            return count >= 10 ? lang : nil
        }
        let useCyrillic = cyrillic > latin
        // Indices into `Lexicons.languages`, in its order (which breaks ties).
        let candidates = useCyrillic ? Self.cyrillicCandidates : Self.latinCandidates
        let candidateMask = candidates.reduce(0) { $0 | (1 << $1) }
        var counted = 0
        var scores = [Double](repeating: 0, count: Lexicons.languages.count)
        let table = BlockFeatures.wordInfo
        for w in words.prefix(800) {
            counted += 1
            // Stop early once one language leads clearly: most articles settle within a couple of hundred words.
            if counted % 100 == 0 {
                var top = 0.0
                var second = 0.0
                for k in candidates {
                    if scores[k] > top {
                        second = top
                        top = scores[k]
                    } else if scores[k] > second {
                        second = scores[k]
                    }
                }
                if top >= 30 && top >= 4 * second { break }
            }
            // One look-up per word: the mask of languages whose stop-words include it.
            guard let info = table[w] else { continue }
            let mask = info & candidateMask
            if mask == 0 { continue }
            let weight = 1.0 / Double(mask.nonzeroBitCount)
            var m = mask
            while m != 0 {
                let bit = m.trailingZeroBitCount
                scores[bit] += weight
                m &= m - 1
            }
        }
        if useCyrillic {
            if beLetters > 2 && beLetters * 5 > ukLetters { return "be" }
            // Peculiar letters are strong evidence: each is worth a stop-word.
            scores[Self.uk] += Double(ukLetters) * 0.5
            scores[Self.ru] += Double(ruLetters) * 0.5
        }
        var best = candidates[0]
        for k in candidates where scores[k] > scores[best] { best = k }
        let top = scores[best]
        // Real text in a listed language has a stop-word in every third or fourth word; a few stray matches in
        // a language we have no list for must not name one of ours.
        if counted < 4 || top < 2 || top < Double(counted) * 0.15 { return nil }
        return Lexicons.languages[best]
    }

    /// Scripts that name their language by themselves (Japanese kana weigh triple: Japanese mixes them with
    /// the Han characters Chinese writes alone).
    static let otherScripts = ["el", "he", "ar", "hi", "th", "ka", "hy", "ja", "ko", "zh"]
    static let ru = Lexicons.languages.firstIndex(of: "ru")!
    static let uk = Lexicons.languages.firstIndex(of: "uk")!
    static let cyrillicCandidates = [ru, uk]
    static let latinCandidates = ["en", "de", "fr", "es", "pt", "it", "nl", "pl"].map {
        Lexicons.languages.firstIndex(of: $0)!
    }
}
