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
        let decoded = try TextDecoding.decode(bytes)
        if MarkupDetector.isMarkup(decoded.text) { throw .markup }
        let lines = Self.joinHardWrapped(Normalizer.lines(decoded.text))
        guard !lines.isEmpty else { throw .noText }
        var tokens = Tokenizer.tokenize(lines: lines)
        // The language is read from the first lines' words, line by line until more than 800.
        let sampleEnd = tokens.ends.first { $0 > 800 } ?? tokens.hashes.count
        let sample = Array(tokens.hashes[..<sampleEnd])
        let language = LanguageDetector().detect(hashes: sample, text: decoded.text)
        // Stop-words of the document's language, or of every language when it has no list.
        let stopLanguages = Lexicons.stopLanguages(of: language)
        let languageKnown = stopLanguages != Lexicons.allLanguages
        // Measured before the blocks share the token arrays: measuring zeroes the stop-words' stems in place.
        let features = tokens.measure(lines, stopLanguages: stopLanguages)
        var blocks: [Block] = []
        blocks.reserveCapacity(lines.count)
        for k in lines.indices {
            let line = lines[k]
            blocks.append(
                Block(
                    text: line.text,
                    lineNumber: line.lineNumber,
                    blankBefore: line.blankBefore,
                    tokens: tokens.line(k),
                    features: features[k]
                )
            )
        }

        // 1. Lines that are metadata: datelines, bylines, credits and captions with a credit.
        let limit = hints.modified.map { Int($0) + 86400 }
        let referenceYear = hints.modified.map { DateParser.year(ofEpoch: $0) }
        let zone = Self.defaultZone(language)
        // Every dateline and byline is a candidate; the ones nearest the headline are chosen once it is known,
        // because pages also date and sign their sidebars, comments and related stories.
        var dateCandidates: [DateCandidate] = []
        var bylineCandidates: [(index: Int, names: [String])] = []
        var byline: [String] = []
        var captions: [String] = []
        var credits: [String] = []
        let dates = DateParser()
        let bylines = BylineParser()
        let creditParser = CreditParser()
        for i in blocks.indices {
            // A name already claimed by the label line above it.
            if blocks[i].role == .byline { continue }
            // The pieces this loop reads, not the block nor a view holding the array: while anything else holds
            // the array, writing a block's role copies the whole array.
            let text = blocks[i].text
            let features = blocks[i].features
            let hashes = blocks[i].tokens.hashes
            let shape = blocks[i].tokens.shape
            if features.words <= 18, shape.numericWords > 0,
                shape.yearLikeNumbers > 0 || hashes.contains(where: { DateParser.monthHashes.contains($0) }),
                Self.fewWordsBesideDate(hashes, numericWords: shape.numericWords),
                let m = dates.parse(text, zone: zone, referenceYear: referenceYear)
            {
                let isUpdate = hashes.prefix(3).contains { Self.updateWordHashes.contains($0) }
                blocks[i].role = .dateline
                blocks[i].quality = .bad
                if let l = limit, m.date.epochSeconds > l {
                    blocks[i].reason = "dateline in the future of the file's mtime (ignored)"
                } else {
                    blocks[i].reason = isUpdate ? "dateline (updated)" : "dateline (published)"
                    dateCandidates.append((i, m.date, isUpdate))
                    // "Published August 7, 2023 by Jane Doe".
                    if let names = Self.namesAfterBy(text, bylines), !names.isEmpty {
                        blocks[i].role = .byline
                        blocks[i].reason = "byline and dateline"
                        bylineCandidates.append((i, names))
                    }
                }
                continue
            }
            // A label alone ("Written by", "Author") puts the name on the next line.
            if i + 1 < blocks.count, hashes.count <= 2, let first = hashes.first,
                BylineParser.firstWords.contains(first), BylineParser.prefixHashes.contains(where: { $0[...] == hashes }),
                blocks[i + 1].features.words <= 6, !blocks[i + 1].features.endsSentence,
                let names = bylines.parse("By " + blocks[i + 1].text), !names.isEmpty
            {
                blocks[i].role = .byline
                blocks[i].quality = .bad
                blocks[i].reason = "byline label"
                blocks[i + 1].role = .byline
                blocks[i + 1].quality = .bad
                blocks[i + 1].reason = "byline (after its label)"
                bylineCandidates.append((i + 1, names))
                // "By" / "Jane Doe on Dec. 13, 2025".
                if blocks[i + 1].tokens.shape.yearLikeNumbers > 0,
                    let m = dates.parse(blocks[i + 1].text, zone: zone, referenceYear: referenceYear),
                    limit.map({ m.date.epochSeconds <= $0 }) ?? true
                {
                    dateCandidates.append((i + 1, m.date, false))
                }
                continue
            }
            // A byline has 2–16 words and, when longer than six, does not end like a sentence (the parser's own
            // rules, checked here on the features so that prose starting with "Di" or "Par" is not parsed).
            if let first = hashes.first, BylineParser.firstWords.contains(first),
                (2...16).contains(features.words), features.words <= 6 || !features.endsSentence,
                let names = bylines.parse(text, hashes: hashes)
            {
                blocks[i].role = .byline
                blocks[i].quality = .bad
                blocks[i].reason = names.isEmpty ? "byline without names" : "byline"
                if !names.isEmpty { bylineCandidates.append((i, names)) }
                if let m = dates.parse(text, zone: zone, referenceYear: referenceYear),
                    limit.map({ m.date.epochSeconds <= $0 }) ?? true
                {
                    dateCandidates.append((i, m.date, false))
                }
                continue
            }
            // A date with a few words beside it: "Jane Doe October 11, 2024", "Nov 8, 2025 7 min read".
            // (A year is written: a date without one beside other words may be a holiday or a deadline.)
            if features.words <= 20, shape.yearLikeNumbers > 0, !features.endsSentence,
                let m = dates.parse(text, zone: zone, referenceYear: referenceYear),
                m.totalTokens - m.usedTokens <= 5 || Self.startsWithName(text, bylines)
            {
                if let l = limit, m.date.epochSeconds > l { continue }
                blocks[i].role = .dateline
                blocks[i].quality = .bad
                blocks[i].reason = "dateline (a date with a few words beside it)"
                let isUpdate = hashes.prefix(3).contains { Self.updateWordHashes.contains($0) }
                dateCandidates.append((i, m.date, isUpdate))
                // "Jane Doe October 11, 2024" and "May 18, 2023 By Jane Doe": the author's name.
                if let names = Self.namesAfterBy(text, bylines) ?? Self.leadingNames(text, bylines), !names.isEmpty {
                    blocks[i].role = .byline
                    blocks[i].reason = "byline and dateline"
                    bylineCandidates.append((i, names))
                }
                continue
            }
            // "Jane Doe | May 22, 2025", "On May 2, 2025 by Jane Doe", "By Jane Doe · Editor · Updated May 5, 2025":
            // a line of metadata pieces between separators, read piece by piece.
            if features.words <= 30, shape.numericWords > 0, !features.endsSentence || features.words <= 12,
                shape.yearLikeNumbers > 0 || hashes.contains(where: { DateParser.monthHashes.contains($0) }),
                let found = Self.metadataPieces(text, dates: dates, bylines: bylines, zone: zone, year: referenceYear)
            {
                if let l = limit, found.date.date.epochSeconds > l { continue }
                blocks[i].role = found.names.isEmpty ? .dateline : .byline
                blocks[i].quality = .bad
                blocks[i].reason = found.names.isEmpty ? "dateline (one of its pieces)" : "byline and dateline"
                dateCandidates.append((i, found.date.date, found.date.isUpdate))
                if !found.names.isEmpty { bylineCandidates.append((i, found.names)) }
                continue
            }
            // "Posted on May 2, 2025 by Jane Doe - 5 Comments on …": a cue and a date open a line of any length.
            if features.words <= 60, shape.numericWords > 0,
                let found = Self.cuedDate(text, hashes: hashes, dates: dates, zone: zone, year: referenceYear)
            {
                if let l = limit, found.date.epochSeconds > l { continue }
                blocks[i].role = .dateline
                blocks[i].quality = .bad
                blocks[i].reason = "dateline (a cue and a date open the line)"
                dateCandidates.append((i, found.date, found.isUpdate))
                if let names = Self.namesAfterBy(text, bylines), !names.isEmpty {
                    blocks[i].role = .byline
                    blocks[i].reason = "byline and dateline (a cue and a date open the line)"
                    bylineCandidates.append((i, names))
                }
                continue
            }
            if features.words <= 45,
                features.words <= 6 || features.hasSlash || features.hasColon,
                let c = creditParser.parse(
                    text,
                    hashes: hashes,
                    mayHaveSlash: features.hasSlash,
                    mayHaveColon: features.hasColon
                )
            {
                blocks[i].quality = .bad
                credits.append(c.credit)
                if let caption = c.caption {
                    blocks[i].role = .caption
                    blocks[i].reason = "photo caption with credit"
                    captions.append(caption)
                } else {
                    blocks[i].role = .credit
                    blocks[i].reason = "photo credit"
                    // A gallery prints the caption on its own line above the credit: a line of moderate length
                    // that does not end like a sentence, right before a credit, is that caption.
                    let p = i - 1
                    if p >= 0, blocks[p].role == .body, (6...30).contains(blocks[p].features.words),
                        !blocks[p].features.endsSentence, blocks[p].features.strongHit == nil,
                        blocks[p].features.links == 0, !blocks[p].features.bullet
                    {
                        blocks[p].role = .caption
                        blocks[p].quality = .bad
                        blocks[p].reason = "photo caption (the line above a credit)"
                        captions.append(blocks[p].text)
                    }
                }
            }
        }

        // 2. Boilerplate: features, blank-line groups, neighbours; a tail of widgets; the article's core.
        var allNames: [String] = []
        for c in bylineCandidates { for n in c.names where !allNames.contains(n) { allNames.append(n) } }
        let classifier = BoilerplateClassifier(languageKnown: languageKnown, bylineNames: allNames)
        classifier.classify(&blocks)
        if let tail = classifier.tailStart(blocks) {
            for k in tail..<blocks.count where blocks[k].role == .body && blocks[k].quality != .bad {
                blocks[k].quality = .bad
                blocks[k].reason = "after the article, inside a run of appeals and widgets"
                blocks[k].inAppealTail = true
            }
        }
        // Pages that print the author's name alone beside the dateline have no "By": that name is the byline.
        if bylineCandidates.isEmpty,
            let k = blocks.indices.first(where: { blocks[$0].marks.contains(.bareName) }),
            let names = bylines.parse("By " + blocks[k].text), !names.isEmpty
        {
            bylineCandidates.append((k, names))
            blocks[k].role = .byline
            blocks[k].reason = "byline (a name alone beside the dateline)"
        }
        var core = classifier.core(blocks)
        if core == nil {
            // No prose at all (a very short text): keep whatever is not clearly boilerplate.
            core = 0..<blocks.count
            for k in blocks.indices where blocks[k].role == .body && blocks[k].quality != .bad {
                blocks[k].quality = .good
            }
        }
        let coreRange = core!

        // 3. Headline and standfirst: read backwards from the first paragraph of prose.
        var bodyStart: Int? = nil
        for k in coreRange
        where blocks[k].role == .body && blocks[k].quality == .good && blocks[k].features.endsSentence
            && blocks[k].features.words >= 8
        {
            bodyStart = k
            break
        }
        if bodyStart == nil {
            bodyStart = coreRange.first { blocks[$0].role == .body && blocks[$0].quality == .good }
        }
        var titleText: String? = nil
        var titleIndex: Int? = nil
        // Whether the headline is the page title's own line: then no later witness overrides it.
        var titleFromPageTitle = false
        var standfirstText: String? = nil
        if let start = bodyStart {
            var k = start - 1
            var steps = 0
            while k >= 0 && steps < 12 {
                let b = blocks[k]
                steps += 1
                // Metadata, short chrome, widgets, one-word labels and lines made mostly of numbers (a dateline in
                // a language whose month names we do not know) are stepped over on the way up to the headline.
                if b.role != .body || (b.quality == .bad && (b.features.words <= 4 || b.category != nil))
                    || b.features.words <= 1 || b.tokens.shape.numericWords * 2 >= b.features.words
                {
                    k -= 1
                    continue
                }
                // A name alone beside the dateline, under a title-like line, is the author's, not the headline.
                if k > 0, Self.isNameLine(b, bylines),
                    (k + 1 < blocks.count && blocks[k + 1].role == .dateline) || blocks[k - 1].role == .dateline,
                    Self.looksLikeTitle(blocks[k - 1]) || blocks[k - 1].role == .dateline
                {
                    k -= 1
                    continue
                }
                // The line right above a byline or dateline is the headline even when it ends with a full stop.
                let aboveMeta = k + 1 < blocks.count && (blocks[k + 1].role == .byline || blocks[k + 1].role == .dateline)
                if Self.looksLikeTitle(b, mayEndWithStop: aboveMeta) {
                    blocks[k].role = .title
                    blocks[k].reason = "headline: the last title-like line before the first paragraph"
                    titleText = b.text
                    titleIndex = k
                }
                break
            }
            // Whole-page dumps start with the page's <title>, "Headline | Site": when it, or its part before a
            // site separator, recurs as a line of its own, that line is the headline.
            func setTitle(_ k: Int, reason: String) {
                if let old = titleIndex, old != k {
                    blocks[old].role = .boilerplate
                    blocks[old].reason = "title-like line above the first paragraph, not the page's headline"
                }
                if blocks[k].role == .body || blocks[k].role == .boilerplate {
                    blocks[k].role = .title
                    blocks[k].reason = reason
                }
                titleText = blocks[k].text
                titleIndex = k
            }
            var aboveMetadata: Int? = nil
            if let (k, _) = Self.headlineFromPageTitle(blocks, bodyStart: start) {
                setTitle(k, reason: "headline: the page title's line")
                titleFromPageTitle = true
            } else if let k = Self.pageTitleHeadlineAnywhere(blocks) {
                setTitle(k, reason: "headline: the page title's headline, recurring as a line")
                titleFromPageTitle = true
            } else if let k = Self.breadcrumbHeadline(blocks) {
                setTitle(k, reason: "headline: the breadcrumb's last step, recurring as a line")
                titleFromPageTitle = true
            } else {
                if let k = Self.headlineAboveMetadata(blocks, bodyStart: start) {
                    // The headline stands above the byline and date block, wherever the first paragraph is.
                    if k != titleIndex { setTitle(k, reason: "headline: the line above the byline and date") }
                    aboveMetadata = k
                }
                if Self.looksLikeTitle(blocks[0], mayEndWithStop: false), blocks[0].features.words >= 3,
                    blocks[0].role == .body || blocks[0].role == .boilerplate,
                    titleText == nil || TitleParser().split(blocks[0].text).site != nil
                        || (blocks[0].features.words >= 5 && (aboveMetadata ?? 0) <= 8)
                {
                    // Otherwise a first line that reads "Headline | Site" is the page title, a better witness than
                    // a title-like line guessed above the first paragraph; so is a plain first line of five words
                    // or more, unless a headline stands above a byline block far below it (then the first line is
                    // a whole page's <title>, the line above the byline the article's own headline).
                    setTitle(0, reason: "headline: the page title on the first line")
                    // The article's own headline is usually a variant of the <title>: a title-like line above
                    // the first paragraph that shares most of its content words is the one the page shows.
                    // (Only a first line with a site's name is surely a <title>; a plain one may be the headline.)
                    if TitleParser().split(blocks[0].text).site != nil,
                        let k = Self.variantOfPageTitle(blocks, bodyStart: start)
                    {
                        setTitle(k, reason: "headline: a variant of the page title")
                    }
                }
            }
            // A lead sentence set apart from the body by badges, a byline or a dateline is the standfirst.
            let b = blocks[start]
            if b.features.words <= 60 {
                var j = start + 1
                var sawMeta = false
                while j < blocks.count, blocks[j].role != .body || blocks[j].quality == .bad {
                    // Bylines, datelines and badges set a lead apart; a photo between paragraphs does not.
                    let role = blocks[j].role
                    if role == .byline || role == .dateline || blocks[j].marks.contains(.badge) { sawMeta = true }
                    j += 1
                }
                let nearTop = titleText != nil || !blocks[..<start].contains { $0.role == .body && $0.quality == .good }
                if sawMeta, nearTop, j < blocks.count, j > start + 1, blocks[j].quality == .good {
                    blocks[start].role = .standfirst
                    blocks[start].reason = "lead set apart from the body by metadata lines"
                    standfirstText = b.text
                    bodyStart = j
                }
            }
        }

        // 3b. Byline and dates: the candidates nearest the headline (or the first paragraph).
        let anchor = titleIndex ?? bodyStart
        // A run of "By X" lines naming one word each is a filter menu ("By Role", "By Industry"), not a byline.
        let candidateLines = Set(bylineCandidates.map(\.index))
        func isShortItem(_ k: Int) -> Bool {
            k >= 0 && k < blocks.count && k != titleIndex && blocks[k].role == .body && blocks[k].features.words <= 3
                && !blocks[k].features.endsSentence
        }
        let signed = bylineCandidates.filter { c in
            let oneWord = c.names.allSatisfy { !$0.contains(" ") }
            if oneWord && (candidateLines.contains(c.index - 1) || candidateLines.contains(c.index + 1)) {
                return false
            }
            // "By Role" between "Solutions" and "Marketing": a menu's heading, dated by nothing. A full name between
            // short badges ("Cite this Webpage", "By Jane Doe", "Fact Checked") is a byline all the same.
            return !(oneWord && blocks[c.index].tokens.shape.numericWords == 0 && isShortItem(c.index - 1)
                && isShortItem(c.index + 1))
        }
        var bylineIndex: Int? = nil
        if let n = Self.nearest(signed.map(\.index), anchor: anchor) {
            byline = signed[n].names
            bylineIndex = signed[n].index
        } else if let t = titleIndex, let k = Self.bareName(blocks, after: t, bodyStart: bodyStart),
            Self.readsAsPersonName(blocks[k].text, in: blocks),
            let names = bylines.parse("By " + blocks[k].text), !names.isEmpty
        {
            // A name alone under the headline, beside the date: "Headline / Jane Doe / May 2, 2025".
            byline = names
            bylineIndex = k
            blocks[k].role = .byline
            blocks[k].reason = "byline (a name alone under the headline, beside the date)"
        }
        let publishedCandidates = dateCandidates.filter { !$0.isUpdate }
        let updateCandidates = dateCandidates.filter { $0.isUpdate }
        /// The update and publication datelines nearest `anchor`; a page that shows only when it was updated is
        /// dated by that.
        func pickDates(anchor: Int?) -> (published: DateCandidate?, updated: DateCandidate?) {
            let updated = Self.nearest(updateCandidates.map(\.index), anchor: anchor).map { updateCandidates[$0] }
            let published =
                Self.nearest(publishedCandidates.map(\.index), anchor: anchor).map { publishedCandidates[$0] }
            return (published ?? updated, updated)
        }
        var (publishedPick, updatedPick) = pickDates(anchor: anchor)
        if byline.isEmpty, let p = publishedPick?.index, let k = Self.nameBesideDateline(blocks, dateline: p, bylines),
            let names = bylines.parse("By " + blocks[k].text), !names.isEmpty
        {
            // "Jane Doe / September 4, 2025": a full name alone right beside the article's dateline.
            byline = names
            bylineIndex = k
            blocks[k].role = .byline
            blocks[k].reason = "byline (a name alone beside the article's dateline)"
        } else if byline.isEmpty, let k = Self.authorBoxName(blocks, bylines),
            let names = bylines.parse("By " + blocks[k].text), !names.isEmpty
        {
            // "Jane Doe" / "Jane Doe is a reporter who …": the page signs the article only in its author box
            // (which stands apart from the headline, so it does not place the headline).
            byline = names
            blocks[k].role = .byline
            blocks[k].reason = "byline (the name heading an author box)"
        }
        // The article's byline and date block stands under its headline: the title-like line above the chosen
        // block is a better witness than a line guessed above the first paragraph (a page's menus, teasers and
        // ads often sit between the headline and the text).
        if !titleFromPageTitle, let m = Self.metadataBlockStart(byline: bylineIndex, dateline: publishedPick?.index),
            let k = Self.headlineAbove(blocks, meta: m, overLead: true), k != titleIndex,
            // A headline a few lines above the candidate has it as its dek ("Headline / Dek / By Jane Doe").
            titleIndex.map({ !((k - 4)..<k).contains($0) }) ?? true,
            // Comments and sidebars are signed and dated too: the headline above them shares no words with the
            // page title, and stands further down than an article's own, which opens a dump of the article element.
            k < 12 || Self.echoesPageTitle(blocks, k)
        {
            if let old = titleIndex {
                blocks[old].role = .boilerplate
                blocks[old].reason = "title-like line, not the headline above the byline and date"
            }
            if blocks[k].role == .body || blocks[k].role == .boilerplate || blocks[k].role == .standfirst {
                if blocks[k].role == .standfirst { standfirstText = nil }
                blocks[k].role = .title
                blocks[k].reason = "headline: the line above the article's byline and date"
            }
            titleText = blocks[k].text
            titleIndex = k
            // The headline moved: the datelines nearest it are the article's (the header's "today" is not).
            (publishedPick, updatedPick) = pickDates(anchor: k)
        }
        let published = publishedPick?.date
        let updated = updatedPick?.date

        // 4. Roles for everything else: outside the core or judged bad means boilerplate.
        for k in blocks.indices where blocks[k].role == .body {
            if !coreRange.contains(k) {
                blocks[k].role = .boilerplate
                blocks[k].reason = "outside the article's core (\(blocks[k].reason))"
            } else if blocks[k].quality == .bad {
                blocks[k].role = .boilerplate
            } else if let s = bodyStart, k < s {
                // Between the headline and the first paragraph: kept only when it reads as prose.
                // A long block of prose stays even without a final full stop (some sites drop it).
                if blocks[k].quality != .good || (!blocks[k].features.endsSentence && blocks[k].features.words < 15) {
                    blocks[k].role = .boilerplate
                    blocks[k].reason = "before the first paragraph (\(blocks[k].reason))"
                }
            }
        }

        // 5. Captions inside the body: glued ones ("… talks. Above: …") and runs of unpunctuated picture lines.
        let markers = [" Above: ", " Below: ", " Pictured: ", " Top: ", " Main image: ", " Left: ", " Right: "]
        for k in blocks.indices where blocks[k].role == .body && blocks[k].features.hasColon {
            for marker in markers {
                guard let r = ByteSearch.range(of: marker, in: blocks[k].text) else { continue }
                let head = String(blocks[k].text[..<r.lowerBound])
                let caption = String(blocks[k].text[r.upperBound...])
                captions.append(caption)
                blocks[k].text = head
                blocks[k].tokens = LineTokens(Tokenizer.tokenize(head), stopLanguages: stopLanguages)
                blocks[k].reason += "; caption split off: \(marker.trimmed(" :"))"
                break
            }
        }
        Self.markCaptionRuns(&blocks, after: bodyStart ?? 0, captions: &captions)

        // 6. Paragraphs that restate an earlier one are kept once.
        let bodyIndices = blocks.indices.filter { blocks[$0].role == .body }
        let dups = NearDuplicates().duplicates(of: bodyIndices, blocks: blocks)
        for (k, original) in dups {
            blocks[k].role = .duplicate
            blocks[k].reason = "restates line \(blocks[original].lineNumber)"
        }

        // 7. Fields: hints win over guesses.
        var outlet: String? = nil
        if let t = titleText {
            // "Headline | Section - Site": sites are split off one by one, the outermost being the outlet.
            let pageTitle = titleIndex == 0
            var (clean, site) = TitleParser().split(String(t.trimmed(" |-–—·•:")), pageTitle: pageTitle)
            for _ in 0..<3 where site != nil {
                let (head, more) = TitleParser().split(clean, pageTitle: pageTitle)
                guard more != nil else { break }
                clean = head
            }
            titleText = clean
            outlet = site
        }
        // Whole-page dumps often carry the page's <title> ("Headline - Site") above the headline itself.
        if outlet == nil, let t = titleText {
            // UTF-8 lengths: `count` would walk every grapheme of twelve lines.
            for k in blocks.indices.prefix(12)
            where blocks[k].text.utf8.count > t.utf8.count && blocks[k].text.hasPrefix(t) {
                let (_, site) = TitleParser().split(blocks[k].text)
                if let site {
                    outlet = site
                    break
                }
            }
        }
        if let hinted = hints.title {
            titleText = hinted
            let folded = Folding.fold(hinted)
            for k in blocks.indices where blocks[k].role == .body && Folding.fold(blocks[k].text) == folded {
                blocks[k].role = .title
                blocks[k].reason = "equals the sidecar's title"
            }
        }
        if outlet == nil {
            let finder = OutletFinder()
            for k in blocks.indices
            where blocks[k].role == .boilerplate
                && (blocks[k].category == .donation || blocks[k].category == .legal
                    || blocks[k].category == .disclaimer || blocks[k].inAppealTail)
            {
                // The cues are read from the block's hashes once, without copying them, and only a block with one
                // is searched.
                let cues = OutletFinder.cueMask(blocks[k].tokens.hashes)
                if cues != 0, let o = finder.find(in: blocks[k].text, cues: cues) {
                    outlet = o
                    break
                }
            }
        }
        if let o = hints.outlet { outlet = o }
        var publishedText = published?.iso8601
        if let p = hints.published { publishedText = p }

        // Indices, not copies: a Block copy retains and releases every buffer it holds.
        let body = blocks.indices.filter { blocks[$0].role == .body }
        // The language reported is the article's: when chrome made up much of the text, read it again from the
        // body alone.
        var articleLanguage = language
        var allWords = 0
        for k in blocks.indices { allWords += blocks[k].tokens.hashes.count }
        var bodyWords = 0
        for k in body { bodyWords += blocks[k].tokens.hashes.count }
        if bodyWords * 10 < allWords * 7 {
            var bodyHashes: [UInt64] = []
            var bodyText = ""
            for k in body where bodyHashes.count < 800 {
                bodyHashes.append(contentsOf: blocks[k].tokens.hashes)
                if bodyText.utf8.count < 1200 { bodyText += blocks[k].text + " " }
            }
            articleLanguage = LanguageDetector().detect(hashes: bodyHashes, text: bodyText) ?? language
        }
        var boilerplate: [RemovedBlock] = []
        for k in blocks.indices {
            let role = blocks[k].role
            guard role != .body && role != .title && role != .standfirst else { continue }
            boilerplate.append(
                RemovedBlock(
                    text: blocks[k].text,
                    reason: role == .boilerplate ? blocks[k].reason : "\(role.rawValue): \(blocks[k].reason)"
                )
            )
        }
        self.blocks = blocks
        self.core = coreRange
        self.article = Article(
            title: titleText,
            standfirst: standfirstText,
            url: hints.url ?? Self.addressLine(in: lines),
            byline: byline,
            outlet: outlet,
            published: publishedText,
            updated: updated?.iso8601,
            language: articleLanguage,
            encoding: decoded.encoding,
            body: body.map { blocks[$0].text },
            captions: captions,
            credits: credits,
            wordCount: bodyWords,
            boilerplate: boilerplate
        )
        self.article.addEntitiesAndQuotes()
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

    /// Separators between the pieces of a metadata line ("Jane Doe | May 2, 2025 | News").
    static let pieceSeparators = [" | ", " · ", " • ", " ⋅ ", " — ", " – ", " - ", " // ", " / "]

    /// A line of metadata pieces ("Jane Doe | May 22, 2025", "Posted on May 2, 2025 by Jane Doe - 5 Comments",
    /// "By Jane Doe · Editor · Updated May 5, 2025"): the first piece that is a dateline on its own, and the names of
    /// a piece that is a byline. Nil without a dateline piece, or when the line has only one piece.
    static func metadataPieces(
        _ text: String, dates: DateParser, bylines: BylineParser, zone: String?, year: Int?
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
        for piece in pieces {
            let t = piece.trimmed(" ,;")
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
                let n = bylines.parse(String(t), hashes: tokens.hashes[...])
            {
                names = n
            }
        }
        guard let date else { return nil }
        return (date, names)
    }

    /// The candidate nearest the article's head (`anchor`, the headline or the first paragraph), looking below it
    /// first: bylines and datelines sit under the headline far more often than above it. Candidates more than 40
    /// lines away are page furniture; then the first one in reading order, as before headlines were known.
    static func nearest(_ indices: [Int], anchor: Int?) -> Int? {
        guard let anchor else { return indices.indices.first }
        var best: Int? = nil
        var bestDistance = Int.max
        for (n, k) in indices.enumerated() {
            let d = k >= anchor ? k - anchor : (anchor - k) * 2
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
        // Two words at least: a site name alone ("Home") is no headline.
        let wanted = Set(
            parts.map { Folding.fold(String($0)).lowercased() }.filter { $0.utf8.count >= 8 && $0.contains(" ") })
        guard !wanted.isEmpty else { return nil }
        // The parts' word hashes: a line is folded and compared only when its words are a part's words.
        let wantedWords = Set(parts.map { Tokenizer.tokenize(String($0)).hashes }.filter { $0.count >= 3 })
        let wordCounts = Set(wantedWords.map(\.count))
        let firstWords = Set(wantedWords.compactMap(\.first))
        // The longest part that recurs: the site's name recurs too (its logo), but is the shorter part.
        var best: (index: Int, length: Int)? = nil
        for k in 1..<min(blocks.count, bodyStart + 6) where k != bodyStart {
            // Scalars first: a Block or its slices taken out of the array are retained and released.
            guard wordCounts.contains(blocks[k].features.words) else { continue }
            let hashes = blocks[k].tokens.hashes
            guard let h = hashes.first, firstWords.contains(h), wordCounts.contains(hashes.count),
                wantedWords.contains(Array(hashes))
            else { continue }
            let folded = Folding.fold(blocks[k].text).lowercased()
            guard wanted.contains(folded) else { continue }
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
    /// to eight with "and" or a "|" role), no digits, no sentence, next to a dateline or a dateline two lines on.
    static func bareName(_ blocks: [Block], after t: Int, bodyStart: Int?) -> Int? {
        func isDate(_ k: Int) -> Bool { k >= 0 && k < blocks.count && blocks[k].role == .dateline }
        for j in (t + 1)..<min(blocks.count, t + 4) where j != bodyStart {
            let b = blocks[j]
            let f = b.features
            guard b.role == .body || b.role == .boilerplate, f.words >= 1, !f.endsSentence, f.links == 0,
                !f.hasColon, f.strongHit == nil, b.tokens.shape.numericWords == 0
            else { continue }
            // Longer lines name someone with a role or credentials: "Jane Doe, MS, RD", "Jane Doe Founder & CEO".
            let joined = f.words <= 8 && (b.text.contains(" | ") || b.text.contains(" and ") || b.text.contains(","))
            guard f.words <= 4 || joined || (f.words <= 7 && f.capitalized >= f.words - 1),
                f.capitalized >= f.words - (joined ? 2 : 1)
            else { continue }
            if isDate(j + 1) || isDate(j - 1) || isDate(j + 2) { return j }
        }
        return nil
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
            return bylines.parse(String(text[text.index(after: r.lowerBound)...]))
        }
        return nil
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
            if isMeta(k) || f.words <= 1 {
                k -= 1
                continue
            }
            if overLead, leads == 0, f.endsSentence, f.words >= 15 {
                leads += 1
                k -= 1
                continue
            }
            // A list of names ("Ann Lee, Tom Brown & Sam Roe") signs the article; a headline starts with a capital.
            if overLead, (bylines.parse("By " + b.text)?.count ?? 0) >= 2 {
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
    /// Folds `s` for comparison.
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for c in s.unicodeScalars {
            var x = c
            switch c.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x0060: x = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033: x = "\""
            default: break
            }
            if x.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(x)
        }
        return String(out)
    }
}
