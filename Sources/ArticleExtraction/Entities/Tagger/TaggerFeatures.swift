/// What the tagger looks at for one word: the word and its neighbours, their shapes and affixes, the project's
/// lexicons and gazetteer, the word's place in the sentence, and the tags already given to the words before it.
/// Each feature is a 32-bit key (a template number mixed with a value), so that the model is a table from keys to
/// weights and no feature string is ever built.
struct TaggerFeatures {
    let doc: EntityTokens
    let headings: [Bool]
    let vocabulary: LowercaseVocabulary

    init(doc: EntityTokens, headings: [Bool], vocabulary: LowercaseVocabulary) {
        self.doc = doc
        self.headings = headings
        self.vocabulary = vocabulary
    }

    /// Feature templates. Numbers, not strings: they only need to differ. The set is what cross-validation on
    /// the development set kept: word pairs, neighbours' shapes, prefixes, a second suffix and the tag before the
    /// previous one each made the model larger and its agreement on unseen pages lower (docs/entities.md).
    enum Template: UInt64 {
        case bias = 1, word, previousWord, nextWord
        case secondNextWord = 6, shape, suffix3 = 10, length = 13
        case flag, previousFlag, nextFlag, gazetteerPlace, opensLongerPlace, commonInLowerCase
        case possessive = 21, heading, previousTag, previousTagWord = 25
        case lastTagOfThisWord = 28, previousTagShape, capitals
    }

    /// The key of template `t` with `value`: a 64-bit mix folded to 32 bits, never 0 (the table's empty slot).
    @inline(__always)
    static func key(_ t: Template, _ value: UInt64) -> UInt32 {
        var z = value &+ t.rawValue &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let k = UInt32(truncatingIfNeeded: z ^ (z >> 32))
        return k == 0 ? 1 : k
    }

    /// Whether token `k` is in the same paragraph as `i` (neighbours across paragraphs are no context).
    @inline(__always)
    private func neighbour(_ k: Int, of i: Int) -> Int? {
        guard k >= 0, k < doc.tokens.count, doc.tokens[k].paragraph == doc.tokens[i].paragraph else { return nil }
        return k
    }

    /// The features of token `i` that do not depend on tags, appended to `out`.
    /// Returns the word's shape, which `tagFeatures` pairs with the previous tag.
    func staticFeatures(_ i: Int, into out: inout [UInt32]) -> UInt32 {
        let t = doc.tokens[i]
        let edge: UInt64 = 0x5EED
        out.append(Self.key(.bias, 0))
        out.append(Self.key(.word, t.hash))
        let p1 = neighbour(i - 1, of: i)
        let n1 = neighbour(i + 1, of: i)
        let n2 = neighbour(i + 2, of: i)
        out.append(Self.key(.previousWord, p1.map { doc.tokens[$0].hash } ?? edge))
        out.append(Self.key(.nextWord, n1.map { doc.tokens[$0].hash } ?? edge))
        out.append(Self.key(.secondNextWord, n2.map { doc.tokens[$0].hash } ?? edge))
        let shape = shape(i)
        out.append(Self.key(.shape, UInt64(shape)))
        // Whether the neighbours are capitalised, and whether the word opens a sentence: a name continues, and a
        // capital after a full stop proves nothing.
        let up1 = p1.map { doc.tokens[$0].hasUpper ? 1 : 2 } ?? 0
        let un1 = n1.map { doc.tokens[$0].hasUpper ? 1 : 2 } ?? 0
        out.append(Self.key(.capitals, UInt64(up1 * 9 + un1 * 3 + (t.sentenceStart ? 1 : 0))))
        out.append(Self.key(.suffix3, suffix3(i)))
        out.append(Self.key(.length, UInt64(min(doc.byteCount(i), 12))))
        Self.flagFeatures(t.flags, .flag, into: &out)
        if let p1 { Self.flagFeatures(doc.tokens[p1].flags, .previousFlag, into: &out) }
        if let n1 { Self.flagFeatures(doc.tokens[n1].flags, .nextFlag, into: &out) }
        let place = Gazetteer.shared.word(t.hash)
        if place.place != nil { out.append(Self.key(.gazetteerPlace, 1)) }
        if place.opensLongerName { out.append(Self.key(.opensLongerPlace, 1)) }
        if t.hasUpper && vocabulary.isCommon(t.hash) { out.append(Self.key(.commonInLowerCase, 1)) }
        if t.possessive { out.append(Self.key(.possessive, 1)) }
        if headings[t.paragraph] { out.append(Self.key(.heading, 1)) }
        return shape
    }

    /// The features that depend on the tags already chosen: the previous one, and the last tag this same word
    /// got earlier in the body (a name keeps its kind through an article).
    func tagFeatures(
        _ i: Int,
        shape: UInt32,
        previous: EntityTag,
        lastTagOfWord: EntityTag?,
        into out: inout [UInt32]
    ) {
        let t = doc.tokens[i]
        let p = UInt64(previous.rawValue)
        out.append(Self.key(.previousTag, p))
        out.append(Self.key(.previousTagWord, t.hash &* 16 &+ p))
        out.append(Self.key(.previousTagShape, UInt64(shape) &* 16 &+ p))
        out.append(Self.key(.lastTagOfThisWord, lastTagOfWord.map { UInt64($0.rawValue) + 1 } ?? 0))
    }

    /// One feature per lexicon the word is in.
    @inline(__always)
    private static func flagFeatures(_ flags: WordFlags, _ t: Template, into out: inout [UInt32]) {
        var bits = flags.rawValue
        while bits != 0 {
            let b = bits.trailingZeroBitCount
            out.append(key(t, UInt64(b)))
            bits &= bits - 1
        }
    }

    /// The last three bytes of the word in lower case, hashed ("-ski", "-ton", "-ing").
    private func suffix3(_ i: Int) -> UInt64 {
        if let h = doc.withLowercaseUTF8(i, { w in Self.hash(w, w.count - 3..<w.count) }) { return h }
        return Array(doc.lower(i).utf8).withUnsafeBufferPointer { w in Self.hash(w, w.count - 3..<w.count) }
    }

    /// FNV-1a of the bytes in `range`, clamped to the buffer.
    @inline(__always)
    private static func hash(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h = WordHash.offset
        for k in max(range.lowerBound, 0)..<min(range.upperBound, b.count) {
            h = (h ^ UInt64(b[k])) &* WordHash.prime
        }
        return h
    }

    /// The word's shape as spaCy writes it ("Xxxxx", "XX", "dd.d", "xX"): each letter or digit by its class, a
    /// run of one class cut at four, other characters as they are; hashed. Punctuation is its mark. Read from
    /// the bytes, with Unicode's tables only for letters beyond the fast paths of `Tokenizer.isUpper`.
    func shape(_ i: Int) -> UInt32 {
        let t = doc.tokens[i]
        var h = WordHash.offset
        if t.isWord {
            var last: UInt32 = 0
            var run = 0
            doc.bytes.withUnsafeBufferPointer { b in
                var k = t.start
                while k < t.textEnd {
                    let (v, length) = UTF8Scalar.decode(b, at: k)
                    k += length
                    let c = Self.shapeClass(v)
                    run = c == last ? run + 1 : 1
                    last = c
                    if run <= 4 { h = (h ^ UInt64(c)) &* WordHash.prime }
                }
            }
        } else {
            h = (h ^ t.hash) &* WordHash.prime
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// "X" for an upper-case letter, "x" for another letter, "d" for a digit, the scalar itself otherwise.
    @inline(__always)
    static func shapeClass(_ v: UInt32) -> UInt32 {
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return 88 }
            if v >= 0x61 && v <= 0x7A { return 120 }
            if v >= 0x30 && v <= 0x39 { return 100 }
            return v
        }
        guard let s = Unicode.Scalar(v) else { return v }
        if Tokenizer.isUpper(s) { return 88 }
        if EntityRecognizer.isLower(s) { return 120 }
        return s.properties.isAlphabetic ? 120 : s.properties.numericType != nil ? 100 : v
    }
}
