/// Place names: countries from Debian's iso-codes (generated into `GazetteerData`), plus the project's own short
/// lists of cities, regions and exonyms in `EntityLexicons`. Names are looked up by word hashes, not strings, so
/// that a capitalised word costs a table probe instead of a String hash; values are canonical names.
struct Gazetteer: Sendable {
    /// The shared instance; built once, read-only afterwards.
    static let shared = Gazetteer()

    /// Canonical names, each once: two look-ups give the same index exactly when they give the same name.
    let names: [String]
    /// `WordHash` of a lower-case word → what it is in the gazetteer (`Word`, packed): the recogniser asks both
    /// questions of every capitalised word, and one probe misses the cache where two did.
    private let words: WordTable
    /// `key(of:)` of the words of a name of two or more words → index in `names`.
    let multiWords: WordTable
    /// `WordHash` of the Cyrillic stems of the names, so that inflected forms ("России", "Украины") find the
    /// nominative.
    let cyrillicStems: WordTable
    /// The most words any name has, to bound the look-ahead.
    let longestName: Int

    /// A word's part in the gazetteer.
    struct Word {
        /// The index in `names` of the place the word names alone.
        var place: Int?
        /// The word opens a name of two or more words ("new" for "New York"): only such words need a
        /// look-ahead.
        var opensLongerName: Bool
    }

    /// What the word with this `WordHash` (of its lower case) is in the gazetteer.
    @inline(__always)
    func word(_ hash: UInt64) -> Word {
        guard let packed = words[hash] else { return Word(place: nil, opensLongerName: false) }
        return Word(place: packed >> 1 == 0 ? nil : (packed >> 1) - 1, opensLongerName: packed & 1 != 0)
    }

    init() {
        var places: [String: String] = [:]
        for line in GazetteerData.countries.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            places[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        for city in EntityLexicons.cities { places[city.lowercased()] = city }
        for (exonym, endonym) in EntityLexicons.exonyms { places[exonym] = endonym }
        var names: [String] = []
        var index: [String: Int] = [:]
        var single: [(UInt64, Int)] = []
        var multi: [(UInt64, Int)] = []
        var stems: [(UInt64, Int)] = []
        var longest = 1
        var firsts: [UInt64] = []
        // Sorted, so that the tables (and the first stem kept) are the same on every run.
        for (key, value) in places.sorted(by: { $0.key < $1.key }) {
            let n = index[value] ?? names.count
            if n == names.count {
                names.append(value)
                index[value] = n
            }
            // Split exactly as the recogniser joins words: one space each, no empty words dropped.
            // Hashed from the key's bytes: no String per word.
            let words = key.utf8.split(separator: 0x20, omittingEmptySubsequences: false).map { word in
                word.reduce(WordHash.offset) { ($0 ^ UInt64($1)) &* WordHash.prime }
            }
            longest = max(longest, words.count)
            if words.count > 1 {
                firsts.append(words[0])
                multi.append((Self.key(of: words), n))
            } else {
                single.append((words[0], n))
            }
            if let stem = Self.cyrillicStem(key), stem.count >= 4 { stems.append((WordHash.of(stem), n)) }
        }
        self.names = names
        // Packed as (place + 1) << 1 | opens a longer name. A later place replaces an earlier one under the same
        // hash, as in the single-word table this replaced; the flag is kept from either.
        self.words = WordTable(
            single.map { ($0.0, ($0.1 + 1) << 1) } + firsts.map { ($0, 1) },
            merge: { old, new in (new >> 1 != 0 ? new : old) & ~1 | (old | new) & 1 }
        )
        self.multiWords = WordTable(multi)
        // The first stem wins, as it did when stems were collected into a dictionary (no two names share one).
        self.cyrillicStems = WordTable(stems, merge: { old, _ in old })
        self.longestName = longest
    }

    /// The key of a name of several words, from the words' `WordHash` values in order.
    @inline(__always)
    static func key(of wordHashes: some Sequence<UInt64>) -> UInt64 { WordHash.combine(wordHashes) }

    /// The place index for an inflected Cyrillic form through its stem ("России" → Russia).
    func stemPlace(_ lower: String) -> Int? {
        guard let stem = Self.cyrillicStemHash(lower) else { return nil }
        return cyrillicStems[stem]
    }

    /// The case endings `cyrillicStem` drops from words of six letters or more, and the vowels it drops otherwise.
    static let caseEndings = ["ой", "ей", "ою", "ом", "ам", "ах", "ью"]
    static let stemEndings: [[UInt8]] = caseEndings.map { Array($0.utf8) }
    static let stemVowels: Set<UInt32> = Set("аяоеиыуюьйіїє".unicodeScalars.map(\.value))

    /// `WordHash.of(cyrillicStem(word))` when the stem has four letters or more, computed on the UTF-8 bytes
    /// without building the stem: this runs for every capitalised Cyrillic word of a body.
    static func cyrillicStemHash(_ word: String) -> UInt64? {
        var word = word
        return word.withUTF8 { cyrillicStemHash(utf8: $0) }
    }

    /// `cyrillicStemHash` of a lower-case word's UTF-8 bytes.
    static func cyrillicStemHash(utf8 p: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard p.count >= 2 else { return nil }
        let first = UTF8Scalar.decode(p, at: 0).value
        guard first >= 0x400 && first <= 0x4FF else { return nil }
        var scalars = 0
        for b in p where b & 0xC0 != 0x80 { scalars += 1 }
        var end = p.count
        var dropped = false
        if scalars > 5 {
            for e in stemEndings where p.count >= e.count && p[(p.count - e.count)...].elementsEqual(e) {
                end -= e.count
                scalars -= 2
                dropped = true
                break
            }
        }
        if !dropped {
            var last = p.count - 1
            while last > 0 && p[last] & 0xC0 == 0x80 { last -= 1 }
            if stemVowels.contains(UTF8Scalar.decode(p, at: last).value) {
                end = last
                scalars -= 1
            }
        }
        guard scalars >= 4 else { return nil }
        var h = WordHash.offset
        for b in p[0..<end] { h = (h ^ UInt64(b)) &* WordHash.prime }
        return h
    }

    /// The canonical place for a lower-case name, trying the Cyrillic stem when the form is inflected.
    func place(_ lower: String) -> String? {
        (word(WordHash.of(lower)).place ?? stemPlace(lower)).map { names[$0] }
    }

    /// The endings `cyrillicStem` drops, as pairs of scalar values.
    static let stemEndingScalars: [(UInt32, UInt32)] = caseEndings.map { ending in
        let s = Array(ending.unicodeScalars)
        return (s[0].value, s[1].value)
    }

    /// How many of a lower-case word's scalars `cyrillicStem` keeps: all of them when the word is not Cyrillic.
    /// For name folding, which works on scalar values rather than strings.
    static func cyrillicStemCount(_ scalars: UnsafeBufferPointer<UInt32>) -> Int {
        let n = scalars.count
        guard let first = scalars.first, first >= 0x400, first <= 0x4FF else { return n }
        if n > 5 {
            for (a, b) in stemEndingScalars where scalars[n - 2] == a && scalars[n - 1] == b { return n - 2 }
        }
        return stemVowels.contains(scalars[n - 1]) ? n - 1 : n
    }

    /// A Russian or Ukrainian word without its case ending: "россии" and "россия" both give "росси".
    /// The rule itself is `cyrillicStemCount`; `cyrillicStemHash` is its byte-level twin, held to it by a test.
    static func cyrillicStem(_ word: String) -> String? {
        guard let first = word.unicodeScalars.first, first.value >= 0x400, first.value <= 0x4FF else { return nil }
        let kept = word.unicodeScalars.map(\.value).withUnsafeBufferPointer { cyrillicStemCount($0) }
        var stem = String.UnicodeScalarView()
        stem.append(contentsOf: word.unicodeScalars.prefix(kept))
        return String(stem)
    }
}
