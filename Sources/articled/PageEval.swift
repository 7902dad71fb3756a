import ArgumentParser
import ArticleExtraction
import Foundation

/// `articled eval` on the development layout (`DIR/KEY.txt` + `DIR/KEY.gold.json`): the figures of
/// `shared/tools/score-dev.py`, computed in process over all cores, and an optional baseline check.
struct PageEval {
    let eval: Eval
    let directory: URL

    /// One page's outcome, kept for the listings after the totals.
    struct Outcome: Sendable {
        var key: String
        var score: PageScore
        var gold: PageGold
        var title: String?
        var byline: [String]
        var published: String?
    }

    /// Results written by index from concurrent workers; each slot is written by exactly one of them.
    final class Slots: @unchecked Sendable {
        var items: [Outcome?]
        init(_ n: Int) { items = Array(repeating: nil, count: n) }
    }

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        // Byte order, as Python's sorted() on the paths, so that the averages are summed in the same order.
        let keys = names.filter { $0.hasSuffix(".gold.json") }.map { String($0.dropLast(".gold.json".count)) }
            .filter { names.contains($0 + ".txt") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !keys.isEmpty else {
            throw ValidationError("\(directory.path) has neither gold.json nor KEY.txt files with KEY.gold.json")
        }
        let dir = directory
        let slots = Slots(keys.count)
        let extractor = Extractor()
        DispatchQueue.concurrentPerform(iterations: keys.count) { i in
            let key = keys[i]
            let gold =
                (try? Data(contentsOf: dir.appendingPathComponent(key + ".gold.json")))
                .flatMap { PageGold(json: [UInt8]($0)) } ?? PageGold(body: "")
            // A file that cannot be read or is rejected scores as an empty article, as in score-dev.py.
            let article = (try? InputFile.read(dir.appendingPathComponent(key + ".txt").path)).flatMap {
                try? extractor.extract($0.bytes, hints: $0.hints)
            }
            slots.items[i] = Outcome(
                key: key, score: PageScorer.score(article, gold: gold), gold: gold, title: article?.title,
                byline: article?.byline ?? [], published: article?.published)
        }
        let outcomes = slots.items.compactMap { $0 }
        var totals = PageTotals()
        for o in outcomes { totals.add(o.score) }
        for line in totals.report { print(line) }
        if eval.worst > 0 {
            let sorted = outcomes.sorted { ($0.score.f1, $0.key) < ($1.score.f1, $1.key) }
            for o in sorted.prefix(eval.worst) {
                print(
                    "  worst   \(o.key) F1=\(fmt(o.score.f1)) P=\(fmt(o.score.precision)) R=\(fmt(o.score.recall))")
            }
        }
        if let field = eval.misses { printMisses(field, outcomes) }
        try checkBaseline(totals)
    }

    func printMisses(_ field: String, _ outcomes: [Outcome]) {
        for o in outcomes {
            switch field {
            case "title" where o.score.title == false:
                print("  miss    \(o.key) gold=\(o.gold.title ?? "") | ours=\(o.title ?? "null")")
            case "author" where o.score.author == false:
                print("  miss    \(o.key) gold=\(o.gold.author ?? "") | ours=\(o.byline.joined(separator: "; "))")
            case "published" where o.score.published == false:
                print("  miss    \(o.key) gold=\(o.gold.published ?? "") | ours=\(o.published ?? "null")")
            default: break
            }
        }
    }

    func checkBaseline(_ totals: PageTotals) throws {
        guard let path = eval.baseline else { return }
        let name = eval.baselineName ?? directory.standardizedFileURL.lastPathComponent
        let url = URL(fileURLWithPath: path)
        var all: [String: Any] = [:]
        if let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            all = object
        } else if !eval.recordBaseline {
            throw ValidationError("cannot read the baseline \(path)")
        }
        if eval.recordBaseline {
            // Rounded to four places, towards the lenient side, so that the committed file reads well.
            // A baseline only rises: a figure that fell within the tolerance keeps its recorded value.
            let old = (all[name] as? [String: Any])?.compactMapValues { ($0 as? NSNumber)?.doubleValue } ?? [:]
            var figures: [String: Double] = [:]
            for (k, v) in totals.figures {
                let lowerIsBetter = k == "without"
                let now = (v * 10_000).rounded(lowerIsBetter ? .up : .down) / 10_000
                figures[k] = old[k].map { lowerIsBetter ? min($0, now) : max($0, now) } ?? now
            }
            all[name] = figures
            let data = try JSONSerialization.data(withJSONObject: all, options: [.prettyPrinted, .sortedKeys])
            try (data + Data("\n".utf8)).write(to: url)
            print("baseline \(name) recorded in \(path)")
            return
        }
        guard let figures = all[name] as? [String: Any] else {
            throw ValidationError("the baseline \(path) has no figures for \(name)")
        }
        let base = figures.compactMapValues { ($0 as? NSNumber)?.doubleValue }
        let drops = totals.regressions(against: base, tolerance: eval.tolerance)
        if drops.isEmpty {
            print("PASS (\(name): no figure below the baseline by more than \(eval.tolerance))")
        } else {
            print("FAIL (\(name) below the baseline \(path)): " + drops.joined(separator: "; "))
            throw ExitCode(1)
        }
    }

    func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
}
