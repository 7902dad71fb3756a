/// What the classifier knows about one block: measurements of its shape, its words and its lexicon hits.
public struct BlockFeatures: Sendable, Equatable, CustomStringConvertible {
    /// Characters (Unicode scalars).
    public var characters = 0
    /// Words.
    public var words = 0
    /// Stop-words of the document's language among the words.
    public var stopWords = 0
    /// Words that start with a capital letter.
    public var capitalized = 0
    /// Ends like a sentence: ".", "!", "?", "…", possibly followed by a closing quote or bracket.
    public var endsSentence = false
    /// Sentence ends inside the block.
    public var sentences = 0
    /// URLs, e-mail addresses, @handles and #hashtags.
    public var links = 0
    /// Starts with a list marker ("- ", "• ", "* ").
    public var bullet = false
    /// Whole-line widget, if the block is exactly one ("Read more").
    public var wholeLine: Lexicons.Category? = nil
    /// The category of the first strong lexicon phrase in the block.
    public var strongHit: Lexicons.Category? = nil
    /// Distinct strong phrases matched.
    public var strongHits = 0
    /// The category of the first weak lexicon phrase.
    public var weakHit: Lexicons.Category? = nil
    /// Weak phrases matched.
    public var weakHits = 0
    /// Contains "©", "(c) 2019" or starts with "Copyright".
    public var copyright = false
    /// The line holds ":" (a label, a caption marker), "/" (a credit), "(" (a copyright "(c)").
    public var hasColon = false
    public var hasSlash = false
    public var hasParenthesis = false
    /// Second-person and first-person plural words (you, your, we, our): appeals talk to the reader.
    public var readerAddress = 0

    /// Share of stop-words among the words.
    public var stopDensity: Double { words == 0 ? 0 : Double(stopWords) / Double(words) }

    public var description: String {
        var parts = [
            "chars=\(characters)", "words=\(words)",
            "stop=\(Int((stopDensity * 100).rounded()))%",
            "caps=\(words == 0 ? 0 : capitalized * 100 / words)%",
            "sentence=\(endsSentence ? "yes" : "no")",
        ]
        if links > 0 { parts.append("links=\(links)") }
        if bullet { parts.append("bullet") }
        if let w = wholeLine { parts.append("line=\(w.rawValue)") }
        if let s = strongHit { parts.append("lexicon!=\(s.rawValue)x\(strongHits)") }
        if let w = weakHit { parts.append("lexicon?=\(w.rawValue)x\(weakHits)") }
        if copyright { parts.append("copyright") }
        if readerAddress > 0 { parts.append("address=\(readerAddress)") }
        return parts.joined(separator: " ")
    }

    static let http = WordHash.of("http")
    static let https = WordHash.of("https")
    static let www = WordHash.of("www")
    static let copyrightSign = WordHash.of("©")
    static let copyrightWord = WordHash.of("copyright")
    static let addressWords = WordTable(keys: addressWordList.map(WordHash.of))
    static let addressWordList: [String] = [
        "you", "your", "we", "our", "us", "вы", "ваш", "ваша", "мы", "нас", "наш", "ви", "ваш", "ми", "нас", "наш",
        "sie", "ihr", "wir", "uns", "unser", "vous", "votre", "nous", "notre", "usted", "nosotros", "nuestro",
        "você", "nós", "nosso", "voi", "noi", "nostro",
    ]

    /// Measures `text` with its lower-case `words`, counting stop-words from `stopWords`.
    public init(text: String, hashes: [UInt64], stopWords: WordTable) {
        // One pass over UTF-8: ASCII is classified byte by byte, other scalars are decoded only when they start.
        var last: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var prev: UInt32 = 0x20
        var atWordStart = true
        var chars = 0
        var utf8 = text.utf8.makeIterator()
        while let b = utf8.next() {
            var v = UInt32(b)
            if b >= 0x80 {
                if b < 0xC0 { continue }
                if b < 0xE0 {
                    v = UInt32(b & 0x1F) << 6 | UInt32((utf8.next() ?? 0x80) & 0x3F)
                } else if b < 0xF0 {
                    v = UInt32(b & 0x0F) << 12 | UInt32((utf8.next() ?? 0x80) & 0x3F) << 6
                    v |= UInt32((utf8.next() ?? 0x80) & 0x3F)
                } else {
                    v = UInt32(b & 0x07) << 18 | UInt32((utf8.next() ?? 0x80) & 0x3F) << 12
                    v |= UInt32((utf8.next() ?? 0x80) & 0x3F) << 6
                    v |= UInt32((utf8.next() ?? 0x80) & 0x3F)
                }
            }
            chars += 1
            if v == 0x3A {
                hasColon = true
            } else if v == 0x2F {
                hasSlash = true
            } else if v == 0x28 {
                hasParenthesis = true
            }
            let scalar = Unicode.Scalar(v) ?? " "
            let isWord = Tokenizer.isWordScalar(scalar)
            if isWord && atWordStart && Tokenizer.isUpper(scalar) { capitalized += 1 }
            atWordStart = !isWord && v != 0x27 && v != 0x2019 && v != 0x2D
            if v == 0x20 {
                if prev == 0x2E || prev == 0x21 || prev == 0x3F || prev == 0x2026 { sentences += 1 }
            } else {
                if (v == 0x40 || v == 0x23) && (prev == 0x20 || chars == 1) { links += 1 }
                last = (last.1, last.2, v)
            }
            prev = v
        }
        characters = chars
        self.words = hashes.count
        for h in hashes {
            if stopWords.contains(h) { self.stopWords += 1 }
            if Self.addressWords.contains(h) { readerAddress += 1 }
        }
        // Sentence end: the last non-closing character is terminal punctuation.
        for v in [last.2, last.1, last.0] {
            if v == 0x22 || v == 0x27 || v == 0x201D || v == 0x2019 || v == 0xBB || v == 0x29 || v == 0x5D
                || v == 0x201C
            {
                continue
            }
            endsSentence = v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026
            break
        }
        if endsSentence { sentences += 1 }
        for h in hashes where h == Self.http || h == Self.https || h == Self.www { links += 1 }
        var head = text.unicodeScalars.makeIterator()
        if let f = head.next(), "-•*–—·▪►".unicodeScalars.contains(f), head.next() == " " { bullet = true }
        copyright =
            hashes.contains(Self.copyrightSign) || hashes.first == Self.copyrightWord
            || (hasParenthesis
                && (ByteSearch.contains("(c) 20", in: text) || ByteSearch.contains("(C) 20", in: text)))
        matchLexicon(hashes)
    }

    mutating func matchLexicon(_ tokens: [UInt64]) {
        if tokens.count <= 6 && !tokens.isEmpty {
            if let c = Lexicons.wholeLineTable[WordHash.combine(tokens)] { wholeLine = Lexicons.Category.allCases[c] }
        }
        var i = 0
        var seenStrong: [UInt64] = []
        while i < tokens.count {
            if let group = Lexicons.phraseIndex[tokens[i]] {
                let phrases = Lexicons.phraseGroups[group]
                for p in phrases {
                    guard i + p.hashes.count <= tokens.count else { continue }
                    var ok = true
                    var k = 1
                    while k < p.hashes.count {
                        if tokens[i + k] != p.hashes[k] {
                            ok = false
                            break
                        }
                        k += 1
                    }
                    guard ok else { continue }
                    if p.strong {
                        let key = WordHash.combine(p.hashes)
                        if !seenStrong.contains(key) {
                            seenStrong.append(key)
                            strongHits += 1
                            if strongHit == nil { strongHit = p.category }
                        }
                    } else {
                        weakHits += 1
                        if weakHit == nil { weakHit = p.category }
                    }
                }
            }
            i += 1
        }
    }
}
