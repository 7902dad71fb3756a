/// Lower-case words of a text with their hashes, produced in one pass over the UTF-8 bytes.
public struct Tokens: Sendable, Equatable {
    /// The words (only when asked for: building a `String` per word is the costliest part of tokenising).
    public var words: [String] = []
    /// `WordHash.of(word)` for each word.
    public var hashes: [UInt64] = []
    /// A hash of each word's first five letters (without a possessive "'s"): a crude stem. Zero for words of fewer
    /// than three letters, which say nothing about a paragraph's content.
    public var stems: [UInt64] = []
    /// What the same pass saw of the line's shape, so that features need no second pass.
    public var shape = LineShape()
}

/// A block's words: slices of its document's flat hash and stem arrays (`Tokenizer.tokenize(lines:)`), so that a
/// document costs two arrays instead of two per line.
public struct LineTokens: Sendable, Equatable {
    /// `WordHash.of(word)` for each word.
    public var hashes: ArraySlice<UInt64>
    /// Stem hashes as in `Tokens.stems`, at the same indices as `hashes`, except that in an analysed document
    /// the stems of its language's stop-words are zero too: what is left are the content stems that the
    /// near-duplicate pass compares.
    public var stems: ArraySlice<UInt64>
    /// What the tokenising pass saw of the line's shape.
    public var shape: LineShape

    /// The tokens of a line tokenised on its own (a block whose text changed).
    public init(_ tokens: Tokens) {
        hashes = tokens.hashes[...]
        stems = tokens.stems[...]
        shape = tokens.shape
    }

    /// The tokens of a line tokenised on its own, with the stems of the stop-words of `stopLanguages` set to
    /// zero like those of an analysed document's lines.
    init(_ tokens: Tokens, stopLanguages: Int) {
        self.init(tokens)
        for k in stems.indices where stems[k] != 0 && Lexicons.isStopWord(hashes[k], languages: stopLanguages) {
            stems[k] = 0
        }
    }

    init(hashes: ArraySlice<UInt64>, stems: ArraySlice<UInt64>, shape: LineShape) {
        self.hashes = hashes
        self.stems = stems
        self.shape = shape
    }
}

/// Every line of a document tokenised into one pair of flat arrays.
struct DocumentTokens {
    /// The hashes of all words, line after line.
    var hashes: [UInt64]
    /// The stems, at the same indices.
    var stems: [UInt64]
    /// Where each line's words end in `hashes` (they start where the previous line's end).
    var ends: [Int]
    /// Each line's shape.
    var shapes: [LineShape]

    /// The tokens of line `k`, as slices that share the document's arrays.
    func line(_ k: Int) -> LineTokens {
        let range = (k == 0 ? 0 : ends[k - 1])..<ends[k]
        return LineTokens(hashes: hashes[range], stems: stems[range], shape: shapes[k])
    }
}

/// Shape of a line measured while tokenising it.
public struct LineShape: Sendable, Equatable {
    /// Unicode scalars.
    public var characters = 0
    /// Words starting with an upper-case letter.
    public var capitalized = 0
    /// Spaces right after ".", "!", "?" or "…".
    public var sentenceBreaks = 0
    /// "@" or "#" at the start of a word.
    public var mentions = 0
    /// Words that start with a digit.
    public var numericWords = 0
    /// Words that start with a digit and are four bytes ("2022") or eight and more ("2022-02-27"): years and
    /// whole dates.
    public var yearLikeNumbers = 0
    /// The last three scalars that are not spaces, oldest first.
    public var lastScalars: (UInt32, UInt32, UInt32) = (0, 0, 0)
    /// The line holds ":" (a label, a caption marker), "/" (a credit), "(" (a copyright "(c)").
    public var hasColon = false
    public var hasSlash = false
    public var hasParenthesis = false

    public static func == (a: LineShape, b: LineShape) -> Bool {
        a.characters == b.characters && a.capitalized == b.capitalized && a.sentenceBreaks == b.sentenceBreaks
            && a.mentions == b.mentions && a.numericWords == b.numericWords
            && a.yearLikeNumbers == b.yearLikeNumbers && a.lastScalars == b.lastScalars
            && a.hasColon == b.hasColon && a.hasSlash == b.hasSlash && a.hasParenthesis == b.hasParenthesis
    }
}

/// Splits text into lower-case words without Foundation, because every block is tokenised once and the extractor
/// must keep up with 20 MB/s.
public enum Tokenizer {
    /// Lower-case words: runs of letters and digits, with inner apostrophes and hyphens kept ("don't",
    /// "ukraine-russia"). "©" counts as a word so that lexicons can name it.
    public static func words(_ text: String) -> [String] {
        tokenize(text, keepWords: true).words
    }

    /// Hashes, stems and the line's shape in one pass, and the words themselves when `keepWords`.
    public static func tokenize(_ text: String, keepWords: Bool = false) -> Tokens {
        var text = text
        return text.withUTF8 { tokenize(bytes: $0, keepWords: keepWords) }
    }

    /// The word being read: its hash, its stem hash (first five letters), letters and bytes so far, and the stem
    /// as it stood before an apostrophe, for dropping a possessive 's. A struct with mutating methods, so that the
    /// optimiser keeps it in registers.
    struct WordState {
        var h = WordHash.offset
        var stem = WordHash.offset
        var letters = 0
        var bytes = 0
        var firstByte: UInt8 = 0
        var lastByte: UInt8 = 0
        var stemBeforeApostrophe: UInt64 = 0
        var lettersBeforeApostrophe = -1

        @inline(__always)
        mutating func add(_ b: UInt8) {
            h ^= UInt64(b)
            h = h &* WordHash.prime
            // `letters` counts the letters before the one being added: a byte is part of the stem while < 5.
            if letters < 5 {
                stem ^= UInt64(b)
                stem = stem &* WordHash.prime
            }
            if bytes == 0 { firstByte = b }
            bytes += 1
            lastByte = b
        }

        /// Adds one letter given as a scalar value (already lower case), in UTF-8.
        @inline(__always)
        mutating func addLetter(_ v: UInt32) {
            if v < 0x80 {
                add(UInt8(v))
            } else if v < 0x800 {
                add(UInt8(0xC0 | (v >> 6)))
                add(UInt8(0x80 | (v & 0x3F)))
            } else if v < 0x10000 {
                add(UInt8(0xE0 | (v >> 12)))
                add(UInt8(0x80 | ((v >> 6) & 0x3F)))
                add(UInt8(0x80 | (v & 0x3F)))
            } else {
                add(UInt8(0xF0 | (v >> 18)))
                add(UInt8(0x80 | ((v >> 12) & 0x3F)))
                add(UInt8(0x80 | ((v >> 6) & 0x3F)))
                add(UInt8(0x80 | (v & 0x3F)))
            }
        }

        @inline(__always)
        mutating func join(_ joiner: UInt8) {
            if joiner == 0x27 {
                stemBeforeApostrophe = stem
                lettersBeforeApostrophe = letters
            }
            add(joiner)
        }
    }

    /// Where the words go: scratch written through pointers, because appending to an array checks its
    /// uniqueness and capacity on every word.
    struct Output {
        let hashes: UnsafeMutablePointer<UInt64>
        let stems: UnsafeMutablePointer<UInt64>
        var count = 0
        var keepWords: Bool
        /// Runs of basic Cyrillic take their fast path; false only in the test that holds it to the general one.
        var cyrillicRuns = true
        var words: [String] = []
        var wordBytes: [UInt8] = []
        var numericWords = 0
        var yearLike = 0

        @inline(__always)
        mutating func finish(_ w: inout Tokenizer.WordState) {
            guard w.bytes > 0 else { return }
            var stemValue = w.stem
            var stemLetters = w.letters
            // "russia's" → the stem of "russia": an apostrophe followed by the single letter "s" ends the word.
            if w.lettersBeforeApostrophe >= 0 && w.letters == w.lettersBeforeApostrophe + 1 && w.lastByte == 0x73 {
                stemValue = w.stemBeforeApostrophe
                stemLetters = w.lettersBeforeApostrophe
            }
            hashes[count] = w.h
            stems[count] = stemLetters >= 3 ? stemValue : 0
            count += 1
            if w.firstByte >= 0x30 && w.firstByte <= 0x39 {
                numericWords += 1
                if w.bytes == 4 || w.bytes >= 8 { yearLike += 1 }
            }
            w = Tokenizer.WordState()
        }
    }

    static func tokenize(bytes p: UnsafeBufferPointer<UInt8>, keepWords: Bool, cyrillicRuns: Bool = true) -> Tokens {
        // A word is at least one byte followed by a separator, "©" aside (two bytes, a word of its own). Words go
        // to scratch (on the stack) and are copied into exact-size arrays: that copy is the standard library's
        // specialised one, about half the cost of writing into uninitialised array storage, whose generic
        // allocation looks up the array's type metadata on every call.
        let capacity = p.count / 2 + 2
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity * 2) { scratch in
            var out = Output(hashes: scratch.baseAddress!, stems: scratch.baseAddress! + capacity, keepWords: keepWords)
            out.cyrillicRuns = cyrillicRuns
            let shape = scan(p, into: &out)
            var tokens = Tokens()
            tokens.hashes = Array(UnsafeBufferPointer(start: out.hashes, count: out.count))
            tokens.stems = Array(UnsafeBufferPointer(start: out.stems, count: out.count))
            tokens.words = out.words
            tokens.shape = shape
            tokens.shape.numericWords = out.numericWords
            tokens.shape.yearLikeNumbers = out.yearLike
            return tokens
        }
    }

    /// Tokenises every line of a document into one pair of arrays, sized by the bound `tokenize(bytes:)` uses (a
    /// word takes at least one byte and a separator), so that no line allocates anything of its own.
    static func tokenize(lines: [NormalizedLine]) -> DocumentTokens {
        var bound = 0
        for line in lines { bound += line.text.utf8.count / 2 + 2 }
        var ends: [Int] = []
        ends.reserveCapacity(lines.count)
        var shapes: [LineShape] = []
        shapes.reserveCapacity(lines.count)
        var stems: [UInt64] = []
        let hashes = [UInt64](unsafeUninitializedCapacity: bound) { hashBuffer, hashCount in
            stems = [UInt64](unsafeUninitializedCapacity: bound) { stemBuffer, stemCount in
                var total = 0
                for line in lines {
                    var text = line.text
                    let (count, shape) = text.withUTF8 { p in
                        var out = Output(
                            hashes: hashBuffer.baseAddress! + total,
                            stems: stemBuffer.baseAddress! + total,
                            keepWords: false
                        )
                        var shape = scan(p, into: &out)
                        shape.numericWords = out.numericWords
                        shape.yearLikeNumbers = out.yearLike
                        return (out.count, shape)
                    }
                    total += count
                    ends.append(total)
                    shapes.append(shape)
                }
                stemCount = total
            }
            hashCount = stems.count
        }
        return DocumentTokens(hashes: hashes, stems: stems, ends: ends, shapes: shapes)
    }

    /// The single pass. Words are kept as strings only through `wordStart`/`wordBytes` when asked for.
    @inline(__always)
    static func scan(_ p: UnsafeBufferPointer<UInt8>, into out: inout Output) -> LineShape {
        var w = WordState()
        var pendingJoiner: UInt8 = 0
        var shape = LineShape()
        var prev: UInt32 = 0x20
        let keep = out.keepWords
        let n = p.count
        var i = 0

        @inline(__always)
        func endWord() {
            if keep && w.bytes > 0 {
                out.words.append(String(decoding: out.wordBytes, as: UTF8.self))
                out.wordBytes.removeAll(keepingCapacity: true)
            }
            out.finish(&w)
        }

        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                // ASCII fast path: letters and digits, lower-cased in place.
                let lower = b0 | 0x20
                let isLetter = lower >= 0x61 && lower <= 0x7A
                if isLetter || (b0 >= 0x30 && b0 <= 0x39) {
                    if pendingJoiner != 0 {
                        if w.bytes > 0 {
                            w.join(pendingJoiner)
                            if keep { out.wordBytes.append(pendingJoiner) }
                        }
                        pendingJoiner = 0
                    }
                    if isLetter && b0 != lower && w.bytes == 0 { shape.capitalized += 1 }
                    // The whole run of ASCII letters and digits at once; the shape needs only its length and end.
                    let (j, h, stem) = asciiRun(p, from: i, hash: w.h, stem: w.stem, stemRoom: 5 - w.letters)
                    if keep { for k in i..<j { out.wordBytes.append(p[k] | 0x20) } }
                    let run = j - i
                    w.stem = stem
                    w.letters += run
                    if w.bytes == 0 { w.firstByte = b0 }
                    w.bytes += run
                    let lastByte = p[j - 1]
                    w.lastByte = lastByte >= 0x41 && lastByte <= 0x5A ? lastByte | 0x20 : lastByte
                    w.h = h
                    shape.characters += run
                    let last = shape.lastScalars
                    let z = UInt32(p[j - 1])
                    switch run {
                    case 1: shape.lastScalars = (last.1, last.2, z)
                    case 2: shape.lastScalars = (last.2, UInt32(p[j - 2]), z)
                    default: shape.lastScalars = (UInt32(p[j - 3]), UInt32(p[j - 2]), z)
                    }
                    prev = z
                    i = j
                    continue
                }
            }
            if out.cyrillicRuns && i + 1 < n && Self.isBasicCyrillic(b0, p[i + 1]) {
                // A run of basic Cyrillic letters (U+0400–U+045F), lower-cased on the bytes, like ASCII above.
                if pendingJoiner != 0 {
                    if w.bytes > 0 {
                        w.join(pendingJoiner)
                        if keep { out.wordBytes.append(pendingJoiner) }
                    }
                    pendingJoiner = 0
                }
                if w.bytes == 0 && b0 == 0xD0 && p[i + 1] < 0xB0 { shape.capitalized += 1 }
                let j = cyrillicRun(p, from: i, into: &w)
                if keep {
                    var k = i
                    while k < j {
                        let (l1, l2) = Self.lowercasedCyrillic(p[k], p[k + 1])
                        out.wordBytes.append(l1)
                        out.wordBytes.append(l2)
                        k += 2
                    }
                }
                let count = (j - i) / 2
                shape.characters += count
                @inline(__always) func value(_ k: Int) -> UInt32 { UInt32(p[k] & 0x1F) << 6 | UInt32(p[k + 1] & 0x3F) }
                let last = shape.lastScalars
                let z = value(j - 2)
                switch count {
                case 1: shape.lastScalars = (last.1, last.2, z)
                case 2: shape.lastScalars = (last.2, value(j - 4), z)
                default: shape.lastScalars = (value(j - 6), value(j - 4), z)
                }
                prev = z
                i = j
                continue
            }
            let v: UInt32
            let len: Int
            if b0 & 0xE0 == 0xC0 && i + 1 < n {
                // Two-byte scalars (Latin accents, Cyrillic, Greek) decoded inline: most non-ASCII text is here.
                v = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                len = 2
            } else {
                (v, len) = UTF8Scalar.decode(p, at: i)
            }
            i += len
            shape.characters += 1
            switch v {
            case 0x20:
                if prev == 0x2E || prev == 0x21 || prev == 0x3F || prev == 0x2026 { shape.sentenceBreaks += 1 }
            case 0x40, 0x23:
                if prev == 0x20 || shape.characters == 1 { shape.mentions += 1 }
            case 0x3A: shape.hasColon = true
            case 0x2F: shape.hasSlash = true
            case 0x28: shape.hasParenthesis = true
            default: break
            }
            if v != 0x20 { shape.lastScalars = (shape.lastScalars.1, shape.lastScalars.2, v) }
            prev = v
            if v >= 0x80, let (lower, upper) = letterCase(v) {
                if pendingJoiner != 0 {
                    if w.bytes > 0 {
                        w.join(pendingJoiner)
                        if keep { out.wordBytes.append(pendingJoiner) }
                    }
                    pendingJoiner = 0
                }
                if w.bytes == 0 && upper { shape.capitalized += 1 }
                if lower.1 == 0 {
                    w.addLetter(lower.0)
                    if keep { Normalizer.appendUTF8OrASCII(lower.0, to: &out.wordBytes) }
                } else {
                    // A few capitals lower-case to two scalars ("İ" → "i̇").
                    for x in [lower.0, lower.1] {
                        w.addLetter(x)
                        if keep { Normalizer.appendUTF8OrASCII(x, to: &out.wordBytes) }
                    }
                }
                w.letters += 1
            } else if (v == 0x27 || v == 0x2019 || v == 0x2D) && w.bytes > 0 && pendingJoiner == 0 {
                pendingJoiner = v == 0x2D ? 0x2D : 0x27
            } else {
                pendingJoiner = 0
                endWord()
                if v == 0xA9 {
                    w.add(0xC2)
                    w.add(0xA9)
                    if keep { out.wordBytes.append(contentsOf: [0xC2, 0xA9]) }
                    w.letters = 1
                    endWord()
                }
            }
        }
        endWord()
        return shape
    }

    /// Reads a run of ASCII letters and digits from `start`, folding it into the word's hash and the first
    /// `stemRoom` bytes into its stem hash (digits already have the lower-case bit, so OR-ing 0x20 lower-cases
    /// the run). Out of line on purpose: inside the scanner's large loop the index and both hashes lived on the
    /// stack, and each byte waited on a store and a reload.
    @inline(never)
    static func asciiRun(
        _ p: UnsafeBufferPointer<UInt8>,
        from start: Int,
        hash: UInt64,
        stem: UInt64,
        stemRoom: Int
    ) -> (end: Int, hash: UInt64, stem: UInt64) {
        var h = hash
        var s = stem
        var j = start
        let stemEnd = start + max(stemRoom, 0)
        let n = p.count
        while j < n {
            let b = p[j]
            let c = b | 0x20
            guard (c >= 0x61 && c <= 0x7A) || (b >= 0x30 && b <= 0x39) else { break }
            h = (h ^ UInt64(c)) &* WordHash.prime
            if j < stemEnd { s = (s ^ UInt64(c)) &* WordHash.prime }
            j += 1
        }
        return (j, h, s)
    }

    /// The two bytes start a basic Cyrillic letter, U+0400–U+045F (lead 0xD0, or 0xD1 with 0x80–0x9F).
    @inline(__always)
    static func isBasicCyrillic(_ lead: UInt8, _ next: UInt8) -> Bool {
        (lead == 0xD0 && next >= 0x80 && next <= 0xBF) || (lead == 0xD1 && next >= 0x80 && next <= 0x9F)
    }

    /// The UTF-8 bytes of a basic Cyrillic letter's lower case: Ѐ–Џ (D0 80–8F) become ѐ–џ (D1 90–9F), А–П
    /// (D0 90–9F) become а–п (D0 B0–BF), Р–Я (D0 A0–AF) become р–я (D1 80–8F); lower case stays.
    @inline(__always)
    static func lowercasedCyrillic(_ lead: UInt8, _ next: UInt8) -> (UInt8, UInt8) {
        guard lead == 0xD0 else { return (lead, next) }
        switch next {
        case 0x80...0x8F: return (0xD1, next + 0x10)
        case 0x90...0x9F: return (0xD0, next + 0x20)
        case 0xA0...0xAF: return (0xD1, next - 0x20)
        default: return (lead, next)
        }
    }

    /// Reads a run of basic Cyrillic letters from `start` into the word (hash, stem, letters, bytes), as
    /// `WordState.addLetter` would letter by letter; returns where the run ends. Out of line for the same
    /// reason as `asciiRun`.
    @inline(never)
    static func cyrillicRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int, into w: inout WordState) -> Int {
        var h = w.h
        var stem = w.stem
        var letters = w.letters
        var j = start
        let n = p.count
        var first: UInt8 = 0
        var last: UInt8 = 0
        while j + 1 < n && isBasicCyrillic(p[j], p[j + 1]) {
            let (l1, l2) = lowercasedCyrillic(p[j], p[j + 1])
            h = (h ^ UInt64(l1)) &* WordHash.prime
            h = (h ^ UInt64(l2)) &* WordHash.prime
            if letters < 5 {
                stem = (stem ^ UInt64(l1)) &* WordHash.prime
                stem = (stem ^ UInt64(l2)) &* WordHash.prime
            }
            if j == start { first = l1 }
            last = l2
            letters += 1
            j += 2
        }
        if w.bytes == 0 { w.firstByte = first }
        w.bytes += j - start
        w.lastByte = last
        w.h = h
        w.stem = stem
        w.letters = letters
        return j
    }

    /// For a non-ASCII scalar that belongs in words: its lower-case form (one or two scalars; the second is zero
    /// when there is one) and whether it is upper case. Nil for everything else. Cyrillic and Latin-1 are decided
    /// by arithmetic; the rest asks the Unicode tables.
    @inline(__always)
    static func letterCase(_ v: UInt32) -> ((UInt32, UInt32), Bool)? {
        // × and ÷ sit among the Latin-1 letters but are not letters.
        if v == 0xD7 || v == 0xF7 { return nil }
        if (v >= 0x400 && v <= 0x45F) || (v >= 0xC0 && v <= 0xFF), let lower = lowercasedValue(v) {
            return ((lower, 0), lower != v)
        }
        if v < 0xC0 { return v == 0xAA || v == 0xB5 || v == 0xBA ? ((v, 0), false) : nil }
        if v >= 0x2000 && v <= 0x2BFF { return nil }
        return letterCaseFromTables(v)
    }

    /// The rest of `letterCase`, kept out of line so that the arithmetic cases inline into the tokenizer's loop.
    @inline(never)
    static func letterCaseFromTables(_ v: UInt32) -> ((UInt32, UInt32), Bool)? {
        guard let s = Unicode.Scalar(v) else { return nil }
        let p = s.properties
        guard (v >= 0x400 && v <= 0x4FF) || (v <= 0x24F) || p.isAlphabetic || p.numericType != nil else {
            return nil
        }
        guard p.isUppercase else { return ((v, 0), false) }
        var it = p.lowercaseMapping.unicodeScalars.makeIterator()
        let first = it.next()?.value ?? v
        let second = it.next()?.value ?? 0
        return ((first, second), true)
    }

    /// Letters, digits and combining marks form words.
    @inline(__always)
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        if v >= 0x0400 && v <= 0x04FF { return true }
        if v >= 0xC0 && v <= 0x24F { return v != 0xD7 && v != 0xF7 }
        if v < 0xC0 { return v == 0xAA || v == 0xB5 || v == 0xBA }
        if v >= 0x2000 && v <= 0x2BFF { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @inline(__always)
    static func lowercased(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        lowercasedValue(s.value).flatMap(Unicode.Scalar.init)
    }

    /// Lower case by arithmetic for ASCII, Latin-1 and basic Cyrillic; nil elsewhere (the Unicode tables decide).
    @inline(__always)
    static func lowercasedValue(_ v: UInt32) -> UInt32? {
        if v >= 0x41 && v <= 0x5A { return v + 32 }
        if v < 0x80 { return v }
        if v >= 0x410 && v <= 0x42F { return v + 32 }
        if v >= 0x430 && v <= 0x45F { return v }
        if v >= 0x400 && v <= 0x40F { return v + 80 }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 32 }
        if v >= 0xDF && v <= 0xFF { return v }
        return nil
    }

    @inline(__always)
    static func appendLowercased(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        if let l = lowercased(s) {
            out.append(l)
        } else if s.properties.isUppercase {
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        } else {
            out.append(s)
        }
    }

    /// True when the scalar is an upper-case letter.
    @inline(__always)
    public static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0x400 && v <= 0x42F { return true }
        if v >= 0x430 && v <= 0x45F { return false }
        if v >= 0xC0 && v <= 0xDE { return v != 0xD7 }
        if v >= 0xDF && v <= 0xFF { return false }
        return s.properties.isUppercase
    }
}
