/// One run of the extractor over one file: the stages in order, leaving every block with a role and a reason so
/// that `extract` and `explain` tell the same story.
struct Analysis {
    var blocks: [Block]
    var core: Range<Int>?
    var article: Article

    static let updateWords: Set<String> = [
        "updated", "update", "modified", "обновлено", "обновлен", "оновлено", "aktualisiert", "mis", "actualizado",
        "actualizada", "atualizado", "atualizada", "aggiornato", "aggiornata", "bijgewerkt", "zaktualizowano",
    ]
    static let dateWords: Set<String> = [
        "published", "posted", "date", "on", "at", "last", "updated", "update", "modified", "опубликовано",
        "обновлено", "оновлено", "опубліковано", "дата", "публикации", "veröffentlicht", "aktualisiert", "am", "um",
        "stand", "publié", "mis", "à", "jour", "le", "publicado", "actualizado", "el", "a", "las", "atualizado",
        "às", "em", "pubblicato", "aggiornato", "il", "alle", "ore", "h", "uhr", "в", "о", "pm", "am", "gmt",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
        "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles",
        "jueves", "viernes", "sábado", "domingo", "понедельник", "вторник", "среда", "четверг", "пятница",
        "суббота", "воскресенье", "понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя",
        "time", "local", "de", "del", "of", "th", "st", "nd", "rd", "г", "года", "року", "р", "updated:",
        "published:", "first", "feira", "segunda", "terça", "quarta", "quinta", "sexta",
    ]

    /// Hashes of `dateWords`, of `updateWords`, and of every word a dateline may hold besides numbers (date
    /// words, month and zone names), so that a dateline is judged on the hashes its block already has.
    static let dateWordHashes = WordTable(keys: dateWords.map(WordHash.of))
    static let updateWordHashes = WordTable(keys: updateWords.map(WordHash.of))
    static let datelineWordHashes = WordTable(
        keys: (Array(dateWords) + Array(DateParser.months.keys) + Array(DateParser.zones.keys)).map(WordHash.of)
    )

    /// True when a line holds at most one word besides numbers and date words, or three after a leading date
    /// word ("Updated", "Published"): a dateline. Asked before the line is parsed, which is the costlier test.
    /// (`hashes` are the line's words: a word starting with a digit is never a date word.)
    static func fewWordsBesideDate(_ hashes: ArraySlice<UInt64>, numericWords: Int) -> Bool {
        var extra = -numericWords
        for h in hashes where !datelineWordHashes.contains(h) { extra += 1 }
        let keyword = hashes.first.map { dateWordHashes.contains($0) } ?? false
        return extra <= 1 || (keyword && extra <= 3)
    }

    init(bytes: [UInt8], hints: ExtractionHints) throws(ExtractionRejection) {
        var work = try Work(bytes: bytes, hints: hints)
        work.findMetadataLines()
        work.classifyBoilerplate()
        work.chooseHeadline()
        work.chooseBylineAndDates()
        work.assignRemainingRoles()
        work.splitCaptions()
        work.dropRestatements()
        self.article = work.article()
        self.article.addEntitiesAndQuotes()
        self.blocks = work.blocks
        self.core = work.coreRange
    }

    /// The first line that is nothing but a web address (`https://…`, as scrapers write the source at the top or
    /// the bottom of a dump), among the first and last ten lines.
    static func addressLine(in lines: [NormalizedLine]) -> String? {
        let candidates = lines.count <= 20 ? Array(lines.indices) : Array(0..<10) + Array(lines.count - 10..<lines.count)
        for k in candidates {
            let text = lines[k].text
            guard text.hasPrefix("http://") || text.hasPrefix("https://"), text.utf8.count <= 2_048,
                !text.contains(where: { $0 == " " || $0 == "\t" }), text.utf8.count > 12
            else { continue }
            return text
        }
        return nil
    }

    /// Text hard-wrapped inside blank-line paragraphs is re-joined: a line that does not end a sentence,
    /// followed without a blank by one that starts in lower case, continues the same paragraph.
    static func joinHardWrapped(_ lines: [NormalizedLine]) -> [NormalizedLine] {
        var blanks = 0
        for line in lines where line.blankBefore { blanks += 1 }
        guard lines.count >= 3, blanks * 5 >= lines.count else { return lines }
        var out: [NormalizedLine] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            if !line.blankBefore, let prev = out.last, let first = line.text.unicodeScalars.first,
                first.properties.isLowercase, let last = prev.text.unicodeScalars.last,
                !Self.endsParagraph(last.value), prev.text.unicodeScalars.count >= 40
            {
                out[out.count - 1].text += " " + line.text
                continue
            }
            out.append(line)
        }
        return out
    }

    /// ".", "!", "?", ":", "…", '"', "”", "»": a line ending with one is not hard-wrapped.
    @inline(__always)
    static func endsParagraph(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x21, 0x3F, 0x3A, 0x2026, 0x22, 0x201D, 0xBB: return true
        default: return false
        }
    }

    /// A dateline found in the text: its line, its date, and whether it says when the page was updated.
    typealias DateCandidate = (index: Int, date: ParsedDate, isUpdate: Bool)

    /// `candidate` with the year the page writes for the same day elsewhere, when its own line left the year out
    /// and it took the file's: "03 Dec" under the headline and "Published: 03 Dec 2025" beside the text.
    static func completingYear(_ candidate: DateCandidate, from all: [DateCandidate]) -> DateCandidate {
        guard !candidate.date.yearWritten,
            let full = all.first(where: {
                $0.date.yearWritten && $0.date.month == candidate.date.month && $0.date.day == candidate.date.day
            })
        else { return candidate }
        var completed = candidate
        completed.date.year = full.date.year
        completed.date.yearWritten = true
        return completed
    }

    /// Separators between the pieces of a metadata line ("Jane Doe | May 2, 2025 | News").
    static let pieceSeparators = [" | ", " · ", " • ", " ⋅ ", " — ", " – ", " - ", " // ", " / "]

    /// A line of metadata pieces ("Jane Doe | May 22, 2025", "Posted on May 2, 2025 by Jane Doe - 5 Comments",
    /// "By Jane Doe · Editor · Updated May 5, 2025"): the first piece that is a dateline on its own, and the names of
    /// a piece that is a byline, or of a piece that is a person's full name alone ("Dec 26, 2025 • Jane Doe in
    /// Gardening"), as `isPersonName` judges it. Nil without a dateline piece, or when the line has only one piece.
    static func metadataPieces(
        _ text: String, dates: DateParser, bylines: BylineParser, zone: String?, year: Int?,
        isPersonName: (String) -> Bool = { _ in false }
    ) -> (date: (date: ParsedDate, isUpdate: Bool), names: [String])? {
        var pieces: [Substring] = [Substring(text)]
        for sep in pieceSeparators + [" by ", " By ", " BY "] {
            var next: [Substring] = []
            for p in pieces {
                var rest = p
                while let r = ByteSearch.range(of: sep, in: rest) {
                    next.append(rest[..<r.lowerBound])
                    // "by" stays with the name that follows it.
                    rest = sep.hasSuffix("y ") || sep.hasSuffix("Y ") ? rest[rest.index(r.lowerBound, offsetBy: 1)...] : rest[r.upperBound...]
                }
                next.append(rest)
            }
            pieces = next
        }
        guard pieces.count >= 2 else { return nil }
        var date: (date: ParsedDate, isUpdate: Bool)? = nil
        var names: [String] = []
        var bare: [String] = []
        var secondary: [String] = []
        var previous: Substring = ""
        for piece in pieces {
            let t = piece.trimmed(" ,;")
            defer { previous = t }
            guard !t.isEmpty else { continue }
            let tokens = Tokenizer.tokenize(String(t))
            if date == nil, tokens.shape.numericWords > 0, tokens.hashes.count <= 12,
                Self.fewWordsBesideDate(tokens.hashes[...], numericWords: tokens.shape.numericWords),
                let m = dates.parse(String(t), zone: zone, referenceYear: year)
            {
                date = (m.date, tokens.hashes.prefix(3).contains { Self.updateWordHashes.contains($0) })
                continue
            }
            if names.isEmpty, let first = tokens.hashes.first, BylineParser.firstWords.contains(first),
                let n = bylines.parse(String(t), hashes: tokens.hashes[...], handles: true)
            {
                // "Medically reviewed by Ann Lee — Written by Tom Roe": a reviewer or an editor is not the author.
                let label = previous.split(separator: " ").last.map { $0.lowercased() } ?? ""
                if Self.assistingLabels.contains(label) {
                    if secondary.isEmpty { secondary = n }
                } else {
                    names = n
                }
                continue
            }
            if bare.isEmpty, tokens.shape.numericWords == 0, (2...8).contains(tokens.hashes.count),
                t.unicodeScalars.first.map(Tokenizer.isUpper) == true, let n = bylines.parse("By " + t), n.count == 1,
                n[0].contains(" "), t.hasPrefix(n[0])
            {
                bare = n
            }
        }
        guard let date else { return nil }
        if names.isEmpty, !bare.isEmpty, isPersonName(bare[0]) { names = bare }
        if names.isEmpty { names = secondary }
        return (date, names)
    }

    /// The word before "by" that credits someone other than the author.
    static let assistingLabels: Set<String> = [
        "reviewed", "checked", "fact-checked", "edited", "illustrated", "photographed", "translated", "verified",
    ]

    /// Whether `index` is within the reach `nearest` gives an anchor.
    static func isNear(_ index: Int, anchor: Int?) -> Bool {
        anchor.map { distance(index, from: $0) <= 40 } ?? true
    }

    /// How far line `k` stands from `anchor` for `nearest`: lines above count double.
    static func distance(_ k: Int, from anchor: Int) -> Int {
        k >= anchor ? k - anchor : (anchor - k) * 2
    }

    /// The candidate nearest the article's head (`anchor`, the headline or the first paragraph), looking below it
    /// first: bylines and datelines sit under the headline far more often than above it. Candidates more than 40
    /// lines away are page furniture; then the first one in reading order, as before headlines were known.
    static func nearest(_ indices: [Int], anchor: Int?) -> Int? {
        guard let anchor else { return indices.indices.first }
        var best: Int? = nil
        var bestDistance = Int.max
        for (n, k) in indices.enumerated() {
            let d = distance(k, from: anchor)
            if d < bestDistance {
                bestDistance = d
                best = n
            }
        }
        return bestDistance <= 40 ? best : indices.indices.first
    }

    /// Separators between a page title's headline and its site name.
    static let pageTitleSeparators = [" | ", " - ", " – ", " — ", " • ", " · ", " :: ", " // ", " » ", " : ", " ⋆ "]

    /// The headline named by the page title on the first line: the line (after the first, up to a few past the
    /// first paragraph) that equals the first line or one of its parts between separators, the one nearest
    /// above the first paragraph. Nil when the first line is not title-like or nothing repeats it.
    static func headlineFromPageTitle(_ blocks: [Block], bodyStart: Int) -> (index: Int, text: String)? {
        // A page title does not end like a sentence (a first paragraph repeated further down is no headline).
        guard blocks.count > 1, (2...40).contains(blocks[0].features.words), blocks[0].features.links == 0,
            blocks[0].text.utf8.last != 0x2E
        else {
            return nil
        }
        let first = blocks[0].text
        var parts: [Substring] = [Substring(first)]
        for sep in pageTitleSeparators {
            var rest = Substring(first)
            while let r = ByteSearch.range(of: sep, in: rest) {
                parts.append(first[first.startIndex..<r.lowerBound])
                parts.append(first[r.upperBound...])
                rest = first[r.upperBound...]
            }
        }
        // Pieces that are only separators when the piece recurs as a line of its own, which this search asks
        // anyway: "RogerBW's Blog: Advent of Code 2025 week 2", "The Fold-and-Cut Problem (Erik Demaine)",
        // "Skiplagging in the relocation process, Chris Pardo".
        for piece in parts {
            if let r = ByteSearch.range(of: ": ", in: piece) {
                parts.append(piece[r.upperBound...])
            }
            if piece.hasSuffix(")"), let r = ByteSearch.range(of: " (", in: piece, backwards: true) {
                parts.append(piece[..<r.lowerBound])
            }
            if let r = ByteSearch.range(of: ", ", in: piece, backwards: true) {
                parts.append(piece[..<r.lowerBound])
            }
        }
        // Two words at least: a site name alone ("Home") is no headline.
        let wanted = Set(
            parts.map { Folding.fold(String($0)).lowercased() }.filter { $0.utf8.count >= 8 && $0.contains(" ") })
        guard !wanted.isEmpty else { return nil }
        // The parts' word hashes: a line is folded and compared only when its words are a part's words.
        let wantedWords = Set(parts.map { Tokenizer.tokenize(String($0)).hashes }.filter { $0.count >= 3 })
        let wordCounts = Set(wantedWords.map(\.count))
        let firstWords = Set(wantedWords.compactMap(\.first))
        // A section's or site's name before the headline with no separator ("Paper Trails > Best Practices for PTO
        // Benefits", "Bold.org Scholarship Blog Best High School Tutors in 2025"): a line of three words or more
        // that is a tail of the first line counts too, found by its hashes being the first line's last ones.
        let firstHashes = blocks[0].tokens.hashes
        let firstWordCount = blocks[0].features.words
        var foldedFirst: String? = nil
        // The longest part that recurs: the site's name recurs too (its logo), but is the shorter part.
        var best: (index: Int, length: Int)? = nil
        for k in 1..<min(blocks.count, bodyStart + 6) where k != bodyStart {
            // Scalars first: a Block or its slices taken out of the array are retained and released.
            let words = blocks[k].features.words
            let mayBeTail = words >= 3 && words < firstWordCount && firstWordCount <= 21
            guard wordCounts.contains(words) || mayBeTail else { continue }
            let hashes = blocks[k].tokens.hashes
            guard let h = hashes.first else { continue }
            let isPart =
                firstWords.contains(h) && wordCounts.contains(hashes.count) && wantedWords.contains(Array(hashes))
            guard isPart || (mayBeTail && firstHashes.suffix(hashes.count).elementsEqual(hashes)) else { continue }
            let text = blocks[k].text
            let folded = Folding.fold(text).lowercased()
            if !(isPart && wanted.contains(folded)) {
                // A headline's tail starts with a capital; "… by Jane Doe" is the byline's.
                guard mayBeTail, folded.utf8.count >= 8, text.unicodeScalars.first?.properties.isUppercase == true,
                    !text.hasPrefix("By ")
                else { continue }
                if foldedFirst == nil { foldedFirst = Folding.fold(first).lowercased() }
                guard foldedFirst?.hasSuffix(" " + folded) == true else { continue }
            }
            let n = folded.utf8.count
            if let b = best, n < b.length || (n == b.length && (b.index < bodyStart) && k > bodyStart) { continue }
            best = (k, n)
        }
        return best.map { ($0.index, blocks[$0.index].text) }
    }

    /// Whether line `k` shares two content words or more, a third of its own at least, with the first line (the
    /// page title in a whole-page dump, the headline in a region dump): a headline restates its page's title.
    static func echoesPageTitle(_ blocks: [Block], _ k: Int) -> Bool {
        let first = Set(blocks[0].tokens.stems.filter { $0 != 0 })
        var count = 0
        var shared = 0
        for stem in blocks[k].tokens.stems where stem != 0 {
            count += 1
            if first.contains(stem) { shared += 1 }
        }
        return shared >= 2 && shared * 3 >= count
    }

    /// Where the article's byline and date block starts: the higher of the chosen byline and dateline when they
    /// are within four lines of each other, else the byline's line, else the dateline's.
    static func metadataBlockStart(byline b: Int?, dateline d: Int?) -> Int? {
        if let b, let d, abs(b - d) <= 4 { return min(b, d) }
        return b ?? d
    }

    /// The line, in the first two thirds of the text, that repeats the page title's headline: the first line or
    /// a part of it between separators that holds its longest piece (the site's name is the shorter piece, and
    /// recurs as a logo). A page's <h1> may stand far from the first paragraph, below long menus.
    static func pageTitleHeadlineAnywhere(_ blocks: [Block]) -> Int? {
        // Four words at least: a short first line is as often a section label ("Tips & Tricks") that recurs as a tag.
        guard blocks.count > 2, (4...40).contains(blocks[0].features.words), blocks[0].features.links == 0,
            blocks[0].text.utf8.last != 0x2E
        else { return nil }
        let first = blocks[0].text
        // The pieces between every separator, the longest of which is the headline's core.
        var pieces = [Substring(first)]
        for sep in pageTitleSeparators {
            pieces = pieces.flatMap { piece -> [Substring] in
                var out: [Substring] = []
                var rest = piece
                while let r = ByteSearch.range(of: sep, in: rest) {
                    out.append(rest[..<r.lowerBound])
                    rest = rest[r.upperBound...]
                }
                return out + [rest]
            }
        }
        guard let longest = pieces.max(by: { $0.utf8.count < $1.utf8.count }) else { return nil }
        var parts: [Substring] = [Substring(first)]
        for sep in pageTitleSeparators {
            var rest = Substring(first)
            while let r = ByteSearch.range(of: sep, in: rest) {
                parts += [first[..<r.lowerBound], first[r.upperBound...]].filter { $0.contains(longest) }
                rest = first[r.upperBound...]
            }
        }
        let wanted = Set(parts.map { Folding.fold(String($0)).lowercased() }.filter { $0.utf8.count >= 8 })
        // Word hashes first: a line is folded and compared only when its words are a part's words.
        let wantedWords = Set(parts.map { Tokenizer.tokenize(String($0)).hashes }.filter { $0.count >= 2 })
        let wordCounts = Set(wantedWords.map(\.count))
        var best: (index: Int, length: Int)? = nil
        for k in 1..<max(2, blocks.count * 2 / 3) where wordCounts.contains(blocks[k].tokens.hashes.count) {
            guard wantedWords.contains(Array(blocks[k].tokens.hashes)) else { continue }
            let folded = Folding.fold(blocks[k].text).lowercased()
            guard wanted.contains(folded), best.map({ folded.utf8.count > $0.length }) ?? true else { continue }
            best = (k, folded.utf8.count)
        }
        return best?.index
    }

    /// The line, among the three under the headline `t`, that is a name alone: one to four capitalised words (up
    /// to eight with "and" or a "|" role), no digits, no sentence, next to a dateline or a dateline two lines on;
    /// or, with no date, a full name between the headline and the first paragraph.
    static func bareName(_ blocks: [Block], after t: Int, bodyStart: Int?) -> Int? {
        func isDate(_ k: Int) -> Bool { k >= 0 && k < blocks.count && blocks[k].role == .dateline }
        for j in (t + 1)..<min(blocks.count, t + 4) where j != bodyStart {
            let b = blocks[j]
            let f = b.features
            guard b.role == .body || b.role == .boilerplate, f.words >= 1, !f.endsSentence, f.links == 0,
                !f.hasColon, f.strongHit == nil, b.tokens.shape.numericWords == 0,
                // A byline's label ("By", "Written by") is no name: the label rules read what follows it.
                let first = b.tokens.hashes.first, !BylineParser.firstWords.contains(first),
                // "Thea Traff/The New York Times/Redux": a photo's credit.
                !b.text.contains("/")
            else { continue }
            // Longer lines name someone with a role or credentials: "Jane Doe, MS, RD", "Jane Doe Founder & CEO".
            let joined = f.words <= 8 && (b.text.contains(" | ") || b.text.contains(" and ") || b.text.contains(","))
            guard f.words <= 4 || joined || (f.words <= 7 && f.capitalized >= f.words - 1),
                f.capitalized >= f.words - (joined ? 2 : 1)
            else { continue }
            if isDate(j + 1) || isDate(j - 1) || isDate(j + 2) { return j }
            // "Headline / Jane Doe / Senior Editor": a name over the author's job title, the card of a byline.
            if isJobTitleLine(blocks, j + 1) { return j }
            // "Headline / Jane Doe / first paragraph": a full name right under the headline, the text right under it.
            if j == t + 1, j + 1 == bodyStart, (2...4).contains(f.words), f.capitalized == f.words { return j }
            // "Headline / Jane Doe / Start Trial": a name of two or three words right under the headline, whatever
            // follows (the caller asks whether it reads as a person's name), that the prose does not keep naming
            // (a product the article is about: "Adobe Photoshop Elements").
            if j == t + 1, (2...3).contains(f.words), f.capitalized == f.words, !b.text.contains(","),
                !b.tokens.hashes.contains(where: { organizationWordHashes.contains($0) }),
                proseMentions(b.text, in: blocks, atMost: 1)
            {
                return j
            }
        }
        return nil
    }

    /// Last words of an organisation's or a product's name, never of a person's ("SEO Learning Center").
    static let organizationWordHashes = WordTable(
        keys: (Array(EntityLexicons.organizationHeads) + ["center", "centre", "academy", "studio", "labs", "hub"])
            .map(WordHash.of))

    /// Whether at most `limit` lines of prose (eight words or more, ending like a sentence) contain `name`.
    static func proseMentions(_ name: String, in blocks: [Block], atMost limit: Int) -> Bool {
        var count = 0
        for k in blocks.indices where blocks[k].features.words >= 8 && blocks[k].features.endsSentence {
            if ByteSearch.range(of: name, in: blocks[k].text) != nil {
                count += 1
                if count > limit { return false }
            }
        }
        return true
    }

    /// A name alone, maybe with a role or credentials: one to four capitalised words ("Jane Doe"), or up to seven
    /// with at most one in lower case ("Jane Doe, MS, RD", "Jane Doe Founder & CEO"), no digits, no sentence.
    static func isNameLine(_ b: Block, _ bylines: BylineParser) -> Bool {
        let f = b.features
        guard (1...7).contains(f.words), !f.endsSentence, b.tokens.shape.numericWords == 0, f.links == 0,
            f.capitalized >= (f.words <= 4 ? f.words : f.words - 1)
        else { return false }
        return !(bylines.parse("By " + b.text)?.isEmpty ?? true)
    }

    /// The title-like line (three words or more) before the first paragraph whose content-word stems are at
    /// least half shared with the first line's (two at least), the most alike; nil when none is.
    static func variantOfPageTitle(_ blocks: [Block], bodyStart: Int) -> Int? {
        let first = Set(blocks[0].tokens.stems.filter { $0 != 0 })
        guard first.count >= 2, bodyStart > 1 else { return nil }
        var best: (index: Int, score: Double)? = nil
        for k in 1..<min(blocks.count, bodyStart) {
            // Scalars first: a Block taken out of the array retains and releases a dozen buffers.
            let words = blocks[k].features.words
            guard words >= 3, words <= 30, blocks[k].role != .byline, blocks[k].role != .dateline,
                looksLikeTitle(blocks[k])
            else { continue }
            // Counted in place: most lines before the first paragraph are menus, a set each would cost more.
            var count = 0
            var shared = 0
            for stem in blocks[k].tokens.stems where stem != 0 {
                count += 1
                if first.contains(stem) { shared += 1 }
            }
            guard shared >= 2, shared * 2 >= count else { continue }
            let score = Double(shared) / Double(max(count, first.count))
            if best.map({ score >= $0.score }) ?? true { best = (k, score) }
        }
        return best?.index
    }

    /// The names after " by " inside a metadata line ("Posted May 2, 2025 by Jane Doe"), nil without one.
    static func namesAfterBy(_ text: String, _ bylines: BylineParser) -> [String]? {
        for sep in [" by ", " By ", " BY "] {
            guard let r = ByteSearch.range(of: sep, in: text) else { continue }
            var tail = text[text.index(after: r.lowerBound)...]
            // "… by Jane Doe - 5 Comments on Do you need …?": the signature ends at the next piece of the line.
            for piece in [" - ", " | ", " · ", " — ", " – "] {
                if let p = ByteSearch.range(of: piece, in: tail) { tail = tail[..<p.lowerBound] }
            }
            return bylines.parse(String(tail), handles: true)
        }
        return nil
    }

    /// The full name a dated line ends with, after its last number ("Dec 17, 2025 Jane K. Doe"): two to four
    /// capitalised words that `isPersonName` accepts. Nil otherwise ("Nov 8, 2025 7 min read").
    static func trailingName(_ text: String, _ bylines: BylineParser, isPersonName: (String) -> Bool) -> [String]? {
        let words = text.split(separator: " ")
        guard let last = words.lastIndex(where: { $0.contains(where: \.isNumber) }), last + 1 < words.count else {
            return nil
        }
        let rest = words[(last + 1)...]
        // "No Comments", "Read More": a function word is never part of a name here.
        guard (2...4).contains(rest.count),
            rest.allSatisfy({
                $0.first?.isUppercase == true && !SimHash.StopWords.shared.contains(WordHash.of($0.lowercased()))
            })
        else { return nil }
        let name = rest.joined(separator: " ")
        guard let names = bylines.parse("By " + name), names.count == 1, names[0] == name, isPersonName(name) else {
            return nil
        }
        return names
    }

    /// The names a line starts with, before its date ("Jane Doe October 11, 2024"), two words or more each.
    static func leadingNames(_ text: String, _ bylines: BylineParser) -> [String]? {
        guard let first = text.unicodeScalars.first, Tokenizer.isUpper(first),
            let names = bylines.parse("By " + text), !names.isEmpty, names.allSatisfy({ $0.contains(" ") })
        else { return nil }
        return names
    }

    /// Whether a line opens with a name of two to four words before anything else ("Jane Doe 25 March 2025 SEO").
    static func startsWithName(_ text: String, _ bylines: BylineParser) -> Bool {
        leadingNames(text, bylines).map { $0.count == 1 } ?? false
    }

    /// The headline above the byline and date block: from the last byline or dateline within fifteen lines above
    /// the first paragraph, upwards over metadata, labels and a name alone, to the first title-like line.
    static func headlineAboveMetadata(_ blocks: [Block], bodyStart: Int) -> Int? {
        func isMeta(_ k: Int) -> Bool { blocks[k].role == .byline || blocks[k].role == .dateline }
        guard let m = (max(0, bodyStart - 15)..<bodyStart).last(where: isMeta) else { return nil }
        return headlineAbove(blocks, meta: m)
    }

    /// The first title-like line above the metadata line `m`, upwards over metadata, labels and a name alone.
    /// With `overLead`, a lead of fifteen words or more that ends like a sentence is stepped over too
    /// ("Headline / The standfirst. / By Jane Doe").
    static func headlineAbove(_ blocks: [Block], meta m: Int, overLead: Bool = false) -> Int? {
        let bylines = BylineParser()
        func isMeta(_ k: Int) -> Bool { blocks[k].role == .byline || blocks[k].role == .dateline }
        var k = m - 1
        var leads = 0
        while k >= 0 && k >= m - 6 {
            let b = blocks[k]
            let f = b.features
            if isMeta(k) || f.words <= 1 || isDateLabel(b) {
                k -= 1
                continue
            }
            if overLead, leads == 0, f.endsSentence, f.words >= 15 {
                leads += 1
                k -= 1
                continue
            }
            // A list of full names ("Ann Lee, Tom Brown & Sam Roe") signs the article; a headline listing single
            // words ("Social Shopping: Instagram, IGTV, Reels, TikTok and More") does not. A headline starts with a
            // capital.
            if overLead, let names = bylines.parse("By " + b.text), names.count >= 2,
                names.allSatisfy({ $0.contains(" ") })
            {
                k -= 1
                continue
            }
            if overLead, let c = b.text.unicodeScalars.first, c.properties.isLowercase { return nil }
            // A name alone under a longer title-like line ("Headline / Jane Doe / May 2, 2025").
            if k > 0, isNameLine(b, bylines), looksLikeTitle(blocks[k - 1]),
                blocks[k - 1].features.words > f.words
            {
                k -= 1
                continue
            }
            return looksLikeTitle(b, mayEndWithStop: true) && f.words >= 2 ? k : nil
        }
        return nil
    }

    /// A headline that ends like a sentence: "The Adult's Guide to Starting Music Lessons: It's Never Too Late!",
    /// "Is Remote Work Here to Stay?". Prose never capitalises seven words in ten.
    static func isTitleCaseQuestion(_ b: Block) -> Bool {
        let f = b.features
        guard f.words <= 20, f.capitalized * 10 >= f.words * 7, let last = b.text.unicodeScalars.last else {
            return false
        }
        return last == "?" || last == "!"
    }

    /// Two or three words joined by "&": how sites name their sections and tags.
    static func isSectionLabel(_ b: Block) -> Bool {
        b.features.words <= 4 && b.text.contains(" & ")
    }

    /// A date's label on a line of its own, the date on the next ("Last updated", "Published on"): metadata.
    static func isDateLabel(_ b: Block) -> Bool {
        b.features.words <= 4 && b.tokens.shape.numericWords == 0 && !b.tokens.hashes.isEmpty
            && b.tokens.hashes.allSatisfy { dateWordHashes.contains($0) }
            && b.tokens.hashes.contains { cueLabelHashes.contains($0) }
    }

    /// The words that make a line a date's label.
    static let cueLabelHashes = WordTable(keys: (Array(publicationCues) + Array(updateCues)).map(WordHash.of))

    /// A headline: a few words to a long line, not ending like a sentence, no links, no lexicon hit.
    static func looksLikeTitle(_ b: Block, mayEndWithStop: Bool = false) -> Bool {
        let f = b.features
        guard f.words >= 2, f.words <= 30, f.links == 0, f.strongHit == nil, f.wholeLine == nil, !f.bullet else {
            return false
        }
        if b.quality == .bad && b.category != nil { return false }
        guard let last = b.text.last else { return false }
        // "Search this website...": a search box's placeholder, or a teaser cut short, is no headline.
        if last == "…" || b.text.hasSuffix("...") { return false }
        // "Reviewed By: Jane Doe, PhD": a credit label.
        if let colon = b.text.firstIndex(of: ":"), b.text[..<colon].lowercased().hasSuffix(" by") { return false }
        return (last != "." || mayEndWithStop) && last != ":" && last != ";" && last != ","
    }

    /// In a text whose paragraphs end like sentences, two or more consecutive unpunctuated lines of moderate
    /// length inside the body are picture captions (scrapers emit a gallery's captions in a row).
    static func markCaptionRuns(_ blocks: inout [Block], after start: Int, captions: inout [String]) {
        var long = 0
        var punctuated = 0
        for k in blocks.indices where blocks[k].role == .body && blocks[k].features.words >= 12 {
            long += 1
            if blocks[k].features.endsSentence { punctuated += 1 }
        }
        guard long >= 4, punctuated * 10 >= long * 7 else { return }
        // By index: a Block passed by value is copied, a dozen buffers retained.
        func isCandidate(_ k: Int) -> Bool {
            let f = blocks[k].features
            return blocks[k].role == .body && !f.endsSentence && (10...30).contains(f.words) && !f.bullet
                && blocks[k].text.utf8.last != 0x3A
        }
        var k = start + 1
        while k < blocks.count {
            guard isCandidate(k) else {
                k += 1
                continue
            }
            var end = k
            while end < blocks.count && isCandidate(end) { end += 1 }
            if end - k >= 2 {
                for j in k..<end {
                    blocks[j].role = .caption
                    blocks[j].reason = "picture caption (a run of unpunctuated lines)"
                    captions.append(blocks[j].text)
                }
            }
            k = end
        }
    }

    /// The zone a dateline without one is most likely in, from the article's language.
    static func defaultZone(_ language: String?) -> String? {
        switch language {
        case "ru": return "msk"
        case "uk": return "eet"
        case "de", "fr", "es", "it", "nl", "pl": return "cet"
        case "pt": return "wet"
        default: return "utc"
        }
    }
}

/// Folding used to compare fields: white space collapsed, typographic quotes and dashes made plain.
public enum Folding {
    /// Folds `s` for comparison: typographic quotes to plain ones, runs of white space to one space, trimmed. Built
    /// as UTF-8 bytes with an ASCII fast path: asking a scalar's Unicode properties costs a table look-up each.
    public static func fold(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        for c in s.unicodeScalars {
            let v = c.value
            let isSpace = v < 0x80 ? (v == 0x20 || (v >= 0x09 && v <= 0x0D)) : c.properties.isWhitespace
            if isSpace {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(0x20)
                space = false
            }
            switch v {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x0060: out.append(UInt8(ascii: "'"))
            case 0x00..<0x80: out.append(UInt8(v))
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033: out.append(UInt8(ascii: "\""))
            default: UTF8.encode(c) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
