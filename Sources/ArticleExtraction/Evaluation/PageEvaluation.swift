import Foundation

/// The gold of one page in a development folder laid out as `KEY.txt` + `KEY.gold.json` (the wcxb-dev layout that
/// `shared/tools/score-dev.py` scores).
public struct PageGold: Sendable, Equatable {
    /// The article's main text, paragraphs separated by blank lines.
    public var body: String
    public var title: String?
    /// Author names as one string ("A, B and C").
    public var author: String?
    /// A date (the first ten characters are compared).
    public var published: String?
    /// Sentences that must be in the body.
    public var with: [String]
    /// Page text that must not be in the body.
    public var without: [String]

    /// Creates a gold page.
    public init(
        body: String, title: String? = nil, author: String? = nil, published: String? = nil, with: [String] = [],
        without: [String] = []
    ) {
        self.body = body
        self.title = title
        self.author = author
        self.published = published
        self.with = with
        self.without = without
    }

    /// Reads one `KEY.gold.json`; nil when it is not a JSON object.
    public init?(json bytes: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let d = object as? [String: Any]
        else { return nil }
        func list(_ k: String) -> [String] { (d[k] as? [Any])?.compactMap { $0 as? String } ?? [] }
        self.init(
            body: d["body"] as? String ?? "",
            title: d["title"] as? String,
            author: d["author"] as? String,
            published: d["published"] as? String,
            with: list("with"),
            without: list("without")
        )
    }
}

/// The score of one page, with score-dev.py's definitions; a field whose gold is empty is nil (not scored).
public struct PageScore: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var withFound = 0
    public var withTotal = 0
    public var withoutFound = 0
    public var withoutTotal = 0
    public var title: Bool?
    public var author: Bool?
    public var published: Bool?

    /// F1 of this page's precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// Scores extractions of whole web pages exactly as `shared/tools/score-dev.py` does, so that `articled eval`
/// prints the figures the held-out sets are judged by:
/// body by word 4-gram shingle multisets (Python's `\w+` on the lower-cased text), snippets by substring after
/// folding, title exact after folding, author as one gold name among the byline's names, published as the same
/// first ten characters.
public enum PageScorer {
    /// Python's `re.findall(r"\w+", text.lower())`: letters (L*), characters with a numeric value, and `_`.
    public static func words(_ text: String) -> [Substring] {
        let lower = text.lowercased()
        var out: [Substring] = []
        var start: String.Index?
        var i = lower.unicodeScalars.startIndex
        let scalars = lower.unicodeScalars
        while i < scalars.endIndex {
            let w = isWordScalar(scalars[i])
            if w, start == nil { start = i }
            if !w, let s = start {
                out.append(Substring(scalars[s..<i]))
                start = nil
            }
            i = scalars.index(after: i)
        }
        if let s = start { out.append(Substring(scalars[s..<scalars.endIndex])) }
        return out
    }

    /// Whether Python's `\w` matches the scalar (`str.isalnum()` or `_`).
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F
        }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return c.properties.numericType != nil
        }
    }

    /// The multiset of word 4-grams; a text of one to three words is one shingle. Shingles are 64-bit hashes of
    /// their words (a collision in a page's few thousand shingles is vanishingly rare), so that 700 pages score in
    /// well under a second.
    public static func shingles(_ text: String) -> [UInt64: Int] {
        let t = words(text).map { w -> UInt64 in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in w.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
        var out: [UInt64: Int] = [:]
        func key(_ run: ArraySlice<UInt64>) -> UInt64 {
            var h: UInt64 = UInt64(run.count)
            for x in run { h = (h &* 0x9E37_79B9_7F4A_7C15) ^ x ^ (x >> 29) }
            return h
        }
        if t.isEmpty { return out }
        if t.count < 4 {
            out[key(t[...]), default: 0] += 1
            return out
        }
        out.reserveCapacity(t.count)
        for i in 0...(t.count - 4) { out[key(t[i..<(i + 4)]), default: 0] += 1 }
        return out
    }

    /// Precision and recall of the shingles of `predicted` against those of `gold` (both 1 when both are empty).
    public static func precisionRecall(_ predicted: String, _ gold: String) -> (precision: Double, recall: Double) {
        let p = shingles(predicted)
        let g = shingles(gold)
        var tp = 0
        for (k, n) in p { if let m = g[k] { tp += min(n, m) } }
        let pc = p.values.reduce(0, +)
        let gc = g.values.reduce(0, +)
        let fp = pc - tp
        let fn = gc - tp
        if tp + fp + fn == 0 { return (1, 1) }
        return (tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0, tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0)
    }

    /// Python's `needle in haystack` on two strings: a code-point substring is a UTF-8 byte substring.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        contains(Array(haystack.utf8), needle)
    }

    static func contains(_ h: [UInt8], _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        let n = Array(needle.utf8)
        guard n.count <= h.count else { return false }
        let first = n[0]
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// score-dev.py's `fold`: NFKC, typographic single and double quotes made plain, whitespace runs one space,
    /// trimmed, lower case.
    public static func fold(_ s: String?) -> String {
        guard let s, !s.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        var space = false
        for c in s.precomposedStringWithCompatibilityMapping.unicodeScalars {
            var x = c
            switch c.value {
            case 0x2018, 0x2019: x = "'"
            case 0x201C, 0x201D: x = "\""
            default: break
            }
            // Python's str.isspace(): Unicode White_Space plus the four information separators.
            if x.properties.isWhitespace || (0x1C...0x1F).contains(x.value) {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(x)
        }
        return String(out).lowercased()
    }

    /// The gold author string split as score-dev.py splits it: on ",", " and " and "&"; empty names dropped.
    public static func goldNames(_ author: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(author)
        while !rest.isEmpty {
            let comma = rest.firstIndex { $0 == "," || $0 == "&" }
            let and = rest.range(of: " and ")
            if let a = and, comma.map({ a.lowerBound < $0 }) ?? true {
                parts.append(String(rest[..<a.lowerBound]))
                rest = rest[a.upperBound...]
            } else if let c = comma {
                parts.append(String(rest[..<c]))
                rest = rest[rest.index(after: c)...]
            } else {
                parts.append(String(rest))
                rest = ""
            }
        }
        return parts.map { fold($0) }.filter { !$0.isEmpty }
    }

    /// Scores one extraction (nil when the file was rejected: an empty article) against its gold.
    public static func score(_ article: Article?, gold: PageGold) -> PageScore {
        let bodyText = (article?.body ?? []).joined(separator: "\n")
        let (p, r) = precisionRecall(bodyText, gold.body)
        var s = PageScore(precision: p, recall: r)
        let folded = Array(fold(bodyText).utf8)
        for snippet in gold.with {
            s.withTotal += 1
            if contains(folded, fold(snippet)) { s.withFound += 1 }
        }
        for snippet in gold.without {
            s.withoutTotal += 1
            if contains(folded, fold(snippet)) { s.withoutFound += 1 }
        }
        if let t = gold.title, !t.isEmpty { s.title = fold(article?.title) == fold(t) }
        if let a = gold.author, !a.isEmpty {
            let ours = (article?.byline ?? []).map { fold($0) }
            s.author = !ours.isEmpty && goldNames(a).contains { ours.contains($0) }
        }
        if let d = gold.published, !d.isEmpty {
            s.published = String((article?.published ?? "").prefix(10)) == String(d.prefix(10))
        }
        return s
    }
}

/// The figures of a whole development folder, as score-dev.py prints them.
public struct PageTotals: Sendable, Equatable {
    public var count = 0
    public var precisionSum = 0.0
    public var recallSum = 0.0
    public var withFound = 0
    public var withTotal = 0
    public var withoutFound = 0
    public var withoutTotal = 0
    /// Right and scored, per field.
    public var title = (right: 0, scored: 0)
    public var author = (right: 0, scored: 0)
    public var published = (right: 0, scored: 0)

    /// Empty totals.
    public init() {}

    public static func == (a: PageTotals, b: PageTotals) -> Bool { a.figures == b.figures && a.count == b.count }

    /// Adds one page (pages must be added in the order of their keys for the sums to match Python's exactly).
    public mutating func add(_ s: PageScore) {
        count += 1
        precisionSum += s.precision
        recallSum += s.recall
        withFound += s.withFound
        withTotal += s.withTotal
        withoutFound += s.withoutFound
        withoutTotal += s.withoutTotal
        func tally(_ field: inout (right: Int, scored: Int), _ ok: Bool?) {
            guard let ok else { return }
            field.scored += 1
            if ok { field.right += 1 }
        }
        tally(&title, s.title)
        tally(&author, s.author)
        tally(&published, s.published)
    }

    public var precision: Double { count == 0 ? 0 : precisionSum / Double(count) }
    public var recall: Double { count == 0 ? 0 : recallSum / Double(count) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    static func rate(_ a: Int, _ n: Int) -> Double { Double(a) / Double(max(n, 1)) }

    /// The figures a baseline records, by name. `without` is the one where lower is better.
    public var figures: [String: Double] {
        [
            "precision": precision, "recall": recall, "f1": f1,
            "with": Self.rate(withFound, withTotal), "without": Self.rate(withoutFound, withoutTotal),
            "title": Self.rate(title.right, title.scored), "author": Self.rate(author.right, author.scored),
            "published": Self.rate(published.right, published.scored),
        ]
    }

    /// The three lines score-dev.py prints.
    public var report: [String] {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func field(_ name: String, _ v: (right: Int, scored: Int)) -> String {
            "\(name)=\(v.right)/\(v.scored) (\(f(v.scored == 0 ? 0 : Double(v.right) / Double(v.scored))))"
        }
        return [
            "body      n=\(count) P=\(f(precision)) R=\(f(recall)) F1=\(f(f1))",
            "snippets  with found \(withFound)/\(withTotal) (\(f(Self.rate(withFound, withTotal)))), without found "
                + "\(withoutFound)/\(withoutTotal) (\(f(Self.rate(withoutFound, withoutTotal))))",
            "fields    " + [field("title", title), field("author", author), field("published", published)]
                .joined(separator: " "),
        ]
    }

    /// The figures that fell below `baseline` by more than `tolerance` (`without` may not rise by more), each as
    /// "name 0.812 < baseline 0.815". A figure the baseline lacks is not checked.
    public func regressions(against baseline: [String: Double], tolerance: Double) -> [String] {
        var out: [String] = []
        let now = figures
        for name in now.keys.sorted() {
            guard let base = baseline[name], let value = now[name] else { continue }
            let f = { (x: Double) in String(format: "%.4f", x) }
            if name == "without" {
                if value > base + tolerance { out.append("\(name) \(f(value)) > baseline \(f(base))") }
            } else if value < base - tolerance {
                out.append("\(name) \(f(value)) < baseline \(f(base))")
            }
        }
        return out
    }
}
