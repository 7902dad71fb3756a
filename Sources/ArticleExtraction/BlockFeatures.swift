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
    static let addressWordList: [String] = [
        "you", "your", "we", "our", "us", "вы", "ваш", "ваша", "мы", "нас", "наш", "ви", "ваш", "ми", "нас", "наш",
        "sie", "ihr", "wir", "uns", "unser", "vous", "votre", "nous", "notre", "usted", "nosotros", "nuestro",
        "você", "nós", "nosso", "voi", "noi", "nostro",
    ]

    /// Measures `text` with its lower-case `words`, counting stop-words from `stopWords`.
    public init(text: String, tokens: Tokens, stopWords: WordTable) {
        let hashes = tokens.hashes
        let shape = tokens.shape
        let chars = shape.characters
        capitalized = shape.capitalized
        sentences = shape.sentenceBreaks
        links = shape.mentions
        hasColon = shape.hasColon
        hasSlash = shape.hasSlash
        hasParenthesis = shape.hasParenthesis
        let last = shape.lastScalars
        characters = chars
        self.words = hashes.count
        // One pass, two look-ups per word: the document's stop-words, and one table for everything else a word
        // can be (reader address, link, "©", first word of a lexicon phrase).
        let roles = Self.wordRoles
        var copyrightSign = false
        var seenStrong: [UInt64] = []
        for i in hashes.indices {
            let h = hashes[i]
            if stopWords.contains(h) { self.stopWords += 1 }
            guard let r = roles[h] else { continue }
            if r & Self.addressRole != 0 { readerAddress += 1 }
            if r & Self.linkRole != 0 { links += 1 }
            if r & Self.copyrightRole != 0 { copyrightSign = true }
            if r >> 8 != 0 { matchPhrases(group: (r >> 8) - 1, at: i, in: hashes, seenStrong: &seenStrong) }
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
        var head = text.unicodeScalars.makeIterator()
        if let f = head.next(), "-•*–—·▪►".unicodeScalars.contains(f), head.next() == " " { bullet = true }
        copyright =
            copyrightSign || hashes.first == Self.copyrightWord
            || (hasParenthesis
                && (ByteSearch.contains("(c) 20", in: text) || ByteSearch.contains("(C) 20", in: text)))
        if hashes.count <= 6 && !hashes.isEmpty {
            if let c = Lexicons.wholeLineTable[WordHash.combine(hashes)] { wholeLine = Lexicons.Category.allCases[c] }
        }
    }

    static let addressRole = 1
    static let linkRole = 2
    static let copyrightRole = 4
    /// Word hash → roles: the low bits flag reader address, link and "©"; bits 8 and up hold the lexicon phrase
    /// group (plus one) of phrases that start with the word.
    static let wordRoles: WordTable = {
        var pairs: [(UInt64, Int)] = []
        for w in addressWordList { pairs.append((WordHash.of(w), addressRole)) }
        for h in [http, https, www] { pairs.append((h, linkRole)) }
        pairs.append((copyrightSign, copyrightRole))
        for (group, key) in Lexicons.phraseGroupKeys.enumerated() { pairs.append((key, (group + 1) << 8)) }
        return WordTable(pairs, merge: { $0 | $1 })
    }()

    /// Matches the phrases of one group (phrases sharing their first word) starting at word `i`.
    mutating func matchPhrases(group: Int, at i: Int, in tokens: [UInt64], seenStrong: inout [UInt64]) {
        for p in Lexicons.phraseGroups[group] {
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
}
