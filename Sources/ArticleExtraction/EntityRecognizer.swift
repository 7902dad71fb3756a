/// One word or punctuation mark of the body, with what recognition needs: case, sentence position, possessive.
struct EntityToken: Sendable {
    /// The word as written, without a possessive "'s"; for punctuation, the mark.
    var text: String
    /// `text` in lower case.
    var lower: String
    /// `WordHash.of(lower)`: what the module's stop-word lists and SimHash use.
    var hash: UInt64
    /// The lexicons the word is in; empty for punctuation.
    var flags: WordFlags = []
    /// For punctuation, the mark; a space for words.
    var mark: Unicode.Scalar = " "
    /// False for punctuation.
    var isWord: Bool
    /// Starts with an upper-case letter.
    var capitalized: Bool
    /// Two or more letters, all upper case ("NATO", "US").
    var allCaps: Bool
    /// First word of a paragraph, or after a sentence end, a colon or an opening quotation mark.
    var sentenceStart: Bool
    /// Was followed by "'s" or "’s".
    var possessive: Bool
    /// Index of the paragraph.
    var paragraph: Int
    /// UTF-8 offsets of the token in its paragraph.
    var start: Int
    var end: Int
}

/// What kind of thing a mention names.
enum EntityKind: String, Sendable {
    case person, place, organization
}

/// One mention of an entity: the words as written and why the recogniser believes it.
struct EntityMention: Sendable {
    var kind: EntityKind
    /// The words as written, possessive dropped.
    var words: [String]
    /// Token range in the body's token stream.
    var first: Int
    var last: Int
    /// Why it was recognised ("title 'President'", "given name", "gazetteer").
    var reason: String
    /// The canonical name for places and organisations; persons get theirs from `NameCanonicalizer`.
    var canonical: String
    /// A person cue (a title before or a speech verb after) was present.
    var cued: Bool = false
    /// Found in a heading line, where every word is capitalised: only confirms what the text proves elsewhere.
    var weak: Bool = false

    var surface: String { words.joined(separator: " ") }
}

/// Finds people, places and organisations in body paragraphs with general mechanisms: capitalised sequences,
/// titles and other cue words, prepositions of place, organisation heads, and the gazetteer. One pass over the
/// tokens, with set and dictionary look-ups only, so the cost stays linear in the text.
struct EntityRecognizer: Sendable {
    let gazetteer = Gazetteer.shared

    /// Splits paragraphs into tokens; quotation marks and other punctuation become tokens of their own. Reads
    /// UTF-8 bytes, so that each word is one slice turned into a `String`, not a string built scalar by scalar.
    static func tokenize(_ paragraphs: [String]) -> [EntityToken] {
        var tokens: [EntityToken] = []
        for (p, paragraph) in paragraphs.enumerated() {
            var paragraph = paragraph
            paragraph.withUTF8 { tokenize(bytes: $0, paragraph: p, into: &tokens) }
        }
        return tokens
    }

    /// The scalar starting at byte `i` and its length in bytes; text is valid UTF-8, being a Swift string.
    @inline(__always)
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let x = b[i]
        if x < 0x80 { return (Unicode.Scalar(x), 1) }
        var v: UInt32
        var n: Int
        if x >= 0xF0 {
            v = UInt32(x & 0x07)
            n = 4
        } else if x >= 0xE0 {
            v = UInt32(x & 0x0F)
            n = 3
        } else {
            v = UInt32(x & 0x1F)
            n = 2
        }
        n = min(n, b.count - i)
        for k in 1..<max(n, 1) { v = (v << 6) | UInt32(b[i + k] & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", n)
    }

    /// The scalar that ends just before byte `i`.
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, before i: Int) -> Unicode.Scalar? {
        guard i > 0 else { return nil }
        var k = i - 1
        while k > 0 && b[k] & 0xC0 == 0x80 { k -= 1 }
        return scalar(b, at: k).0
    }

    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, paragraph p: Int, into tokens: inout [EntityToken]) {
        let n = b.count
        var i = 0
        var sentenceStart = true
        while i < n {
            let (s, length) = scalar(b, at: i)
            if Tokenizer.isWordScalar(s) {
                var j = i + length
                var possessive = false
                var uppers = Tokenizer.isUpper(s) ? 1 : 0
                var lowers = isLower(s) ? 1 : 0
                while j < n {
                    let (c, cl) = scalar(b, at: j)
                    if Tokenizer.isWordScalar(c) {
                        if Tokenizer.isUpper(c) { uppers += 1 } else if isLower(c) { lowers += 1 }
                        j += cl
                        continue
                    }
                    guard c == "-" || c == "'" || c == "’", j + cl < n else { break }
                    let (d, dl) = scalar(b, at: j + cl)
                    guard Tokenizer.isWordScalar(d) else { break }
                    if c != "-" && (d == "s" || d == "S")
                        && (j + cl + dl == n || !Tokenizer.isWordScalar(scalar(b, at: j + cl + dl).0))
                    {
                        possessive = true
                        break
                    }
                    j += cl
                }
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self)
                // Most words are already lower case: no second string, and the hash comes from the bytes.
                let lower = uppers == 0 ? text : text.lowercased()
                var hash = WordHash.offset
                if uppers == 0 {
                    for k in i..<j {
                        hash ^= UInt64(b[k])
                        hash = hash &* WordHash.prime
                    }
                } else {
                    hash = WordHash.of(lower)
                }
                let end = possessive ? j + scalar(b, at: j).1 + 1 : j
                tokens.append(
                    EntityToken(
                        text: text,
                        lower: lower,
                        hash: hash,
                        flags: EntityLexicons.flags[hash] ?? [],
                        isWord: true,
                        capitalized: Tokenizer.isUpper(s),
                        allCaps: uppers >= 2 && lowers == 0,
                        sentenceStart: sentenceStart,
                        possessive: possessive,
                        paragraph: p,
                        start: i,
                        end: end
                    )
                )
                sentenceStart = false
                i = end
            } else if s == " " || s.properties.isWhitespace {
                i += length
            } else {
                let text = String(s)
                tokens.append(
                    EntityToken(
                        text: text,
                        lower: text,
                        hash: 0,
                        mark: s,
                        isWord: false,
                        capitalized: false,
                        allCaps: false,
                        sentenceStart: false,
                        possessive: false,
                        paragraph: p,
                        start: i,
                        end: i + length
                    )
                )
                if ".!?:;“\"«„(".unicodeScalars.contains(s) { sentenceStart = true }
                i += length
            }
        }
    }

    /// A lower-case letter, with fast paths for Latin and Cyrillic.
    @inline(__always)
    static func isLower(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        if v >= 0x430 && v <= 0x45F { return true }
        if v >= 0x400 && v <= 0x42F { return false }
        if v >= 0xDF && v <= 0xFF { return v != 0xF7 }
        return s.properties.isLowercase
    }

    /// A line that capitalises most of its words and does not end a sentence is a heading, not prose.
    static func headingParagraphs(_ paragraphs: [String], tokens: [EntityToken]) -> Set<Int> {
        var words = [Int](repeating: 0, count: paragraphs.count)
        var capitals = [Int](repeating: 0, count: paragraphs.count)
        // Indices, not `for t in tokens`: a token copy retains its two strings.
        for k in tokens.indices where tokens[k].isWord {
            words[tokens[k].paragraph] += 1
            if tokens[k].capitalized { capitals[tokens[k].paragraph] += 1 }
        }
        var result = Set<Int>()
        for (p, text) in paragraphs.enumerated() where words[p] <= 14 && words[p] >= 1 {
            let last = text.unicodeScalars.last { !$0.properties.isWhitespace }
            let ends = last.map { ".!?…\"”»“’".unicodeScalars.contains($0) } ?? false
            // Two thirds, not half: German capitalises every noun.
            if !ends && capitals[p] * 3 >= words[p] * 2 { result.insert(p) }
        }
        return result
    }

    enum WordClass { case title, demonym, organizationHead, platform, stop, placeHead, name }

    func classify(_ t: EntityToken) -> WordClass {
        let f = t.flags
        if f.contains(.organizationHead) { return .organizationHead }
        if f.contains(.title) { return .title }
        if f.contains(.demonym) { return .demonym }
        if f.contains(.platform) { return .platform }
        if f.contains(.notName) { return .stop }
        if f.contains(.placeHead) { return .placeHead }
        return .name
    }

    /// All mentions in token order.
    func mentions(in tokens: [EntityToken], headings: Set<Int>) -> [EntityMention] {
        // Words the article also writes in lower case are common words, not names ("Big Tech" aside).
        var lowercaseVocabulary = WordHashTable<Bool>(capacity: tokens.count / 2)
        for k in tokens.indices where tokens[k].isWord && !tokens[k].capitalized && !tokens[k].sentenceStart {
            lowercaseVocabulary[tokens[k].hash] = true
        }
        var result: [EntityMention] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].isWord, tokens[i].capitalized else {
                i += 1
                continue
            }
            let t = tokens[i]
            if t.allCaps && t.text.count <= 6 {
                if t.flags.contains(.acronymOrganization) {
                    result.append(
                        EntityMention(
                            kind: .organization,
                            words: [t.text],
                            first: i,
                            last: i,
                            reason: "known acronym",
                            canonical: t.text
                        )
                    )
                } else if let place = gazetteer.places[t.lower] {
                    result.append(
                        EntityMention(
                            kind: .place,
                            words: [t.text],
                            first: i,
                            last: i,
                            reason: "gazetteer",
                            canonical: place
                        )
                    )
                }
                i += 1
                continue
            }
            // The capitalised run: adjacent capitalised words of one paragraph, ending at a possessive.
            var j = i + 1
            if !t.possessive {
                while j < tokens.count, tokens[j].isWord, tokens[j].capitalized, !tokens[j].allCaps,
                    tokens[j].paragraph == t.paragraph
                {
                    j += 1
                    if tokens[j - 1].possessive { break }
                }
            }
            processRun(i..<j, tokens: tokens, headings: headings, vocabulary: lowercaseVocabulary, into: &result)
            i = j
        }
        return result
    }

    /// Splits a run at words that cannot be part of a name and reads each piece.
    func processRun(
        _ run: Range<Int>,
        tokens: [EntityToken],
        headings: Set<Int>,
        vocabulary: WordHashTable<Bool>,
        into result: inout [EntityMention]
    ) {
        var classes = run.map { classify(tokens[$0]) }
        // Multi-word and single-word places first: "New York", "Ukraine".
        var placeAt = [String?](repeating: nil, count: run.count)
        // "Ukraine-Belarus border", "Russia-Ukraine war": a compound of places names each of them.
        for k in 0..<run.count where classes[k] == .name && tokens[run.lowerBound + k].lower.utf8.contains(0x2D) {
            let t = tokens[run.lowerBound + k]
            guard gazetteer.places[t.lower] == nil else { continue }
            let parts = t.text.split(separator: "-").map(String.init)
            let places = parts.compactMap { gazetteer.place($0.lowercased()) }
            guard places.count == parts.count, parts.count > 1 else { continue }
            for (part, place) in zip(parts, places) {
                result.append(
                    EntityMention(
                        kind: .place,
                        words: [part],
                        first: run.lowerBound + k,
                        last: run.lowerBound + k,
                        reason: "gazetteer (in '\(t.text)')",
                        canonical: place
                    )
                )
            }
            classes[k] = .stop
        }
        var k = 0
        while k < run.count {
            var matched = 0
            // Only words that open a multi-word name look further than themselves.
            let longest =
                gazetteer.multiWordFirsts.contains(tokens[run.lowerBound + k].hash) ? gazetteer.longestName : 1
            for length in stride(from: min(longest, run.count - k), through: 1, by: -1) {
                if length == 1 && classes[k] != .name && classes[k] != .placeHead { break }
                let key =
                    length == 1
                    ? tokens[run.lowerBound + k].lower
                    : (k..<(k + length)).map { tokens[run.lowerBound + $0].lower }.joined(separator: " ")
                if let place = length == 1 ? gazetteer.place(key) : gazetteer.places[key] {
                    // A given name is never a place ("Paris Hilton" would be; the list holds no such clashes).
                    if length == 1 && tokens[run.lowerBound + k].flags.contains(.givenName) { break }
                    for m in k..<(k + length) { placeAt[m] = place }
                    matched = length
                    break
                }
            }
            k += max(matched, 1)
        }
        var cue: String? = nil
        // "spokesman Anatoly Glaz", and the apposition "the mayor, Gerald Finch".
        for back in [1, 2] where run.lowerBound >= back && cue == nil {
            let before = tokens[run.lowerBound - back]
            if back == 2 && tokens[run.lowerBound - 1].text != "," { break }
            if before.isWord && !before.capitalized && before.flags.contains(.title) {
                cue = "title '\(before.text)'"
            }
        }
        var pieceStart = 0
        var k2 = 0
        var orgStart: Int? = nil
        func flushNames(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            nameSequence(
                range,
                run: run,
                tokens: tokens,
                cue: cue,
                headings: headings,
                vocabulary: vocabulary,
                into: &result
            )
        }
        while k2 < run.count {
            let idx = run.lowerBound + k2
            if let place = placeAt[k2] {
                flushNames(pieceStart..<k2)
                var end = k2
                while end + 1 < run.count && placeAt[end + 1] == place { end += 1 }
                let words = (k2...end).map { tokens[run.lowerBound + $0].text }
                // "Kremlin", "Moscow Times": a place followed by an organisation head is part of the organisation.
                if end + 1 < run.count && classes[end + 1] == .organizationHead {
                    orgStart = orgStart ?? k2
                    k2 = end + 1
                    pieceStart = k2
                    continue
                }
                result.append(
                    EntityMention(
                        kind: .place,
                        words: words,
                        first: idx,
                        last: run.lowerBound + end,
                        reason: words.joined(separator: " ") != place && words.count == 1
                            ? "gazetteer: a name of \(place)" : "gazetteer",
                        canonical: place
                    )
                )
                k2 = end + 1
                pieceStart = k2
                continue
            }
            switch classes[k2] {
            case .organizationHead:
                let start = orgStart ?? firstOrganizationWord(upTo: k2, classes: classes)
                let words = (start...k2).map { tokens[run.lowerBound + $0].text }
                if start > pieceStart { flushNames(pieceStart..<start) }
                // Extend "Foreign Affairs Council" over later heads of the same run.
                var end = k2
                while end + 1 < run.count && (classes[end + 1] == .organizationHead) { end += 1 }
                let all = words + (k2 < end ? ((k2 + 1)...end).map { tokens[run.lowerBound + $0].text } : [])
                result.append(
                    EntityMention(
                        kind: .organization,
                        words: all,
                        first: run.lowerBound + start,
                        last: run.lowerBound + end,
                        reason: "organisation head '\(tokens[run.lowerBound + k2].text)'",
                        canonical: all.joined(separator: " ")
                    )
                )
                orgStart = nil
                k2 = end + 1
                pieceStart = k2
                continue
            case .title:
                flushNames(pieceStart..<k2)
                cue = "title '\(tokens[idx].text)'"
                pieceStart = k2 + 1
            case .stop, .platform:
                flushNames(pieceStart..<k2)
                pieceStart = k2 + 1
            case .demonym:
                flushNames(pieceStart..<k2)
                pieceStart = k2 + 1
                if let org = lowercaseOrganization(after: idx, tokens: tokens) { result.append(org) }
            case .placeHead:
                // "Brest Region": the name before it is a place.
                if pieceStart < k2 {
                    let words = (pieceStart..<k2).map { tokens[run.lowerBound + $0].text }
                    result.append(
                        EntityMention(
                            kind: .place,
                            words: words,
                            first: run.lowerBound + pieceStart,
                            last: idx - 1,
                            reason: "followed by '\(tokens[idx].text)'",
                            canonical: words.joined(separator: " ")
                        )
                    )
                }
                pieceStart = k2 + 1
            case .name:
                break
            }
            k2 += 1
        }
        flushNames(pieceStart..<run.count)
    }

    /// Where an organisation's name starts: demonyms and title-like words ("Foreign") before the head belong to it.
    func firstOrganizationWord(upTo head: Int, classes: [WordClass]) -> Int {
        var s = head
        while s > 0 && classes[s - 1] != .stop && classes[s - 1] != .platform { s -= 1 }
        return s
    }

    /// "the Belarusian foreign ministry": a demonym, up to two lower-case words, and an organisation head.
    func lowercaseOrganization(after index: Int, tokens: [EntityToken]) -> EntityMention? {
        var k = index + 1
        while k < tokens.count && k <= index + 3 && tokens[k].isWord && !tokens[k].capitalized
            && tokens[k].paragraph == tokens[index].paragraph
        {
            if tokens[k].flags.contains(.lowercaseOrganizationHead) {
                let words = tokens[index...k].map(\.text)
                return EntityMention(
                    kind: .organization,
                    words: words,
                    first: index,
                    last: k,
                    reason: "demonym + organisation head '\(tokens[k].text)'",
                    canonical: words.joined(separator: " ")
                )
            }
            k += 1
        }
        return nil
    }

    /// A piece of capitalised name-like words: a person, a place after a preposition, or nothing.
    func nameSequence(
        _ piece: Range<Int>,
        run: Range<Int>,
        tokens: [EntityToken],
        cue: String?,
        headings: Set<Int>,
        vocabulary: WordHashTable<Bool>,
        into result: inout [EntityMention]
    ) {
        let first = run.lowerBound + piece.lowerBound
        let last = run.lowerBound + piece.upperBound - 1
        let words = tokens[first...last].map(\.text)
        let heading = headings.contains(tokens[first].paragraph)
        var next = last + 1 < tokens.count ? tokens[last + 1] : nil
        // "Gerald Finch, said": look past one comma for the verb.
        if let n = next, n.mark == ",", last + 2 < tokens.count, tokens[last + 2].isWord,
            tokens[last + 2].flags.contains(.speechVerb)
        {
            next = tokens[last + 2]
        }
        let previous = first > 0 ? tokens[first - 1] : nil
        // "Peskov said", and "— сказал Песков" where the verb comes first.
        let speechAfter =
            (next.map { $0.isWord && $0.flags.contains(.speechVerb) } ?? false)
            || (previous.map { $0.isWord && !$0.capitalized && $0.flags.contains(.speechVerb) } ?? false)
        let after = next.flatMap { $0.isWord && !$0.capitalized ? $0.lower : nil }
        // The word before, skipping "the": a preposition of place makes the name a place.
        var b = first - 1
        if b >= 0 && tokens[b].isWord && (tokens[b].lower == "the") { b -= 1 }
        let preposition =
            b >= 0 && tokens[b].isWord && tokens[b].paragraph == tokens[first].paragraph
            && tokens[b].flags.contains(.placePreposition) && first == run.lowerBound
        let given = tokens[first].flags.contains(.givenName)
        let common = tokens[first...last].contains { vocabulary[$0.hash] != nil }

        if let a = after, EntityLexicons.placeHeads.contains(a), cue == nil, !given {
            result.append(
                EntityMention(
                    kind: .place,
                    words: words,
                    first: first,
                    last: last,
                    reason: "followed by '\(a)'",
                    canonical: words.joined(separator: " ")
                )
            )
            return
        }
        if words.count >= 2 && words.count <= 4 {
            if given || cue != nil || speechAfter {
                let reason = cue ?? (given ? "given name '\(words[0])'" : "next to a speech verb")
                var m = EntityMention(
                    kind: .person,
                    words: words,
                    first: first,
                    last: last,
                    reason: reason,
                    canonical: ""
                )
                m.cued = cue != nil || speechAfter
                m.weak = heading
                result.append(m)
                return
            }
            if preposition && !common {
                result.append(
                    EntityMention(
                        kind: .place,
                        words: words,
                        first: first,
                        last: last,
                        reason: "after '\(tokens[b].text)'",
                        canonical: words.joined(separator: " ")
                    )
                )
                return
            }
            if !common && !heading {
                // Two unknown capitalised words: a person only if the surname recurs alone (checked later).
                var m = EntityMention(
                    kind: .person,
                    words: words,
                    first: first,
                    last: last,
                    reason: "capitalised pair",
                    canonical: ""
                )
                m.weak = true
                result.append(m)
            }
            return
        }
        if words.count == 1 {
            if preposition && !common && cue == nil && !tokens[first].sentenceStart {
                result.append(
                    EntityMention(
                        kind: .place,
                        words: words,
                        first: first,
                        last: last,
                        reason: "after '\(tokens[b].text)'",
                        canonical: words[0]
                    )
                )
                return
            }
            // A lone capitalised word: a surname candidate, kept only if it joins a full name or has a cue.
            var m = EntityMention(
                kind: .person,
                words: words,
                first: first,
                last: last,
                reason: cue ?? (speechAfter ? "next to a speech verb" : "surname"),
                canonical: ""
            )
            m.cued = (cue != nil || speechAfter) && !tokens[first].sentenceStart && !common
            if cue != nil && !common { m.cued = true }
            m.weak = heading || common || (tokens[first].sentenceStart && cue == nil)
            result.append(m)
        }
    }
}
