import Foundation
import Testing

@testable import ArticleExtraction

/// One kind of clutter per row, in several languages: each is placed between, before or after prose paragraphs
/// and must leave the body untouched while landing in `boilerplate` with a reason.
@Suite("Boilerplate")
struct BoilerplateTests {
    enum Place: String, Sendable { case top, middle, bottom }

    static let clutter: [(String, Place)] = [
        // Calls to action, appeals, subscriptions.
        ("Support us", .top), ("Subscribe", .top), ("Sign in", .top), ("Subscribe now for unlimited access", .bottom),
        ("Поддержите нас", .bottom), ("Підтримайте нас", .bottom), ("Jetzt abonnieren", .bottom),
        ("Abonnez-vous", .bottom), ("Suscríbete", .bottom), ("Assine", .bottom), ("Abbonati", .bottom),
        ("Your support helps us keep our reporting free for everyone. Donate now.", .bottom),
        // Read more, advertisements.
        ("Read more", .middle), ("Advertisement", .middle), ("Anzeige", .middle), ("Реклама", .middle),
        ("Publicité", .middle), ("Читайте также: Как изменится расписание автобусов", .middle),
        ("Lesen Sie auch: Neue Buslinie zum Flughafen", .middle), ("Leia também: Obras terminam em outubro", .middle),
        ("Leggi anche: Al via i lavori in piazza", .middle),
        ("À lire aussi : Les musées gratuits le dimanche", .middle),
        // Badges.
        ("- World News", .top), ("- 2 min read", .top), ("5 min read", .top), ("Lesezeit: 3 Minuten", .top),
        // Cookies, newsletters, share widgets.
        ("We use cookies to improve your experience on our site.", .top),
        ("Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten.", .top),
        ("Sign up for our newsletter and get the best stories in your inbox.", .bottom),
        ("Share", .bottom), ("Tweet", .bottom), ("Поделиться", .bottom), ("Поширити", .bottom), ("Teilen", .bottom),
        ("Share on Facebook", .bottom),
        // Legal, copyright, disclaimers.
        ("© 2019 Riverside Daily. All rights reserved.", .bottom), ("Все права защищены", .bottom),
        ("Alle Rechte vorbehalten", .bottom), ("Tous droits réservés", .bottom),
        (
            "The views expressed in this article do not necessarily reflect those of the publisher, which republished it from a partner feed.",
            .bottom
        ),
        // Navigation.
        ("Skip to main content", .top), ("Menu", .top), ("Back to top", .bottom), ("Leave a comment", .bottom),
        ("Home", .top), ("Click here to read the full report", .middle),
        // Follow prompts, tags, timestamps, typo reports.
        ("Follow us on Twitter", .bottom), ("Подписывайтесь на наш Telegram-канал", .bottom),
        ("Tags: Schools, Floods, Council", .bottom), ("Темы: Образование", .bottom),
        ("Schlagworte: Schule, Hochwasser", .bottom),
        ("2 hours ago", .top), ("5 минут назад", .top), ("vor 3 Stunden", .top),
        ("Нашли опечатку? Выделите текст и нажмите Ctrl+Enter", .bottom),
        // Counters, clocks, breadcrumbs, labelled links, paywalls, players, Polish and Dutch widgets.
        ("Share 214", .top), ("12 comments", .bottom), ("Комментарии (4)", .bottom), ("1 245", .top),
        ("14:05", .top), ("Home \u{203A} World \u{203A} Europe", .top), ("Главная » Город » Транспорт", .top),
        ("RELATED: Bridge tolls to rise again next year", .middle),
        ("Смотрите также: В городе откроют три библиотеки", .middle),
        ("Voir aussi : Les musées gratuits le dimanche", .middle),
        ("Czytaj także: Remont wiaduktu potrwa do jesieni", .middle), ("Udostępnij", .bottom),
        ("Lees ook: Nieuwe buslijn naar het vliegveld", .middle), ("Advertentie", .middle),
        ("Story continues below advertisement", .middle), ("Weiterlesen mit RR+", .middle),
        ("Jetzt einen Monat für 1 Euro testen", .middle), ("Listen to this article", .top),
        ("Mots-clés : sécheresse, agriculture, eau", .bottom), ("Wszelkie prawa zastrzeżone", .bottom),
        ("(Reporting by a staff correspondent; editing by the desk)", .bottom),
    ]

    @Test("clutter is removed with a reason and the body is intact", arguments: clutter)
    func removes(line: String, place: Place) throws {
        var lines = englishParagraphs
        switch place {
        case .top: lines.insert(line, at: 0)
        case .middle: lines.insert(line, at: 2)
        case .bottom: lines.append(line)
        }
        let a = try extract(lines.joined(separator: "\n"))
        #expect(a.body == englishParagraphs)
        let removed = try #require(a.boilerplate.first { $0.text == line })
        #expect(!removed.reason.isEmpty)
    }

    @Test(
        "a short line between paragraphs is a subheading and stays",
        arguments: ["What happens next", "Share prices fell", "Что будет дальше", "Kritik an den Plänen"]
    )
    func subheading(line: String) throws {
        var lines = englishParagraphs
        lines.insert(line, at: 2)
        let a = try extract(lines.joined(separator: "\n"))
        #expect(a.body == lines)
    }

    @Test("menus before and footers after the article are dropped")
    func wholePage() throws {
        let menu = ["Home", "World", "Business", "Sport", "Culture", "Opinion"]
        let footer = [
            "About us", "Contact", "Careers", "Advertise with us", "Privacy policy", "© 2024 Riverside Daily",
        ]
        let related = [
            "Related", "Bridge tolls to rise again next year", "Fishing fleet faces new quotas",
            "Ten walks along the harbour",
        ]
        let text = (menu + ["Council agrees to rebuild the flooded school"] + englishParagraphs + related + footer)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.title == "Council agrees to rebuild the flooded school")
        #expect(a.body == englishParagraphs)
        #expect(a.boilerplate.count == menu.count + related.count + footer.count)
        #expect(a.outlet == "Riverside Daily")
    }

    @Test(
        "a list heading takes the headlines under it, though they read like prose",
        arguments: [
            [
                "Most read", "Council agrees to sell former bus depot to housing developer",
                "Why the price of a pint is rising faster than anywhere else?",
            ],
            [
                "Самое читаемое", "На набережной откроют каток с бесплатным прокатом коньков",
                "Жители Заречья третий день остаются без горячей воды",
            ],
            [
                "Популярне", "У центрі міста відкрили новий сквер із фонтаном",
                "Ціни на овочі на ринках зросли майже на десять відсотків",
            ],
            [
                "Meistgelesen", "Traditionsbäckerei in der Altstadt schließt nach 110 Jahren",
                "Feuerwehr rettet Katze aus dem Kirchturm",
            ],
            [
                "Les plus lus", "Le marché de nuit revient tous les jeudis de l'été sur la place du château",
                "Un incendie détruit un hangar agricole",
            ],
            [
                "Lo más leído", "El festival de cine de verano presenta su programa completo",
                "La biblioteca del barrio abre también por las noches",
            ],
            [
                "Mais lidas", "Preço dos combustíveis volta a subir na próxima semana",
                "Escola básica da vila vai ter cantina nova",
            ],
            [
                "I più letti", "Il vecchio mulino diventa un museo: apertura prevista in primavera",
                "Neve in arrivo nel fine settimana",
            ],
            [
                "Najczęściej czytane", "Nowa linia tramwajowa połączy osiedla na południu miasta",
                "Remont wiaduktu potrwa do jesieni",
            ],
        ]
    )
    func headedList(list: [String]) throws {
        let a = try extract((englishParagraphs + list).joined(separator: "\n"))
        #expect(a.body == englishParagraphs)
        #expect(a.boilerplate.count == list.count)
    }

    @Test("a one-line 'Related' box in the middle leaves the subheading after it")
    func relatedThenSubheading() throws {
        var lines = englishParagraphs
        lines.insert(contentsOf: ["Related", "What happens next"], at: 2)
        let a = try extract(lines.joined(separator: "\n"))
        #expect(a.body.contains("What happens next"))
        #expect(!a.body.contains("Related"))
    }

    @Test(
        "an author box after the article goes, under a heading or under the byline's name",
        arguments: [
            [
                "About the author",
                "Jane Doe covers schools and local politics for the paper and has lived in the town since 2010.",
            ],
            [
                "Über die Autorin",
                "Anna Schmidt ist Redakteurin im Lokalressort und schreibt seit 2015 über Schulen und Vereine.",
                "Mehr Artikel von Anna Schmidt",
            ],
            [
                "Jane Doe",
                "Senior reporter. Before joining the paper she worked for a local radio station for six years.",
            ],
        ]
    )
    func authorBox(box: [String]) throws {
        let text = (["By Jane Doe"] + englishParagraphs + box).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.body == englishParagraphs)
    }

    @Test("an author's bare name beside the dateline is not the body and does not hide the standfirst")
    func bareName() throws {
        let lead = "The wall was meant to be ready last winter, and residents say the delay cost them dearly."
        let text =
            (["Flood defences finished a year late", lead, "Tom Ashby", "Thu 2 Nov 2023 18.40 GMT"] + englishParagraphs)
            .joined(separator: "\n")
        let a = try extract(text)
        #expect(a.body == englishParagraphs)
        #expect(a.standfirst == lead)
        #expect(a.published == "2023-11-02T18:40:00+00:00")
    }

    @Test("a pull quote that repeats the paragraph beside it goes, the paragraph stays")
    func pullQuote() throws {
        let paragraph =
            "\u{201C}The night clinic was the thing people asked about at every meeting we held,\u{201D} said the director of nursing, who has worked at the hospital for twenty years."
        var lines = englishParagraphs
        lines.insert(
            contentsOf: [
                "\u{201C}The night clinic was the thing people asked about at every meeting.\u{201D}", paragraph,
            ],
            at: 2
        )
        let a = try extract(lines.joined(separator: "\n"))
        var expected = englishParagraphs
        expected.insert(paragraph, at: 2)
        #expect(a.body == expected)
    }

    @Test("a sign-up box in the middle goes with the lines that speak to the reader")
    func newsletterBox() throws {
        let box = [
            "Sign up to The Briefing",
            "Our morning email: the five stories you need to know, before you leave the house.",
            "Email address", "Sign up",
        ]
        var lines = englishParagraphs
        lines.insert(contentsOf: box, at: 2)
        let a = try extract(lines.joined(separator: "\n"))
        #expect(a.body == englishParagraphs)
    }

    @Test("a donation appeal after the article goes, prose-like lines and all")
    func appealTail() throws {
        let appeal = [
            "A Message from The Harbour Ledger:", "Dear readers,",
            "We have reported on this town for forty years and we want to keep doing it for the next forty.",
            "Our newsroom depends on readers like you. If you can, please support us with a monthly contribution.",
            "Once", "Monthly", "Annual", "Continue", "Remind me later.",
        ]
        let a = try extract((englishParagraphs + appeal).joined(separator: "\n"))
        #expect(a.body == englishParagraphs)
        #expect(a.outlet == "The Harbour Ledger")
    }

    @Test("readers' comments after the article go; a list inside it stays")
    func commentsTail() throws {
        let list = [
            "What changes for subscribers:", "- The premium plan rises to eighteen dollars a month",
            "- The basic plan keeps its price until the summer",
            "- Annual plans renewed before March keep the old price",
        ]
        let comments = [
            "Comments", "John123 2 hours ago",
            "This is outrageous, I am cancelling my subscription today and so should everybody who is tired of it.",
            "Mary_K 3 hours ago",
            "Still cheaper than cable, and the shows are better than anything on television these days.",
        ]
        let body = Array(englishParagraphs[0..<3]) + list + [englishParagraphs[3]]
        let a = try extract((["Streaming service raises prices again"] + body + comments).joined(separator: "\n"))
        #expect(a.title == "Streaming service raises prices again")
        #expect(a.body == body)
    }

    @Test("a paragraph repeated later is kept once, exact or reworded")
    func duplicates() throws {
        let reworded =
            "Parents have been collecting signatures for a new school building ever since the river burst its banks in spring and ruined the ground floor."
        let text = (englishParagraphs + [englishParagraphs[0], reworded]).joined(separator: "\n")
        let a = try extract(text)
        #expect(a.body == englishParagraphs)
        #expect(a.boilerplate.filter { $0.reason.hasPrefix("duplicate") }.count == 2)
    }

    @Test("blank-line paragraphs and one-line paragraphs give the same body")
    func shapes() throws {
        let a = try extract(englishParagraphs.joined(separator: "\n"))
        let b = try extract(englishParagraphs.joined(separator: "\r\n\r\n"))
        #expect(a.body == b.body)
        let wrapped = englishParagraphs.map { p -> String in
            let words = p.split(separator: " ")
            return words[..<10].joined(separator: " ") + "\n" + words[10...].joined(separator: " ")
        }.joined(separator: "\n\n")
        #expect(try extract(wrapped).body == englishParagraphs)
    }

    @Test("extraction is deterministic")
    func deterministic() throws {
        let text = (["Menu", "A headline for the story"] + englishParagraphs + ["Read more", "Share"]).joined(
            separator: "\n"
        )
        #expect(try extract(text) == extract(text))
    }

    @Test("explain lists every block with its role, features and reason")
    func explain() {
        let text = (["Menu", "A headline for the story"] + englishParagraphs).joined(separator: "\n")
        let e = Extractor().explain(Array(text.utf8))
        #expect(e.blocks.count == 6)
        #expect(e.blocks[0].role == "boilerplate")
        #expect(e.blocks[1].role == "title")
        #expect(e.blocks.allSatisfy { !$0.reason.isEmpty && $0.features.contains("words=") })
        #expect(e.text.contains("[title/"))
    }
}
