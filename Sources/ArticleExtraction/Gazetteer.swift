/// Place names: countries from Debian's iso-codes (generated into `GazetteerData`), plus the project's own short
/// lists of cities, regions and exonyms in `EntityLexicons`. Keys are lower case; values are canonical names.
struct Gazetteer: Sendable {
    /// The shared instance; built once, read-only afterwards.
    static let shared = Gazetteer()

    /// Lower-case name (one or more words) → canonical name.
    let places: [String: String]
    /// Cyrillic stems of the names, so that inflected forms ("России", "Украины") find the nominative.
    let cyrillicStems: [String: String]
    /// The most words any name has, to bound the look-ahead.
    let longestName: Int
    /// Hashes of the first words of names of two or more words ("new" for "New York"): only they need a
    /// look-ahead.
    let multiWordFirsts: Set<UInt64>

    init() {
        var places: [String: String] = [:]
        for line in GazetteerData.countries.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            places[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        for city in EntityLexicons.cities { places[city.lowercased()] = city }
        for (exonym, endonym) in EntityLexicons.exonyms { places[exonym] = endonym }
        var stems: [String: String] = [:]
        var longest = 1
        var firsts = Set<UInt64>()
        for (key, value) in places {
            let words = key.split(separator: " ")
            longest = max(longest, words.count)
            if words.count > 1 { firsts.insert(WordHash.of(String(words[0]))) }
            if let stem = Self.cyrillicStem(key), stem.count >= 4, stems[stem] == nil { stems[stem] = value }
        }
        self.places = places
        self.cyrillicStems = stems
        self.longestName = longest
        self.multiWordFirsts = firsts
    }

    /// The canonical place for a lower-case name, trying the Cyrillic stem when the form is inflected.
    func place(_ lower: String) -> String? {
        if let p = places[lower] { return p }
        if let stem = Self.cyrillicStem(lower), stem.count >= 4 { return cyrillicStems[stem] }
        return nil
    }

    /// A Russian or Ukrainian word without its case ending: "россии" and "россия" both give "росси".
    static func cyrillicStem(_ word: String) -> String? {
        guard let first = word.unicodeScalars.first, first.value >= 0x400, first.value <= 0x4FF else { return nil }
        var scalars = Array(word.unicodeScalars)
        for ending in ["ой", "ей", "ою", "ом", "ам", "ах", "ью"] where scalars.count > 5 {
            let e = Array(ending.unicodeScalars)
            if scalars.suffix(2).elementsEqual(e) {
                scalars.removeLast(2)
                return String(String.UnicodeScalarView(scalars))
            }
        }
        if let last = scalars.last, "аяоеиыуюьйіїє".unicodeScalars.contains(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
