/// People, places, organisations, quotations and the SimHash of an article's body, with the reasons for each,
/// so that `articled extract --explain` can say why. Pure: the same body always gives the same result.
public struct EntityExtraction: Sendable, Equatable {
    /// People under their canonical names, in order of first mention.
    public var people: [Entity] = []
    /// Places under their canonical names.
    public var places: [Entity] = []
    /// Organisations under their canonical names.
    public var organizations: [Entity] = []
    /// Direct quotations with their speakers.
    public var quotes: [Quote] = []
    /// The body's SimHash as 16 hex digits, or nil for an empty body.
    public var simhash: String?
    /// One line per entity and quote: what was found and why.
    public var reasons: [String] = []

    /// Analyses body paragraphs; `explain` also keeps the reasons, which the daemon does not need.
    /// The tagger learnt from English pages only: in other languages it would take every capitalised German
    /// noun for a name, so the rules alone work there. `language` nil (not detected) counts as English.
    public init(body: [String], explain: Bool = false, language: String? = nil) {
        let english = language == nil || language == "en"
        self.init(body: body, explain: explain, tagger: .embedded, merge: english ? .standard : .rulesOnly)
    }

    /// Analyses body paragraphs with the tagger's weights `tagger`: what the training script's cross-validation
    /// calls with models it has just trained.
    package init(body: [String], explain: Bool = false, tagger model: TaggerModel, merge: MentionMerge) {
        let doc = EntityRecognizer.tokenize(paragraphs: body)
        let headings = EntityRecognizer.headingParagraphs(doc)
        let vocabulary = LowercaseVocabulary(doc)
        let rules = EntityRecognizer(explain: explain).mentions(in: doc, headings: headings, vocabulary: vocabulary)
        let tagged =
            merge == .rulesOnly ? [] : EntityTagger(model: model).names(in: doc, headings: headings, vocabulary: vocabulary)
        let mentions = MentionMerge.combine(merge, rules: rules, tagged: tagged, doc: doc, explain: explain)
        let (clusters, assignment) = NameCanonicalizer().canonicalize(mentions, doc: doc)

        var speakerNames = [String?](repeating: nil, count: mentions.count)
        for m in mentions.indices {
            switch mentions[m].kind {
            case .person: speakerNames[m] = assignment[m].map { clusters[$0].name }
            case .organization: speakerNames[m] = mentions[m].canonical
            case .place: speakerNames[m] = nil
            }
        }

        for c in clusters {
            let forms = Self.distinctSurfaces(c.mentions, mentions, doc: doc).filter { $0 != c.name }
            people.append(Entity(name: c.name, mentions: c.mentions.count, aliases: forms))
            guard explain else { continue }
            let why = Self.orderedUnique(c.mentions.map { mentions[$0].reason }).prefix(3).joined(separator: "; ")
            let surfaces = Set(c.mentions.map { mentions[$0].surface(in: doc) })
            let respelled = surfaces.contains(c.name) ? "" : " (canonical form of \(forms.joined(separator: ", ")))"
            reasons.append("person \(c.name) ×\(c.mentions.count): \(why)\(respelled)")
        }
        places = Self.group(
            mentions,
            doc: doc,
            kind: .place,
            caseInsensitive: false,
            explain: explain,
            reasons: &reasons
        )
        organizations = Self.group(
            mentions,
            doc: doc,
            kind: .organization,
            caseInsensitive: true,
            explain: explain,
            reasons: &reasons
        )

        let extractor = QuoteExtractor(doc: doc, mentions: mentions, speakerNames: speakerNames, explain: explain)
        for q in extractor.quotes() {
            quotes.append(Quote(text: q.text, speaker: q.speaker))
            guard explain else { continue }
            let preview = q.text.count > 50 ? String(q.text.prefix(47)) + "…" : q.text
            reasons.append("quote \"\(preview)\" → \(q.speaker ?? "null"): \(q.reason)")
        }
        simhash = SimHash.fingerprint(tokens: doc.tokens).map(SimHash.hex)
    }

    /// Places and organisations grouped by canonical name (organisations ignoring case, keeping the most common
    /// casing), in order of first mention.
    static func group(
        _ mentions: [EntityMention],
        doc: EntityTokens,
        kind: EntityKind,
        caseInsensitive: Bool,
        explain: Bool,
        reasons: inout [String]
    )
        -> [Entity]
    {
        // An article names a handful of places and organisations: arrays searched in order beat hashing
        // every mention's name, and keep the order of first mention for free.
        var keys: [String] = []
        var members: [[Int]] = []
        for m in mentions.indices where mentions[m].kind == kind {
            let key = caseInsensitive ? mentions[m].canonical.lowercased() : mentions[m].canonical
            if let g = keys.firstIndex(of: key) {
                members[g].append(m)
            } else {
                keys.append(key)
                members.append([m])
            }
        }
        var result: [Entity] = []
        for group in members {
            // Indices, not copies of the mentions: a copy retains each mention's strings.
            // The most common spelling, the first seen among equals.
            let firstSeen = orderedUnique(group.map { mentions[$0].canonical })
            let counts = firstSeen.map { name in group.reduce(0) { $0 + (mentions[$1].canonical == name ? 1 : 0) } }
            var best = 0
            for c in counts.indices where counts[c] > counts[best] { best = c }
            let name = firstSeen[best]
            let aliases = distinctSurfaces(group, mentions, doc: doc).filter { $0 != name }
            result.append(Entity(name: name, mentions: group.count, aliases: aliases))
            guard explain else { continue }
            let why = orderedUnique(group.map { mentions[$0].reason }).prefix(3).joined(separator: "; ")
            reasons.append("\(kind == .place ? "place" : "organisation") \(name) ×\(group.count): \(why)")
        }
        return result
    }

    /// The reasons as a block of text for `articled extract --explain`.
    public var explanation: String {
        "entities and quotes:\n" + reasons.map { "  \($0)\n" }.joined()
    }

    /// `orderedUnique` of the surfaces of mentions `ms`, building a string only for each distinct one: most
    /// mentions of an entity repeat a spelling already seen.
    static func distinctSurfaces(_ ms: [Int], _ mentions: [EntityMention], doc: EntityTokens) -> [String] {
        var firsts: [Int] = []
        for m in ms where !firsts.contains(where: { mentions[$0].sameSurface(as: mentions[m], in: doc) }) {
            firsts.append(m)
        }
        return firsts.map { mentions[$0].surface(in: doc) }
    }

    /// The items without repeats, in order; a linear search, since the lists are a few names long.
    static func orderedUnique(_ items: [String]) -> [String] {
        var result: [String] = []
        for item in items where !result.contains(item) { result.append(item) }
        return result
    }
}

extension Article {
    /// Fills people, places, organisations, quotes and the SimHash from the body: the one hook the extractor
    /// calls once the article is assembled.
    public mutating func addEntitiesAndQuotes() {
        let e = EntityExtraction(body: body, language: language)
        people = e.people
        places = e.places
        organizations = e.organizations
        quotes = e.quotes
        simhash = e.simhash
    }
}
