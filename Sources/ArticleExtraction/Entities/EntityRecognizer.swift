/// One word or punctuation mark of the body, with what recognition needs: case, sentence position, possessive.
/// Plain values only (no strings), in 24 bytes, so that the token array is cheap to build and to scan; the text is
/// read back from the body's bytes (`EntityTokens.text(_:)`) for the few tokens that need it.
struct EntityToken: Sendable {
    /// `WordHash` of the word in lower case: what the lexicons, the gazetteer and SimHash use. For punctuation,
    /// the mark's scalar value (see `mark`), which no word hash compared against is.
    var hash: UInt64
    /// UTF-8 offsets of the token in `EntityTokens.bytes`: where it starts, and where the word ends without
    /// its possessive "'s". 32 bits halve the token; a body is far below 4 GiB (the daemon reads 16 MiB).
    private var startOffset: UInt32
    private var textEndOffset: UInt32
    private var paragraphIndex: UInt32
    private var traits: Traits

    /// The lexicons the word is in; empty for punctuation. Looked up when asked, not stored by the tokenizer: only
    /// capitalised words and their neighbours are ever asked about, and a probe for every word of the body (most
    /// of them in no list, their slots not in the cache) was a fifth of tokenizing.
    var flags: WordFlags { isWord ? EntityLexicons.flags[hash] : WordFlags(rawValue: 0) }

    /// Case, position and possessive, one bit each.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt8
        static let word = Traits(rawValue: 1 << 0)
        static let capitalized = Traits(rawValue: 1 << 1)
        static let allCaps = Traits(rawValue: 1 << 2)
        static let hasUpper = Traits(rawValue: 1 << 3)
        static let sentenceStart = Traits(rawValue: 1 << 4)
        static let possessive = Traits(rawValue: 1 << 5)
        /// The possessive is written "’s", four bytes rather than two.
        static let curlyPossessive = Traits(rawValue: 1 << 6)
    }

    /// A word and its traits.
    init(word hash: UInt64, start: Int, textEnd: Int, paragraph: Int, traits: Traits) {
        self.hash = hash
        self.startOffset = UInt32(start)
        self.textEndOffset = UInt32(textEnd)
        self.paragraphIndex = UInt32(paragraph)
        self.traits = traits.union(.word)
    }

    /// A punctuation mark.
    init(mark: Unicode.Scalar, start: Int, end: Int, paragraph: Int) {
        self.hash = UInt64(mark.value)
        self.startOffset = UInt32(start)
        self.textEndOffset = UInt32(end)
        self.paragraphIndex = UInt32(paragraph)
        self.traits = Traits(rawValue: 0)
    }

    /// False for punctuation.
    var isWord: Bool { traits.contains(.word) }
    /// Starts with an upper-case letter.
    var capitalized: Bool { traits.contains(.capitalized) }
    /// Two or more letters, all upper case ("NATO", "US").
    var allCaps: Bool { traits.contains(.allCaps) }
    /// Has an upper-case letter, so that its lower-case form differs from the text.
    var hasUpper: Bool { traits.contains(.hasUpper) }
    /// First word of a paragraph, or after a sentence end, a colon or an opening quotation mark.
    var sentenceStart: Bool { traits.contains(.sentenceStart) }
    /// Was followed by "'s" or "’s".
    var possessive: Bool { traits.contains(.possessive) }
    /// For punctuation, the mark; a space for words.
    var mark: Unicode.Scalar { isWord ? " " : Unicode.Scalar(UInt32(truncatingIfNeeded: hash)) ?? " " }
    /// Index of the paragraph.
    var paragraph: Int { Int(paragraphIndex) }
    /// UTF-8 offsets of the token in the body's bytes, the possessive included.
    var start: Int { Int(startOffset) }
    var end: Int {
        guard possessive else { return textEnd }
        return textEnd + (traits.contains(.curlyPossessive) ? 4 : 2)
    }
    /// Where the word ends without its possessive "'s".
    var textEnd: Int { Int(textEndOffset) }
}

/// The body's tokens together with the bytes their offsets point into.
struct EntityTokens: Sendable {
    var tokens: [EntityToken]
    /// The paragraphs' UTF-8 bytes one after another, with nothing between them: one buffer instead of an array
    /// per paragraph.
    let bytes: [UInt8]
    /// Where each paragraph starts in `bytes`, and after the last, where it ends.
    let paragraphStarts: [Int]
    /// Per paragraph, its number of words and of capitalised words: what `EntityRecognizer.headingParagraphs`
    /// weighs, counted while the paragraph's tokens are still in the cache.
    let wordCounts: [Int32]
    let capitalCounts: [Int32]
    /// Token indices of the capitalised words, in order. Only they can open a name, and they are a small part of
    /// a body: the recogniser visits these instead of every token.
    let capitalized: [Int32]

    /// Number of paragraphs.
    var paragraphCount: Int { paragraphStarts.count - 1 }

    /// The byte range of paragraph `p` in `bytes`.
    func paragraphRange(_ p: Int) -> Range<Int> { paragraphStarts[p]..<paragraphStarts[p + 1] }

    /// The word as written, without a possessive "'s"; for punctuation, the mark.
    func text(_ k: Int) -> String {
        let t = tokens[k]
        return String(decoding: bytes[t.start..<t.textEnd], as: UTF8.self)
    }

    /// The word in lower case (as `String.lowercased()` writes it); for punctuation, the mark.
    func lower(_ k: Int) -> String {
        tokens[k].hasUpper ? text(k).lowercased() : text(k)
    }

    /// Calls `body` with the UTF-8 bytes of `lower(k)`, lower-cased by arithmetic instead of through a string;
    /// nil, without calling it, when a letter needs Unicode's tables.
    func withLowercaseUTF8<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let t = tokens[k]
        return bytes.withUnsafeBufferPointer { all -> R? in
            let word = UnsafeBufferPointer(rebasing: all[t.start..<t.textEnd])
            guard t.hasUpper else { return body(word) }
            // Arithmetic lower case keeps each letter's length in bytes.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { out -> R? in
                var i = 0
                while i < word.count {
                    let (v, length) = UTF8Scalar.decode(word, at: i)
                    guard let l = Tokenizer.lowercasedValue(v), let s = Unicode.Scalar(l) else { return nil }
                    var n = i
                    for b in s.utf8 {
                        out[n] = b
                        n += 1
                    }
                    i += length
                }
                return body(UnsafeBufferPointer(out))
            }
        }
    }

    /// Tokens `a` and `b` are written alike, as `text(a) == text(b)` has it: equal bytes, or for words beyond
    /// ASCII, canonically equivalent strings.
    func sameText(_ a: Int, _ b: Int) -> Bool {
        let x = bytes[tokens[a].start..<tokens[a].textEnd]
        let y = bytes[tokens[b].start..<tokens[b].textEnd]
        if x.elementsEqual(y) { return true }
        // Differing ASCII bytes are different strings; anything else may still be equivalent ("é" written as
        // one scalar or two, "K" as the Kelvin sign).
        if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) { return false }
        return text(a) == text(b)
    }

    /// The words of tokens `range` as written.
    func texts(_ range: ClosedRange<Int>) -> [String] { range.map { text($0) } }

    /// Number of bytes of the word as written.
    func byteCount(_ k: Int) -> Int { tokens[k].textEnd - tokens[k].start }

    /// The word contains a hyphen.
    func containsHyphen(_ k: Int) -> Bool {
        let t = tokens[k]
        return bytes[t.start..<t.textEnd].contains(0x2D)
    }
}

/// What kind of thing a mention names.
package enum EntityKind: String, Sendable {
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

    /// `surface(in: doc) == other.surface(in: doc)`, compared on the body's bytes word by word (words hold no
    /// spaces, so equal surfaces have equal word counts), building no string for ASCII words.
    func sameSurface(as other: EntityMention, in doc: EntityTokens) -> Bool {
        if part != nil || other.part != nil { return surface(in: doc) == other.surface(in: doc) }
        guard wordCount == other.wordCount else { return false }
        for k in 0..<wordCount where !doc.sameText(first + k, other.first + k) { return false }
        return true
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count })
        var starts: [Int] = []
        starts.reserveCapacity(paragraphs.count + 1)
        for p in paragraphs {
            starts.append(bytes.count)
            bytes.append(contentsOf: p.utf8)
        }
        starts.append(bytes.count)
        var tokens: [EntityToken] = []
        tokens.reserveCapacity(bytes.count / 5)
        var wordCounts = [Int32](repeating: 0, count: paragraphs.count)
        var capitalCounts = [Int32](repeating: 0, count: paragraphs.count)
        var capitalized: [Int32] = []
        bytes.withUnsafeBufferPointer { all in
            for p in paragraphs.indices {
                let line = UnsafeBufferPointer(rebasing: all[starts[p]..<starts[p + 1]])
                let first = tokens.count
                // A paragraph has at most one token per byte: room for them all, then plain stores instead of
                // an `append` (with its uniqueness and capacity checks) per token.
                tokens.append(addingCapacity: line.count) { span in
                    tokenize(bytes: line, paragraph: p, base: starts[p], into: &span)
                }
                // Counted here, on tokens just written, rather than in passes over the whole body later.
                // Words counted without a branch (they alternate with marks); only words are capitalised.
                var words: Int32 = 0
                var capitals: Int32 = 0
                for k in first..<tokens.count {
                    words &+= tokens[k].isWord ? 1 : 0
                    if tokens[k].capitalized {
                        capitals += 1
                        capitalized.append(Int32(k))
                    }
                }
                wordCounts[p] = words
                capitalCounts[p] = capitals
            }
        }
        return EntityTokens(
            tokens: tokens,
            bytes: bytes,
            paragraphStarts: starts,
            wordCounts: wordCounts,
            capitalCounts: capitalCounts,
            capitalized: capitalized
        )
    }

    /// The scalar starting at byte `i` and its length in bytes; text is valid UTF-8, being a Swift string.
    @inline(__always)
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let (v, length) = UTF8Scalar.decode(b, at: i)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }

    /// The scalar that ends just before byte `i`.
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, before i: Int) -> Unicode.Scalar? {
        guard i > 0 else { return nil }
        var k = i - 1
        while k > 0 && b[k] & 0xC0 == 0x80 { k -= 1 }
        return scalar(b, at: k).0
    }

    /// Unicode's White_Space without the property look-up, which cost more than the rest of tokenising a
    /// quotation mark or a dash. The property is stable: these are its scalars since Unicode 6.3.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if v < 0x2000 { return v == 0x85 || v == 0xA0 || v == 0x1680 }
        return v <= 0x200A || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// Marks after which the next word starts a sentence: ends, colons, opening quotes and brackets.
    @inline(__always)
    static func opensSentence(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ".", "!", "?", ":", ";", "“", "\"", "«", "„", "(": return true
        default: return false
        }
    }

    /// Tokenizes one paragraph, `b`, which starts at byte `base` of the body.
    static func tokenize(
        bytes b: UnsafeBufferPointer<UInt8>,
        paragraph p: Int,
        base: Int,
        into tokens: inout OutputSpan<EntityToken>
    ) {
        let n = b.count
        var i = 0
        var sentenceStart = true
        while i < n {
            let lead = b[i]
            // ASCII spaces and marks, most of what is not a word, without decoding a scalar.
            if lead < 0x80 && !isASCIIWordByte(lead) {
                if !(lead == 0x20 || (lead >= 0x09 && lead <= 0x0D)) {
                    let s = Unicode.Scalar(lead)
                    tokens.append(EntityToken(mark: s, start: base + i, end: base + i + 1, paragraph: p))
                    if opensSentence(s) { sentenceStart = true }
                }
                i += 1
                continue
            }
            var word: WordScan
            var j = i
            if lead < 0x80 {
                word = WordScan(capitalized: lead >= 0x41 && lead <= 0x5A)
            } else {
                let (s, length) = scalar(b, at: i)
                guard Tokenizer.isWordScalar(s) else {
                    if !isWhitespace(s) {
                        tokens.append(EntityToken(mark: s, start: base + i, end: base + i + length, paragraph: p))
                        if opensSentence(s) { sentenceStart = true }
                    }
                    i += length
                    continue
                }
                if WordScan.isBasicCyrillic(s.value) {
                    word = WordScan(capitalized: Tokenizer.isUpper(s))
                } else {
                    word = WordScan(first: s)
                    j += length
                }
            }
            var possessive = false
            // Most words are a few ASCII letters: their first eight bytes at once, with no branch on their length.
            if lead < 0x80 && n - i >= 8 {
                let (length, done) = word.addASCIIChunk(b, at: i)
                j = i + length
                if done {
                    if j < n, b[j] >= 0x80 || b[j] == 0x2D || b[j] == 0x27 {
                        // Fall through to the general loop below, at the byte that may continue the word.
                    } else {
                        var traits = word.traits
                        if sentenceStart { traits.formUnion(.sentenceStart) }
                        tokens.append(
                            EntityToken(word: word.hash, start: base + i, textEnd: base + j, paragraph: p, traits: traits)
                        )
                        sentenceStart = false
                        i = j
                        continue
                    }
                }
            }
            while true {
                // ASCII letters and digits and basic Cyrillic letters, the bulk of most words, in a tight loop;
                // then any other ASCII byte but a hyphen or an apostrophe ends the word.
                j = word.addRun(b, from: j)
                guard j < n, b[j] >= 0x80 || b[j] == 0x2D || b[j] == 0x27 else { break }
                let (c, cl) = scalar(b, at: j)
                if Tokenizer.isWordScalar(c) {
                    word.add(c)
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
                // The joiner is part of the word: "-" and "'" hash as themselves; "’" has no case.
                word.addJoiner(c)
                j += cl
            }
            var traits = word.traits
            if sentenceStart { traits.formUnion(.sentenceStart) }
            var end = j
            if possessive {
                // "'s" is two bytes, "’s" four.
                let curly = b[j] >= 0x80
                traits.formUnion(curly ? EntityToken.Traits.possessive.union(.curlyPossessive) : .possessive)
                end = j + (curly ? 4 : 2)
            }
            // A letter whose lower case needs Unicode's tables: the String route, as `String.lowercased()` does.
            let hash =
                word.needsUnicodeLowercase
                ? WordHash.of(String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self).lowercased())
                : word.hash
            tokens.append(
                EntityToken(
                    word: hash,
                    start: base + i,
                    textEnd: base + j,
                    paragraph: p,
                    traits: traits
                )
            )
            sentenceStart = false
            i = end
        }
    }

    /// The state of a word while its scalars are read: the `WordHash` of its lower case, computed in the same
    /// pass, and the counts of upper- and lower-case letters.
    struct WordScan {
        var hash = WordHash.offset
        var uppers = 0
        var lowers = 0
        var capitalized: Bool
        /// A letter with a case had no arithmetic lower case (`Tokenizer.lowercasedValue`), so the hash is
        /// wrong unless the word has no upper-case letter at all.
        var unmapped = false

        /// A word whose first letter `addRun` adds.
        init(capitalized: Bool) { self.capitalized = capitalized }

        init(first s: Unicode.Scalar) {
            capitalized = Tokenizer.isUpper(s)
            if capitalized { uppers = 1 }
            if isLower(s) { lowers = 1 }
            addLowercase(s.value)
        }

        /// U+0400–U+045F: the Russian, Ukrainian and Belarusian letters, two bytes each, with lower case by
        /// arithmetic.
        @inline(__always)
        static func isBasicCyrillic(_ v: UInt32) -> Bool { v >= 0x400 && v <= 0x45F }

        /// Adds the run of ASCII letters and digits and basic Cyrillic letters that starts at `j`; returns where
        /// it ends. One pass in local variables, which stay in registers: the hash chain is the bottleneck of
        /// tokenising, and a spilled hash doubles its latency.
        @inline(__always)
        mutating func addRun(_ b: UnsafeBufferPointer<UInt8>, from j: Int) -> Int {
            var k = j
            // Eight bytes at a time while the run fills them: the byte loop below then only finishes the run
            // (and ends it), instead of mispredicting its exit once per word.
            while b.count - k >= 8 {
                let (length, done) = b[k] < 0x80 ? addASCIIChunk(b, at: k) : addCyrillicChunk(b, at: k)
                k += length
                if done { break }
            }
            var h = hash
            var upper = 0
            var lower = 0
            while k < b.count {
                let x = b[k]
                if x < 0x80 {
                    // Setting bit 5 lower-cases a letter and leaves a digit alone.
                    let folded = x | 0x20
                    guard (folded &- 0x61) < 26 || (x &- 0x30) < 10 else { break }
                    // Among letters and digits, bits 7–5 are 010 for upper case and 011 for lower case.
                    upper &+= x >> 5 == 2 ? 1 : 0
                    lower &+= x >> 5 == 3 ? 1 : 0
                    h = (h ^ UInt64(folded)) &* WordHash.prime
                    k += 1
                    continue
                }
                // Basic Cyrillic, lower-cased on its two bytes as the block tokenizer does it.
                guard k + 1 < b.count, Tokenizer.isBasicCyrillic(x, b[k + 1]) else { break }
                let isUpper = x == 0xD0 && b[k + 1] < 0xB0
                upper &+= isUpper ? 1 : 0
                lower &+= isUpper ? 0 : 1
                let (l1, l2) = Tokenizer.lowercasedCyrillic(x, b[k + 1])
                h = (h ^ UInt64(l1)) &* WordHash.prime
                h = (h ^ UInt64(l2)) &* WordHash.prime
                k += 2
            }
            hash = h
            uppers += upper
            lowers += lower
            return k
        }

        /// Adds the ASCII letters and digits among the eight bytes at `i` (which must exist) up to the first
        /// other byte, in one pass with no branch per byte: the length is found from the bytes' bit patterns and
        /// the hash chain runs for all eight positions, keeping its value only while inside the word. A loop
        /// that stops at the word's end mispredicted its exit once per word, a fifth of tokenising. Returns
        /// the number of bytes added and whether the word ended among them (false: all eight were added).
        @inline(__always)
        mutating func addASCIIChunk(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Bool) {
            let w = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            // Per byte, bit 7 set by `x + (0x80 - lo)` when x >= lo and by `x + (0x7F - hi)` when x > hi; with bit 7
            // cleared first no byte carries into the next.
            let x = w & ~high
            let folded = x | 0x2020_2020_2020_2020
            let letter = (folded &+ 0x1F &* ones) & ~(folded &+ 0x05 &* ones)
            let digit = (x &+ 0x50 &* ones) & ~(x &+ 0x46 &* ones)
            let isWord = (letter | digit) & ~w & high
            let notWord = ~isWord & high
            // Bytes before the first non-word byte: all bits up to its bit 7, or all eight bytes.
            let inside = notWord ^ (notWord &- 1)
            let length = notWord.trailingZeroBitCount >> 3
            // Among letters and digits, bits 7–5 are 010 for upper case and 011 for lower case.
            let upper = isWord & inside & ~(w << 2)
            let lower = isWord & inside & (w << 2) & (w << 1)
            uppers += upper.nonzeroBitCount
            lowers += lower.nonzeroBitCount
            var h = hash
            var k = 0
            while k < 8 {
                let next = (h ^ ((folded >> UInt64(8 * k)) & 0xFF)) &* WordHash.prime
                h = k < length ? next : h
                k += 1
            }
            hash = h
            return (length, length < 8)
        }

        /// `addASCIIChunk` for basic Cyrillic: the letters among the four two-byte lanes at `i` (eight bytes,
        /// which must exist) up to the first lane that is not one, each lower-cased by the arithmetic of
        /// `Tokenizer.lowercasedCyrillic` and hashed only while inside the run.
        @inline(__always)
        mutating func addCyrillicChunk(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Bool) {
            let w = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            var h = hash
            var inside = true
            var letters = 0
            var upper = 0
            for lane in 0..<4 {
                let lead = UInt8(truncatingIfNeeded: w >> UInt64(16 * lane))
                let next = UInt8(truncatingIfNeeded: w >> UInt64(16 * lane + 8))
                // `Tokenizer.isBasicCyrillic`, without branches.
                let cyrillic =
                    (lead == 0xD0 && next >= 0x80 && next <= 0xBF) || (lead == 0xD1 && next >= 0x80 && next <= 0x9F)
                inside = inside && cyrillic
                let isUpper = lead == 0xD0 && next < 0xB0
                // Ѐ–Џ (D0 80–8F) → D1 90–9F, А–П (D0 90–9F) → D0 B0–BF, Р–Я (D0 A0–AF) → D1 80–8F.
                let l1: UInt8 = isUpper ? (next >= 0x90 && next < 0xA0 ? 0xD0 : 0xD1) : lead
                let l2: UInt8 = isUpper ? (next < 0x90 ? next &+ 0x10 : next < 0xA0 ? next &+ 0x20 : next &- 0x20) : next
                let hashed = (((h ^ UInt64(l1)) &* WordHash.prime) ^ UInt64(l2)) &* WordHash.prime
                h = inside ? hashed : h
                letters &+= inside ? 1 : 0
                upper &+= inside && isUpper ? 1 : 0
            }
            hash = h
            uppers += upper
            lowers += letters - upper
            return (2 * letters, letters < 4)
        }

        /// Any other letter or digit.
        @inline(__always)
        mutating func add(_ s: Unicode.Scalar) {
            if Tokenizer.isUpper(s) { uppers += 1 } else if isLower(s) { lowers += 1 }
            addLowercase(s.value)
        }

        /// A hyphen or apostrophe inside the word.
        @inline(__always)
        mutating func addJoiner(_ s: Unicode.Scalar) { addLowercase(s.value) }

        @inline(__always)
        private mutating func addLowercase(_ v: UInt32) {
            if let l = Tokenizer.lowercasedValue(v) {
                hashUTF8(of: l, into: &hash)
            } else {
                // Written as it is: right for a scalar with no case, which is all a word without capitals has.
                unmapped = true
                hashUTF8(of: v, into: &hash)
            }
        }

        /// Lower case by arithmetic was not enough: an upper-case letter with no arithmetic mapping, or an
        /// unmapped scalar in a word with capitals (`String.lowercased()` then decides for the whole word).
        var needsUnicodeLowercase: Bool { unmapped && uppers > 0 }

        var traits: EntityToken.Traits {
            var t = EntityToken.Traits(rawValue: 0)
            if capitalized { t.formUnion(.capitalized) }
            if uppers >= 2 && lowers == 0 { t.formUnion(.allCaps) }
            if uppers > 0 { t.formUnion(.hasUpper) }
            return t
        }
    }

    /// An ASCII letter or digit: the ASCII bytes `Tokenizer.isWordScalar` accepts.
    @inline(__always)
    static func isASCIIWordByte(_ x: UInt8) -> Bool {
        let folded = x | 0x20
        return (folded >= 0x61 && folded <= 0x7A) || (x >= 0x30 && x <= 0x39)
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

    /// Adds the UTF-8 bytes of scalar value `v` to a `WordHash`.
    @inline(__always)
    static func hashUTF8(of v: UInt32, into hash: inout UInt64) {
        @inline(__always) func add(_ byte: UInt32) { hash = (hash ^ UInt64(byte)) &* WordHash.prime }
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
    static func headingParagraphs(_ doc: EntityTokens) -> [Bool] {
        let count = doc.paragraphCount
        let words = doc.wordCounts
        let capitals = doc.capitalCounts
        var result = [Bool](repeating: false, count: count)
        doc.bytes.withUnsafeBufferPointer { all in
            for p in 0..<count where words[p] <= 14 && words[p] >= 1 {
                let line = UnsafeBufferPointer(rebasing: all[doc.paragraphRange(p)])
                var end = line.count
                var last: Unicode.Scalar? = nil
                while let s = scalar(line, before: end) {
                    if !isWhitespace(s) {
                        last = s
                        break
                    }
                    end -= s.utf8.count
                }
                let ends = last.map { ".!?…\"”»“’".unicodeScalars.contains($0) } ?? false
                // Two thirds, not half: German capitalises every noun.
                if !ends && capitals[p] * 3 >= words[p] * 2 { result[p] = true }
            }
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

    /// The gazetteer's place for one word, given what the gazetteer holds for it as written (`known`), trying the
    /// Cyrillic stem only for Cyrillic words it does not hold.
    func singleWordPlace(_ k: Int, in doc: EntityTokens, known: Gazetteer.Word) -> Int? {
        let t = doc.tokens[k]
        if let p = known.place { return p }
        // Lead bytes 0xD0–0xD3 start U+0400–U+04FF, the only words `Gazetteer.cyrillicStem` stems.
        let lead = doc.bytes[t.start]
        guard lead >= 0xD0 && lead <= 0xD3 else { return nil }
        let stem =
            doc.withLowercaseUTF8(k) { Gazetteer.cyrillicStemHash(utf8: $0) }
            ?? Gazetteer.cyrillicStemHash(doc.lower(k))
        return stem.flatMap { gazetteer.cyrillicStems[$0] }
    }

    /// All mentions in token order.
    func mentions(in doc: EntityTokens, headings: [Bool]) -> [EntityMention] {
        mentions(in: doc, headings: headings, vocabulary: LowercaseVocabulary(doc))
    }

    /// All mentions in token order, given the body's lower-case vocabulary (which the tagger reads too).
    func mentions(in doc: EntityTokens, headings: [Bool], vocabulary lowercaseVocabulary: LowercaseVocabulary)
        -> [EntityMention]
    {
        let tokens = doc.tokens
        var result: [EntityMention] = []
        // Per-run word classes and places, reused across runs: most runs are one word, and two fresh arrays
        // per run cost more than reading it.
        var classes: [WordClass] = []
        var placeAt: [Int?] = []
        // The first token not yet read: a run read from one capitalised word covers the next few.
        var next = 0
        for c in doc.capitalized where Int(c) >= next {
            let i = Int(c)
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
                } else if let place = gazetteer.word(t.hash).place {
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
                next = i + 1
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
            // A lone word that is never part of a name ("The", "But", "Monday" opening a sentence, or a title):
            // a run of it finds nothing, and such words are most of the capitalised ones.
            if j == i + 1 {
                let c = classify(t)
                if c == .stop || c == .platform || c == .title {
                    next = j
                    continue
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
            next = j
        }
        return result
    }

    /// Splits a run at words that cannot be part of a name and reads each piece.
    func processRun(
        _ run: Range<Int>,
        doc: EntityTokens,
        headings: [Bool],
        vocabulary: LowercaseVocabulary,
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
            guard gazetteer.word(tokens[idx].hash).place == nil else { continue }
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
            let known = gazetteer.word(tokens[run.lowerBound + k].hash)
            let longest = known.opensLongerName ? gazetteer.longestName : 1
            for length in stride(from: min(longest, run.count - k), through: 1, by: -1) {
                if length == 1 && classes[k] != .name && classes[k] != .placeHead { break }
                let place =
                    length == 1
                    ? singleWordPlace(run.lowerBound + k, in: doc, known: known)
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
        vocabulary: LowercaseVocabulary,
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
        let common = tokens[first...last].contains { vocabulary.isCommon($0.hash) }

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

/// The capitalised words of a body that it also writes in lower case (not at a sentence start): common words, not
/// names ("Big Tech" aside). Only capitalised words are asked about, and they are few: their table is filled first
/// and the lower-case words only mark it, rather than every lower-case word being stored.
struct LowercaseVocabulary {
    /// Capitalised word hash → seen in lower case.
    private var table: WordHashTable<Bool>

    init(_ doc: EntityTokens) {
        let tokens = doc.tokens
        var table = WordHashTable<Bool>(capacity: doc.capitalized.count)
        // Per position of a small filter, how many capitalised words hash there and are not yet seen in lower
        // case. Every lower-case word is checked against it, and a zero settles most of them without a table
        // probe; a word leaves the count once marked, so frequent ones ("The"/"the") stop costing a probe.
        var bits = 10
        while 1 << bits < doc.capitalized.count * 8 { bits += 1 }
        let shift = UInt64(64 - bits)
        var pending = [UInt32](repeating: 0, count: 1 << bits)
        @inline(__always) func position(_ hash: UInt64) -> Int {
            Int(truncatingIfNeeded: (hash &* 0xC2B2_AE3D_27D4_EB4F) &>> shift)
        }
        for k in doc.capitalized {
            let hash = tokens[Int(k)].hash
            guard table[hash] == nil else { continue }
            table[hash] = false
            pending[position(hash)] += 1
        }
        pending.withUnsafeMutableBufferPointer { pending in
            for t in tokens {
                // One branch, rarely taken: the token's kind is a mask on the count rather than a test of its
                // own (punctuation and capitalised words would pass the filter, names over and over).
                let p = position(t.hash)
                let kind: UInt32 = t.isWord && !t.capitalized && !t.sentenceStart ? .max : 0
                guard pending[p] & kind != 0, table[t.hash] == false else { continue }
                table[t.hash] = true
                pending[p] -= 1
            }
        }
        self.table = table
    }

    /// The capitalised word with this hash is also written in lower case.
    func isCommon(_ hash: UInt64) -> Bool { table[hash] == true }
}
