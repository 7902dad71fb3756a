/// Merges the person mentions of one article into people: transliteration variants and small typos of given
/// names fold together ("Podoliak"/"Podolyak", "Vladmir"/"Vladimir"), a surname alone joins the one full name
/// that has it, and two different people with the same surname stay apart.
struct NameCanonicalizer: Sendable {
    /// One person: the mentions merged into them and the canonical name chosen.
    struct Cluster: Sendable {
        var name: String = ""
        var given: [String]
        /// `foldKey` of the surname.
        var surnameKey: UInt64
        var mentions: [Int] = []
        /// True once a mention that proves a person (not only a capitalised pair or heading) joined.
        var confirmed = false
    }

    /// Folds transliteration variants to one key: i/y, ks/x, kh/h, -sky/-ski, -iy/-i, double letters.
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(word) }
        var s = word.lowercased()
        if let stem = Gazetteer.cyrillicStem(s), s.unicodeScalars.count > 4 { s = stem }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar? = nil
        for c in s.unicodeScalars {
            var c = c
            // kh → h, ks → x, ck → k: the second letter replaces the pair.
            if let p = previous, (p == "k" && c == "h") || (p == "k" && c == "s") || (p == "c" && c == "k") {
                out.removeLast()
                c = c == "s" ? "x" : c == "h" ? "h" : "k"
            }
            previous = c
            if c == "y" || c == "j" { c = "i" } else if c == "w" { c = "v" }
            if out.last != c { out.append(c) }
        }
        return String(out)
    }

    /// `fold` for ASCII words (most names in most articles), on bytes rather than through a scalar view: the same
    /// steps in the same order, and no Cyrillic stem to look for.
    static func foldASCII(_ word: String) -> String {
        let bytes = Array(word.utf8)
        let out = [UInt8](unsafeUninitializedCapacity: max(bytes.count, 1)) { buffer, count in
            count = bytes.withUnsafeBufferPointer { foldSteps($0.lazy.map(lowercasedASCII), into: buffer) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `WordHash` of `fold` of token `k`'s word: the surname key. Folded on the word's bytes without building a
    /// string: this runs for every person mention, most of them sentence-initial words that are dropped.
    static func foldKey(_ k: Int, in doc: EntityTokens) -> UInt64 {
        let t = doc.tokens[k]
        let hash = doc.bytes.withUnsafeBufferPointer { all in
            foldHash(UnsafeBufferPointer(rebasing: all[t.start..<t.textEnd]))
        }
        return hash ?? WordHash.of(fold(doc.text(k)))
    }

    /// `WordHash.of(fold(word))` from the word's UTF-8 bytes; nil when a letter's lower case needs Unicode's
    /// tables (beyond Latin-1 and basic Cyrillic), which `fold` then consults.
    static func foldHash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        if word.allSatisfy({ $0 < 0x80 }) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(word.count, 1)) { out in
                let n = foldSteps(word.lazy.map(lowercasedASCII), into: out)
                return EntityRecognizer.bytesHash(UnsafeBufferPointer(out), 0..<n)
            }
        }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: word.count * 2) { buffer -> UInt64? in
            // The lower-case scalars in the first half, the folded ones in the second.
            let lower = UnsafeMutableBufferPointer(rebasing: buffer[0..<word.count])
            let out = UnsafeMutableBufferPointer(rebasing: buffer[word.count...])
            var count = 0
            var i = 0
            while i < word.count {
                let (v, length) = UTF8Scalar.decode(word, at: i)
                guard let l = Tokenizer.lowercasedValue(v) else { return nil }
                lower[count] = l
                count += 1
                i += length
            }
            if count > 4 { count = Gazetteer.cyrillicStemCount(UnsafeBufferPointer(rebasing: lower[0..<count])) }
            let n = foldSteps(lower[0..<count], into: out)
            var hash = WordHash.offset
            for c in out[0..<n] { EntityRecognizer.hashUTF8(of: c, into: &hash) }
            return hash
        }
    }

    /// A byte lower-cased if it is an ASCII capital.
    @inline(__always)
    static func lowercasedASCII(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// The steps of `fold` on lower-case letters, bytes of an ASCII word or scalar values of any other, written
    /// into `out` (at least as long); returns the folded length.
    @inline(__always)
    static func foldSteps<Letter: FixedWidthInteger>(
        _ letters: some Sequence<Letter>,
        into out: UnsafeMutableBufferPointer<Letter>
    ) -> Int {
        var n = 0
        var previous: Letter = 0
        for var c in letters {
            // kh → h, ks → x, ck → k: the second letter replaces the pair.
            if (previous == 0x6B && (c == 0x68 || c == 0x73)) || (previous == 0x63 && c == 0x6B) {
                n -= 1
                c = c == 0x73 ? 0x78 : c
            }
            previous = c
            if c == 0x79 || c == 0x6A { c = 0x69 } else if c == 0x77 { c = 0x76 }
            if n == 0 || out[n - 1] != c {
                out[n] = c
                n += 1
            }
        }
        return n
    }

    /// Levenshtein distance, stopping early past `limit`.
    static func distance(_ a: String, _ b: String, limit: Int = 1) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return x.isEmpty ? y.count : previous[y.count]
    }

    /// Given names agree when they fold alike, or differ by one edit and are five letters or longer.
    static func givenNamesAgree(_ a: [String], _ b: [String]) -> Bool {
        guard let x = a.first, let y = b.first else { return true }
        let fx = fold(x)
        let fy = fold(y)
        if fx == fy { return true }
        if x.count >= 5 && y.count >= 5 && distance(fx, fy) <= 1 { return true }
        // "V. Putin": an initial agrees with the name it abbreviates.
        if x.count == 1 || y.count == 1 { return fx.first == fy.first }
        return false
    }

    /// Assigns each person mention to a cluster; returns the clusters (in order of first mention) and, for each
    /// mention index, its cluster or nil when it was left out (an ambiguous or unproven surname). Surnames are
    /// keyed by the hash of their folded form, so only the names that are kept are ever built as strings.
    func canonicalize(_ mentions: [EntityMention], doc: EntityTokens) -> (clusters: [Cluster], assignment: [Int?]) {
        var clusters: [Cluster] = []
        var assignment = [Int?](repeating: nil, count: mentions.count)
        // Surname key → clusters with it. An article names a handful of people, so the table stays small.
        var bySurname = WordHashTable<[Int]>(capacity: 16)
        // Full names first, so that surnames met before their full name still join it. Indices, not
        // `for mention in`, since a copy of a mention retains its strings.
        for m in mentions.indices where mentions[m].kind == .person && mentions[m].wordCount >= 2 {
            let key = Self.foldKey(mentions[m].last, in: doc)
            let given = doc.texts(mentions[m].first...(mentions[m].last - 1))
            let candidates = bySurname[key] ?? []
            if let c = candidates.first(where: { Self.givenNamesAgree(clusters[$0].given, given) }) {
                clusters[c].mentions.append(m)
                if clusters[c].given.count < given.count || clusters[c].given.first?.count == 1 {
                    clusters[c].given = given
                }
                assignment[m] = c
            } else {
                clusters.append(Cluster(given: given, surnameKey: key, mentions: [m]))
                bySurname[key] = candidates + [clusters.count - 1]
                assignment[m] = clusters.count - 1
            }
            if !mentions[m].weak { clusters[assignment[m]!].confirmed = true }
        }
        // Lone surnames with no full name: most are sentence-initial words, and only those whose key some cued
        // mention has ("President Zelensky", "Peskov said") become a person. So the keys are found first and
        // the groups are built only for those (the order clusters are made in does not matter: they are sorted
        // by first mention below).
        var loneKeys = [UInt64?](repeating: nil, count: mentions.count)
        var cuedClusters = WordHashTable<Int>(capacity: 16)
        for m in mentions.indices where mentions[m].kind == .person && mentions[m].wordCount == 1 {
            let key = Self.foldKey(mentions[m].first, in: doc)
            let candidates = bySurname[key] ?? []
            if candidates.count == 1 {
                let c = candidates[0]
                clusters[c].mentions.append(m)
                // A capitalised pair whose surname recurs alone is a person.
                clusters[c].confirmed = true
                assignment[m] = c
            } else if candidates.isEmpty {
                loneKeys[m] = key
                if mentions[m].cued && !mentions[m].weak { cuedClusters[key] = -1 }
            }
            // Two people share the surname: the lone surname could be either, so it names no one.
        }
        for m in loneKeys.indices {
            guard let key = loneKeys[m], let c = cuedClusters[key] else { continue }
            if c < 0 {
                cuedClusters[key] = clusters.count
                clusters.append(Cluster(given: [], surnameKey: key, mentions: [m], confirmed: true))
                assignment[m] = clusters.count - 1
            } else {
                clusters[c].mentions.append(m)
                assignment[m] = c
            }
        }
        for c in clusters.indices where !clusters[c].confirmed {
            for m in clusters[c].mentions { assignment[m] = nil }
        }
        // Given-name typos: a name no list knows, one edit from a name the article or the list uses more.
        var givenCounts: [String: Int] = [:]
        for c in clusters where c.confirmed {
            if let g = c.given.first { givenCounts[g, default: 0] += c.mentions.count }
        }
        // Only the people kept need a name.
        for c in clusters.indices where clusters[c].confirmed {
            clusters[c].mentions.sort()
            clusters[c].name = canonicalName(clusters[c], mentions: mentions, doc: doc, givenCounts: givenCounts)
        }
        var order: [Int] = clusters.indices.filter { clusters[$0].confirmed }
        order.sort { clusters[$0].mentions[0] < clusters[$1].mentions[0] }
        var renumber = [Int?](repeating: nil, count: clusters.count)
        for (new, old) in order.enumerated() { renumber[old] = new }
        let newAssignment = assignment.map { $0.flatMap { renumber[$0] } }
        return (order.map { clusters[$0] }, newAssignment)
    }

    /// A way a cluster's mentions write a name or a surname: the first mention that writes it so, and how many do.
    struct Spelling {
        var mention: Int
        var count = 1
    }

    /// The fullest form in its most common spelling: the most frequent full form (ties: the longer, then the
    /// earlier), with the surname spelled as most mentions spell it.
    func canonicalName(
        _ cluster: Cluster,
        mentions: [EntityMention],
        doc: EntityTokens,
        givenCounts: [String: Int]
    ) -> String {
        // Each spelling once, in order of first mention, with its count, compared on the body's bytes: most
        // mentions repeat a spelling already seen, and building their words as strings cost more than the rest.
        var surnames: [Spelling] = []
        var fulls: [Spelling] = []
        for m in cluster.mentions {
            let mention = mentions[m]
            if let s = surnames.firstIndex(where: { doc.sameText(mentions[$0.mention].last, mention.last) }) {
                surnames[s].count += 1
            } else {
                surnames.append(Spelling(mention: m))
            }
            guard mention.wordCount >= 2 else { continue }
            if let f = fulls.firstIndex(where: { mentions[$0.mention].sameSurface(as: mention, in: doc) }) {
                fulls[f].count += 1
            } else {
                fulls.append(Spelling(mention: m))
            }
        }
        // The most common surname spelling, the first seen among equals.
        var top = 0
        for s in surnames.indices where surnames[s].count > surnames[top].count { top = s }
        let surname = doc.text(mentions[surnames[top].mention].last)
        // The full form with the most words, then the most mentions, then the most characters, then the first.
        guard !fulls.isEmpty else { return surname }
        let candidates = fulls.map { f -> (spelling: Spelling, words: [String], length: Int) in
            let words = mentions[f.mention].words(in: doc)
            return (f, words, words.reduce(0) { $0 + $1.count })
        }
        var best = candidates[0]
        for c in candidates.dropFirst() {
            if c.words.count != best.words.count {
                if c.words.count > best.words.count { best = c }
            } else if c.spelling.count != best.spelling.count {
                if c.spelling.count > best.spelling.count { best = c }
            } else if c.length > best.length {
                best = c
            }
        }
        var given = Array(best.words.dropLast())
        if let g = given.first, g.count >= 5, !EntityLexicons.givenNames.contains(g.lowercased()) {
            let own = givenCounts[g] ?? 0
            // The closest first in name order, reading the counts once instead of filtering them into a copy.
            let lower = g.lowercased()
            var fix: String? = nil
            for (name, count) in givenCounts where name != g && name.count >= 5 {
                if let f = fix, f < name { continue }
                let candidateLower = name.lowercased()
                guard count > own || EntityLexicons.givenNames.contains(candidateLower),
                    Self.distance(candidateLower, lower) <= 1
                else { continue }
                fix = name
            }
            if let fix { given[0] = fix }
        }
        return (given + [surname]).joined(separator: " ")
    }
}
