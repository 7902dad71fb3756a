/// One word or punctuation mark of the body, with what recognition needs: case, sentence position, possessive.
/// Plain values only (no strings), so that the token array is copied and read without reference counting; the
/// text is read back from the paragraph's bytes (`EntityTokens.text(_:)`) for the few tokens that need it.
struct EntityToken: Sendable {
    /// `WordHash` of the word in lower case: what the lexicons, the gazetteer and SimHash use; 0 for punctuation.
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
    /// Has an upper-case letter, so that its lower-case form differs from the text.
    var hasUpper: Bool = false
    /// First word of a paragraph, or after a sentence end, a colon or an opening quotation mark.
    var sentenceStart: Bool
    /// Was followed by "'s" or "’s".
    var possessive: Bool
    /// Index of the paragraph.
    var paragraph: Int
    /// UTF-8 offsets of the token in its paragraph, the possessive included.
    var start: Int
    var end: Int
    /// Where the word ends without its possessive "'s".
    var textEnd: Int
}

/// The body's tokens together with the paragraph bytes their offsets point into.
struct EntityTokens: Sendable {
    var tokens: [EntityToken]
    /// Each paragraph's UTF-8 bytes.
    let paragraphs: [[UInt8]]

    /// The word as written, without a possessive "'s"; for punctuation, the mark.
    func text(_ k: Int) -> String {
        let t = tokens[k]
        return String(decoding: paragraphs[t.paragraph][t.start..<t.textEnd], as: UTF8.self)
    }

    /// The word in lower case (as `String.lowercased()` writes it); for punctuation, the mark.
    func lower(_ k: Int) -> String {
        tokens[k].hasUpper ? text(k).lowercased() : text(k)
    }

    /// The words of tokens `range` as written.
    func texts(_ range: ClosedRange<Int>) -> [String] { range.map { text($0) } }

    /// Number of bytes of the word as written.
    func byteCount(_ k: Int) -> Int { tokens[k].textEnd - tokens[k].start }

    /// The word contains a hyphen.
    func containsHyphen(_ k: Int) -> Bool {
        let t = tokens[k]
        return paragraphs[t.paragraph][t.start..<t.textEnd].contains(0x2D)
    }
}

/// What kind of thing a mention names.
enum EntityKind: String, Sendable {
    case person, place, organization
}

/// One mention of an entity: where its words are and why the recogniser believes it. It holds token positions,
/// not the words: most mentions are sentence-initial words that never become a person, and building their
/// strings cost more than finding them (`words(in:)` builds them for the few that are kept).
struct EntityMention: Sendable {
    var kind: EntityKind
    /// For a place named by part of a hyphenated word ("Ukraine" in "Ukraine-Belarus"), that part; nil when the
    /// mention is its tokens' words.
    var part: String? = nil
    /// Token range in the body's token stream.
    var first: Int
    var last: Int
    /// Why it was recognised ("title 'President'", "given name", "gazetteer"); empty unless explaining.
    var reason: String
    /// The canonical name for places and organisations; persons get theirs from `NameCanonicalizer`.
    var canonical: String
    /// A person cue (a title before or a speech verb after) was present.
    var cued: Bool = false
    /// Found in a heading line, where every word is capitalised: only confirms what the text proves elsewhere.
    var weak: Bool = false

    /// Number of words; the tokens `first...last` are all words, possessive dropped.
    var wordCount: Int { part == nil ? last - first + 1 : 1 }

    /// The words as written, possessive dropped.
    func words(in doc: EntityTokens) -> [String] { part.map { [$0] } ?? doc.texts(first...last) }

    /// The words as written, joined by spaces.
    func surface(in doc: EntityTokens) -> String {
        if let part { return part }
        return first == last ? doc.text(first) : doc.texts(first...last).joined(separator: " ")
    }
}

/// Hashes of the few words the recogniser and the quote extractor compare by identity.
enum EntityWords {
    static let the = WordHash.of("the")
    static let a = WordHash.of("a")
    static let according = WordHash.of("according")
    static let to = WordHash.of("to")
    static let slovam = WordHash.of("словам")
    static let po = WordHash.of("по")
}

/// Finds people, places and organisations in body paragraphs with general mechanisms: capitalised sequences,
/// titles and other cue words, prepositions of place, organisation heads, and the gazetteer. One pass over the
/// tokens with hash look-ups only, so the cost stays linear in the text; strings are built only for the words
/// that end up in a mention.
struct EntityRecognizer: Sendable {
    let gazetteer = Gazetteer.shared
    /// Write each mention's reason. Only `--explain` prints them, and formatting them cost more than finding
    /// the mentions.
    var explain = false

    /// Splits paragraphs into tokens (see `tokenize(paragraphs:)`); SimHash reads their hashes.
    static func tokenize(_ paragraphs: [String]) -> [EntityToken] {
        tokenize(paragraphs: paragraphs).tokens
    }

    /// Splits paragraphs into tokens; quotation marks and other punctuation become tokens of their own. Reads
    /// UTF-8 bytes and keeps offsets into them, so that no token needs a `String`.
    static func tokenize(paragraphs: [String]) -> EntityTokens {
        let bytes = paragraphs.map { Array($0.utf8) }
        var tokens: [EntityToken] = []
        tokens.reserveCapacity(bytes.reduce(0) { $0 + $1.count } / 5)
        let lexicons = EntityLexicons.flags
        for p in bytes.indices {
            bytes[p].withUnsafeBufferPointer { tokenize(bytes: $0, paragraph: p, lexicons: lexicons, into: &tokens) }
        }
        return EntityTokens(tokens: tokens, paragraphs: bytes)
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

    /// Unicode's White_Space, without the property look-up for ASCII.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return s.properties.isWhitespace
    }

    /// Marks after which the next word starts a sentence: ends, colons, opening quotes and brackets.
    @inline(__always)
    static func opensSentence(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ".", "!", "?", ":", ";", "“", "\"", "«", "„", "(": return true
        default: return false
        }
    }

    static func tokenize(
        bytes b: UnsafeBufferPointer<UInt8>,
        paragraph p: Int,
        lexicons: WordFlagTable,
        into tokens: inout [EntityToken]
    ) {
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
                // The lower-case hash, computed while scanning as long as the word is ASCII (most words); a word
                // with any other scalar is hashed again afterwards.
                var hash = WordHash.offset
                var ascii = s.value < 0x80
                if ascii {
                    hash = (hash ^ UInt64(Tokenizer.isUpper(s) ? s.value | 0x20 : s.value)) &* WordHash.prime
                }
                while j < n {
                    // ASCII letters and digits, the bulk of most words, without decoding a scalar.
                    let x = b[j]
                    if x < 0x80 {
                        let folded = x | 0x20
                        if folded >= 0x61 && folded <= 0x7A {
                            if x < 0x61 { uppers += 1 } else { lowers += 1 }
                            hash = (hash ^ UInt64(folded)) &* WordHash.prime
                            j += 1
                            continue
                        }
                        if x >= 0x30 && x <= 0x39 {
                            hash = (hash ^ UInt64(x)) &* WordHash.prime
                            j += 1
                            continue
                        }
                    }
                    let (c, cl) = scalar(b, at: j)
                    if Tokenizer.isWordScalar(c) {
                        if Tokenizer.isUpper(c) { uppers += 1 } else if isLower(c) { lowers += 1 }
                        ascii = false
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
                    // The joiner is part of the word: "-" and "'" hash as themselves, "’" is not ASCII.
                    if cl == 1 { hash = (hash ^ UInt64(c.value)) &* WordHash.prime } else { ascii = false }
                    j += cl
                }
                if !ascii {
                    // Most words are already lower case: their hash comes straight from the bytes.
                    hash = uppers == 0 ? bytesHash(b, i..<j) : lowerCaseHash(b, i..<j)
                }
                let end = possessive ? j + scalar(b, at: j).1 + 1 : j
                tokens.append(
                    EntityToken(
                        hash: hash,
                        flags: lexicons[hash],
                        isWord: true,
                        capitalized: Tokenizer.isUpper(s),
                        allCaps: uppers >= 2 && lowers == 0,
                        hasUpper: uppers > 0,
                        sentenceStart: sentenceStart,
                        possessive: possessive,
                        paragraph: p,
                        start: i,
                        end: end,
                        textEnd: j
                    )
                )
                sentenceStart = false
                i = end
            } else if isWhitespace(s) {
                i += length
            } else {
                tokens.append(
                    EntityToken(
                        hash: 0,
                        mark: s,
                        isWord: false,
                        capitalized: false,
                        allCaps: false,
                        sentenceStart: false,
                        possessive: false,
                        paragraph: p,
                        start: i,
                        end: i + length,
                        textEnd: i + length
                    )
                )
                if opensSentence(s) { sentenceStart = true }
                i += length
            }
        }
    }

    /// `WordHash` of bytes as they are.
    @inline(__always)
    static func bytesHash(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = WordHash.offset
        for k in range {
            hash ^= UInt64(b[k])
            hash = hash &* WordHash.prime
        }
        return hash
    }

    /// `WordHash.of(text.lowercased())` without building either string: Latin-1 and Cyrillic letters are mapped
    /// by `Tokenizer.lowercased`; a word with any other letter that has a case takes the String route.
    static func lowerCaseHash(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = WordHash.offset
        @inline(__always) func add(_ byte: UInt32) {
            hash ^= UInt64(byte)
            hash = hash &* WordHash.prime
        }
        var k = range.lowerBound
        while k < range.upperBound {
            let x = b[k]
            if x < 0x80 {
                add(UInt32(x >= 0x41 && x <= 0x5A ? x | 0x20 : x))
                k += 1
                continue
            }
            let (s, length) = scalar(b, at: k)
            guard let c = Tokenizer.lowercased(s) else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
                return WordHash.of(text.lowercased())
            }
            let v = c.value
            if v < 0x80 {
                add(v)
            } else if v < 0x800 {
                add(0xC0 | v >> 6)
                add(0x80 | v & 0x3F)
            } else if v < 0x1_0000 {
                add(0xE0 | v >> 12)
                add(0x80 | (v >> 6) & 0x3F)
                add(0x80 | v & 0x3F)
            } else {
                add(0xF0 | v >> 18)
                add(0x80 | (v >> 12) & 0x3F)
                add(0x80 | (v >> 6) & 0x3F)
                add(0x80 | v & 0x3F)
            }
            k += length
        }
        return hash
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

    /// A line that capitalises most of its words and does not end a sentence is a heading, not prose. One flag
    /// per paragraph.
    static func headingParagraphs(_ paragraphs: [String], tokens: [EntityToken]) -> [Bool] {
        var words = [Int](repeating: 0, count: paragraphs.count)
        var capitals = [Int](repeating: 0, count: paragraphs.count)
        for k in tokens.indices where tokens[k].isWord {
            words[tokens[k].paragraph] += 1
            if tokens[k].capitalized { capitals[tokens[k].paragraph] += 1 }
        }
        var result = [Bool](repeating: false, count: paragraphs.count)
        for (p, text) in paragraphs.enumerated() where words[p] <= 14 && words[p] >= 1 {
            let last = text.unicodeScalars.last { !$0.properties.isWhitespace }
            let ends = last.map { ".!?…\"”»“’".unicodeScalars.contains($0) } ?? false
            // Two thirds, not half: German capitalises every noun.
            if !ends && capitals[p] * 3 >= words[p] * 2 { result[p] = true }
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

    /// The reason text, formatted only when explaining.
    @inline(__always)
    func why(_ reason: @autoclosure () -> String) -> String { explain ? reason() : "" }

    /// The gazetteer's place for one word, trying the Cyrillic stem (which needs the word as a string) only for
    /// Cyrillic words the table does not hold as written.
    func singleWordPlace(_ k: Int, in doc: EntityTokens) -> Int? {
        let t = doc.tokens[k]
        if let p = gazetteer.singleWords[t.hash] { return p }
        // Lead bytes 0xD0–0xD3 start U+0400–U+04FF, the only words `Gazetteer.cyrillicStem` stems.
        let lead = doc.paragraphs[t.paragraph][t.start]
        guard lead >= 0xD0 && lead <= 0xD3 else { return nil }
        return gazetteer.stemPlace(doc.lower(k))
    }

    /// All mentions in token order.
    func mentions(in doc: EntityTokens, headings: [Bool]) -> [EntityMention] {
        let tokens = doc.tokens
        // Words the article also writes in lower case are common words, not names ("Big Tech" aside).
        var lowercaseVocabulary = WordHashTable<Bool>(capacity: tokens.count / 2)
        for k in tokens.indices where tokens[k].isWord && !tokens[k].capitalized && !tokens[k].sentenceStart {
            lowercaseVocabulary[tokens[k].hash] = true
        }
        var result: [EntityMention] = []
        // Per-run word classes and places, reused across runs: most runs are one word, and two fresh arrays
        // per run cost more than reading it.
        var classes: [WordClass] = []
        var placeAt: [Int?] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].isWord, tokens[i].capitalized else {
                i += 1
                continue
            }
            let t = tokens[i]
            // Characters never outnumber bytes: only longer words need counting.
            if t.allCaps && (doc.byteCount(i) <= 6 || doc.text(i).count <= 6) {
                if t.flags.contains(.acronymOrganization) {
                    let text = doc.text(i)
                    result.append(
                        EntityMention(
                            kind: .organization,
                            first: i,
                            last: i,
                            reason: why("known acronym"),
                            canonical: text
                        )
                    )
                } else if let place = gazetteer.singleWords[t.hash] {
                    result.append(
                        EntityMention(
                            kind: .place,
                            first: i,
                            last: i,
                            reason: why("gazetteer"),
                            canonical: gazetteer.names[place]
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
            processRun(
                i..<j,
                doc: doc,
                headings: headings,
                vocabulary: lowercaseVocabulary,
                classes: &classes,
                placeAt: &placeAt,
                into: &result
            )
            i = j
        }
        return result
    }

    /// Splits a run at words that cannot be part of a name and reads each piece.
    func processRun(
        _ run: Range<Int>,
        doc: EntityTokens,
        headings: [Bool],
        vocabulary: WordHashTable<Bool>,
        classes: inout [WordClass],
        placeAt: inout [Int?],
        into result: inout [EntityMention]
    ) {
        let tokens = doc.tokens
        classes.removeAll(keepingCapacity: true)
        for t in run { classes.append(classify(tokens[t])) }
        // Multi-word and single-word places first: "New York", "Ukraine". Indices into `gazetteer.names`.
        placeAt.removeAll(keepingCapacity: true)
        placeAt.append(contentsOf: repeatElement(nil, count: run.count))
        // "Ukraine-Belarus border", "Russia-Ukraine war": a compound of places names each of them.
        for k in 0..<run.count where classes[k] == .name && doc.containsHyphen(run.lowerBound + k) {
            let idx = run.lowerBound + k
            guard gazetteer.singleWords[tokens[idx].hash] == nil else { continue }
            let text = doc.text(idx)
            let parts = text.split(separator: "-").map(String.init)
            let places = parts.compactMap { gazetteer.place($0.lowercased()) }
            guard places.count == parts.count, parts.count > 1 else { continue }
            for (part, place) in zip(parts, places) {
                result.append(
                    EntityMention(
                        kind: .place,
                        part: part,
                        first: idx,
                        last: idx,
                        reason: why("gazetteer (in '\(text)')"),
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
                let place =
                    length == 1
                    ? singleWordPlace(run.lowerBound + k, in: doc)
                    : gazetteer.multiWords[
                        Gazetteer.key(of: tokens[(run.lowerBound + k)..<(run.lowerBound + k + length)].lazy.map(\.hash))
                    ]
                if let place {
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
        for back in 1...2 where run.lowerBound >= back && cue == nil {
            let before = tokens[run.lowerBound - back]
            if back == 2 && tokens[run.lowerBound - 1].mark != "," { break }
            if before.isWord && !before.capitalized && before.flags.contains(.title) {
                cue = why("title '\(doc.text(run.lowerBound - back))'")
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
                doc: doc,
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
                // "Kremlin", "Moscow Times": a place followed by an organisation head is part of the organisation.
                if end + 1 < run.count && classes[end + 1] == .organizationHead {
                    orgStart = orgStart ?? k2
                    k2 = end + 1
                    pieceStart = k2
                    continue
                }
                let name = gazetteer.names[place]
                result.append(
                    EntityMention(
                        kind: .place,
                        first: idx,
                        last: run.lowerBound + end,
                        reason: why(
                            idx == run.lowerBound + end && doc.text(idx) != name
                                ? "gazetteer: a name of \(name)" : "gazetteer"
                        ),
                        canonical: name
                    )
                )
                k2 = end + 1
                pieceStart = k2
                continue
            }
            switch classes[k2] {
            case .organizationHead:
                let start = orgStart ?? firstOrganizationWord(upTo: k2, classes: classes)
                if start > pieceStart { flushNames(pieceStart..<start) }
                // Extend "Foreign Affairs Council" over later heads of the same run.
                var end = k2
                while end + 1 < run.count && (classes[end + 1] == .organizationHead) { end += 1 }
                let all = doc.texts((run.lowerBound + start)...(run.lowerBound + end))
                result.append(
                    EntityMention(
                        kind: .organization,
                        first: run.lowerBound + start,
                        last: run.lowerBound + end,
                        reason: why("organisation head '\(doc.text(idx))'"),
                        canonical: all.joined(separator: " ")
                    )
                )
                orgStart = nil
                k2 = end + 1
                pieceStart = k2
                continue
            case .title:
                flushNames(pieceStart..<k2)
                cue = why("title '\(doc.text(idx))'")
                pieceStart = k2 + 1
            case .stop, .platform:
                flushNames(pieceStart..<k2)
                pieceStart = k2 + 1
            case .demonym:
                flushNames(pieceStart..<k2)
                pieceStart = k2 + 1
                if let org = lowercaseOrganization(after: idx, doc: doc) { result.append(org) }
            case .placeHead:
                // "Brest Region": the name before it is a place.
                if pieceStart < k2 {
                    let words = doc.texts((run.lowerBound + pieceStart)...(idx - 1))
                    result.append(
                        EntityMention(
                            kind: .place,
                            first: run.lowerBound + pieceStart,
                            last: idx - 1,
                            reason: why("followed by '\(doc.text(idx))'"),
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
    func lowercaseOrganization(after index: Int, doc: EntityTokens) -> EntityMention? {
        let tokens = doc.tokens
        var k = index + 1
        while k < tokens.count && k <= index + 3 && tokens[k].isWord && !tokens[k].capitalized
            && tokens[k].paragraph == tokens[index].paragraph
        {
            if tokens[k].flags.contains(.lowercaseOrganizationHead) {
                let words = doc.texts(index...k)
                return EntityMention(
                    kind: .organization,
                    first: index,
                    last: k,
                    reason: why("demonym + organisation head '\(doc.text(k))'"),
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
        doc: EntityTokens,
        cue: String?,
        headings: [Bool],
        vocabulary: WordHashTable<Bool>,
        into result: inout [EntityMention]
    ) {
        let tokens = doc.tokens
        let first = run.lowerBound + piece.lowerBound
        let last = run.lowerBound + piece.upperBound - 1
        let count = last - first + 1
        // The words as written, built only for a mention that is kept.
        func words() -> [String] { doc.texts(first...last) }
        // A place named by the words as written.
        func appendPlace(_ reason: String) {
            result.append(
                EntityMention(
                    kind: .place,
                    first: first,
                    last: last,
                    reason: reason,
                    canonical: words().joined(separator: " ")
                )
            )
        }
        let heading = headings[tokens[first].paragraph]
        var next: Int? = last + 1 < tokens.count ? last + 1 : nil
        // "Gerald Finch, said": look past one comma for the verb.
        if let n = next, tokens[n].mark == ",", last + 2 < tokens.count, tokens[last + 2].isWord,
            tokens[last + 2].flags.contains(.speechVerb)
        {
            next = last + 2
        }
        let previous: Int? = first > 0 ? first - 1 : nil
        // "Peskov said", and "— сказал Песков" where the verb comes first.
        let speechAfter =
            (next.map { tokens[$0].isWord && tokens[$0].flags.contains(.speechVerb) } ?? false)
            || (previous.map {
                tokens[$0].isWord && !tokens[$0].capitalized && tokens[$0].flags.contains(.speechVerb)
            } ?? false)
        let after = next.flatMap { tokens[$0].isWord && !tokens[$0].capitalized ? $0 : nil }
        // The word before, skipping "the": a preposition of place makes the name a place.
        var b = first - 1
        if b >= 0 && tokens[b].isWord && tokens[b].hash == EntityWords.the { b -= 1 }
        let preposition =
            b >= 0 && tokens[b].isWord && tokens[b].paragraph == tokens[first].paragraph
            && tokens[b].flags.contains(.placePreposition) && first == run.lowerBound
        let given = tokens[first].flags.contains(.givenName)
        let common = tokens[first...last].contains { vocabulary[$0.hash] != nil }

        if let a = after, tokens[a].flags.contains(.placeHead), cue == nil, !given {
            appendPlace(why("followed by '\(doc.lower(a))'"))
            return
        }
        if count >= 2 && count <= 4 {
            if given || cue != nil || speechAfter {
                let reason = cue ?? why(given ? "given name '\(doc.text(first))'" : "next to a speech verb")
                var m = EntityMention(
                    kind: .person,
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
                appendPlace(why("after '\(doc.text(b))'"))
                return
            }
            if !common && !heading {
                // Two unknown capitalised words: a person only if the surname recurs alone (checked later).
                var m = EntityMention(
                    kind: .person,
                    first: first,
                    last: last,
                    reason: why("capitalised pair"),
                    canonical: ""
                )
                m.weak = true
                result.append(m)
            }
            return
        }
        if count == 1 {
            if preposition && !common && cue == nil && !tokens[first].sentenceStart {
                result.append(
                    EntityMention(
                        kind: .place,
                        first: first,
                        last: last,
                        reason: why("after '\(doc.text(b))'"),
                        canonical: doc.text(first)
                    )
                )
                return
            }
            // A lone capitalised word: a surname candidate, kept only if it joins a full name or has a cue.
            var m = EntityMention(
                kind: .person,
                first: first,
                last: last,
                reason: cue ?? why(speechAfter ? "next to a speech verb" : "surname"),
                canonical: ""
            )
            m.cued = (cue != nil || speechAfter) && !tokens[first].sentenceStart && !common
            if cue != nil && !common { m.cued = true }
            m.weak = heading || common || (tokens[first].sentenceStart && cue == nil)
            result.append(m)
        }
    }
}
