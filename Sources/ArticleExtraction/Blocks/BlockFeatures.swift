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

    /// Measures `text` with its tokens, counting as stop-words those of the languages in `stopLanguages` (a
    /// mask over `Lexicons.languages`: the document's language, or all of them when it is unknown).
    public init(text: String, tokens: LineTokens, stopLanguages: Int) {
        self = tokens.hashes.withUnsafeBufferPointer {
            Self(text: text, hashes: $0, shape: tokens.shape, stopLanguages: stopLanguages, stems: nil)
        }
    }

    /// Measures a line from its word hashes and shape. `stems`, when given, points at the same words' stems: those
    /// of stop-words are set to zero, so that the near-duplicate pass finds content stems without looking every
    /// word up again.
    init(
        text: String,
        hashes words: UnsafeBufferPointer<UInt64>,
        shape: LineShape,
        stopLanguages: Int,
        stems: UnsafeMutablePointer<UInt64>?
    ) {
        let chars = shape.characters
        capitalized = shape.capitalized
        sentences = shape.sentenceBreaks
        links = shape.mentions
        hasColon = shape.hasColon
        hasSlash = shape.hasSlash
        hasParenthesis = shape.hasParenthesis
        let last = shape.lastScalars
        characters = chars
        let hashes = words
        self.words = hashes.count
        // One pass, one look-up per word: the table says everything a word can be (stop-word of which
        // languages, reader address, link, "©", first word of a lexicon phrase).
        let info = Self.wordInfo
        var copyrightSign = false
        var seenStrong: [UInt64] = []
        for i in words.indices {
            guard let r = info[words[i]] else { continue }
            if r & stopLanguages != 0 {
                self.stopWords += 1
                stems?[i] = 0
            }
            if r & Self.addressRole != 0 { readerAddress += 1 }
            // "http" and "https" are a link's only with "://" after them: "Raw HTTP Message Logging" names the
            // protocol.
            if r & Self.linkRole != 0,
                words[i] == Self.www || (shape.hasColon && ByteSearch.range(of: "://", in: text) != nil)
            {
                links += 1
            }
            if r & Self.copyrightRole != 0 { copyrightSign = true }
            if r >> Self.groupShift != 0 {
                matchPhrases(group: (r >> Self.groupShift) - 1, at: i, in: words, seenStrong: &seenStrong)
            }
        }
        // Sentence end: the last non-closing character is terminal punctuation.
        endsSentence = Self.endsSentence(last.2) ?? Self.endsSentence(last.1) ?? Self.endsSentence(last.0) ?? false
        if endsSentence { sentences += 1 }
        var head = text.unicodeScalars.makeIterator()
        if let f = head.next(), Self.isListMarker(f.value), head.next() == " " { bullet = true }
        copyright =
            copyrightSign || hashes.first == Self.copyrightWord
            || (hasParenthesis
                && (ByteSearch.contains("(c) 20", in: text) || ByteSearch.contains("(C) 20", in: text)))
        if hashes.count <= 6 && !hashes.isEmpty {
            if let c = Lexicons.wholeLineTable[WordHash.combine(hashes)] { wholeLine = Lexicons.Category.allCases[c] }
        }
    }

    /// "-", "•", "*", "–", "—", "·", "▪", "►": the marks a list item starts with. A switch, not a search of a string
    /// of them, which walked the string's scalars for every block.
    @inline(__always)
    static func isListMarker(_ v: UInt32) -> Bool {
        switch v {
        case 0x2D, 0x2022, 0x2A, 0x2013, 0x2014, 0xB7, 0x25AA, 0x25BA: return true
        default: return false
        }
    }

    /// Whether a line whose last non-space scalar is `v` ends a sentence; nil for closing quotes and brackets,
    /// which defer to the scalar before them.
    @inline(__always)
    static func endsSentence(_ v: UInt32) -> Bool? {
        switch v {
        case 0x22, 0x27, 0x201D, 0x2019, 0xBB, 0x29, 0x5D, 0x201C: return nil
        default: return v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026
        }
    }

    /// Bits of `wordInfo` above the stop-word languages (bits 0–9, `Lexicons.languages` order).
    static let addressRole = 1 << 10
    static let linkRole = 1 << 11
    static let copyrightRole = 1 << 12
    static let groupShift = 13
    /// Word hash → what the word is: the languages whose stop-words hold it (a mask over `Lexicons.languages`),
    /// reader address, link, "©", and from `groupShift` up the lexicon phrase group (plus one) of phrases that
    /// start with it. One table for all, so that each word of each block costs one probe.
    static let wordInfo: WordTable = {
        var pairs: [(UInt64, Int)] = []
        for (i, lang) in Lexicons.languages.enumerated() {
            for w in Lexicons.stopWords[lang] ?? [] { pairs.append((WordHash.of(w), 1 << i)) }
        }
        for w in addressWordList { pairs.append((WordHash.of(w), addressRole)) }
        for h in [http, https, www] { pairs.append((h, linkRole)) }
        pairs.append((copyrightSign, copyrightRole))
        for (group, key) in Lexicons.phraseGroupKeys.enumerated() { pairs.append((key, (group + 1) << groupShift)) }
        return WordTable(pairs, merge: { $0 | $1 })
    }()

    /// The lexicon phrases in flat arrays: a group's phrases are `phrases[groupStarts[g]..<groupStarts[g + 1]]`,
    /// each naming its words in `phraseWords`. Reading them allocates and retains nothing, unlike the nested
    /// arrays of `Lexicons.Phrase`.
    struct FlatPhrase {
        var start: Int32
        var count: Int32
        var strong: Bool
        var category: Lexicons.Category
        /// `WordHash.combine` of the words: counts a strong phrase once however often it occurs.
        var key: UInt64
    }
    static let phraseWords: [UInt64] = Lexicons.phraseGroups.flatMap { $0.flatMap(\.hashes) }
    static let phrases: [FlatPhrase] = {
        var result: [FlatPhrase] = []
        var start: Int32 = 0
        for group in Lexicons.phraseGroups {
            for p in group {
                result.append(
                    FlatPhrase(
                        start: start,
                        count: Int32(p.hashes.count),
                        strong: p.strong,
                        category: p.category,
                        key: WordHash.combine(p.hashes)
                    )
                )
                start += Int32(p.hashes.count)
            }
        }
        return result
    }()
    static let groupStarts: [Int] = Lexicons.phraseGroups.reduce(into: [0]) { $0.append($0.last! + $1.count) }

    /// Matches the phrases of one group (phrases sharing their first word) starting at word `i`.
    mutating func matchPhrases(
        group: Int,
        at i: Int,
        in tokens: UnsafeBufferPointer<UInt64>,
        seenStrong: inout [UInt64]
    ) {
        let words = Self.phraseWords
        let all = Self.phrases
        for n in Self.groupStarts[group]..<Self.groupStarts[group + 1] {
            let p = all[n]
            let start = Int(p.start)
            let count = Int(p.count)
            guard i + count <= tokens.count else { continue }
            var k = 1
            while k < count && tokens[i + k] == words[start + k] { k += 1 }
            guard k == count else { continue }
            if p.strong {
                if !seenStrong.contains(p.key) {
                    seenStrong.append(p.key)
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

extension DocumentTokens {
    /// Every line's features, with the stems of stop-words set to zero on the way (`LineTokens.stems`).
    mutating func measure(_ lines: [NormalizedLine], stopLanguages: Int) -> [BlockFeatures] {
        var result: [BlockFeatures] = []
        result.reserveCapacity(lines.count)
        let ends = self.ends
        let shapes = self.shapes
        hashes.withUnsafeBufferPointer { hashes in
            stems.withUnsafeMutableBufferPointer { stems in
                var start = 0
                for k in lines.indices {
                    result.append(
                        BlockFeatures(
                            text: lines[k].text,
                            hashes: UnsafeBufferPointer(rebasing: hashes[start..<ends[k]]),
                            shape: shapes[k],
                            stopLanguages: stopLanguages,
                            stems: stems.baseAddress.map { $0 + start }
                        )
                    )
                    start = ends[k]
                }
            }
        }
        return result
    }
}
