/// A name the tagger found: its kind and its tokens.
struct TaggedName: Sendable, Equatable {
    var kind: EntityKind
    var first: Int
    var last: Int
    /// Per kind (person, place, organisation), the mean over the name's words of the better of its two tags'
    /// scores: how much more the model believed its kind than another, which the merge with the rules weighs.
    var kindScores: [Float] = [0, 0, 0]

    /// How far the model preferred its own kind to `kind`.
    func margin(over kind: EntityKind) -> Float {
        kindScores[Self.slot(self.kind)] - kindScores[Self.slot(kind)]
    }

    static func slot(_ kind: EntityKind) -> Int {
        switch kind {
        case .person: 0
        case .place: 1
        case .organization: 2
        }
    }
}

/// A greedy left-to-right tagger over the body's words (an averaged perceptron's weights, `TaggerModel`): each
/// word that could belong to a name gets the best-scoring tag that may follow the previous one. Only words with a
/// capital letter, and the few small words that join two of them ("Bank of England"), are scored; every other
/// word is outside any name, which keeps the cost to a sliver of the body's words.
struct EntityTagger: Sendable {
    let model: TaggerModel

    static let shared = EntityTagger(model: .embedded)

    /// The names in `doc`.
    func names(in doc: EntityTokens, headings: [Bool], vocabulary: LowercaseVocabulary) -> [TaggedName] {
        var scores = [Float](repeating: 0, count: EntityTag.count)
        // Per token, the best score of each kind; only tokens in names get one.
        var kindScores = [SIMD4<Float>](repeating: .zero, count: doc.tokens.count)
        let tags = Self.walk(doc: doc, headings: headings, vocabulary: vocabulary) { i, features, allowed in
            model.score(features, into: &scores)
            var best = EntityTag.outside
            var bestScore = -Float.infinity
            for tag in EntityTag.allCases where allowed(tag) && scores[tag.rawValue] > bestScore {
                best = tag
                bestScore = scores[tag.rawValue]
            }
            if best != .outside {
                kindScores[i] = SIMD4(max(scores[1], scores[2]), max(scores[3], scores[4]), max(scores[5], scores[6]), 0)
            }
            return best
        }
        var names = Self.spans(tags, doc: doc)
        for n in names.indices {
            var sum = SIMD4<Float>.zero
            for k in names[n].first...names[n].last { sum += kindScores[k] }
            let mean = sum / Float(names[n].last - names[n].first + 1)
            names[n].kindScores = [mean[0], mean[1], mean[2]]
        }
        return names
    }

    /// Words that join two capitalised words inside a name.
    static let joiners: Set<UInt64> = Set(
        ["of", "the", "de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "der", "den", "for", "and",
         "y", "bin", "al", "on", "upon", "at"].map(WordHash.of)
    )

    /// Whether token `i` is scored at all: a word with a capital letter (but not a stop-word opening a sentence
    /// before a lower-case word), or a joiner between two of them in one paragraph.
    static func isCandidate(_ i: Int, in doc: EntityTokens) -> Bool {
        let t = doc.tokens[i]
        guard t.isWord else { return false }
        if t.hasUpper {
            // "The", "But", "In" opening a sentence before a lower-case word: a third of all capitalised words,
            // never a name.
            guard t.sentenceStart, i + 1 < doc.tokens.count, !doc.tokens[i + 1].hasUpper else { return true }
            return !SimHash.StopWords.shared.contains(t.hash)
        }
        guard i > 0, i + 1 < doc.tokens.count else { return false }
        let before = doc.tokens[i - 1]
        let after = doc.tokens[i + 1]
        // The neighbours first: most lower-case words sit between lower-case words, and the set is a hash away.
        return before.isWord && before.hasUpper && after.isWord && after.hasUpper
            && before.paragraph == t.paragraph && after.paragraph == t.paragraph && joiners.contains(t.hash)
    }

    /// Tags every token, asking `choose` for each candidate given its features and which tags may follow the
    /// previous one. Training and tagging share this walk, so that both see the same features.
    static func walk(
        doc: EntityTokens,
        headings: [Bool],
        vocabulary: LowercaseVocabulary,
        choose: (_ index: Int, _ features: [UInt32], _ allowed: (EntityTag) -> Bool) -> EntityTag
    ) -> [EntityTag] {
        let features = TaggerFeatures(doc: doc, headings: headings, vocabulary: vocabulary)
        var tags = [EntityTag](repeating: .outside, count: doc.tokens.count)
        var lastTag = WordHashTable<Int>(capacity: 64)
        var buffer: [UInt32] = []
        buffer.reserveCapacity(64)
        for i in doc.tokens.indices where isCandidate(i, in: doc) {
            let samePrevious = i > 0 && doc.tokens[i - 1].paragraph == doc.tokens[i].paragraph
            let previous = samePrevious ? tags[i - 1] : .outside
            buffer.removeAll(keepingCapacity: true)
            let shape = features.staticFeatures(i, into: &buffer)
            let word = doc.tokens[i].hash
            features.tagFeatures(
                i,
                shape: shape,
                previous: previous,
                lastTagOfWord: lastTag[word].flatMap { EntityTag(rawValue: $0) },
                into: &buffer
            )
            let tag = choose(i, buffer, { $0.mayFollow(previous) })
            tags[i] = tag
            lastTag[word] = tag.rawValue
        }
        return tags
    }

    /// The names the tags spell: a B and the I's after it, joiners trimmed from the end.
    static func spans(_ tags: [EntityTag], doc: EntityTokens) -> [TaggedName] {
        var result: [TaggedName] = []
        var i = 0
        while i < tags.count {
            guard let kind = tags[i].kind else {
                i += 1
                continue
            }
            var last = i
            while last + 1 < tags.count, tags[last + 1] == .inside(kind) { last += 1 }
            var end = last
            while end > i, !doc.tokens[end].hasUpper { end -= 1 }
            if doc.tokens[i].hasUpper { result.append(TaggedName(kind: kind, first: i, last: end)) }
            i = last + 1
        }
        return result
    }
}
