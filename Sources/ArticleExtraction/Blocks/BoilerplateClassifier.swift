/// Labels blocks as article or boilerplate the way jusText does for HTML, adapted to plain text: each block is
/// judged on its own features first, then in the light of its neighbours, then the article's core (the densest
/// run of prose) is kept and the chrome around it is dropped. Conservative by design: keeping every line already
/// scores well on article-region dumps, so a block goes only when its features clearly say so.
public struct BoilerplateClassifier: Sendable {
    /// Whether the language has a stop-word list, so that stop-word density means something.
    public var languageKnown: Bool
    /// The names the byline lines gave, already parsed by the analysis (an author box is headed by one of them).
    public var bylineNames: [String]

    /// Creates a classifier.
    public init(languageKnown: Bool, bylineNames: [String] = []) {
        self.languageKnown = languageKnown
        self.bylineNames = bylineNames
    }

    /// A block's context-free class: its quality, the reason shown by `explain`, the lexicon's category, and
    /// whether it is a badge (a category tag or a reading time), which sets a lead apart as a byline does.
    public struct InitialClass: Sendable {
        public var quality: BlockQuality
        public var reason: String
        public var category: Lexicons.Category?
        public var badge: Bool

        init(_ quality: BlockQuality, _ reason: String, _ category: Lexicons.Category?, badge: Bool = false) {
            self.quality = quality
            self.reason = reason
            self.category = category
            self.badge = badge
        }
    }

    /// The context-free class of one block and the reason for it.
    public func initialQuality(
        _ f: BlockFeatures,
        text: String,
        tokens: LineTokens
    )
        -> InitialClass
    {
        if let c = f.wholeLine { return InitialClass(.bad, c.rawValue, c) }
        if f.copyright && f.words <= 40 { return InitialClass(.bad, "copyright line", .legal) }
        // One strong phrase condemns a short line; in a sentence of prose it must also speak to the reader
        // ("your support", "we use cookies"), since news about subscriptions or cookies is still news.
        if let c = f.strongHit,
            f.strongHits >= 2 || f.words <= 15 || (f.words <= 45 && (f.readerAddress > 0 || !f.endsSentence))
        {
            return InitialClass(.bad, c.rawValue, c)
        }
        // A weak word alone ("share", "email") condemns only a widget-sized line; "Share prices fell" is a
        // subheading, left to the neighbours.
        if let c = f.weakHit, !f.endsSentence, f.words <= 2 || (f.weakHits >= 2 && f.words <= 6) {
            return InitialClass(.bad, c.rawValue, c)
        }
        if f.weakHits >= 3 && f.words <= 20 { return InitialClass(.bad, f.weakHit!.rawValue, f.weakHit) }
        if f.links > 0 && f.links * 3 >= max(f.words, 1) { return InitialClass(.bad, "links and handles", .navigation) }
        if f.bullet && f.words <= 4 && !f.endsSentence { return InitialClass(.bad, "category badge", .navigation, badge: true) }
        if f.words <= 5 && f.words >= 2 && isReadingTime(tokens) { return InitialClass(.bad, "reading-time badge", .navigation, badge: true) }
        if f.words <= 5 && isRelativeTime(tokens) { return InitialClass(.bad, "timestamp", .navigation) }
        if f.words <= 3 && f.characters <= 8 && isClock(text) { return InitialClass(.bad, "timestamp", .navigation) }
        if f.words <= 3, tokens.shape.numericWords > 0, let c = counterCategory(tokens) {
            return InitialClass(.bad, "counter", c)
        }
        if f.words <= 40 && f.hasColon && hasTagLabel(text) { return InitialClass(.bad, "tags or section label", .navigation) }
        if f.hasColon && f.words <= 25 && hasRelatedLabel(text) { return InitialClass(.bad, "link to another article", .related) }
        if f.words <= 12 && !f.endsSentence && isBreadcrumb(text) { return InitialClass(.bad, "breadcrumb", .navigation) }
        if f.words < 4 || f.characters < 25 { return InitialClass(.short, "short", nil) }
        let prose = languageKnown ? f.stopDensity >= 0.18 : (f.endsSentence || f.characters >= 120)
        if f.words >= 10 && prose { return InitialClass(.good, "prose", nil) }
        if f.words >= 25 && (languageKnown ? f.stopDensity >= 0.08 : true) { return InitialClass(.good, "long text", nil) }
        return InitialClass(.nearGood, "few stop-words", nil)
    }

    static let minuteWords: Set<String> = [
        "min", "mins", "minute", "minutes", "мин", "минут", "минуты", "минута", "хв", "хвилин", "хвилини", "minuten",
        "minuto", "minutos", "minuti",
    ]
    static let readWords: Set<String> = [
        "read", "reading", "чтения", "читать", "читання", "lesezeit", "lesen", "lecture", "lectura", "leitura",
        "lettura", "de",
    ]

    static let agoWords: Set<String> = [
        "ago", "назад", "тому", "vor", "il", "hace", "há", "fa", "geleden", "temu",
    ]
    static let unitWords: Set<String> = [
        "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week",
        "weeks", "month", "months", "год", "года", "лет", "час", "часа", "часов", "минут", "минуты", "минуту", "день",
        "дня", "дней", "годину", "години", "годин", "хвилин", "хвилини", "хвилину", "днів", "stunde", "stunden",
        "minuten", "tag", "tagen", "heure", "heures", "jour", "jours", "hora", "horas", "minuto", "minutos", "día",
        "días", "dia", "dias", "ora", "ore", "minuti", "giorno", "giorni", "y", "a", "h", "m", "d", "godzin",
        "godziny", "godzinę", "minut", "minuty", "dni", "dzień", "uur", "minuten", "dagen", "dag",
    ]

    /// "2 hours ago", "5 минут назад", "vor 3 Stunden", "il y a 2 heures", "hace 1 hora".
    func isRelativeTime(_ t: LineTokens) -> Bool {
        guard t.hashes.count >= 2, t.hashes.count <= 5, t.shape.numericWords > 0 else { return false }
        return t.hashes.contains { Self.unitTable.contains($0) } && t.hashes.contains { Self.agoTable.contains($0) }
    }

    static let minuteTable = WordTable(keys: minuteWords.map(WordHash.of))
    static let readTable = WordTable(keys: readWords.map(WordHash.of))
    static let unitTable = WordTable(keys: unitWords.map(WordHash.of))
    static let agoTable = WordTable(keys: agoWords.map(WordHash.of))

    static let tagLabels: Set<String> = [
        "tags", "tag", "topics", "topic", "categories", "category", "filed under", "more on", "keywords", "теги",
        "тэги", "темы", "тема", "рубрика", "рубрики", "ключевые слова", "мітки", "теми", "рубрика", "schlagworte",
        "themen", "stichworte", "mots-clés", "mots clés", "sujets", "etiquetas", "temas", "tópicos",
        "tags relacionadas",
        "argomenti", "parole chiave", "tagi", "tematy", "słowa kluczowe", "trefwoorden", "onderwerpen", "mots clefs",
        "thèmes", "schlagwörter", "etiquetas relacionadas", "palavras-chave", "etichette",
    ]

    static let relatedLabels: Set<String> = [
        "related", "also read", "read also", "read more", "see also", "more", "watch", "listen", "video",
        "also on", "more on this", "смотрите также", "смотрите", "по теме", "читайте", "читайте также",
        "дивіться також", "дивіться", "читайте також", "siehe auch", "mehr dazu", "auch interessant", "lesen sie",
        "lesen sie auch", "voir aussi", "à voir aussi", "à voir", "lire aussi", "à lire aussi", "à lire",
        "ver también", "ver más", "lee también", "lea también", "veja também", "veja", "leia também", "leia mais",
        "vedi anche", "guarda anche", "leggi anche", "leggi", "zobacz też", "zobacz także", "zobacz",
        "czytaj także", "czytaj też", "czytaj", "lees ook", "bekijk ook", "lees meer",
    ]

    /// "RELATED: Council delays vote", "Смотрите также: …", "Voir aussi : …": a label before the colon that
    /// announces a link to another article.
    func hasRelatedLabel(_ text: String) -> Bool {
        guard let colon = text.utf8.prefix(28).firstIndex(of: 0x3A) else { return false }
        let label = text[..<colon].lowercased().trimmed(" ►▶→»>-–—•*")
        return Self.relatedLabels.contains(String(label))
    }

    /// "Home › World › Europe", "Главная » Город » Транспорт", "Accueil > Région": two or more arrows between
    /// short items. A "»" closing a quotation (a "«" in the line) is not an arrow.
    func isBreadcrumb(_ text: String) -> Bool {
        var arrows = 0
        var previousSpace = false
        var it = text.unicodeScalars.makeIterator()
        var pendingArrow = false
        var hasOpeningGuillemet = false
        while let c = it.next() {
            let v = c.value
            if v == 0x20 {
                if pendingArrow { arrows += 1 }
                pendingArrow = false
                previousSpace = true
                continue
            }
            if v == 0xAB { hasOpeningGuillemet = true }
            pendingArrow = previousSpace && (v == 0x203A || v == 0xBB || v == 0x3E || v == 0x2192 || v == 0x2F)
            previousSpace = false
        }
        return arrows >= 2 && !hasOpeningGuillemet
    }

    /// "Tags: Russia, Ukraine", "Темы: политика".
    func hasTagLabel(_ text: String) -> Bool {
        guard let colon = text.utf8.prefix(24).firstIndex(of: 0x3A) else { return false }
        let label = text[..<colon].lowercased().trimmed(" ")
        return Self.tagLabels.contains(String(label))
    }

    static let counterWords: Set<String> = [
        "share", "shares", "comments", "comment", "like", "likes", "views", "view", "reads", "reactions", "replies",
        "reply", "просмотров", "просмотра", "просмотры", "комментариев", "комментария", "комментарии", "коментарів",
        "коментарі", "коментаря", "переглядів", "поделиться", "поширити", "kommentare", "kommentar", "teilen",
        "commentaires", "commentaire", "partages", "comentarios", "comentario", "compartir", "comentários",
        "comentário", "partilhas", "partilhar", "commenti", "commento", "condivisioni", "komentarzy", "komentarze",
        "komentarz", "reacties", "udostępnij",
    ]
    static let commentWords: Set<String> = [
        "comments", "comment", "replies", "reply", "комментариев", "комментария", "комментарии", "коментарів",
        "коментарі", "коментаря", "kommentare", "kommentar", "commentaires", "commentaire", "comentarios",
        "comentario", "comentários", "comentário", "commenti", "commento", "komentarzy", "komentarze", "komentarz",
        "reacties",
    ]
    static let counterTable = WordTable(keys: counterWords.map(WordHash.of))
    static let commentTable = WordTable(keys: commentWords.map(WordHash.of))

    /// "Share 214", "12 comments", "Комментарии (4)", "1 245": a number with at most widget words beside it.
    func counterCategory(_ t: LineTokens) -> Lexicons.Category? {
        let named = t.hashes.filter { Self.counterTable.contains($0) }.count
        guard named == t.hashes.count - t.shape.numericWords else { return nil }
        return t.hashes.contains { Self.commentTable.contains($0) } ? .comments : .share
    }

    /// "14:05", "9.30": a live blog's or a comment's clock time on a line of its own.
    func isClock(_ text: String) -> Bool {
        var digits = 0
        var separators = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b == 0x3A || b == 0x2E {
                separators += 1
            } else if b != 0x20 && b != 0x68 {
                return false
            }
        }
        return separators == 1 && (3...4).contains(digits)
    }

    /// "2 min read", "Lesezeit: 3 Minuten", "5 минут чтения".
    func isReadingTime(_ t: LineTokens) -> Bool {
        guard t.hashes.count <= 5, t.hashes.count >= 2 else { return false }
        let hasMinute = t.hashes.contains { Self.minuteTable.contains($0) }
        let hasRead = t.hashes.contains { Self.readTable.contains($0) }
        return hasMinute && t.shape.numericWords > 0 && (hasRead || t.hashes.count == 2)
    }

    /// Classifies every block in place: initial classes, blank-line groups, neighbour smoothing.
    public func classify(_ blocks: inout [Block]) {
        for i in blocks.indices where blocks[i].role == .body {
            let initial = initialQuality(blocks[i].features, text: blocks[i].text, tokens: blocks[i].tokens)
            blocks[i].quality = initial.quality
            blocks[i].reason = initial.reason
            blocks[i].category = initial.category
            if initial.badge { blocks[i].marks.insert(.badge) }
        }
        markHeadedLists(&blocks)
        markAuthorLines(&blocks)
        markBareNames(&blocks)
        markPullQuotes(&blocks)
        spreadCallsToAction(&blocks)
        groupBlankLineChunks(&blocks)
        smooth(&blocks)
    }

    /// A headline: a body line that does not end like a sentence (a question mark aside), of at most 20 words.
    func isHeadlineLike(_ b: Block) -> Bool {
        guard b.role == .body, b.features.words >= 1, b.features.words <= 20 else { return false }
        return !b.features.endsSentence || (b.features.words <= 16 && b.text.utf8.last == 0x3F)
    }

    /// Under "Most read", "Самое читаемое", "Les plus lus" … come headlines of other articles, which read like
    /// prose; under "About the author" comes a biography. The heading claims them: a run of headline-like lines
    /// (two or more, or one that the article does not go on after), or the one paragraph of a biography.
    func markHeadedLists(_ blocks: inout [Block]) {
        var i = 0
        while i < blocks.count {
            // Fields read through the array: copying a Block retains every buffer it holds.
            guard blocks[i].role == .body, blocks[i].quality == .bad, let c = blocks[i].category,
                c == .related || c == .author, blocks[i].features.words <= 5,
                !blocks[i].features.hasColon || blocks[i].text.utf8.last == 0x3A
            else {
                i += 1
                continue
            }
            if c == .author {
                i = claimBiography(&blocks, after: i, heading: "author box")
                continue
            }
            var run: [Int] = []
            var k = i + 1
            while k < blocks.count {
                if blocks[k].role != .body {
                    k += 1
                    continue
                }
                guard isHeadlineLike(blocks[k]) else { break }
                run.append(k)
                k += 1
            }
            let next = blocks.indices[k...].first { blocks[$0].role == .body }
            let articleGoesOn = next.map { blocks[$0].quality == .good && blocks[$0].features.endsSentence } ?? false
            if run.count >= 2 || (run.count == 1 && !articleGoesOn) {
                for j in run where blocks[j].quality != .bad || blocks[j].category == nil {
                    blocks[j].quality = .bad
                    blocks[j].category = .related
                    blocks[j].reason = "headline under a list heading (related links)"
                }
            }
            i = max(k, i + 1)
        }
    }

    /// Marks the biography after an author-box heading at `index`: the next paragraph (at most 90 words) and the
    /// short lines that follow it ("More articles by …"). Returns the index after the box.
    func claimBiography(_ blocks: inout [Block], after index: Int, heading: String) -> Int {
        var k = index + 1
        while k < blocks.count && blocks[k].role != .body { k += 1 }
        guard k < blocks.count, blocks[k].features.words <= 90 else { return index + 1 }
        blocks[k].quality = .bad
        blocks[k].category = .author
        blocks[k].reason = "biography in an \(heading)"
        k += 1
        while k < blocks.count, blocks[k].role == .body, blocks[k].features.words <= 8, !blocks[k].features.endsSentence
        {
            blocks[k].quality = .bad
            blocks[k].category = blocks[k].category ?? .author
            blocks[k].reason = "in an \(heading)"
            k += 1
        }
        return k
    }

    /// A line after the article's first paragraph that is nothing but a name from the byline heads an author
    /// box ("Francesca Bellini" above her biography).
    func markAuthorLines(_ blocks: inout [Block]) {
        let names = bylineNames.map { Tokenizer.tokenize($0).hashes }
        guard !names.isEmpty,
            let first = blocks.firstIndex(where: { $0.role == .body && $0.quality == .good && $0.features.words >= 8 })
        else { return }
        var k = first + 1
        while k < blocks.count {
            if blocks[k].role == .body, blocks[k].features.words <= 4, !blocks[k].features.endsSentence,
                names.contains(where: { $0.elementsEqual(blocks[k].tokens.hashes) })
            {
                blocks[k].quality = .bad
                blocks[k].category = .author
                blocks[k].reason = "author's name heading an author box"
                k = claimBiography(&blocks, after: k, heading: "author box")
                continue
            }
            k += 1
        }
    }

    /// Some pages print the author's name alone beside the dateline, below the headline or the lead: a line of
    /// two to four capitalised words with no full stop, after a headline or lead, next to a dateline or byline.
    func markBareNames(_ blocks: inout [Block]) {
        for i in blocks.indices.dropFirst() where blocks[i].role == .body && blocks[i].quality != .bad {
            let f = blocks[i].features
            guard (2...4).contains(f.words), f.capitalized >= 2, f.words - f.capitalized <= 1, !f.endsSentence,
                !f.hasColon, f.links == 0, blocks[i].tokens.shape.numericWords == 0
            else { continue }
            let before = blocks[i - 1].role
            let after = i + 1 < blocks.count ? blocks[i + 1].role : .body
            guard before == .dateline || before == .byline || after == .dateline || after == .byline else { continue }
            guard let p = blocks[..<i].lastIndex(where: { $0.role == .body }), blocks[p].quality == .good,
                blocks[p].features.words >= 5
            else { continue }
            blocks[i].quality = .bad
            blocks[i].reason = "author's name beside the dateline"
            // The analysis reads such a line as the byline when there is no other.
            blocks[i].marks.insert(.bareName)
        }
    }

    /// The quotation marks a pull quote opens with (a switch: a `Set` hashed every candidate with SipHash).
    static func isOpeningQuote(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x201C, 0x201E, 0xAB, 0x2018, 0x201A, 0x2039: return true
        default: return false
        }
    }

    /// A pull quote repeats a sentence of the paragraph next to it, set in large type: a quoted line whose
    /// opening words recur in a neighbouring paragraph that is longer.
    func markPullQuotes(_ blocks: inout [Block]) {
        for i in blocks.indices where blocks[i].role == .body && blocks[i].quality != .bad {
            let words = blocks[i].features.words
            guard words >= 5, words <= 45, let f = blocks[i].text.unicodeScalars.first,
                Self.isOpeningQuote(f.value)
            else { continue }
            let head = blocks[i].tokens.hashes.prefix(5)
            for j in [i - 2, i - 1, i + 1, i + 2] where j >= 0 && j < blocks.count && blocks[j].role == .body {
                let other = blocks[j].tokens.hashes
                guard other.count > words, Self.containsRun(head, in: other) else { continue }
                blocks[i].quality = .bad
                blocks[i].reason = "pull quote (repeats line \(blocks[j].lineNumber))"
                break
            }
        }
    }

    static func containsRun(_ run: ArraySlice<UInt64>, in hashes: ArraySlice<UInt64>) -> Bool {
        guard let first = run.first, hashes.count >= run.count else { return false }
        var s = hashes.startIndex
        while s + run.count <= hashes.endIndex {
            if hashes[s] == first && hashes[s..<(s + run.count)].elementsEqual(run) { return true }
            s += 1
        }
        return false
    }

    /// A sign-up or appeal box is a few lines: the lexicon catches the button ("Sign up", "Votre adresse
    /// e-mail"), and the short lines next to it that speak to the reader ("Our morning email: the five stories
    /// you need") belong to the same box.
    func spreadCallsToAction(_ blocks: inout [Block]) {
        let boxes: [Lexicons.Category] = [.newsletter, .subscription, .donation]
        func boxCategory(_ k: Int) -> Lexicons.Category? {
            guard k >= 0, k < blocks.count, blocks[k].role == .body, blocks[k].quality == .bad,
                let c = blocks[k].category, boxes.contains(c)
            else { return nil }
            return c
        }
        var changed = true
        var passes = 0
        while changed && passes < 4 {
            changed = false
            passes += 1
            for i in blocks.indices where blocks[i].role == .body && blocks[i].quality != .bad {
                let f = blocks[i].features
                let weakBox = f.weakHit.map { boxes.contains($0) } ?? false
                guard f.words <= 25, f.readerAddress > 0 || weakBox,
                    let c = boxCategory(i - 1) ?? boxCategory(i + 1)
                else { continue }
                blocks[i].quality = .bad
                blocks[i].category = c
                blocks[i].reason = "\(c.rawValue) (speaks to the reader beside one)"
                changed = true
            }
        }
    }

    /// In a text whose paragraphs are separated by blank lines, a group of lines with no blank between them is
    /// one widget (a donation box, a menu): when most of its lines are boilerplate, all of it is.
    func groupBlankLineChunks(_ blocks: inout [Block]) {
        // Counted through the array: `filter` would copy every block (a dozen buffers retained each).
        var blanks = 0
        for k in blocks.indices where blocks[k].blankBefore { blanks += 1 }
        guard blocks.count >= 4, blanks * 3 >= blocks.count else { return }
        var start = 0
        while start < blocks.count {
            var end = start + 1
            while end < blocks.count && !blocks[end].blankBefore { end += 1 }
            if end - start >= 3 {
                let bad = (start..<end).filter { blocks[$0].quality == .bad }.count
                if bad * 2 > end - start,
                    let category = blocks[start..<end].first(where: { $0.quality == .bad })?.category
                {
                    for k in start..<end where blocks[k].role == .body && blocks[k].quality != .bad {
                        blocks[k].quality = .bad
                        blocks[k].category = category
                        blocks[k].reason = "\(category.rawValue) (in a group of such lines)"
                    }
                }
            }
            start = end
        }
    }

    /// jusText's context rules: a short block between good ones is a subheading and stays; between bad ones it is
    /// menu residue and goes; near-good blocks follow a good neighbour.
    func smooth(_ blocks: inout [Block]) {
        let n = blocks.count
        markListRuns(&blocks)
        func neighbour(_ i: Int, step: Int, skipNearGood: Bool) -> BlockQuality {
            var k = i + step
            while k >= 0 && k < n {
                let q = blocks[k].quality
                if blocks[k].role != .body {
                    k += step
                    continue
                }
                if q == .good || q == .bad { return q }
                if q == .nearGood && !skipNearGood { return q }
                k += step
            }
            return .bad
        }
        var result = blocks.map { $0.quality }
        for i in 0..<n where blocks[i].role == .body && blocks[i].quality == .short {
            let p = neighbour(i, step: -1, skipNearGood: true)
            let q = neighbour(i, step: 1, skipNearGood: true)
            if p == .good && q == .good {
                result[i] = .good
                blocks[i].reason = "short, between prose (subheading)"
            } else if p == .bad && q == .bad {
                result[i] = .bad
                blocks[i].reason = "short, between boilerplate"
            } else {
                result[i] = .nearGood
                blocks[i].reason = "short, at an edge"
            }
        }
        for i in 0..<n where blocks[i].role == .body { blocks[i].quality = result[i] }
        for i in 0..<n where blocks[i].role == .body && blocks[i].quality == .nearGood {
            let p = neighbour(i, step: -1, skipNearGood: true)
            let q = neighbour(i, step: 1, skipNearGood: true)
            if p == .bad && q == .bad {
                result[i] = .bad
                blocks[i].reason += ", between boilerplate"
            } else {
                result[i] = .good
                blocks[i].reason += ", next to prose"
            }
        }
        for i in 0..<n where blocks[i].role == .body { blocks[i].quality = result[i] }
    }

    /// Three or more short, unpunctuated lines in a row are a menu or a list of links, unless prose surrounds
    /// them on both sides (then they are the article's own list).
    func markListRuns(_ blocks: inout [Block]) {
        func listy(_ k: Int) -> Bool {
            blocks[k].role == .body && (blocks[k].quality == .short || blocks[k].quality == .nearGood)
                && !blocks[k].features.endsSentence && blocks[k].features.words <= 12
        }
        var k = 0
        while k < blocks.count {
            guard listy(k) else {
                k += 1
                continue
            }
            var end = k
            while end < blocks.count && listy(end) { end += 1 }
            let before = blocks.indices[..<k].last { blocks[$0].role == .body }.map { blocks[$0].quality }
            let after = blocks.indices[end...].first { blocks[$0].role == .body }.map { blocks[$0].quality }
            if end - k >= 3 && !(before == .good && after == .good) {
                for j in k..<end {
                    blocks[j].quality = .bad
                    blocks[j].reason = "a run of \(end - k) short lines (menu or link list)"
                }
            }
            k = end
        }
    }

    /// The span of the article: the run of blocks with the largest score, prose counting for and boilerplate
    /// against, so that menus before and footers after fall outside.
    public func core(_ blocks: [Block]) -> Range<Int>? {
        var best = 0
        var bestRange: Range<Int>? = nil
        var sum = 0
        var start = 0
        for i in blocks.indices {
            let w = blocks[i].features.words
            var score: Int
            switch (blocks[i].role, blocks[i].quality) {
            case (.body, .good): score = min(w, 80) + 2
            case (.body, .nearGood): score = max(1, w / 3)
            case (.body, .short): score = -1
            case (.body, .bad): score = -(3 + min(w, 80) / 3)
            default: score = 0
            }
            if sum <= 0 && score > 0 {
                sum = 0
                start = i
            }
            sum += score
            if sum > best {
                best = sum
                bestRange = start..<(i + 1)
            }
        }
        return bestRange
    }

    /// After the article, a widget (appeal, related links, disclaimer) often starts a tail of boilerplate with a
    /// few prose-like lines inside it. When boilerplate dominates what follows such a block, all of it goes.
    public func tailStart(_ blocks: [Block]) -> Int? {
        let n = blocks.count
        var goodWords = [Int](repeating: 0, count: n)
        for k in blocks.indices where blocks[k].role == .body && blocks[k].quality == .good {
            goodWords[k] = blocks[k].features.words
        }
        let total = goodWords.reduce(0, +)
        guard total > 0 else { return nil }
        // Sums over the body blocks after each index, built from the end, so that each candidate reads its tail
        // in constant time (filtering the tail per candidate copied every block after it).
        struct Tail {
            var count = 0, words = 0, good = 0, bad = 0, articleLike = 0
        }
        var tails = [Tail](repeating: Tail(), count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var t = tails[k + 1]
            if blocks[k].role == .body {
                let f = blocks[k].features
                t.count += 1
                t.words += f.words
                if blocks[k].quality == .good {
                    t.good += f.words
                    // Prose after the widget that does not talk to the reader is the article going on.
                    if f.readerAddress == 0 { t.articleLike += f.words }
                }
                if blocks[k].quality == .bad { t.bad += 1 }
            }
            tails[k] = t
        }
        var before = 0
        for i in blocks.indices {
            defer { before += goodWords[i] }
            guard blocks[i].role == .body, blocks[i].quality == .bad, let c = blocks[i].category,
                c == .donation || c == .subscription || c == .disclaimer || c == .newsletter || c == .comments,
                before * 2 >= total
            else { continue }
            let after = tails[i + 1]
            if after.count == 0 { return nil }
            // Readers' comments are prose too, but they come between names and timestamps.
            if c == .comments {
                if after.bad * 3 >= after.count && after.good < before { return i + 1 }
                continue
            }
            if after.articleLike * 4 > after.words { continue }
            if after.good * 2 <= after.words && after.bad * 2 >= after.count && after.good < before {
                return i + 1
            }
        }
        return nil
    }
}
