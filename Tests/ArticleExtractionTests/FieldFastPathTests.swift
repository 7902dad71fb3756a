import Testing

@testable import ArticleExtraction

/// The parsers' byte-level shortcuts give the answers of the `Substring` code they replace, on generated lines
/// that mix cue words, punctuation, curly quotes, digits of several scripts, Cyrillic, and scalars that join their
/// neighbours into one grapheme (combining marks, prepended signs, a Greek ano teleia that equals "·").
struct FieldFastPathTests {
    /// Pieces that lines are made of.
    static let pieces: [String] = [
        "support", "Support", "SUPPORT", "supporting", "“Support", "support”", "(support)", "support,", "support.",
        "©", "(c)", "Copyright", "copyright:", "©2024", "2024", "٢٠٢٤", "Ⅻ", "a", "A", "message", "Message", "from",
        "From:", "originally", "published", "by", "in", "on", "at", "appeared", "feed", "content", "article",
        "courtesy",
        "of", "the", "The", "and", "&", "de", "del", "Moscow", "Times", "Times.", "Times:", "Times)", "Meduza",
        "Городские", "новости.", "Усі", "права", "All", "all", "rights", "Us", "Us.", "Ltd.", "Inc", "GmbH", "-", "–",
        "—", "|", "·", "\u{0387}", "•", "Diario", "Valle", "Éditions", "Ölçü", "e\u{0301}cole", "Cafe\u{0301}.",
        "\u{0600}.", "Times\u{0600}.", "\u{0301}", "“", "”", "'", "\"", "Northfield", "Courier", "RT", "x.com",
        "our", "journalism", "Press", "1", "12", "١٢",
    ]

    static func lines(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            let n = 1 + next() % 14
            var line = ""
            for k in 0..<n {
                if k > 0 { line += next() % 9 == 0 ? "  " : " " }
                line += pieces[next() % pieces.count]
            }
            return line
        }
    }

    @Test func bylineParserReadsTheGivenHashesAsItsOwn() {
        let parser = BylineParser()
        for (k, line) in Self.lines(count: 5000, seed: 11).enumerated() {
            let text = ["By ", "Von ", "Written by ", "Автор: ", ""][k % 5] + line
            let hashes = Tokenizer.tokenize(text).hashes[...]
            #expect(parser.parse(text, hashes: hashes) == parser.parse(text), "\(text)")
        }
    }

    @Test func outletFinderMatchesTheSubstringReading() {
        let finder = OutletFinder()
        var named = 0
        for line in Self.lines(count: 40000, seed: 7) {
            let hashes = Tokenizer.tokenize(line).hashes
            let found = finder.find(in: line, hashes: hashes)
            #expect(found == referenceFind(in: line, hashes: hashes), "\(line)")
            if found != nil { named += 1 }
        }
        // The lines reach the name-reading code, not only the rejections.
        #expect(named > 1000)
    }
}

/// True when `token` equals the lower-case `word` with ASCII letters compared without case (the reference's token
/// comparison).
private func equalsFoldingASCII(_ token: Substring, _ word: String) -> Bool {
    var a = token.utf8.makeIterator()
    var b = word.utf8.makeIterator()
    while true {
        switch (a.next(), b.next()) {
        case (nil, nil): return true
        case (let x?, let y?):
            let folded = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
            if folded != y { return false }
        default: return false
        }
    }
}

/// `OutletFinder.find(in:hashes:)` as it was before it read the tokens' bytes: the reference.
func referenceFind(in text: String, hashes: [UInt64]) -> String? {
    let mask = OutletFinder.cueMask(hashes[...])
    guard mask != 0 else { return nil }
    let tokens = ByteSearch.split(text, at: " ")
    // Cue words are ASCII (or "©"): compare each token's trimmed bytes, folding ASCII case, instead of building
    // a lower-case copy of every token.
    // Tokens are trimmed only when their length is within a few punctuation marks of the cue word's.
    func sameWord(_ token: Substring, _ word: String) -> Bool {
        let n = token.utf8.count
        let w = word.utf8.count
        guard n >= w && n <= w + 4 else { return false }
        return equalsFoldingASCII(token.trimmed(".,:;()\"“”'"), word)
    }
    for (c, cue) in OutletFinder.cues.enumerated() where mask & 1 << c != 0 {
        let wholePhrase = OutletFinder.phraseCues.contains(cue)
        var i = 0
        while i + cue.count <= tokens.count {
            var matches = true
            for k in cue.indices where !sameWord(tokens[i + k], cue[k]) {
                matches = false
                break
            }
            if matches {
                var j = i + cue.count
                // Skip a year after "©" or "Copyright".
                while j < tokens.count, tokens[j].first?.isNumber == true || tokens[j] == "©" || tokens[j] == "(c)" {
                    j += 1
                }
                var name: [Substring] = []
                while j < tokens.count && name.count < 6 {
                    let raw = tokens[j]
                    let word = raw.trimmed(".,:;()\"“”")
                    guard let f = word.unicodeScalars.first else { break }
                    let capital = Tokenizer.isUpper(f)
                    // "© 2024 Усі права захищені" names nobody; "© X 2023 -", "© X - P.IVA …" end at the year
                    // or the dash.
                    if wholePhrase
                        && ByteSearch.contains(
                            lowercased: word,
                            in: OutletFinder.stopAfterName,
                            hashes: OutletFinder.stopAfterNameHashes
                        )
                    {
                        break
                    }
                    if !name.isEmpty && (word.first?.isNumber == true || OutletFinder.dashes.contains(String(word))) {
                        break
                    }
                    if wholePhrase && name.isEmpty && !capital { break }
                    if !wholePhrase && !capital
                        && !(OutletFinder.joiners.contains(String(word)) && !name.isEmpty || word == "The")
                    {
                        break
                    }
                    name.append(word)
                    if raw.last.map({ ".,:;)".contains($0) }) == true { break }
                    j += 1
                }
                while let last = name.last,
                    OutletFinder.joiners.contains(String(last))
                        || ByteSearch.contains(
                            lowercased: last,
                            in: OutletFinder.companySuffixes,
                            hashes: OutletFinder.companySuffixHashes
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
