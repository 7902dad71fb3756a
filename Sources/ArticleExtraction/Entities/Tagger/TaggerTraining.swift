/// Trains the tagger's weights: an averaged perceptron (Collins 2002) over the same walk and features the tagger
/// uses, so that training and tagging cannot drift apart. The training script (`tools/train-entity-model`) feeds
/// it bodies with the names a reference recogniser found in them; nothing here runs in the daemon.
package enum TaggerTraining {
    /// A body and the names found in it, by kind.
    package struct Document: Sendable {
        package var paragraphs: [String]
        package var people: [String]
        package var places: [String]
        package var organizations: [String]

        package init(paragraphs: [String], people: [String], places: [String], organizations: [String]) {
            self.paragraphs = paragraphs
            self.people = people
            self.places = places
            self.organizations = organizations
        }
    }

    /// The document's tokens with each listed name tagged wherever its words occur in one paragraph, longest
    /// names first; a word already inside a name is not tagged again. A name's leading small words ("the Board")
    /// are left out, since the tagger only opens names on capitalised words.
    static func goldTags(_ d: Document) -> (EntityTokens, [EntityTag]) {
        let doc = EntityRecognizer.tokenize(paragraphs: d.paragraphs)
        var tags = [EntityTag](repeating: .outside, count: doc.tokens.count)
        var names: [([UInt64], EntityKind)] = []
        for (list, kind) in [(d.people, EntityKind.person), (d.organizations, .organization), (d.places, .place)] {
            for name in list {
                var words = EntityRecognizer.tokenize(paragraphs: [name]).tokens
                while let first = words.first, !first.hasUpper { words.removeFirst() }
                while let last = words.last, !last.hasUpper { words.removeLast() }
                if !words.isEmpty { names.append((words.map(\.hash), kind)) }
            }
        }
        names.sort { $0.0.count > $1.0.count }
        var byFirstWord: [UInt64: [Int]] = [:]
        for (n, name) in names.enumerated() { byFirstWord[name.0[0], default: []].append(n) }
        for i in doc.tokens.indices where tags[i] == .outside {
            guard let candidates = byFirstWord[doc.tokens[i].hash] else { continue }
            for n in candidates {
                let (words, kind) = names[n]
                let end = i + words.count
                guard end <= doc.tokens.count,
                    (i..<end).allSatisfy({
                        tags[$0] == .outside && doc.tokens[$0].hash == words[$0 - i]
                            && doc.tokens[$0].paragraph == doc.tokens[i].paragraph
                    })
                else { continue }
                tags[i] = .begin(kind)
                for k in i + 1..<end { tags[k] = .inside(kind) }
                break
            }
        }
        return (doc, tags)
    }

    /// The weights after `epochs` passes over `documents` (shuffled with `seed` each pass), averaged over every
    /// step; features whose largest weight is below `minimumWeight` are dropped, which keeps the embedded model
    /// small at no cost in accuracy that the cross-validation could measure.
    package static func train(
        _ documents: [Document],
        epochs: Int,
        seed: UInt64,
        minimumWeight: Float
    ) -> (keys: [UInt32], weights: [Float]) {
        let prepared = documents.map { d -> (EntityTokens, [EntityTag], [Bool], LowercaseVocabulary) in
            let (doc, tags) = goldTags(d)
            return (doc, tags, EntityRecognizer.headingParagraphs(doc), LowercaseVocabulary(doc))
        }
        var perceptron = AveragedPerceptron()
        var generator = SplitMix64(seed: seed)
        var order = Array(prepared.indices)
        for _ in 0..<epochs {
            order.shuffle(using: &generator)
            for d in order {
                let (doc, gold, headings, vocabulary) = prepared[d]
                _ = EntityTagger.walk(doc: doc, headings: headings, vocabulary: vocabulary) { i, features, allowed in
                    perceptron.step(features, gold: gold[i], allowed: allowed)
                }
            }
        }
        return perceptron.averaged(minimumWeight: minimumWeight)
    }
}

/// The perceptron's state: current weights, and for averaging, each weight's running total and the step it was
/// last brought up to date (the usual lazy update, so a step costs the features it touches, not the model).
struct AveragedPerceptron {
    private var index: [UInt32: Int] = [:]
    private var keys: [UInt32] = []
    private var weights: [Float] = []
    private var totals: [Double] = []
    private var stamps: [Int] = []
    private var steps = 0

    /// Predicts a tag for `features` among the allowed ones; when it is not `gold`, moves the weights towards gold.
    mutating func step(_ features: [UInt32], gold: EntityTag, allowed: (EntityTag) -> Bool) -> EntityTag {
        steps += 1
        var scores = [Float](repeating: 0, count: EntityTag.count)
        for f in features {
            guard let row = index[f] else { continue }
            for t in 0..<EntityTag.count { scores[t] += weights[row * EntityTag.count + t] }
        }
        var guess = EntityTag.outside
        var best = -Float.infinity
        for tag in EntityTag.allCases where allowed(tag) && scores[tag.rawValue] > best {
            guess = tag
            best = scores[tag.rawValue]
        }
        if guess != gold {
            for f in features {
                let row = self.row(f)
                update(row * EntityTag.count + gold.rawValue, by: 1)
                update(row * EntityTag.count + guess.rawValue, by: -1)
            }
        }
        return guess
    }

    private mutating func row(_ f: UInt32) -> Int {
        if let r = index[f] { return r }
        let r = keys.count
        index[f] = r
        keys.append(f)
        weights.append(contentsOf: repeatElement(0, count: EntityTag.count))
        totals.append(contentsOf: repeatElement(0, count: EntityTag.count))
        stamps.append(contentsOf: repeatElement(0, count: EntityTag.count))
        return r
    }

    private mutating func update(_ j: Int, by delta: Float) {
        totals[j] += Double(steps - stamps[j]) * Double(weights[j])
        stamps[j] = steps
        weights[j] += delta
    }

    /// The averaged weights of the features that keep any weight of at least `minimumWeight`.
    func averaged(minimumWeight: Float) -> (keys: [UInt32], weights: [Float]) {
        var outKeys: [UInt32] = []
        var outWeights: [Float] = []
        for (r, key) in keys.enumerated() {
            var row = [Float](repeating: 0, count: EntityTag.count)
            for t in 0..<EntityTag.count {
                let j = r * EntityTag.count + t
                let total = totals[j] + Double(steps - stamps[j]) * Double(weights[j])
                row[t] = Float(total / Double(max(steps, 1)))
            }
            guard row.contains(where: { abs($0) >= minimumWeight }) else { continue }
            outKeys.append(key)
            outWeights.append(contentsOf: row)
        }
        return (outKeys, outWeights)
    }
}

extension TaggerTraining {
    /// The tagger's names in `paragraphs` by kind, as written, each once: what cross-validation compares before
    /// the canonicaliser and the rules have their say.
    package static func taggedNames(_ paragraphs: [String], model: TaggerModel) -> [EntityKind: [String]] {
        let doc = EntityRecognizer.tokenize(paragraphs: paragraphs)
        let names = EntityTagger(model: model).names(
            in: doc,
            headings: EntityRecognizer.headingParagraphs(doc),
            vocabulary: LowercaseVocabulary(doc)
        )
        var result: [EntityKind: [String]] = [:]
        for n in names {
            let surface = doc.texts(n.first...n.last).joined(separator: " ")
            if !(result[n.kind] ?? []).contains(surface) { result[n.kind, default: []].append(surface) }
        }
        return result
    }
}
