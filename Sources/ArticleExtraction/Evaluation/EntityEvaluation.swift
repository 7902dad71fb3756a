import Foundation

/// The people, places and quotes `gold.json` expects for one article. Kept apart from `GoldArticle` so that the
/// field scorer and this one can change independently.
public struct GoldEntities: Sendable, Equatable {
    /// A quote: its opening words and its speaker's canonical name (alternatives separated by `|`), or nil.
    public struct GoldQuote: Sendable, Equatable {
        public var starts: String
        public var speaker: String?
    }
    /// Canonical names; `|` separates spellings that all count.
    public var people: [String]
    /// Canonical place names; `|` as for people.
    public var places: [String]
    /// Quotes to find.
    public var quotes: [GoldQuote]

    /// Reads the entity keys of a whole gold file: file name → expectation.
    public static func parseFile(_ bytes: [UInt8]) -> [String: GoldEntities] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let dict = object as? [String: Any]
        else { return [:] }
        var result: [String: GoldEntities] = [:]
        for (name, value) in dict {
            guard let d = value as? [String: Any] else { continue }
            func list(_ k: String) -> [String] { (d[k] as? [Any])?.compactMap { $0 as? String } ?? [] }
            let quotes =
                (d["quotes"] as? [Any])?.compactMap { q -> GoldQuote? in
                    guard let q = q as? [String: Any], let starts = q["starts"] as? String else { return nil }
                    return GoldQuote(starts: starts, speaker: q["speaker"] as? String)
                } ?? []
            result[name] = GoldEntities(people: list("people"), places: list("places"), quotes: quotes)
        }
        return result
    }
}

/// How an article's entities and quotes compare with the gold, as the seeds README says: people and places by
/// recall of canonical names (people precision reported too), quotes by the speaker of the quote that starts so.
public struct EntityScore: Sendable, Equatable {
    public var peopleFound: Int
    public var peopleExpected: Int
    /// Extracted people that match a gold name.
    public var peopleCorrect: Int
    public var peopleExtracted: Int
    public var placesFound: Int
    public var placesExpected: Int
    public var speakersRight: Int
    public var quotesExpected: Int
    /// What went wrong, for the eval table: missing names, extra people, wrong speakers.
    public var problems: [String]

    /// Scores `article` against `gold`.
    public init(_ article: Article, gold: GoldEntities) {
        func alternatives(_ s: String) -> [String] {
            s.split(separator: "|").map { Folding.fold(String($0)).lowercased() }
        }
        func key(_ s: String) -> String { Folding.fold(s).lowercased() }
        let people = Set(article.people.map { key($0.name) })
        let places = Set(article.places.map { key($0.name) })
        var problems: [String] = []
        let missingPeople = gold.people.filter { alternatives($0).allSatisfy { !people.contains($0) } }
        problems += missingPeople.map { "no person \($0)" }
        let goldPeople = Set(gold.people.flatMap(alternatives))
        let extra = article.people.filter { !goldPeople.contains(key($0.name)) }
        problems += extra.map { "extra person \($0.name)" }
        let missingPlaces = gold.places.filter { alternatives($0).allSatisfy { !places.contains($0) } }
        problems += missingPlaces.map { "no place \($0)" }
        var right = 0
        for q in gold.quotes {
            let starts = key(q.starts)
            guard let found = article.quotes.first(where: { key($0.text).hasPrefix(starts) }) else {
                problems.append("no quote \"\(q.starts)\"")
                continue
            }
            let want = q.speaker.map(alternatives) ?? []
            let got = found.speaker.map(key)
            if (want.isEmpty && got == nil) || (got.map { want.contains($0) } ?? false) {
                right += 1
            } else {
                problems.append("quote \"\(q.starts)\" by \(found.speaker ?? "null"), not \(q.speaker ?? "null")")
            }
        }
        self.peopleFound = gold.people.count - missingPeople.count
        self.peopleExpected = gold.people.count
        self.peopleCorrect = article.people.count - extra.count
        self.peopleExtracted = article.people.count
        self.placesFound = gold.places.count - missingPlaces.count
        self.placesExpected = gold.places.count
        self.speakersRight = right
        self.quotesExpected = gold.quotes.count
        self.problems = problems
    }
}
