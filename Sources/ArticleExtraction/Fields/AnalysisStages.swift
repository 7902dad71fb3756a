/// The stages of one analysis, in order, over the state they share: each stage is a method that reads what the
/// earlier ones left (block roles, qualities, marks, candidates) and leaves its own findings.
extension Analysis {
    struct Work {
        let hints: ExtractionHints
        let lines: [NormalizedLine]
        let encoding: String
        let language: String?
        let languageKnown: Bool
        /// The stop-word lists of the document's language (of every language when it has none).
        let stopLanguages: Int
        var blocks: [Block]
        /// Dates later than the file's mtime plus a day are ignored; a year-less date takes the mtime's year.
        let limit: Int?
        let referenceYear: Int?
        let zone: String?
        let dates = DateParser()
        let bylines = BylineParser()
        let creditParser = CreditParser()
        /// Every dateline and byline is a candidate; the ones nearest the headline are chosen once it is known,
        /// because pages also date and sign their sidebars, comments and related stories.
        var dateCandidates: [DateCandidate] = []
        var bylineCandidates: [(index: Int, names: [String])] = []
        var byline: [String] = []
        var captions: [String] = []
        var credits: [String] = []
        /// The article's core: the run of blocks that holds its prose.
        var coreRange: Range<Int> = 0..<0
        var bodyStart: Int? = nil
        var titleText: String? = nil
        var titleIndex: Int? = nil
        /// Whether the headline is the page title's own line: then no later witness overrides it.
        var titleFromPageTitle = false
        var standfirstText: String? = nil
        var published: ParsedDate? = nil
        var updated: ParsedDate? = nil

        /// Decoding, lines, tokens, the language and the blocks: everything the stages start from.
        init(bytes: [UInt8], hints: ExtractionHints) throws(ExtractionRejection) {
            let decoded = try TextDecoding.decode(bytes)
            if MarkupDetector.isMarkup(decoded.text) { throw .markup }
            let lines = Analysis.joinHardWrapped(Normalizer.lines(decoded.text))
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

            self.hints = hints
            self.lines = lines
            self.encoding = decoded.encoding
            self.language = language
            self.languageKnown = languageKnown
            self.stopLanguages = stopLanguages
            self.blocks = blocks
            self.limit = hints.modified.map { Int($0) + 86400 }
            self.referenceYear = hints.modified.map { DateParser.year(ofEpoch: $0) }
            self.zone = Analysis.defaultZone(language)
        }

        /// `date` when it is not in the future of the file's mtime. A date written without its year took the
        /// mtime's year; when that puts it in the future, the page meant the last such day before ("Dec 19" on a page
        /// saved in January).
        func admitted(_ date: ParsedDate) -> ParsedDate? {
            guard let l = limit, date.epochSeconds > l else { return date }
            guard !date.yearWritten else { return nil }
            var earlier = date
            earlier.year -= 1
            return earlier.day <= DateParser.daysIn(earlier.year, earlier.month) ? earlier : nil
        }

        /// Stage 1: lines that are metadata (datelines, bylines, credits, captions with a credit).
        mutating func findMetadataLines() {
            // 1. Lines that are metadata: datelines, bylines, credits and captions with a credit.
            // Every dateline and byline is a candidate; the ones nearest the headline are chosen once it is known,
            // because pages also date and sign their sidebars, comments and related stories.
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
                    Analysis.fewWordsBesideDate(hashes, numericWords: shape.numericWords),
                    let m = dates.parse(text, zone: zone, referenceYear: referenceYear)
                {
                    let isUpdate = hashes.prefix(3).contains { Analysis.updateWordHashes.contains($0) }
                    blocks[i].role = .dateline
                    blocks[i].quality = .bad
                    if let date = admitted(m.date) {
                        blocks[i].reason = isUpdate ? "dateline (updated)" : "dateline (published)"
                        dateCandidates.append((i, date, isUpdate))
                        // "Published August 7, 2023 by Jane Doe".
                        if let names = Analysis.namesAfterBy(text, bylines), !names.isEmpty {
                            blocks[i].role = .byline
                            blocks[i].reason = "byline and dateline"
                            bylineCandidates.append((i, names))
                        }
                    } else {
                        blocks[i].reason = "dateline in the future of the file's mtime (ignored)"
                    }
                    continue
                }
                // A label alone ("Written by", "Author", "Article written by:") puts the name on the next line.
                if i + 1 < blocks.count, hashes.count <= 3, let first = hashes.first,
                    BylineParser.firstWords.contains(first), BylineParser.prefixHashes.contains(where: { $0[...] == hashes }),
                    // A short name may end in a credential's full stop ("Jane Doe, Ph.D.").
                    blocks[i + 1].features.words <= 6, !blocks[i + 1].features.endsSentence || blocks[i + 1].features.words <= 4,
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
                        let date = admitted(m.date)
                    {
                        dateCandidates.append((i + 1, date, false))
                    }
                    continue
                }
                // A byline has 2–16 words and, when longer than six, does not end like a sentence (the parser's own
                // rules, checked here on the features so that prose starting with "Di" or "Par" is not parsed).
                if let first = hashes.first, BylineParser.firstWords.contains(first),
                    (2...24).contains(features.words), features.words <= 6 || !features.endsSentence,
                    let names = bylines.parse(text, hashes: hashes, handles: true)
                {
                    blocks[i].role = .byline
                    blocks[i].quality = .bad
                    blocks[i].reason = names.isEmpty ? "byline without names" : "byline"
                    if !names.isEmpty { bylineCandidates.append((i, names)) }
                    if let m = dates.parse(text, zone: zone, referenceYear: referenceYear),
                        let date = admitted(m.date)
                    {
                        dateCandidates.append((i, date, false))
                    }
                    continue
                }
                // A date with a few words beside it: "Jane Doe October 11, 2024", "Nov 8, 2025 7 min read".
                // (A year is written: a date without one beside other words may be a holiday or a deadline.)
                if features.words <= 20, shape.yearLikeNumbers > 0, !features.endsSentence,
                    let m = dates.parse(text, zone: zone, referenceYear: referenceYear),
                    m.totalTokens - m.usedTokens <= 5 || Analysis.startsWithName(text, bylines)
                {
                    guard let date = admitted(m.date) else { continue }
                    blocks[i].role = .dateline
                    blocks[i].quality = .bad
                    blocks[i].reason = "dateline (a date with a few words beside it)"
                    let isUpdate = hashes.prefix(3).contains { Analysis.updateWordHashes.contains($0) }
                    dateCandidates.append((i, date, isUpdate))
                    // "Jane Doe October 11, 2024" and "May 18, 2023 By Jane Doe": the author's name.
                    // A name that opens the line must read as a person's: "Docker Captain Dec 19, 2025" and "Weekly
                    // Wrap-Up 12/19/2025" are a label and a series beside their date.
                    if let names = Analysis.namesAfterBy(text, bylines)
                        ?? Analysis.leadingNames(text, bylines).flatMap({ names in
                            names.allSatisfy { Analysis.readsAsPersonName($0, in: blocks) } ? names : nil
                        })
                        ?? Analysis.trailingName(text, bylines, isPersonName: { Analysis.readsAsPersonName($0, in: blocks) }),
                        !names.isEmpty
                    {
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
                    let found = Analysis.metadataPieces(
                        text, dates: dates, bylines: bylines, zone: zone, year: referenceYear,
                        isPersonName: { Analysis.readsAsPersonName($0, in: blocks) })
                {
                    guard let date = admitted(found.date.date) else { continue }
                    blocks[i].role = found.names.isEmpty ? .dateline : .byline
                    blocks[i].quality = .bad
                    blocks[i].reason = found.names.isEmpty ? "dateline (one of its pieces)" : "byline and dateline"
                    dateCandidates.append((i, date, found.date.isUpdate))
                    if !found.names.isEmpty { bylineCandidates.append((i, found.names)) }
                    continue
                }
                // "Posted on May 2, 2025 by Jane Doe - 5 Comments on …": a cue and a date open a line of any length.
                if features.words <= 60, shape.numericWords > 0,
                    let found = Analysis.cuedDate(text, hashes: hashes, dates: dates, zone: zone, year: referenceYear)
                {
                    guard let date = admitted(found.date) else { continue }
                    blocks[i].role = .dateline
                    blocks[i].quality = .bad
                    blocks[i].reason = "dateline (a cue and a date open the line)"
                    dateCandidates.append((i, date, found.isUpdate))
                    if let names = found.signer.flatMap({ bylines.parse("By " + $0, handles: true) })
                        ?? Analysis.namesAfterBy(text, bylines), !names.isEmpty
                    {
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
                            blocks[p].features.links == 0, !blocks[p].features.bullet,
                            // The headline above a credit line ("The 11 Best Wireless Headphones of 2025" / "Lists /
                            // Top 10's News") restates the page title, or opens the dump.
                            p > 0, !Analysis.echoesPageTitle(blocks, p)
                        {
                            blocks[p].role = .caption
                            blocks[p].quality = .bad
                            blocks[p].reason = "photo caption (the line above a credit)"
                            captions.append(blocks[p].text)
                        }
                    }
                }
            }
            dropDateRows()
            addPublicationDatesAfterUpdates()
        }

        /// A dateline that opens with its update date may go on to say when the article was first published: that
        /// date is a publication candidate on the same line.
        mutating func addPublicationDatesAfterUpdates() {
            for c in dateCandidates where c.isUpdate {
                guard
                    let date = Analysis.laterPublicationDate(
                        blocks[c.index].text, dates: dates, zone: zone, year: referenceYear),
                    let admitted = admitted(date)
                else { continue }
                dateCandidates.append((c.index, admitted, false))
            }
        }

        /// Three or more date lines in a row, each with another date ("1/1/2013 +13.1%", "2/1/2013 +12.8%"), are
        /// the rows of a table or a list of dated links, not the article's dateline: they are no candidates. They
        /// stay out of the body as before (lists of dated links are the common case, and as body lines they pulled
        /// whole sidebars into the article).
        mutating func dropDateRows() {
            var runStart = 0
            var k = 0
            while k <= dateCandidates.count {
                let continues =
                    k < dateCandidates.count && k > runStart
                    && dateCandidates[k].index == dateCandidates[k - 1].index + 1
                if k == dateCandidates.count || !continues {
                    let run = dateCandidates[runStart..<k]
                    if run.count >= 3, Set(run.map { $0.date.epochSeconds / 86400 }).count == run.count {
                        for c in run where blocks[c.index].role == .dateline {
                            blocks[c.index].reason = "dated row of a table or a list, not the article's dateline"
                        }
                        dateCandidates.removeSubrange(runStart..<k)
                        k = runStart
                    }
                    runStart = k
                }
                k += 1
            }
        }

        /// Stage 2: boilerplate (features, blank-line groups, neighbours, a tail of widgets) and the article's core.
        mutating func classifyBoilerplate() {
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
            coreRange = core!

        }

        /// Stage 3: headline and standfirst, read backwards from the first paragraph of prose.
        mutating func chooseHeadline() {
            // 3. Headline and standfirst: read backwards from the first paragraph of prose.
            for k in coreRange
            where blocks[k].role == .body && blocks[k].quality == .good && blocks[k].features.endsSentence
                && blocks[k].features.words >= 8 && !Analysis.isTitleCaseQuestion(blocks[k])
            {
                bodyStart = k
                break
            }
            if bodyStart == nil {
                bodyStart = coreRange.first { blocks[$0].role == .body && blocks[$0].quality == .good }
            }
            // Whether the headline is the page title's own line: then no later witness overrides it.
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
                    if k > 0, Analysis.isNameLine(b, bylines),
                        (k + 1 < blocks.count && blocks[k + 1].role == .dateline) || blocks[k - 1].role == .dateline,
                        Analysis.looksLikeTitle(blocks[k - 1]) || blocks[k - 1].role == .dateline
                    {
                        k -= 1
                        continue
                    }
                    // The line right above a byline or dateline is the headline even when it ends with a full stop.
                    let aboveMeta = k + 1 < blocks.count && (blocks[k + 1].role == .byline || blocks[k + 1].role == .dateline)
                    if Analysis.looksLikeTitle(b, mayEndWithStop: aboveMeta) {
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
                if let (k, _) = Analysis.headlineFromPageTitle(blocks, bodyStart: start) {
                    setTitle(k, reason: "headline: the page title's line")
                    titleFromPageTitle = true
                } else if let k = Analysis.pageTitleHeadlineAnywhere(blocks) {
                    setTitle(k, reason: "headline: the page title's headline, recurring as a line")
                    titleFromPageTitle = true
                } else if let k = Analysis.breadcrumbHeadline(blocks) {
                    setTitle(k, reason: "headline: the breadcrumb's last step, recurring as a line")
                    titleFromPageTitle = true
                } else {
                    if let k = Analysis.headlineAboveMetadata(blocks, bodyStart: start) {
                        // The headline stands above the byline and date block, wherever the first paragraph is.
                        if k != titleIndex { setTitle(k, reason: "headline: the line above the byline and date") }
                        aboveMetadata = k
                    }
                    if Analysis.looksLikeTitle(blocks[0], mayEndWithStop: false), blocks[0].features.words >= 3,
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
                            let k = Analysis.variantOfPageTitle(blocks, bodyStart: start)
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

        }

        /// Stage 3b: the byline and dates nearest the headline (or the first paragraph).
        mutating func chooseBylineAndDates() {
            // 3b. Byline and dates: the candidates nearest the headline (or the first paragraph).
            let anchor = titleIndex ?? bodyStart
            // A run of "By X" lines naming one word each is a filter menu ("By Role", "By Industry"), not a byline.
            let candidateLines = Set(bylineCandidates.map(\.index))
            func isShortItem(_ k: Int) -> Bool {
                k >= 0 && k < blocks.count && k != titleIndex && blocks[k].role == .body && blocks[k].features.words <= 3
                    && !blocks[k].features.endsSentence
            }
            let signed = bylineCandidates.filter { c in
                // A lower-case user name ("by jdoe") is no word the page uses elsewhere ("By service" in a filter
                // menu, beside "customer service").
                if c.names.count == 1, let only = c.names.first, only.first?.isLowercase == true,
                    blocks.indices.contains(where: { $0 != c.index && Analysis.occursInLowerCase(only, in: blocks[$0].text) })
                {
                    return false
                }
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
            let nearestSigned = Analysis.nearest(signed.map(\.index), anchor: anchor)
            // A name alone under the headline (beside the date, over a job title, or right above the text):
            // "Headline / Jane Doe / May 2, 2025". It is the byline when no signed line stands near the headline
            // (one far from it is a sidebar's, a comment's or an author list's at the foot of the page, and only
            // the fallback), or when the signed line nearest stands below a full name.
            let bare = titleIndex.flatMap { t -> (index: Int, names: [String])? in
                guard let k = Analysis.bareName(blocks, after: t, bodyStart: bodyStart),
                    Analysis.readsAsPersonName(blocks[k].text, in: blocks),
                    let names = bylines.parse("By " + blocks[k].text), !names.isEmpty,
                    // A signed line further down than a full name right under the headline is a quote's source or
                    // a sidebar's; one within reach above it, or nearer, is the byline.
                    nearestSigned.map({
                        !Analysis.isNear(signed[$0].index, anchor: anchor)
                            || (signed[$0].index > k && names.allSatisfy { $0.contains(" ") })
                    }) ?? true
                else { return nil }
                return (k, names)
            }
            if let bare {
                byline = bare.names
                bylineIndex = bare.index
                blocks[bare.index].role = .byline
                blocks[bare.index].reason = "byline (a name alone under the headline)"
            } else if let n = nearestSigned {
                byline = signed[n].names
                bylineIndex = signed[n].index
            }
            let publishedCandidates = dateCandidates.filter { !$0.isUpdate }
            let updateCandidates = dateCandidates.filter { $0.isUpdate }
            /// The update and publication datelines nearest `anchor`; a page that shows only when it was updated is
            /// dated by that.
            func pickDates(anchor: Int?) -> (published: DateCandidate?, updated: DateCandidate?) {
                let updated = Analysis.nearest(updateCandidates.map(\.index), anchor: anchor).map { updateCandidates[$0] }
                let published =
                    Analysis.nearest(publishedCandidates.map(\.index), anchor: anchor).map { publishedCandidates[$0] }
                return (
                    (published ?? updated).map { Analysis.completingYear($0, from: dateCandidates) },
                    updated.map { Analysis.completingYear($0, from: dateCandidates) }
                )
            }
            var (publishedPick, updatedPick) = pickDates(anchor: anchor)
            if byline.isEmpty, let p = publishedPick?.index, let k = Analysis.nameBesideDateline(blocks, dateline: p, bylines),
                let names = bylines.parse("By " + blocks[k].text), !names.isEmpty
            {
                // "Jane Doe / September 4, 2025": a full name alone right beside the article's dateline.
                byline = names
                bylineIndex = k
                blocks[k].role = .byline
                blocks[k].reason = "byline (a name alone beside the article's dateline)"
            } else if byline.isEmpty, let k = Analysis.authorBoxName(blocks, bylines),
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
            if !titleFromPageTitle, let m = Analysis.metadataBlockStart(byline: bylineIndex, dateline: publishedPick?.index),
                let k = Analysis.headlineAbove(blocks, meta: m, overLead: true), k != titleIndex,
                // A headline a few lines above the candidate has it as its dek ("Headline / Dek / By Jane Doe").
                titleIndex.map({ !((k - 4)..<k).contains($0) }) ?? true,
                // Comments and sidebars are signed and dated too: the headline above them shares no words with the
                // page title, and stands further down than an article's own, which opens a dump of the article element.
                k < 12 || Analysis.echoesPageTitle(blocks, k),
                // "Data & Analytics", "Care & Healthy Living": a section's label over a signed block (a tag list's,
                // an author card's), not a headline.
                !Analysis.isSectionLabel(blocks[k])
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
            published = publishedPick?.date
            updated = updatedPick?.date

        }

        /// Stage 4: roles for everything else.
        mutating func assignRemainingRoles() {
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

        }

        /// Stage 5: captions inside the body.
        mutating func splitCaptions() {
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
            Analysis.markCaptionRuns(&blocks, after: bodyStart ?? 0, captions: &captions)

        }

        /// Stage 6: paragraphs that restate an earlier one are kept once.
        mutating func dropRestatements() {
            // 6. Paragraphs that restate an earlier one are kept once.
            let bodyIndices = blocks.indices.filter { blocks[$0].role == .body }
            let dups = NearDuplicates().duplicates(of: bodyIndices, blocks: blocks)
            for (k, original) in dups {
                blocks[k].role = .duplicate
                blocks[k].reason = "restates line \(blocks[original].lineNumber)"
            }

        }

        /// Stage 7: the article's fields, hints winning over guesses.
        mutating func article() -> Article {
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
            return Article(
                title: titleText,
                standfirst: standfirstText,
                url: hints.url ?? Analysis.addressLine(in: lines),
                byline: byline,
                outlet: outlet,
                published: publishedText,
                updated: updated?.iso8601,
                language: articleLanguage,
                encoding: encoding,
                body: body.map { blocks[$0].text },
                captions: captions,
                credits: credits,
                wordCount: bodyWords,
                boilerplate: boilerplate
            )
        }

    }
}
