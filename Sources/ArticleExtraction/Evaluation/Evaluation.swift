import Foundation

/// The expected extraction of one article, as `gold.json` in the seeds folder describes it.
public struct GoldArticle: Sendable, Equatable {
    public var title: String?
    public var standfirst: String?
    public var titleOrStandfirst: String?
    public var outlet: String?
    public var published: String?
    public var updated: String?
    public var body: [String]
    public var boilerplate: [String]
    public var captions: [String]
    public var credits: [String]
    public var nearDuplicates: [[Int]]
    public var ignore: [String]
    /// Author names, when the gold states them.
    public var byline: [String]?
    /// Which of the optional fields the gold file states (a missing key is not scored).
    public var scoredFields: Set<String>

    /// Reads a whole gold file: file name → expectation.
    public static func parseFile(_ bytes: [UInt8]) throws(SidecarError) -> [String: GoldArticle] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let dict = object as? [String: Any]
        else { throw .notAnObject }
        var result: [String: GoldArticle] = [:]
        for (name, value) in dict {
            guard let d = value as? [String: Any] else { continue }
            func s(_ k: String) -> String? { d[k] as? String }
            func list(_ k: String) -> [String] { (d[k] as? [Any])?.compactMap { $0 as? String } ?? [] }
            var scored = Set<String>()
            for k in ["title", "standfirst", "outlet", "published", "updated"] where d.keys.contains(k) {
                scored.insert(k)
            }
            let pairs =
                (d["near_duplicates"] as? [Any])?.compactMap {
                    ($0 as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue }
                } ?? []
            result[name] = GoldArticle(
                title: s("title"),
                standfirst: s("standfirst"),
                titleOrStandfirst: s("title_or_standfirst"),
                outlet: s("outlet"),
                published: s("published"),
                updated: s("updated"),
                body: list("body"),
                boilerplate: list("boilerplate"),
                captions: list("captions"),
                credits: list("credits"),
                nearDuplicates: pairs,
                ignore: list("ignore"),
                byline: d["byline"] == nil ? nil : list("byline"),
                scoredFields: scored
            )
        }
        return result
    }
}

/// The score of one extraction against its gold, following the seeds README.
public struct ArticleScore: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Names of scored fields that were wrong, with what we produced.
    public var fieldErrors: [String]
    /// Fields scored.
    public var fieldsScored: Int
    /// Boilerplate lines that leaked into title, standfirst or body.
    public var leaks: [String]
    public var captionsFound: Int
    public var captionsExpected: Int
    public var creditsFound: Int
    public var creditsExpected: Int
    public var nearDuplicatesKept: Int
    public var nearDuplicatesExpected: Int
}

/// Scores extractions: exact fields after folding, the same instant for dates, body word-4-gram shingles, leaks,
/// captions and credits present, near-duplicates kept once.
public struct Scorer: Sendable {
    /// Creates a scorer.
    public init() {}

    /// Word 4-gram shingles of a text.
    public static func shingles(_ text: String) -> Set<String> {
        let words = Tokenizer.words(Folding.fold(text))
        if words.isEmpty { return [] }
        if words.count < 4 { return [words.joined(separator: " ")] }
        var set = Set<String>()
        for i in 0...(words.count - 4) { set.insert(words[i..<(i + 4)].joined(separator: " ")) }
        return set
    }

    /// Same instant, or both absent.
    public static func sameInstant(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?):
            let p = DateParser()
            guard let dx = p.parse(x)?.date, let dy = p.parse(y)?.date else {
                return Folding.fold(x) == Folding.fold(y)
            }
            return dx.epochSeconds == dy.epochSeconds
        default: return false
        }
    }

    /// Scores `article` against `gold`; `sourceLines` are the raw lines of the input, for near-duplicate pairs.
    public func score(_ article: Article, gold: GoldArticle, sourceLines: [String]) -> ArticleScore {
        let predicted = Self.shingles(article.body.joined(separator: " "))
        let expected = Self.shingles(gold.body.joined(separator: " "))
        var ignored = Set<String>()
        for line in gold.ignore { ignored.formUnion(Self.shingles(line)) }
        let counted = predicted.filter { expected.contains($0) || !ignored.contains($0) }
        let hit = counted.intersection(expected).count
        let precision = counted.isEmpty ? (expected.isEmpty ? 1 : 0) : Double(hit) / Double(counted.count)
        let recall = expected.isEmpty ? 1 : Double(hit) / Double(expected.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)

        var errors: [String] = []
        var scored = 0
        func same(_ a: String?, _ b: String?) -> Bool { a.map(Folding.fold) == b.map(Folding.fold) }
        let bodyFolded = Set(article.body.map(Folding.fold))
        if let either = gold.titleOrStandfirst {
            scored += 2
            let ok =
                (same(article.title, either) && article.standfirst == nil)
                || (same(article.standfirst, either) && article.title == nil)
            if !ok || bodyFolded.contains(Folding.fold(either)) {
                errors.append("title/standfirst=\(article.title ?? "null")/\(article.standfirst ?? "null")")
            }
        } else {
            for (name, want, got) in [
                ("title", gold.title, article.title), ("standfirst", gold.standfirst, article.standfirst),
            ] where gold.scoredFields.contains(name) {
                scored += 1
                if !same(want, got) { errors.append("\(name)=\(got ?? "null")") }
            }
        }
        if gold.scoredFields.contains("outlet") {
            scored += 1
            if !same(gold.outlet, article.outlet) { errors.append("outlet=\(article.outlet ?? "null")") }
        }
        for (name, want, got) in [
            ("published", gold.published, article.published), ("updated", gold.updated, article.updated),
        ] where gold.scoredFields.contains(name) {
            scored += 1
            if !Self.sameInstant(want, got) { errors.append("\(name)=\(got ?? "null")") }
        }

        if let names = gold.byline {
            scored += 1
            if names.map(Folding.fold) != article.byline.map(Folding.fold) {
                errors.append("byline=\(article.byline.joined(separator: ", "))")
            }
        }

        var leaks: [String] = []
        let fields = ([article.title, article.standfirst].compactMap { $0 } + article.body).map(Folding.fold)
        for line in gold.boilerplate {
            let f = Folding.fold(line)
            if f.isEmpty { continue }
            let longEnough = Tokenizer.words(f).count >= 4
            if bodyFolded.contains(f) || (longEnough && fields.contains { $0.contains(f) }) { leaks.append(line) }
        }
        let captions = Set(article.captions.map(Folding.fold))
        let credits = Set(article.credits.map(Folding.fold))
        let captionsFound = gold.captions.filter { captions.contains(Folding.fold($0)) }.count
        let creditsFound = gold.credits.filter { credits.contains(Folding.fold($0)) }.count

        // A line is kept when one body paragraph is essentially that line (shingle Jaccard ≥ 0.7): a mere
        // restatement shares many shingles with the other line of the pair, but not that many.
        let paragraphShingles = article.body.map(Self.shingles)
        var kept = 0
        for pair in gold.nearDuplicates where pair.count == 2 {
            let present = pair.filter { n in
                guard n >= 1, n <= sourceLines.count else { return false }
                let s = Self.shingles(sourceLines[n - 1])
                guard !s.isEmpty else { return false }
                return paragraphShingles.contains { p in
                    let shared = p.intersection(s).count
                    return Double(shared) / Double(p.count + s.count - shared) >= 0.7
                }
            }.count
            if present == 1 { kept += 1 }
        }
        return ArticleScore(
            precision: precision,
            recall: recall,
            f1: f1,
            fieldErrors: errors,
            fieldsScored: scored,
            leaks: leaks,
            captionsFound: captionsFound,
            captionsExpected: gold.captions.count,
            creditsFound: creditsFound,
            creditsExpected: gold.credits.count,
            nearDuplicatesKept: kept,
            nearDuplicatesExpected: gold.nearDuplicates.count
        )
    }
}
