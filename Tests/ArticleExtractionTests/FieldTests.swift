import Foundation
import Testing

@testable import ArticleExtraction

@Suite("Bylines")
struct BylineTests {
    @Test(
        "names only: no By, roles, dates or handles",
        arguments: [
            ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
            ("by Jane Doe, Senior Correspondent", ["Jane Doe"]),
            ("By Jane Doe, Nov 18, 2019 at 9:24 pm ET", ["Jane Doe"]),
            ("By Anna Lee & Tom Brown | Reuters", ["Anna Lee", "Tom Brown"]),
            ("by @harbourwatch", []),
            ("Von Anna Schmidt und Peter Müller", ["Anna Schmidt", "Peter Müller"]),
            ("Par Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),
            ("Por Carlos Ruiz y Lucía Gómez", ["Carlos Ruiz", "Lucía Gómez"]),
            ("Автор: Иван Петров", ["Иван Петров"]),
            ("Door Sanne de Vries en Ludwig van der Berg", ["Sanne de Vries", "Ludwig van der Berg"]),
            ("Texto: Ana dos Santos", ["Ana dos Santos"]),
            ("By Jane Doe, MS, RDN", ["Jane Doe"]),
            ("By Jane Doe PhD and John Roe with Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
            ("By Jane Doe, Staff Writer", ["Jane Doe"]),
            ("By Harbour Press Staff", ["Harbour Press Staff"]),
            ("By The Valley Courier editors", ["The Valley Courier editors"]),
            ("By the Lakeside Gardening Team", ["The Lakeside Gardening Team"]),
            // An outlet in capitals after the name is no part of it; a surname in capitals is.
            ("By Ann Lee VALLEY COURIER", ["Ann Lee"]), ("Par Marie DUPONT", ["Marie DUPONT"]),
        ] as [(String, [String])]
    )
    func bylines(line: String, names: [String]) {
        #expect(BylineParser().parse(line) == names)
    }

    @Test("a name alone beside the dateline, under the headline, is the byline")
    func bareName() throws {
        let text = (["Flood wall finished a year late as the river rises again", "", "Tom Ashby",
            "Thu 2 Nov 2023 18.40 GMT", ""] + englishParagraphs.flatMap { [$0, ""] }).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Tom Ashby"])
        #expect(a.body == englishParagraphs)
    }

    @Test("a full name alone beside the dateline is the byline, even far from the headline")
    func nameBesideDateline() throws {
        let menu = ["Home", "Gardening", "Recipes", "Travel"]
        let text = (menu + ["Ann Lee", "9 min read", "March 3, 2024"] + menu + englishParagraphs)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
        #expect(a.published?.hasPrefix("2024-03-03") == true)
    }

    @Test(
        "a topic label beside the dateline is no byline; a team is",
        arguments: [
            ("School Building Council", [String]()), ("Flood & Repairs", []), ("Valley Courier Team", ["Valley Courier Team"]),
        ] as [(String, [String])]
    )
    func topicLabelBesideDateline(line: String, names: [String]) throws {
        let menu = ["Home", "Gardening", "Recipes", "Travel"]
        let text = (menu + ["How the valley rebuilt its school", line, "March 3, 2024"] + menu + englishParagraphs)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == names)
    }

    @Test("an article signed only in its author box takes the box's name")
    func authorBox() throws {
        let text = (["How the valley rebuilt its school"] + englishParagraphs
            + ["Ann Lee", "Ann Lee is a reporter who covers schools and floods in the valley.", "Related"])
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
        #expect(Analysis.opensWithName("Ann Lee ist Reporterin.", "Ann Lee"))
        #expect(!Analysis.opensWithName("Ann Lee Foundation", "Ann Lee"))
    }

    @Test(
        "an author box may open its biography with the first name; a product's description does not sign",
        arguments: [
            ("Ann Lee", "Ann is a reporter who covers schools and floods. Her latest series followed the repairs.", ["Ann Lee"]),
            ("Valley Pump", "Valley is a pump maker whose models drain basements. It ships worldwide.", [String]()),
            ("Drainex (Floodaway, Sumpo)", "Drainex is a compound that dries walls. They say it works.", []),
            ("Verdant Cloche", "Verdant Cloche is a frost cover that keeps beds warm. It ships in spring.", []),
        ] as [(String, String, [String])]
    )
    func authorBoxWithFirstName(name: String, biography: String, byline: [String]) throws {
        let text = (["How the valley rebuilt its school"] + englishParagraphs + [name, biography, "Related"])
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == byline)
    }

    @Test("a full name between the headline and the first paragraph signs the article, with no date beside it")
    func nameUnderHeadlineWithoutDate() throws {
        let menu = ["Home", "Gardening", "Recipes", "Travel"]
        let text = (menu + ["How the valley rebuilt its school", "Ann Lee"] + englishParagraphs).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
        #expect(!a.body.contains("Ann Lee"))
    }

    @Test("a full name between short badges is a byline, not a filter menu")
    func bylineBetweenBadges() throws {
        let text = (["How to keep tomatoes through the winter", "Cite this page", "By Ann Lee", "Fact checked"]
            + englishParagraphs).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.byline == ["Ann Lee"])
    }

    @Test(
        "prose that starts with By is not a byline",
        arguments: [
            "By Monday, the river had fallen by almost a metre and the roads were open again.",
            "by the way",
        ]
    )
    func notBylines(line: String) {
        #expect(BylineParser().parse(line) == nil)
    }
}

@Suite("Captions and credits")
struct CreditTests {
    @Test(
        "credits, alone or after a caption",
        arguments: [
            ("(Image: AP)", "AP", nil),
            ("Photo: Reuters", "Reuters", nil),
            ("Фото: ТАСС", "ТАСС", nil),
            ("Getty Images", "Getty Images", nil),
            ("Peter Novak / TASS", "Peter Novak / TASS", nil),
            ("Brest Region, Belarus. Anna Kowal / TASS", "Anna Kowal / TASS", "Brest Region, Belarus."),
            (
                "The delegation arrives at the border post. @ForeignOffice / twitter", "@ForeignOffice / twitter",
                "The delegation arrives at the border post."
            ),
            ("Fot. PAP", "PAP", nil),
            (
                "Un agriculteur contrôle le canal d'irrigation, le 10 juin. Photo : AFP", "AFP",
                "Un agriculteur contrôle le canal d'irrigation, le 10 juin."
            ),
            (
                "Bombeiros combatem as chamas junto à estrada (Foto: Lusa)", "Lusa",
                "Bombeiros combatem as chamas junto à estrada"
            ),
            ("Вид на мост с набережной | Фото: ТАСС", "ТАСС", "Вид на мост с набережной"),
        ] as [(String, String, String?)]
    )
    func credits(line: String, credit: String, caption: String?) throws {
        let r = try #require(CreditParser().parse(line))
        #expect(r.credit == credit)
        #expect(r.caption == caption)
    }

    @Test("a caption glued to a paragraph is split off")
    func glued() throws {
        let text =
            englishParagraphs[0] + "\n" + englishParagraphs[1]
            + " Above: Parents gather outside the flooded school on Monday\n" + englishParagraphs[2]
        let a = try extract(text)
        #expect(a.captions == ["Parents gather outside the flooded school on Monday"])
        #expect(a.body[1] == englishParagraphs[1])
    }

    @Test(
        "a caption on its own line above a credit line is a caption",
        arguments: ["Foto: Lusa", "Photo: Reuters", "Фото: ТАСС", "Getty Images"]
    )
    func captionAboveCredit(credit: String) throws {
        let caption = "Volunteers stack sandbags along the riverside road on Tuesday evening"
        let text = ([englishParagraphs[0], englishParagraphs[1], caption, credit] + englishParagraphs[2...])
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.captions == [caption])
        #expect(!a.body.contains(caption))
        #expect(a.body.count == 4)
    }

    @Test("a full sentence above a credit stays in the body")
    func sentenceAboveCredit() throws {
        let text = ([englishParagraphs[0], englishParagraphs[1], "Photo: Reuters"] + englishParagraphs[2...])
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.captions.isEmpty)
        #expect(a.body.count == 4)
    }

    @Test("a run of unpunctuated picture lines inside the body are captions")
    func runs() throws {
        let text =
            (englishParagraphs + [
                "Workers carry desks out of the flooded ground floor of the school on Monday morning",
                "The river seen from the bridge a day after it burst its banks near the school",
            ] + englishParagraphs.map { $0.replacingOccurrences(of: "the", with: "a") }).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.captions.count == 2)
        #expect(!a.body.contains { $0.hasPrefix("Workers carry desks") })
    }
}

@Suite("Titles, standfirsts and outlets")
struct TitleTests {
    @Test(
        "a page's <title> splits off a longer site name and keeps a short headline; a shown headline does not",
        arguments: [
            ("Flood Maps | Valley Water Research Service", true, "Flood Maps", "Valley Water Research Service"),
            ("Local Trails - Blue Line Bike Lab Valley Town", true, "Local Trails", "Blue Line Bike Lab Valley Town"),
            ("Flood Maps | Valley Water Research Service", false, "Flood Maps | Valley Water Research Service", nil),
        ] as [(String, Bool, String, String?)]
    )
    func pageTitleSuffix(title: String, pageTitle: Bool, clean: String, site: String?) {
        let (t, s) = TitleParser().split(title, pageTitle: pageTitle)
        #expect(t == clean)
        #expect(s == site)
    }

    @Test(
        "site suffixes are split off the headline",
        arguments: [
            ("Talks resume in the capital - WSJ", "Talks resume in the capital", "WSJ"),
            ("Talks resume in the capital | Reuters", "Talks resume in the capital", "Reuters"),
            ("Talks resume in the capital — The Harbour Ledger", "Talks resume in the capital", "The Harbour Ledger"),
            ("Ukraine-Russia talks resume", "Ukraine-Russia talks resume", nil),
            ("Talks resume - and fail again", "Talks resume - and fail again", nil),
        ] as [(String, String, String?)]
    )
    func suffix(title: String, clean: String, site: String?) {
        let (t, s) = TitleParser().split(title)
        #expect(t == clean)
        #expect(s == site)
    }

    @Test("headline, standfirst separated by badges, and the body")
    func headline() throws {
        let text =
            "Council agrees to rebuild the flooded school\n"
            + "The decision ends months of argument over who should pay for the new building in the town.\n"
            + "- Local News\n- 3 min read\n" + englishParagraphs.joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Council agrees to rebuild the flooded school")
        #expect(
            a.standfirst == "The decision ends months of argument over who should pay for the new building in the town."
        )
        #expect(a.body == englishParagraphs)
        #expect(a.boilerplate.map(\.text).contains("- 3 min read"))
    }

    @Test("the page title above the headline names the outlet")
    func pageTitle() throws {
        let text =
            ([
                "Council agrees to rebuild the flooded school | Riverside Daily", "Home", "News", "Local",
                "Council agrees to rebuild the flooded school",
            ] + englishParagraphs).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Council agrees to rebuild the flooded school")
        #expect(a.outlet == "Riverside Daily")
        #expect(a.body == englishParagraphs)
    }

    @Test(
        "degenerate inputs give an article without crashing",
        arguments: [
            "Hello", "Menu\nHome\nSearch", "A single sentence that ends here.", "\u{FEFF}x", "1\n2\n3\n4\n5\n6",
        ]
    )
    func degenerate(text: String) throws {
        let a = try extract(text)
        #expect(a.wordCount == a.body.reduce(0) { $0 + Tokenizer.words($1).count })
    }

    @Test("a photo between the first paragraphs does not make the first one a standfirst")
    func noStandfirst() throws {
        let text = [englishParagraphs[0], "Pupils in the library. Anna Kowal / Reuters"] + englishParagraphs[1...]
        let a = try extract(text.joined(separator: "\n"))
        #expect(a.standfirst == nil)
        #expect(a.body == englishParagraphs)
        #expect(a.credits == ["Anna Kowal / Reuters"])
    }

    @Test("a text that starts with a paragraph has no title")
    func noTitle() throws {
        let a = try extract(englishParagraphs.joined(separator: "\n"))
        #expect(a.title == nil)
        #expect(a.body == englishParagraphs)
    }

    @Test(
        "outlet from signatures",
        arguments: [
            ("A Message from The Harbour Ledger:", "The Harbour Ledger"),
            ("© 2019 Riverside Daily. All rights reserved.", "Riverside Daily"),
            ("This article was originally published by Coastal Weekly.", "Coastal Weekly"),
            ("© 2024 Northfield Courier Ltd. All rights reserved.", "Northfield Courier"),
            ("© Rheinauer Rundschau 2023", "Rheinauer Rundschau"),
            ("© L'Écho du Bocage 2024 - Tous droits réservés", "L'Écho du Bocage"),
            ("© 2024 Gazzetta della Valle - P.IVA 01234567890 - Tutti i diritti riservati", "Gazzetta della Valle"),
        ]
    )
    func outlet(signature: String, outlet: String) throws {
        let a = try extract(
            "A headline for the school story\n" + englishParagraphs.joined(separator: "\n") + "\n" + signature
        )
        #expect(a.outlet == outlet)
    }

    @Test(
        "a copyright line that names nobody gives no outlet",
        arguments: ["© 2024 Усі права захищені.", "© 2023 Все права защищены", "© 2024 All rights reserved."]
    )
    func noOutlet(signature: String) throws {
        let a = try extract(
            "A headline for the school story\n" + englishParagraphs.joined(separator: "\n") + "\n" + signature
        )
        #expect(a.outlet == nil)
    }

    @Test("sidecar hints win over guesses")
    func sidecar() throws {
        let json =
            #"{"url": "https://example.org/a", "outlet": "Example Post", "published": "2020-01-02T03:04:05Z", "title": "Council agrees to rebuild the flooded school", "extra": 1}"#
        let hints = try ExtractionHints(sidecarJSON: Array(json.utf8), modified: 1_600_000_000)
        #expect(hints.url == "https://example.org/a")
        #expect(hints.modified == 1_600_000_000)
        let text =
            "Council agrees to rebuild the flooded school\nPublished 09:00 GMT, March 3rd 2019\n"
            + englishParagraphs.joined(separator: "\n") + "\n© 2019 Riverside Daily"
        let a = try extract(text, hints: hints)
        #expect(a.title == "Council agrees to rebuild the flooded school")
        #expect(a.outlet == "Example Post")
        #expect(a.published == "2020-01-02T03:04:05Z")
        #expect(a.body == englishParagraphs)
    }

    @Test("a broken sidecar is an error, not a crash", arguments: ["", "[1,2]", "{", "null"])
    func brokenSidecar(json: String) {
        #expect(throws: SidecarError.notAnObject) { try ExtractionHints(sidecarJSON: Array(json.utf8)) }
    }
}

@Suite("Language")
struct LanguageTests {
    @Test("every fixture is read in the language its name starts with, whole pages included")
    func fixtures() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixturesURL.path).filter { $0.hasSuffix(".txt") }
        #expect(names.count >= 20)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: fixturesURL.appendingPathComponent(name)))
            let article = try Extractor().extract(bytes)
            #expect(article.language == String(name.prefix(2)), "\(name)")
        }
    }

    @Test(
        "detected from stop-words and letters",
        arguments: [
            ("en", englishParagraphs.joined(separator: " ")),
            (
                "ru",
                "Совет города в четверг утвердил план ремонта старого моста через реку. Работы начнутся весной и продлятся почти два года, сообщили в администрации."
            ),
            (
                "uk",
                "Міська рада у четвер затвердила план ремонту старого мосту через річку. Роботи почнуться навесні й триватимуть майже два роки, повідомили в адміністрації."
            ),
            (
                "de",
                "Der Stadtrat hat am Donnerstag die Sanierung der alten Brücke beschlossen. Die Arbeiten beginnen im Frühjahr und dauern fast zwei Jahre."
            ),
            (
                "fr",
                "Le conseil municipal a approuvé jeudi la rénovation du vieux pont. Les travaux commenceront au printemps et dureront près de deux ans."
            ),
            (
                "es",
                "El ayuntamiento aprobó el jueves la reforma del viejo puente. Las obras comenzarán en primavera y durarán casi dos años, según la alcaldía."
            ),
            (
                "pt",
                "A câmara aprovou na quinta-feira a reforma da velha ponte. As obras vão começar na primavera e devem durar quase dois anos, segundo a autarquia."
            ),
            (
                "it",
                "Il consiglio comunale ha approvato giovedì il restauro del vecchio ponte. I lavori inizieranno in primavera e dureranno quasi due anni."
            ),
            (
                "nl",
                "De gemeenteraad heeft donderdag de renovatie van de oude brug goedgekeurd. De werken beginnen in het voorjaar en duren bijna twee jaar."
            ),
            (
                "pl",
                "Rada miasta w czwartek zatwierdziła remont starego mostu. Prace rozpoczną się wiosną i potrwają prawie dwa lata, jak podał urząd."
            ),
            ("el", "Το δημοτικό συμβούλιο ενέκρινε την Πέμπτη την ανακαίνιση της παλιάς γέφυρας."),
        ]
    )
    func detects(language: String, text: String) {
        let detected = LanguageDetector().detect(words: Tokenizer.words(text), text: text)
        #expect(detected == language)
    }

    @Test("a Latin-script language without a stop-word list is not forced into one of ours")
    func unlisted() {
        let swedish =
            "Kommunfullmäktige beslutade på torsdagen att bygga om den översvämmade skolan efter flera månaders diskussion om vem som ska betala för arbetet."
        #expect(LanguageDetector().detect(words: Tokenizer.words(swedish), text: swedish) == nil)
    }

    @Test("the article's language wins over the page's chrome")
    func articleLanguage() throws {
        let chrome = (1...40).map { "Home News World Business Sport Culture Opinion Video Podcasts Newsletters \($0)" }
        let russian = [
            "Совет города в четверг утвердил план ремонта старого моста через реку, сообщили в администрации.",
            "Работы начнутся весной и продлятся почти два года, а движение по мосту на это время будет ограничено.",
            "Жители соседних районов просят построить временную переправу для пешеходов и велосипедистов.",
        ]
        let a = try extract((chrome + russian).joined(separator: "\n"))
        #expect(a.language == "ru")
        #expect(a.body == russian)
    }

    @Test("too little text says nothing")
    func tooShort() {
        #expect(LanguageDetector().detect(words: ["menu"], text: "Menu") == nil)
    }
}

@Suite("Byte-level helpers of the field parsers")
struct ByteHelperTests {
    @Test(
        "the byte split equals the Character split, marks that join a separator included",
        arguments: [
            "A  message from  The Ledger ", "Jane Doe,, John Roe", "a \u{301}b c", "\u{600} x y", "x \u{200D}y, z",
            "Фото: ТАСС , Москва", "", " ", ",",
        ]
    )
    func split(text: String) {
        #expect(ByteSearch.split(text, at: " ") == text.split(separator: " "))
        #expect(ByteSearch.split(text, at: ",") == text.split(separator: ","))
    }

    @Test("search finds the first and the last occurrence across the eight-byte steps")
    func search() {
        let text = "Home / News / World and more words here / Reuters"
        for needle in [" / ", "/ ", "s", "Reuters", "x"] {
            let all = text.ranges(of: needle)
            #expect(ByteSearch.range(of: needle, in: text) == all.first)
            #expect(ByteSearch.range(of: needle, in: text, backwards: true) == all.last)
        }
    }

    @Test("the outlet is the same whether the caller gives the block's hashes or not")
    func outletWithHashes() {
        for text in ["© 2019 Riverside Daily. All rights reserved.", "Please support The Harbour Ledger today.", "Support"] {
            #expect(OutletFinder().find(in: text, hashes: Tokenizer.tokenize(text).hashes) == OutletFinder().find(in: text))
        }
    }
}

/// The article's `url`: the sidecar's, else a line that is only a web address. Texts written for these tests.
struct ArticleURLTests {
    static let text = "Harbour Reopens After Repairs\n\nhttps://news.example/2026/harbour-reopens\n\nThe harbour reopened on Monday after three weeks of repairs, the port authority said."

    @Test func aLineThatIsOnlyAnAddressIsTheURL() throws {
        let a = try Extractor().extract(Array(Self.text.utf8))
        #expect(a.url == "https://news.example/2026/harbour-reopens")
    }

    @Test func theSidecarsURLWins() throws {
        let a = try Extractor().extract(Array(Self.text.utf8), hints: ExtractionHints(url: "https://other.example/a"))
        #expect(a.url == "https://other.example/a")
    }

    @Test func anAddressInsideASentenceIsNotTheURL() throws {
        let text = "Harbour Reopens\n\nThe port authority posted details at https://port.example/notice on Monday morning."
        #expect(try Extractor().extract(Array(text.utf8)).url == nil)
    }
}
