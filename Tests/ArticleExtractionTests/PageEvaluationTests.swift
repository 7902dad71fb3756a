import Foundation
import Testing

@testable import ArticleExtraction

/// The development-set scorer must give score-dev.py's figures; these cases pin its definitions.
@Suite("Page evaluation (score-dev.py's rules)")
struct PageEvaluationTests {
    @Test("words are Python's \\w+ runs of the lower-cased text: letters, numbers and underscores")
    func words() {
        #expect(PageScorer.words("It's 3½ o'clock — snake_case, Ünïcode!") == [
            "it", "s", "3½", "o", "clock", "snake_case", "ünïcode",
        ])
    }

    @Test("shingles are a multiset of word 4-grams, and a text under four words is one shingle")
    func shingles() {
        #expect(PageScorer.shingles("a b c").count == 1)
        #expect(PageScorer.shingles("").isEmpty)
        let s = PageScorer.shingles("a b c d a b c d")
        #expect(s.values.reduce(0, +) == 5)
        #expect(s.values.max() == 2)
    }

    @Test("precision and recall count repeated shingles once per occurrence")
    func precisionRecall() {
        let (p, r) = PageScorer.precisionRecall("one two three four five", "one two three four five six seven")
        #expect(p == 1)
        #expect(r == 0.5)
        #expect(PageScorer.precisionRecall("", "") == (1, 1))
        #expect(PageScorer.precisionRecall("", "one two") == (0, 0))
    }

    @Test("folding: compatibility forms, curly quotes, whitespace runs, case")
    func folding() {
        #expect(PageScorer.fold("  \u{FB01}ne  \u{201C}Day\u{201D}\u{00A0}it\u{2019}s ") == "fine \"day\" it's")
        #expect(PageScorer.fold(nil) == "")
    }

    @Test("gold author strings split on commas, ' and ' and '&'")
    func goldNames() {
        #expect(PageScorer.goldNames("Ann Lee, Bo Chan and Cy Doe & Di") == ["ann lee", "bo chan", "cy doe", "di"])
        #expect(PageScorer.goldNames("Alexandra Byrne") == ["alexandra byrne"])
    }

    @Test("fields: exact folded title, one gold name among the byline's, the same first ten characters of the date")
    func fields() {
        let gold = PageGold(
            body: "The council met on Monday to vote.", title: "Council votes", author: "Ann Lee, MS",
            published: "2025-03-04", with: ["met on Monday"], without: ["Subscribe now"])
        var article = Article(
            title: "council  VOTES", byline: ["Ann Lee"], published: "2025-03-04T10:00:00+01:00",
            body: ["The council met on Monday to vote."])
        var s = PageScorer.score(article, gold: gold)
        #expect(s.title == true && s.author == true && s.published == true)
        #expect(s.withFound == 1 && s.withoutFound == 0 && s.f1 == 1)
        article.byline = ["Bo Chan"]
        article.published = nil
        article.body.append("Subscribe now")
        s = PageScorer.score(article, gold: gold)
        #expect(s.author == false && s.published == false && s.withoutFound == 1 && s.precision < 1)
        #expect(PageScorer.score(nil, gold: PageGold(body: "x")).title == nil)
    }

    @Test("totals print score-dev.py's lines and report figures that fell below a baseline")
    func totals() {
        var t = PageTotals()
        t.add(PageScore(precision: 1, recall: 0.5, withFound: 1, withTotal: 2, title: true, author: nil))
        t.add(PageScore(precision: 0.5, recall: 1, withoutFound: 1, withoutTotal: 4, title: false))
        #expect(t.report[0] == "body      n=2 P=0.750 R=0.750 F1=0.750")
        #expect(t.report[1] == "snippets  with found 1/2 (0.500), without found 1/4 (0.250)")
        #expect(t.report[2] == "fields    title=1/2 (0.500) author=0/0 (0.000) published=0/0 (0.000)")
        #expect(t.regressions(against: ["f1": 0.751, "title": 0.6, "without": 0.2], tolerance: 0.002) == [
            "title 0.5000 < baseline 0.6000", "without 0.2500 > baseline 0.2000",
        ])
    }
}
