/// Splits a site's name off a headline ("Talks resume - WSJ", "Talks resume | Reuters"), because the headline
/// field holds the headline alone and the site is a good hint for `outlet`.
public struct TitleParser: Sendable {
    /// Creates a parser.
    public init() {}

    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " // "]

    /// The headline and, when present, the site suffix. A page's `<title>` (`pageTitle`) is "Headline | Site" by
    /// convention, so there a short headline ("Climate Change | Economic Research Service") and a longer site
    /// name ("Local Trails - Blue Line Bike Lab Houston Texas") are split too; a headline shown on the page may
    /// be "Headline - Subtitle", so there both are held to stricter lengths.
    public func split(_ title: String, pageTitle: Bool = false) -> (title: String, site: String?) {
        let tailLengths = pageTitle ? 1...8 : 1...4
        let headLength = pageTitle ? 1 : 3
        for sep in Self.separators {
            guard let r = ByteSearch.range(of: sep, in: title, backwards: true) else { continue }
            let head = title[..<r.lowerBound]
            let tail = title[r.upperBound...]
            let tailWords = ByteSearch.split(tail, at: " ")
            let headWords = ByteSearch.split(head, at: " ")
            guard tailLengths.contains(tailWords.count), headWords.count >= headLength else { continue }
            // Every word capitalised, except short joiners inside ("Diario del Valle", "Corriere della Sera").
            let allCapitalised = tailWords.enumerated().allSatisfy { k, w in
                guard let f = w.unicodeScalars.first else { return false }
                if k > 0 && k < tailWords.count - 1 && OutletFinder.joiners.contains(String(w)) { return true }
                return Tokenizer.isUpper(f) || f.properties.numericType != nil || w.utf8.contains(0x2E)
            }
            guard allCapitalised, !tail.hasSuffix(".") || tail.contains(".com") else { continue }
            return (String(head), String(tail))
        }
        return (title, nil)
    }
}

/// Finds the outlet's own name in its signatures: "A Message from The Moscow Times:", "© 2019 Meduza",
/// "originally published by …", a republisher's "… the RSS feed from RT".
public struct OutletFinder: Sendable {
    /// Creates a finder.
    public init() {}

    static let cues: [[String]] = [
        ["a", "message", "from"], ["originally", "published", "by"], ["originally", "published", "in"],
        ["originally", "published", "on"], ["originally", "published", "at"], ["originally", "appeared", "in"],
        ["originally", "appeared", "on"], ["feed", "from"], ["content", "from"], ["article", "from"],
        ["courtesy", "of"], ["©"], ["copyright"], ["support"], ["supporting"],
    ]
    static let joiners: Set<String> = [
        "of", "the", "and", "&", "for", "de", "del", "la", "di", "della", "do", "da", "der", "des", "du", "y", "e",
    ]
    /// Cues after which the whole phrase up to punctuation is the name, whatever its capitalisation
    /// ("© 2021 Городские новости.").
    static let phraseCues: Set<[String]> = [["©"], ["copyright"], ["a", "message", "from"]]
    /// Words that end a copyright holder's name.
    static let stopAfterName: Set<String> = [
        "all", "все", "всі", "усі", "alle", "tous", "todos", "tutti", "reproduction", "rights", "wszelkie",
        "tutte", "derechos", "direitos", "права",
    ]
    static let dashes: Set<String> = ["-", "–", "—", "|", "·", "•"]
    /// Legal forms after an outlet's name in a copyright line ("© 2024 Northfield Courier Ltd.").
    static let companySuffixes: Set<String> = [
        "ltd", "limited", "inc", "llc", "plc", "gmbh", "ag", "sa", "s.a", "srl", "s.r.l", "spa", "s.p.a", "sl", "s.l",
        "oy", "ab", "bv", "b.v", "nv", "kg", "co", "ооо", "тов", "sp", "z", "o.o", "lda",
    ]

    static let stopAfterNameHashes = WordTable(keys: stopAfterName.map(WordHash.of))
    static let companySuffixHashes = WordTable(keys: companySuffixes.map(WordHash.of))

    /// Cue phrases as word hashes, to rule out a block from the hashes it already has before splitting its text.
    static let cueHashes: [[UInt64]] = cues.map { $0.map(WordHash.of) }
    /// First words of the cue phrases: most words of a block are none, and one look-up rules them out.
    static let cueFirstWords = WordTable(keys: cueHashes.map { $0[0] })

    /// The cue phrases that `hashes` (a block's word hashes) contain, as bits by position in `cues`.
    static func cueMask(_ hashes: ArraySlice<UInt64>) -> UInt32 {
        let cues = cueHashes
        var mask: UInt32 = 0
        for i in hashes.indices where cueFirstWords.contains(hashes[i]) {
            for (c, cue) in cues.enumerated() where cue[0] == hashes[i] && i + cue.count <= hashes.endIndex {
                var k = 1
                while k < cue.count && hashes[i + k] == cue[k] { k += 1 }
                if k == cue.count { mask |= 1 << c }
            }
        }
        return mask
    }

    /// The outlet named in `text`, if a signature names one.
    public func find(in text: String) -> String? {
        find(in: text, hashes: Tokenizer.tokenize(text).hashes)
    }

    /// The cue words' bytes, compared with the tokens' bytes.
    static let cueBytes: [[[UInt8]]] = cues.map { $0.map { Array($0.utf8) } }
    /// Whether each cue of `cues` is one of `phraseCues`, asked once instead of hashing the cue per block.
    static let isPhraseCue: [Bool] = cues.map(phraseCues.contains)
    /// The ASCII marks of `.,:;()"“”'`, trimmed off a token before it is compared with a cue word.
    static let cueMarks: UInt128 = Array(".,:;()\"'".utf8).reduce(0) { $0 | 1 << $1 }

    /// The outlet named in `text`, whose word hashes are `hashes`. A cue matches only where its words follow each
    /// other in the hashes, so the text is searched for those cues alone.
    public func find(in text: String, hashes: [UInt64]) -> String? {
        find(in: text, cues: Self.cueMask(hashes[...]))
    }

    /// The outlet named in `text` by one of the cues in `mask` (`cueMask` of the text's word hashes), for a caller
    /// that has the mask already.
    func find(in text: String, cues mask: UInt32) -> String? {
        guard mask != 0 else { return nil }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { find(in: text, bytes: $0, mask: mask) } ?? nil
    }

    /// `find(in:hashes:)` on the text's UTF-8 `p`. Its tokens (the text split at spaces) are byte ranges: most are
    /// compared with a cue word and rejected, and only those after a cue become `Substring`s.
    private func find(in text: String, bytes p: UnsafeBufferPointer<UInt8>, mask: UInt32) -> String? {
        let u = text.utf8
        let spans =
            ByteSearch.splitOffsets(p, at: 0x20)
            ?? text.split(separator: " ").map {
                u.distance(from: u.startIndex, to: $0.startIndex)..<u.distance(from: u.startIndex, to: $0.endIndex)
            }
        func token(_ k: Int) -> Substring {
            let r = spans[k]
            return text[u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)]
        }
        /// True when the bytes at `lo` are “ or ” (U+201C, U+201D), the marks of `cueMarks` that are not ASCII.
        func isCurlyQuote(at lo: Int) -> Bool {
            p[lo] == 0xE2 && p[lo + 1] == 0x80 && (p[lo + 2] == 0x9C || p[lo + 2] == 0x9D)
        }
        /// `equalsFoldingASCII(token(k).trimmed(".,:;()\"“”'"), word)` on bytes: an ASCII byte and the three
        /// bytes of a curly quote are whole scalars, so trimming them off the bytes trims the same scalars.
        /// Tokens are trimmed only when their length is within a few punctuation marks of the cue word's.
        func sameWord(_ k: Int, _ word: [UInt8]) -> Bool {
            var lo = spans[k].lowerBound
            var hi = spans[k].upperBound
            guard hi - lo >= word.count && hi - lo <= word.count + 4 else { return false }
            while lo < hi {
                if p[lo] < 0x80 && Self.cueMarks & 1 << p[lo] != 0 {
                    lo += 1
                } else if hi - lo >= 3 && isCurlyQuote(at: lo) {
                    lo += 3
                } else {
                    break
                }
            }
            while lo < hi {
                if p[hi - 1] < 0x80 && Self.cueMarks & 1 << p[hi - 1] != 0 {
                    hi -= 1
                } else if hi - lo >= 3 && isCurlyQuote(at: hi - 3) {
                    hi -= 3
                } else {
                    break
                }
            }
            guard hi - lo == word.count else { return false }
            for (k, y) in word.enumerated() {
                let x = p[lo + k]
                if (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) != y { return false }
            }
            return true
        }
        for (c, cue) in Self.cueBytes.enumerated() where mask & 1 << c != 0 {
            let wholePhrase = Self.isPhraseCue[c]
            var i = 0
            while i + cue.count <= spans.count {
                var matches = true
                for k in cue.indices where !sameWord(i + k, cue[k]) {
                    matches = false
                    break
                }
                if matches {
                    var j = i + cue.count
                    // Skip a year after "©" or "Copyright".
                    while j < spans.count, Self.startsWithNumber(token(j)) || token(j) == "©" || token(j) == "(c)" {
                        j += 1
                    }
                    var name: [Substring] = []
                    while j < spans.count && name.count < 6 {
                        let raw = token(j)
                        let word = raw.trimmed(".,:;()\"“”")
                        guard let f = word.unicodeScalars.first else { break }
                        let capital = Tokenizer.isUpper(f)
                        // "© 2024 Усі права захищені" names nobody; "© X 2023 -", "© X - P.IVA …" end at the year
                        // or the dash.
                        if wholePhrase
                            && ByteSearch.contains(
                                lowercased: word,
                                in: Self.stopAfterName,
                                hashes: Self.stopAfterNameHashes
                            )
                        {
                            break
                        }
                        if !name.isEmpty && (Self.startsWithNumber(word) || Self.dashes.contains(String(word))) {
                            break
                        }
                        if wholePhrase && name.isEmpty && !capital { break }
                        if !wholePhrase && !capital
                            && !(Self.joiners.contains(String(word)) && !name.isEmpty || word == "The")
                        {
                            break
                        }
                        name.append(word)
                        if Self.endsWithNameEnd(raw, bytes: p, end: spans[j].upperBound) { break }
                        j += 1
                    }
                    while let last = name.last,
                        Self.joiners.contains(String(last))
                            || ByteSearch.contains(
                                lowercased: last,
                                in: Self.companySuffixes,
                                hashes: Self.companySuffixHashes
                            )
                    {
                        name.removeLast()
                    }
                    if !name.isEmpty {
                        let joined = name.joined(separator: " ")
                        if joined != "All" && joined != "Us" { return joined }
                    }
                }
                i += 1
            }
        }
        return nil
    }

    /// `raw.last.map { ".,:;)".contains($0) } == true` for a token ending at byte `end` of `p`, from the bytes when
    /// the last scalar is such a mark after a scalar that stands alone (then it is a `Character` of its own).
    static func endsWithNameEnd(_ raw: Substring, bytes p: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        let b = p[end - 1]
        guard b == 0x2E || b == 0x2C || b == 0x3A || b == 0x3B || b == 0x29 else { return false }
        if end - 2 < 0 || p[end - 2] < 0x80 { return true }
        var k = end - 2
        while k > 0 && p[k] & 0xC0 == 0x80 { k -= 1 }
        if ByteSearch.standsAlone(UTF8Scalar.decode(p, at: k).value) { return true }
        return raw.last.map { ".,:;)".contains($0) } == true
    }

    /// `word.first?.isNumber == true`: a `Character` is a number when its first scalar is, and an ASCII scalar
    /// is one when it is a digit.
    static func startsWithNumber(_ word: Substring) -> Bool {
        guard let f = word.unicodeScalars.first else { return false }
        return f.isASCII ? f.value &- 0x30 < 10 : f.properties.numericType != nil
    }
}
