/// How the rule recogniser's mentions and the tagger's names are put together. The tagger, trained on the open
/// web, decides most names; the rules keep what they know better: a person with a cue (a title, a speech verb),
/// a place or organisation the tagger did not see at all, the gazetteer's spelling of a place, and a kind the
/// tagger was unsure of.
package enum MentionMerge: Sendable, Hashable {
    /// The rules alone: what the recogniser did before the tagger, kept for comparison in cross-validation.
    case rulesOnly
    /// The tagger alone.
    case taggerOnly
    /// Both, as described above. `threshold` is the score margin (in the model's units) below which a rule
    /// mention keeps its kind over an overlapping tagged name of another kind.
    case agree(threshold: Float)

    /// What the extractor uses. The threshold was chosen by cross-validation on the development set together
    /// with the seed articles (docs/entities.md): lower thresholds trade the seeds' places for a hundredth of
    /// agreement on web pages.
    package static let standard = MentionMerge.agree(threshold: 20_000)

    static func combine(
        _ policy: MentionMerge,
        rules: [EntityMention],
        tagged: [TaggedName],
        doc: EntityTokens,
        explain: Bool
    ) -> [EntityMention] {
        switch policy {
        case .rulesOnly:
            return rules
        case .taggerOnly:
            return tagged.map { mention($0, doc: doc, explain: explain) }
        case .agree(let threshold):
            return agree(rules: rules, tagged: tagged, doc: doc, threshold: threshold, explain: explain)
        }
    }

    private static func agree(
        rules: [EntityMention],
        tagged: [TaggedName],
        doc: EntityTokens,
        threshold: Float,
        explain: Bool
    ) -> [EntityMention] {
        var result: [EntityMention] = []
        var covered = [Bool](repeating: false, count: tagged.count)
        // Tokens inside a kept rule mention: a tagged name over any of them is not added again.
        var taken = [Bool](repeating: false, count: doc.tokens.count)
        for r in rules {
            let hits = overlapping(tagged, r.first, r.last)
            // Where the model hesitated between the rules' kind and its own, the rules' evidence decides.
            let unsure = !hits.isEmpty && hits.allSatisfy { tagged[$0].margin(over: r.kind) < threshold }
            let unseenNonPerson = hits.isEmpty && r.kind != .person
            // Both halves of "Ukraine-Belarus" are gazetteer places: the model sees one word it cannot split.
            let gazetteerPair = r.part != nil
            guard r.cued || gazetteerPair || unseenNonPerson || (r.kind != .person && unsure) else { continue }
            for h in hits { covered[h] = true }
            for k in r.first...r.last { taken[k] = true }
            var kept = r
            kept.canonical = placeName(r, doc: doc)
            result.append(kept)
        }
        for (n, name) in tagged.enumerated() where !covered[n] && !(name.first...name.last).contains(where: { taken[$0] }) {
            result.append(mention(name, doc: doc, explain: explain))
        }
        result.sort { $0.first < $1.first }
        surnamesArePeople(&result, doc: doc)
        return result
    }

    /// Once "Greta Vogel" is a person, "Vogel" alone is she, whatever the model made of the lone word ("Vogel
    /// said" tagged as an organisation): a name keeps its kind within an article.
    static func surnamesArePeople(_ mentions: inout [EntityMention], doc: EntityTokens) {
        var surnames = Set<UInt64>()
        for m in mentions where m.kind == .person && m.part == nil && m.last > m.first {
            surnames.insert(doc.tokens[m.last].hash)
        }
        guard !surnames.isEmpty else { return }
        for i in mentions.indices where mentions[i].kind != .person && mentions[i].part == nil
            && mentions[i].first == mentions[i].last && surnames.contains(doc.tokens[mentions[i].first].hash)
        {
            mentions[i].kind = .person
            mentions[i].canonical = ""
            mentions[i].cued = true
        }
    }

    /// Indices of the names in `tagged` (in token order, never overlapping each other) that overlap tokens
    /// `first...last`: a binary search, then a short walk.
    static func overlapping(_ tagged: [TaggedName], _ first: Int, _ last: Int) -> Range<Int> {
        var low = 0
        var high = tagged.count
        while low < high {
            let mid = (low + high) / 2
            if tagged[mid].last < first { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < tagged.count && tagged[end].first <= last { end += 1 }
        return low..<end
    }

    /// A tagged name as a mention. The model's decision is the cue: a lone surname it tags is a person without
    /// "said" after it.
    static func mention(_ n: TaggedName, doc: EntityTokens, explain: Bool) -> EntityMention {
        // A platform the lexicon knows ("Twitter", "Telegram") is an organisation, whatever its neighbours
        // suggested to the model.
        let platform = (n.first...n.last).allSatisfy { doc.tokens[$0].flags.contains(.platform) }
        let kind = platform ? EntityKind.organization : n.kind
        // People get their names from `NameCanonicalizer`; only places and organisations need the words now.
        let words = kind == .person ? "" : doc.texts(n.first...n.last).joined(separator: " ")
        return EntityMention(
            kind: kind,
            first: n.first,
            last: n.last,
            reason: explain ? "tagger" : "",
            canonical: words,
            cued: true
        )
    }

    /// A place's gazetteer name replaces the words as written when it spells the same name (Kiev → Kyiv,
    /// России → Russia) or shortens a formal one (Russian Federation → Russia); an abbreviation or a shorter
    /// name the gazetteer would expand (US, UK, America, Britain) stays as written, as readers and other
    /// recognisers write it. Measured on the development set, expanding those cost 0.04 of place agreement.
    static func placeName(_ r: EntityMention, doc: EntityTokens) -> String {
        guard r.kind == .place, r.part == nil, !r.canonical.isEmpty else { return r.canonical }
        let written = r.last - r.first + 1
        let named = r.canonical.split(separator: " ").count
        if named > written || (r.first...r.last).contains(where: { doc.tokens[$0].allCaps }) {
            return r.surface(in: doc)
        }
        return r.canonical
    }
}
