/// Reads author names out of a byline ("By Jane Doe and John Roe", "Von Anna Schmidt, Berlin"), dropping the
/// "By", roles, dates, places and handles, because the `byline` field holds names only.
public struct BylineParser: Sendable {
    /// Creates a parser.
    public init() {}

    static let prefixes: [[String]] = [
        ["written", "by"], ["reporting", "by"], ["words", "by"], ["story", "by"], ["by"], ["von"], ["par"], ["por"],
        ["di"], ["автор"], ["авторы"], ["автори"], ["текст"], ["author"], ["authors"], ["autor"], ["autore"],
        ["auteur"], ["door"], ["tekst"], ["texto"], ["texte"], ["testo"], ["posted", "by"], ["text", "by"],
        ["article", "by"], ["contributors"], ["contributor"], ["contributed", "by"], ["article", "written", "by"],
        ["guide", "by"], ["review", "by"], ["analysis", "by"], ["interview", "by"], ["column", "by"], ["essay", "by"],
        ["opinion", "by"], ["commentary", "by"], ["recipe", "by"], ["feature", "by"],
    ]
    /// Words after which a byline names no one any more: places, sections and times ("By Ann Lee in Travel, Tips",
    /// "By Ann Lee on May 2").
    static let endWords: Set<String> = [
        "in", "at", "on", "for", "updated", "published", "posted", "last", "sponsored", "|", "am", "um", "le", "el",
        "il", "em", "op", "в",
    ]
    static let endWordHashes = WordTable(keys: endWords.map(WordHash.of))
    static let abbreviations: Set<Substring> = ["Dr", "Mr", "Mrs", "Ms", "Jr", "Sr", "Prof", "Rev", "St", "Ph.D"]
    /// An initial or an abbreviation keeps its full stop: "S.", "Dr.", "Ph.D.".
    static func keepsStop(_ base: Substring) -> Bool {
        base.unicodeScalars.count <= 2 || abbreviations.contains(base) || base.contains(".")
    }
    /// Credentials written after a name inside the same piece ("John Roe PhD", "Jane Doe RDN").
    static let credentials: Set<String> = [
        "md", "m.d", "phd", "ph.d", "ms", "m.s", "ma", "mba", "msc", "bsc", "ba", "bs", "rd", "rdn", "ld", "cdces",
        "fand", "cpa", "cfp", "dds", "dmd", "dvm", "vmd", "rn", "np", "jd", "esq", "cpp", "psp", "do", "facp",
        "faclm", "cscs", "cpt", "lvt", "dacvb", "mph", "mpa", "cfa", "pe", "pmp", "lcsw", "lpc", "ibclc", "msw",
    ]
    /// Two letters or more, every one a capital ("USA", "TODAY"; not the initial "S.").
    static func isAllCaps(_ w: Substring) -> Bool {
        var letters = 0
        for s in w.unicodeScalars where s.properties.isAlphabetic {
            guard s.properties.isUppercase else { return false }
            letters += 1
        }
        return letters >= 2
    }

    /// Credentials after a name ("Jane Doe, MS, RDN", "John Roe PhD"). After a comma any short capitals are;
    /// inside a piece only the known ones, so that "LEONARDO GARCIA" and "FlowGuard EMEA" stay whole.
    static func isCredential(_ w: Substring, ownPiece: Bool) -> Bool {
        let bare = w.trimmed(".")
        if credentials.contains(bare.lowercased()) { return true }
        guard ownPiece else { return false }
        let letters = w.unicodeScalars.filter { $0 != "." && $0 != "-" }
        guard (2...6).contains(letters.count) else { return false }
        return letters.allSatisfy { $0.properties.isUppercase || $0.properties.numericType != nil }
            && letters.contains { $0.properties.isUppercase }
    }
    /// Lower-case particles inside names ("Sanne de Vries", "Ludwig van der Berg", "Ana dos Santos").
    static let particles: Set<String> = [
        "de", "van", "der", "den", "von", "zu", "da", "di", "del", "della", "la", "le", "dos", "das", "du", "ten",
        "ter", "bin", "al", "el",
    ]
    /// The prefixes as word hashes: a byline is told from its hashes, without a `String` per word.
    static let prefixHashes = prefixes.map { $0.map(WordHash.of) }
    /// A blog's lower-case user name after "by", alone or before the date ("Posted on July 1, 2024 by jdoe", "by
    /// jdoe | May 2"): one token of letters, digits, "_", "-" or ".", not a common word ("by the way", "by email").
    /// Nil for anything else after a lower-case word.
    static func handle(_ rest: Substring, lineWords: Int) -> [String]? {
        guard lineWords <= 12 else { return nil }
        let token = rest.prefix { !" ,|·•:;".contains($0) }
        guard token.count >= 3, token.count <= 30,
            token.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || "_-.".contains($0) }),
            token.first?.isLetter == true
        else { return nil }
        let hash = WordHash.of(String(token))
        guard !SimHash.StopWords.shared.contains(hash), !endWordHashes.contains(hash),
            !commonAfterBy.contains(String(token))
        else { return nil }
        // The token ends the line, or a separator, an end word or a number follows it.
        let after = rest.dropFirst(token.count).drop { $0 == " " }
        if let next = after.first, !" ,|·•:;-–—".contains(next), !next.isNumber {
            let word = after.prefix { $0 != " " }.lowercased()
            guard endWords.contains(word) else { return nil }
        }
        return [String(token)]
    }

    /// Lower-case words that follow "by" in running text and are no one's user name.
    static let commonAfterBy: Set<String> = [
        "email", "phone", "mail", "post", "hand", "far", "default", "design", "appointment", "invitation", "request",
        "car", "bus", "train", "air", "sea", "name", "date", "category", "tag", "author", "popularity", "relevance",
    ]

    /// First words of the labels of two words or more ("written", "article", "guide" …).
    static let labelFirstWords = WordTable(keys: prefixes.filter { $0.count >= 2 }.map { WordHash.of($0[0]) })

    /// `rest` without the label of two words or more it opens with, if it opens with one.
    static func droppingLabel(_ text: Substring) -> Substring {
        var rest = text
        for p in prefixes where p.count >= 2 {
            let next = rest.split(maxSplits: p.count, whereSeparator: { $0 == " " || $0 == ":" }).prefix(p.count)
            guard next.count == p.count, zip(next, p).allSatisfy({ $0.lowercased() == $1 }) else { continue }
            for _ in 0..<p.count {
                rest = rest.drop(while: { $0 != " " && $0 != ":" })
                rest = rest.drop(while: { $0 == " " || $0 == ":" })
            }
            break
        }
        return rest
    }
    /// First words of every prefix, to skip lines that cannot be bylines without parsing them.
    static let firstWords = WordTable(keys: prefixHashes.map { $0[0] })
    static let separators: Set<String> = [
        "and", "&", "und", "et", "y", "e", "и", "і", "та", "i", "en", "ed", "with", "mit", "avec", "con", "com",
        "met", "с",
    ]
    static let roleWords: Set<String> = [
        "reporter", "correspondent", "editor", "staff", "writer", "journalist", "contributor", "columnist",
        "former", "deputy", "guest", "contributing", "associate", "executive", "managing", "assistant", "freelance",
        "columnists", "writers", "reporters", "editors", "contributors", "correspondents",
        "producer", "analyst", "bureau", "chief", "senior", "news", "desk", "agency", "корреспондент", "редактор",
        "журналист", "журналіст", "кореспондент", "redakteur", "korrespondent", "journaliste", "rédaction",
        "periodista", "redacción", "jornalista", "redação", "giornalista", "redazione", "updated", "published",
        "photo", "photos", "video", "in", "at", "for", "with", "minutes", "min", "read", "founder", "co-founder",
        "cofounder", "ceo", "cto", "cmo", "coo", "lead", "reviewer", "expert", "specialist", "manager", "director",
        "head", "president", "vp", "consultant", "strategist", "nutritionist", "dietitian", "attorney", "lawyer",
        "partner", "owner", "professor", "researcher", "scientist", "engineer", "developer", "designer", "coach",
        "trainer", "instructor", "teacher", "officer", "marketer", "author", "contributing", "freelance",
        "guest", "associate", "assistant", "executive", "managing",
        // Menu and widget words: "By Role", "By Company Size", "Recent Posts", "View Full Profile".
        "share", "contents", "user", "users", "menu", "search", "home", "login", "type", "industry", "role",
        "region", "topic", "topics", "category", "categories", "tags", "themes", "specialty", "policy", "case",
        "size", "solution", "solutions", "service", "services", "products", "resources", "insights", "posts",
        "recent", "latest", "articles", "view", "profile", "follow", "subscribe", "newsletter", "contact",
        "privacy", "terms", "cookies", "account", "dashboard", "started", "free", "workshop", "events", "more",
    ]
    /// Collective nouns that make a credited organisation ("TOI Lifestyle Desk", "The Currency editors", "Podium
    /// Staff"): last in a piece after a name, they belong to it, because the byline then names a team, not a person.
    static let collectives: Set<String> = [
        "team", "desk", "staff", "editors", "newsroom", "redaktion", "rédaction", "redacción", "redação", "redazione",
        "redactie", "редакция", "редакція",
    ]
    /// Hashes of the words that end a name (roles, months, date words), to rule them out without a lower-case copy.
    static let notNameHashes = WordTable(
        keys: (Array(roleWords) + Array(DateParser.months.keys) + Array(Analysis.dateWords)).map(WordHash.of)
    )
    static let separatorHashes = WordTable(keys: separators.map(WordHash.of))
    /// Roles and date words without the months: a month is also a given name ("Marco", "June", "May").
    static let roleOrDateHashes = WordTable(keys: (Array(roleWords) + Array(Analysis.dateWords)).map(WordHash.of))

    /// The names in `line` if it is a byline, or nil. An empty array means a byline with no names (a handle).
    /// `hashes`, the line's word hashes when the caller has them, save tokenising the line again.
    /// `handles`: whether a lower-case user name may follow "by" ("Posted on July 1, 2024 by jdoe"); only for a
    /// line the page printed with its "by", never for a name line the caller prefixes with one.
    public func parse(_ line: String, hashes: ArraySlice<UInt64>? = nil, handles: Bool = false) -> [String]? {
        let words = hashes ?? Tokenizer.tokenize(line).hashes[...]
        guard words.count >= 2, words.count <= 24 else { return nil }
        // Prose that happens to start with "By" ends like a sentence; bylines rarely do.
        if words.count > 6, let last = line.last, ".!?".contains(last) { return nil }
        var prefixLength = 0
        for p in Self.prefixHashes where words.count > p.count && words.starts(with: p) {
            prefixLength = p.count
            break
        }
        guard prefixLength > 0 else { return nil }
        // Work on the original text after the prefix word(s), keeping capitalisation.
        var rest = Substring(line)
        for _ in 0..<prefixLength {
            rest = rest.drop(while: { $0 == " " || $0 == ":" })
            rest = rest.drop(while: { $0 != " " && $0 != ":" })
        }
        rest = rest.drop(while: { $0 == " " || $0 == ":" })
        // "By Written By: Jane Doe": a caller's "By" before the line's own label (most lines open with a name, whose
        // hash rules this out at once).
        let opening = rest.utf8.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ":") }
        if let h = ByteSearch.lowercasedHash(opening), Self.labelFirstWords.contains(h) {
            rest = Self.droppingLabel(rest)
        }
        // "Written by by Jane Doe": a label printed twice.
        if rest.hasPrefix("by ") || rest.hasPrefix("By ") { rest = rest.dropFirst(3) }
        // "By the Lakeside Gardening Team": a team credited with a lower-case article is named as "The …".
        if rest.hasPrefix("the "), let c = rest.dropFirst(4).unicodeScalars.first, Tokenizer.isUpper(c) {
            rest = Substring("The " + rest.dropFirst(4))
        }
        guard let first = rest.unicodeScalars.first else { return nil }
        guard Tokenizer.isUpper(first) || first == "@" else {
            return handles ? Self.handle(rest, lineWords: words.count) : nil
        }
        // Cut at the first date, pipe or dash separator.
        var cut = rest.endIndex
        var cutAtNumber = false
        for sep in [" | ", " - ", " – ", " — ", " · ", " • ", " ⋅ ", " / "] {
            if let r = ByteSearch.range(of: sep, in: rest), r.lowerBound < cut { cut = r.lowerBound }
        }
        // A `Character` is a number when its first scalar is. The first numeric scalar starts a `Character` when it
        // is an ASCII digit after a scalar that stands alone; otherwise the `Character`s decide.
        let scalars = rest.unicodeScalars
        if let k = scalars.firstIndex(where: { $0.isASCII ? $0.value &- 0x30 < 10 : $0.properties.numericType != nil })
        {
            let startsCharacter =
                scalars[k].isASCII
                && (k == scalars.startIndex || ByteSearch.standsAlone(scalars[scalars.index(before: k)].value))
            if let idx = startsCharacter ? k : rest.firstIndex(where: { $0.isNumber }), idx < cut {
                cut = idx
                cutAtNumber = true
            }
        }
        let namePart = rest[..<cut]
        // Split into candidate names on commas and conjunctions.
        var names: [String] = []
        var current: [Substring] = []
        var ended = false
        /// Whether `w`, word `k` of `count`, ends a name: a role or a date word, or a month last after a name
        /// when a number follows ("Jane Doe March" before a cut "3, 2025"); a month first is a given name ("Marco
        /// Bambini", "June Lee"), and last with no number after it a surname ("Tom May").
        func isNotName(_ w: Substring, _ k: Int, _ count: Int) -> Bool {
            let monthEnds = (cutAtNumber && k >= 1 && k == count - 1) || count == 1
            if let h = ByteSearch.lowercasedHash(w.utf8) {
                return monthEnds ? Self.notNameHashes.contains(h) : Self.roleOrDateHashes.contains(h)
            }
            let lower = w.lowercased()
            return Self.roleWords.contains(lower) || (monthEnds && DateParser.months[lower] != nil)
                || Analysis.dateWords.contains(lower)
        }
        func finish() {
            defer { current.removeAll() }
            var cleaned = current.filter { $0.utf8.first != 0x40 || !$0.hasPrefix("@") }
            // Credentials follow a name; capitals alone are a name of their own ("By AP", "By BBC News").
            if !names.isEmpty || cleaned.count > 1 {
                cleaned = cleaned.enumerated().filter { k, w in
                    (k == 0 && names.isEmpty) || !Self.isCredential(w, ownPiece: k == 0 && cleaned.count == 1)
                }.map(\.1)
            }
            // A name ends at the first role or date word after it ("Jane Doe Updated", "Jane Doe Staff Writer"),
            // or at a word in lower case that is no particle; a piece that starts with one names nobody.
            for (k, w) in cleaned.enumerated() {
                if k > 0 && Self.particles.contains(String(w)) { continue }
                // "News Desk", "Editorial Team": a team's name may open with a role word.
                if k == 0, cleaned.count >= 2, let last = cleaned.last, Self.collectives.contains(last.lowercased()),
                    w.unicodeScalars.first.map(Tokenizer.isUpper) == true
                {
                    continue
                }
                let lower = w.unicodeScalars.first.map { !Tokenizer.isUpper($0) } ?? true
                // "Podium Staff", "The Currency editors": a team named last keeps its collective noun.
                if k >= 1, k == cleaned.count - 1, Self.collectives.contains(w.lowercased()),
                    cleaned[0].unicodeScalars.first.map(Tokenizer.isUpper) == true
                {
                    break
                }
                if isNotName(w, k, cleaned.count) || lower {
                    // Two words make a name before its role ("Jane Doe Staff Writer"); "Health Correspondent"
                    // is a role alone. Before a cut date's month one word is a name too ("By Sarah July 30, 2019").
                    let beforeDate = k >= 1 && cutAtNumber && k == cleaned.count - 1 && DateParser.months[w.lowercased()] != nil
                    cleaned = k >= 2 || beforeDate ? Array(cleaned[..<k]) : []
                    break
                }
            }
            while let last = cleaned.last, Self.particles.contains(String(last)) { cleaned.removeLast() }
            // "Brian Truitt USA TODAY": an outlet in capitals after a full name is no part of it. (A surname in
            // capitals, "Jean DUPONT", is one word after the given name.)
            let mixedCase = cleaned.prefix { !Self.isAllCaps($0) }.count
            if mixedCase >= 2, cleaned.count - mixedCase >= 2, cleaned[mixedCase...].allSatisfy(Self.isAllCaps) {
                cleaned = Array(cleaned[..<mixedCase])
            }
            // "Colin Gray Colin Gray": a name printed twice (a link and its text).
            if cleaned.count >= 2, cleaned.count % 2 == 0,
                cleaned[..<(cleaned.count / 2)].elementsEqual(cleaned[(cleaned.count / 2)...])
            {
                cleaned = Array(cleaned[..<(cleaned.count / 2)])
            }
            guard (1...4).contains(cleaned.count) else { return }
            names.append(cleaned.joined(separator: " "))
        }
        for piece in ByteSearch.split(namePart, at: ",") where !ended {
            for raw in ByteSearch.split(piece, at: " ") {
                // Initials and abbreviations keep their full stop ("Christopher S. Penn", "Dr. Ann Lee").
                var w = raw.trimmed(";:()")
                if w.hasSuffix("."), !Self.keepsStop(w.dropLast()) { w = w.dropLast() }
                w = w.trimmed(";:()")
                if w.isEmpty { continue }
                if let h = ByteSearch.lowercasedHash(w.utf8), Self.endWordHashes.contains(h), !current.isEmpty || !names.isEmpty {
                    ended = true
                    // "By Jane Maio on May 2": the name ends at "on", not before the date's number.
                    cutAtNumber = false
                    break
                }
                if ByteSearch.contains(lowercased: w, in: Self.separators, hashes: Self.separatorHashes) {
                    finish()
                    continue
                }
                current.append(w)
            }
            finish()
        }
        // A line that starts with "By" and names nobody is prose, unless it credits a handle.
        if names.isEmpty && !namePart.contains("@") { return nil }
        return names
    }
}

extension StringProtocol {
    /// Drops the characters of `set` (single scalars: punctuation) from both ends. Works on scalars, because
    /// walking `Character`s runs grapheme breaking on every step.
    func trimmed(_ set: String) -> Substring {
        let s = Substring(self)
        let u = s.unicodeScalars
        let marks = set.unicodeScalars
        // ASCII marks as bits, so that most scalars are tested without walking `set`.
        var ascii: UInt128 = 0
        for m in marks where m.isASCII { ascii |= 1 << m.value }
        func isMark(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? ascii & 1 << c.value != 0 : marks.contains(c)
        }
        var lo = u.startIndex
        var hi = u.endIndex
        while lo < hi, isMark(u[lo]) { lo = u.index(after: lo) }
        while lo < hi {
            let p = u.index(before: hi)
            guard isMark(u[p]) else { break }
            hi = p
        }
        return s[lo..<hi]
    }
}
