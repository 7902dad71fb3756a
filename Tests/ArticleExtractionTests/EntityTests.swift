import Foundation
import Testing

@testable import ArticleExtraction

/// People, places and organisations: fixtures written for these tests, in English and Russian.
struct EntityTests {
    static func names(_ entities: [Entity]) -> [String] { entities.map(\.name) }

    struct PeopleCase: CustomTestStringConvertible, Sendable {
        var label: String
        var body: [String]
        var present: [String]
        var absent: [String]
        var testDescription: String { label }
    }

    static let peopleCases: [PeopleCase] = [
        PeopleCase(
            label: "a title is a cue, not part of the name; the surname alone joins the full name",
            body: [
                "Finance Minister Harriet Quenby arrived in Lisbon on Tuesday for a summit.",
                "Quenby said the budget would be balanced by spring, and the Treasury Office agreed.",
            ],
            present: ["Harriet Quenby"],
            absent: ["Finance Minister Harriet Quenby", "Quenby", "Tuesday"]
        ),
        PeopleCase(
            label: "transliteration variants and a given-name typo merge into one person",
            body: [
                "Presidential adviser Mykhailo Podoliak spoke first at the meeting near the border.",
                "Later Podolyak added that the talks had gone well, while aide Vladmir Osinsky disagreed.",
                "Vladimir Kostenko, a veteran lawmaker, and Osinski both left early.",
            ],
            present: ["Mykhailo Podoliak", "Vladimir Osinsky", "Vladimir Kostenko"],
            absent: ["Vladmir Osinsky", "Osinski"]
        ),
        PeopleCase(
            label: "two people with the same surname stay apart and a lone surname joins neither",
            body: [
                "Senator Alice Marlowe and her brother, the banker Thomas Marlowe, attended the dinner.",
                "Marlowe spoke briefly about the harbour.",
            ],
            present: ["Alice Marlowe", "Thomas Marlowe"],
            absent: ["Marlowe"]
        ),
        PeopleCase(
            label: "sentence-initial words, weekdays, months and headline words never become people",
            body: [
                "Storm Warnings Grip Coastal Towns",
                "Meanwhile residents packed their cars. Yesterday the roads were closed until Monday.",
                "However, in March the mayor, Gerald Finch, said the dykes would hold.",
            ],
            present: ["Gerald Finch"],
            absent: ["Storm Warnings", "Meanwhile", "Yesterday", "Monday", "March", "However"]
        ),
        PeopleCase(
            label: "Russian: a name with a title, then the surname alone in another case",
            body: [
                "Пресс-секретарь президента Дмитрий Песков заявил журналистам, что переговоры продолжатся.",
                "По словам Пескова, делегации встретятся в Минске в понедельник.",
            ],
            present: ["Дмитрий Песков"],
            absent: ["Пескова", "Понедельник"]
        ),
    ]

    @Test("people are found under their canonical names", arguments: peopleCases)
    func people(_ c: PeopleCase) {
        let e = EntityExtraction(body: c.body)
        let found = Self.names(e.people)
        for name in c.present { #expect(found.contains(name), "\(name) missing from \(found)") }
        for name in c.absent { #expect(!found.contains(name), "\(name) wrongly in \(found)") }
    }

    @Test("mentions count every form and aliases list the other forms")
    func mentionsAndAliases() {
        let e = EntityExtraction(body: [
            "Prime Minister Edwina Castellane opened the session. Castellane then left for Madrid.",
            "Reporters later found Castellane at the airport.",
        ])
        let person = e.people.first { $0.name == "Edwina Castellane" }
        #expect(person?.mentions == 3)
        #expect(person?.aliases == ["Castellane"])
    }

    struct PlaceCase: CustomTestStringConvertible, Sendable {
        var label: String
        var body: [String]
        var present: [String]
        var testDescription: String { label }
    }

    static let placeCases: [PlaceCase] = [
        PlaceCase(
            label: "countries from iso-codes, cities, an exonym mapped to the endonym",
            body: ["Delegates flew from Kiev to Germany, then on to the Russian Federation and Poland."],
            present: ["Kyiv", "Germany", "Russia", "Poland"]
        ),
        PlaceCase(
            label: "prepositions and region words make unknown names places",
            body: ["The camp lies in the Velika Dolina, north of the Ostrava region and near Brindle."],
            present: ["Velika Dolina", "Ostrava"]
        ),
        PlaceCase(
            label: "Russian country names in inflected forms",
            body: ["Делегации России и Украины прибыли в Белоруссию, сообщили в Киеве."],
            present: ["Russia", "Ukraine", "Kyiv"]
        ),
        PlaceCase(
            label: "a possessive and a hyphenated pair",
            body: ["Belarus's role in the Ukraine-Russia talks worried Lithuania."],
            present: ["Belarus", "Lithuania"]
        ),
    ]

    @Test("places are found under their canonical names", arguments: placeCases)
    func places(_ c: PlaceCase) {
        let found = Self.names(EntityExtraction(body: c.body).places)
        for name in c.present { #expect(found.contains(name), "\(name) missing from \(found)") }
    }

    @Test("organisation heads, the Kremlin and lower-case ministries are organisations")
    func organizations() {
        let e = EntityExtraction(body: [
            "The Kremlin and the Foreign Affairs Council disagreed, the Polish foreign ministry said, citing NATO."
        ])
        let found = Self.names(e.organizations).map { $0.lowercased() }
        for name in ["kremlin", "foreign affairs council", "polish foreign ministry", "nato"] {
            #expect(found.contains(name), "\(name) missing from \(found)")
        }
        #expect(e.people.isEmpty)
    }

    @Test("the extractor fills people, places, quotes and simhash of the article")
    func hook() throws {
        let text = """
            Ministers Meet Again

            Foreign Minister Odile Marchetti arrived in Vienna on Monday for another round of talks.

            "We have come to listen, and we will stay as long as it takes," Marchetti told journalists.
            """
        let a = try extract(text)
        #expect(a.people.map(\.name).contains("Odile Marchetti"))
        #expect(a.places.map(\.name).contains("Vienna"))
        #expect(a.quotes.first?.speaker == "Odile Marchetti")
        #expect(a.simhash?.utf8.count == 16)
    }
}

extension EntityTests {
    @Test("a hyphenated pair of places names both, never a place called 'Ukraine-Belarus'")
    func hyphenatedPlaces() {
        let places = EntityTests.names(
            EntityExtraction(body: ["Talks near the Ukraine-Belarus border resumed."]).places
        )
        #expect(places == ["Ukraine", "Belarus"])
    }

    @Test("explain gives a reason for every entity and quote")
    func reasons() {
        let e = EntityExtraction(
            body: ["\"We will sign the treaty before the summit ends,\" President Ilse Moreau said in Geneva."],
            explain: true
        )
        #expect(e.explanation.contains("person Ilse Moreau ×1: title 'President'"))
        #expect(e.explanation.contains("place Geneva ×1: gazetteer"))
        #expect(e.explanation.contains("→ Ilse Moreau: 'Ilse Moreau said' after the quote"))
    }
}

extension EntityTests {
    @Test(
        "the shared seeds: at least 20 of 22 people and 7 of 8 quote speakers",
        .enabled(if: FileManager.default.fileExists(atPath: seedsURL.appendingPathComponent("gold.json").path))
    )
    func seeds() throws {
        let gold = GoldEntities.parseFile([UInt8](try Data(contentsOf: seedsURL.appendingPathComponent("gold.json"))))
        var people = 0
        var speakers = 0
        for (name, g) in gold {
            let bytes = [UInt8](try Data(contentsOf: seedsURL.appendingPathComponent(name)))
            let score = EntityScore(try Extractor().extract(bytes), gold: g)
            people += score.peopleFound
            speakers += score.speakersRight
        }
        #expect(people >= 20)
        #expect(speakers >= 7)
    }
}

/// The byte-level stem hash the recogniser uses must agree with the readable definition of the stem.
struct CyrillicStemTests {
    @Test(
        "stem hash equals the hash of the stem",
        arguments: [
            "россии", "россия", "украиной", "беларусью", "москвой", "києва", "київ", "львові", "мінськ", "кремлём",
            "сша", "рф", "london", "россией", "мос", "білорусі", "ґданськ", "европой", "юг", "область-центр",
        ]
    )
    func agrees(word: String) {
        let expected = Gazetteer.cyrillicStem(word).flatMap { $0.count >= 4 ? WordHash.of($0) : nil }
        #expect(Gazetteer.cyrillicStemHash(word) == expected)
    }
}

/// The byte-level paths of the entity tokenizer and the surname key must agree with their readable definitions.
struct EntityTokenTests {
    @Test(
        "a word's hash is the hash of its lower case",
        arguments: [
            "Putin", "NATO", "x", "Kyiv-based", "rock'n'roll", "Москва", "ЕС", "Ёлка", "Ѐвро", "Їжак", "Ärger",
            "Straße", "ΑΘΗΝΑ", "Ǆemal", "O’Neill", "М’яч", "ԱՐՄԵՆ", "dark-Ωmega", "2024",
        ]
    )
    func hashIsLowercaseHash(word: String) {
        let tokens = EntityRecognizer.tokenize(paragraphs: [word]).tokens
        #expect(tokens.count == 1)
        #expect(tokens.first?.hash == WordHash.of(word.lowercased()))
    }

    @Test(
        "the surname key is the hash of the folded name",
        arguments: [
            "Podoliak", "Podolyak", "Zelenskyy", "Khodorkovsky", "Peskov", "Пескова", "Зеленского", "Шойгу",
            "Müller", "Łukaszenka", "Dvořák", "Ψαράς", "Kyiv", "Jackson",
        ]
    )
    func surnameKey(word: String) {
        var word = word
        let hash = word.withUTF8 { NameCanonicalizer.foldHash($0) }
        // nil: a letter needs Unicode's tables, and `fold` itself is used.
        if let hash { #expect(hash == WordHash.of(NameCanonicalizer.fold(word))) }
    }

    @Test("White_Space without the property tables")
    func whitespace() {
        let disagreeing = (UInt32(0)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            EntityRecognizer.isWhitespace($0) != $0.properties.isWhitespace
        }
        #expect(disagreeing.isEmpty)
    }
}
