import ArgumentParser
import ArticleExtraction
import Foundation

/// `articled eval DIR`: scores the extractor against `DIR/gold.json` (the seeds layout) or against
/// `DIR/KEY.gold.json` beside each `DIR/KEY.txt` (the development-set layout, scored as score-dev.py scores it),
/// and fails under the thresholds or below a baseline, so that `make test` guards extraction quality.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score extraction against DIR/gold.json or DIR/KEY.gold.json files.",
        discussion: """
            With DIR/gold.json, every article is scored as the seeds README says. Otherwise every DIR/KEY.txt with a \
            DIR/KEY.gold.json is scored as shared/tools/score-dev.py scores it (body shingles, snippets, title, \
            author, published), and --baseline compares the figures with a committed baseline.
            """
    )

    @Argument(help: "A folder with NAME.txt files and gold.json, or KEY.txt files each with KEY.gold.json.")
    var directory: String

    @Option(help: "Development layout: a JSON file of figures by set name; fail when a figure is below it.")
    var baseline: String?

    @Option(help: "Development layout: the set's name in the baseline (default: the folder's name).")
    var baselineName: String?

    @Option(help: "Development layout: how far a figure may fall below the baseline.")
    var tolerance = 0.002

    @Flag(help: "Development layout: write this run's figures into the baseline file instead of comparing.")
    var recordBaseline = false

    @Option(help: "Development layout: list the N pages with the lowest body F1.")
    var worst = 0

    @Option(help: "Development layout: list pages where this field is wrong (title, author or published).")
    var misses: String?

    @Option(help: "Fail when any article's body F1 is below this.")
    var minBodyF1 = 0.97

    @Option(help: "Fail when more boilerplate lines than this leak in total.")
    var maxLeaks = 0

    @Flag(help: "Do not fail on wrong fields, missing captions or credits, or near-duplicates kept twice.")
    var allowFieldErrors = false

    func run() throws {
        let dir = URL(fileURLWithPath: directory)
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("gold.json").path) {
            try PageEval(eval: self, directory: dir).run()
            return
        }
        let goldBytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent("gold.json")))
        let gold = try GoldArticle.parseFile(goldBytes)
        let goldEntities = GoldEntities.parseFile(goldBytes)
        var entityScores: [EntityScore] = []
        let extractor = Extractor()
        let scorer = Scorer()
        var failed = false
        var totalLeaks = 0
        var f1s: [Double] = []
        var fieldsOK = 0
        var fieldsAll = 0
        print(
            pad("article", 28) + pad("P", 7) + pad("R", 7) + pad("F1", 7) + pad("fields", 8) + pad("leaks", 7)
                + pad("capt", 6) + pad("cred", 6) + pad("dups", 6) + "errors"
        )
        for name in gold.keys.sorted() {
            let path = dir.appendingPathComponent(name).path
            let input = try InputFile.read(path)
            let article: Article
            do {
                article = try extractor.extract(input.bytes, hints: input.hints)
            } catch {
                print(pad(name, 28) + "rejected: \(error)")
                failed = true
                continue
            }
            let sourceLines = String(decoding: input.bytes, as: UTF8.self)
                .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map(String.init)
            let s = scorer.score(article, gold: gold[name]!, sourceLines: sourceLines)
            f1s.append(s.f1)
            totalLeaks += s.leaks.count
            fieldsOK += s.fieldsScored - s.fieldErrors.count
            fieldsAll += s.fieldsScored
            let problems = s.fieldErrors + s.leaks.map { "leak: \(String($0.prefix(50)))" }
            print(
                pad(String(name.prefix(27)), 28) + pad(fmt(s.precision), 7) + pad(fmt(s.recall), 7) + pad(fmt(s.f1), 7)
                    + pad("\(s.fieldsScored - s.fieldErrors.count)/\(s.fieldsScored)", 8) + pad("\(s.leaks.count)", 7)
                    + pad("\(s.captionsFound)/\(s.captionsExpected)", 6)
                    + pad("\(s.creditsFound)/\(s.creditsExpected)", 6)
                    + pad("\(s.nearDuplicatesKept)/\(s.nearDuplicatesExpected)", 6) + problems.joined(separator: "; ")
            )
            if let g = goldEntities[name] {
                let e = EntityScore(article, gold: g)
                entityScores.append(e)
                print(
                    "    entities: people \(e.peopleFound)/\(e.peopleExpected), places \(e.placesFound)/\(e.placesExpected), speakers \(e.speakersRight)/\(e.quotesExpected)"
                        + (e.problems.isEmpty ? "" : "; " + e.problems.joined(separator: "; "))
                )
            }
            if s.f1 < minBodyF1 { failed = true }
            if !allowFieldErrors
                && (!s.fieldErrors.isEmpty || s.captionsFound < s.captionsExpected || s.creditsFound < s.creditsExpected
                    || s.nearDuplicatesKept < s.nearDuplicatesExpected)
            {
                failed = true
            }
        }
        let mean = f1s.isEmpty ? 0 : f1s.reduce(0, +) / Double(f1s.count)
        let minimum = f1s.min() ?? 0
        print(
            "total: \(f1s.count) articles, mean body F1 \(fmt(mean)), min \(fmt(minimum)), fields \(fieldsOK)/\(fieldsAll), leaks \(totalLeaks)"
        )
        printEntityTotals(entityScores)
        if totalLeaks > maxLeaks { failed = true }
        if failed {
            print("FAIL (thresholds: body F1 ≥ \(minBodyF1), leaks ≤ \(maxLeaks))")
            throw ExitCode(1)
        }
        print("PASS")
    }

    /// People recall and precision, places recall and quote-speaker accuracy over all articles (seeds README).
    func printEntityTotals(_ scores: [EntityScore]) {
        func sum(_ f: (EntityScore) -> Int) -> Int { scores.reduce(0) { $0 + f($1) } }
        let extracted = sum(\.peopleExtracted)
        let precision = extracted == 0 ? 0 : Double(sum(\.peopleCorrect)) / Double(extracted)
        print(
            "entities: people \(sum(\.peopleFound))/\(sum(\.peopleExpected)) found, precision \(fmt(precision)) (\(sum(\.peopleCorrect))/\(extracted)); places \(sum(\.placesFound))/\(sum(\.placesExpected)); quote speakers \(sum(\.speakersRight))/\(sum(\.quotesExpected))"
        )
    }

    func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
    func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
