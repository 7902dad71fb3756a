import Testing

@testable import ArticleExtraction

/// Quotations and their speakers: fixtures written for these tests, in English, Russian and German marks.
struct QuoteTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var body: [String]
        /// The quote's opening words and the speaker expected (nil: no speaker).
        var starts: String
        var speaker: String?
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(
            label: "'…,' X said",
            body: ["“We will rebuild every bridge before winter,” Transport Minister Rosa Delacroix said on Friday."],
            starts: "We will rebuild",
            speaker: "Rosa Delacroix"
        ),
        Case(
            label: "X said: '…' with straight quotes",
            body: ["Harbour master Colin Pettigrew said: \"The channel stays closed until the divers finish.\""],
            starts: "The channel stays closed",
            speaker: "Colin Pettigrew"
        ),
        Case(
            label: "'…,' said X",
            body: ["\"Nobody expected the vote to be this close,\" said Senator Priya Ramaswamy."],
            starts: "Nobody expected",
            speaker: "Priya Ramaswamy"
        ),
        Case(
            label: "according to X",
            body: ["\"The shipment left the port on time and arrived intact,\" according to Governor Elias Brandt."],
            starts: "The shipment left",
            speaker: "Elias Brandt"
        ),
        Case(
            label: "X told journalists, surname only after the full name",
            body: [
                "Economy Minister Ingrid Halvorsen opened the fair in Oslo.",
                "Halvorsen told journalists: \"Exports grew faster than anyone forecast this year.\"",
            ],
            starts: "Exports grew",
            speaker: "Ingrid Halvorsen"
        ),
        Case(
            label: "X wrote on Twitter",
            body: ["\"Landed safely, talks begin at noon,\" negotiator Pavel Drozd wrote on Twitter."],
            starts: "Landed safely",
            speaker: "Pavel Drozd"
        ),
        Case(
            label: "a pronoun resolves to the last person named before the quote",
            body: [
                "Mayor Lucia Ferrante visited the flooded district on Sunday.",
                "\"I have never seen the river this high in my whole life,\" she said.",
            ],
            starts: "I have never seen",
            speaker: "Lucia Ferrante"
        ),
        Case(
            label: "a definite description resolves like a pronoun",
            body: [
                "Defence Minister Arne Solberg met the generals.",
                "\"Our reserves are ready and the lines will hold,\" the minister added.",
            ],
            starts: "Our reserves",
            speaker: "Arne Solberg"
        ),
        Case(
            label: "an organisation speaks",
            body: ["\"The border crossing will reopen on Monday morning,\" the Lithuanian interior ministry said."],
            starts: "The border crossing",
            speaker: "Lithuanian interior ministry"
        ),
        Case(
            label: "a quote with no speaker stays null",
            body: [
                "Governor Elias Brandt toured the site in the morning.",
                "\"The water came in the night and took everything we had.\"",
                "Residents waited for buses at the school.",
            ],
            starts: "The water came",
            speaker: nil
        ),
        Case(
            label: "a quote inside a quote is part of the outer one",
            body: [
                "“He looked at me and said ‘we will win this war by spring’ and I believed him,” "
                    + "veteran Tomas Kraal said."
            ],
            starts: "He looked at me",
            speaker: "Tomas Kraal"
        ),
        Case(
            label: "a quote that runs across paragraphs",
            body: [
                "Chancellor Greta Vogel spoke for an hour. \"We have made mistakes, and we will correct them.",
                "\"But the direction is right and we will not turn back now,\" Vogel said.",
            ],
            starts: "We have made mistakes",
            speaker: "Greta Vogel"
        ),
        Case(
            label: "Russian guillemets with a dash and the verb first",
            body: [
                "Пресс-секретарь президента Дмитрий Песков прокомментировал итоги встречи.",
                "«Переговоры будут продолжены на следующей неделе в Минске», — сказал Песков.",
            ],
            starts: "Переговоры будут продолжены",
            speaker: "Дмитрий Песков"
        ),
        Case(
            label: "German low-high quotes, the speaker before",
            body: ["Außenministerin Annalena Baerbock sagte: „Wir stehen fest an der Seite unserer Partner.“"],
            starts: "Wir stehen fest",
            speaker: "Annalena Baerbock"
        ),
        Case(
            label: "two people with the same surname: a lone surname speaks for neither",
            body: [
                "Senator Alice Marlowe and the banker Thomas Marlowe attended the dinner.",
                "\"The harbour must be dredged this summer,\" Marlowe said.",
            ],
            starts: "The harbour must",
            speaker: nil
        ),
    ]

    @Test("speakers are attributed from the sentence around the quote", arguments: cases)
    func speaker(_ c: Case) {
        let quotes = EntityExtraction(body: c.body).quotes
        let q = quotes.first { $0.text.hasPrefix(c.starts) }
        #expect(q != nil, "no quote starting \(c.starts) in \(quotes)")
        #expect(q?.speaker == c.speaker)
    }

    @Test("scare quotes and short fragments are not quotations")
    func scareQuotes() {
        let quotes = EntityExtraction(body: [
            "The minister promised a \"surprise\" and talked of \"significant progress\" without details."
        ]).quotes
        #expect(quotes.isEmpty)
    }

    @Test(
        "a body that ends with an opening quotation mark does not crash",
        arguments: ["He said \"", "“", "The council said: «", "First paragraph.\n\"", "„"]
    )
    func openingMarkAtTheEnd(last: String) {
        let body = ["The council met on Tuesday to discuss the bridge.", last]
        let quotes = EntityExtraction(body: body).quotes
        #expect(quotes.isEmpty)
    }

    @Test("the quote text has no marks and no trailing comma")
    func text() {
        let quotes = EntityExtraction(body: ["“Nothing is agreed until everything is agreed,” envoy Mara Lind said."])
            .quotes
        #expect(quotes.map(\.text) == ["Nothing is agreed until everything is agreed"])
    }
}
