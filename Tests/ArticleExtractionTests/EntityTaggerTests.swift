import Testing

@testable import ArticleExtraction

/// The statistical tagger: its embedded model, its training, and how its names join the rules'. Texts written
/// for these tests.
struct EntityTaggerTests {
    @Test func theEmbeddedModelLoadsWithItsFeatures() {
        // An unreadable model would silently tag nothing: the fallback is an empty model.
        #expect(TaggerModel.embedded.featureCount > 10_000)
    }

    @Test func theStoredFormGivesTheSameScoresAsTheWeightsItWasMadeFrom() throws {
        let keys: [UInt32] = [7, 123_456, 0xFFFF_FFFF, 42]
        let weights: [Float] = (0..<keys.count * EntityTag.count).map { Float($0 % 9) - 4.5 }
        let original = TaggerModel(keys: keys, weights: weights)
        let restored = try #require(TaggerModel(serialized: TaggerModel.serialize(keys: keys, weights: weights)))
        var a = [Float](repeating: 0, count: EntityTag.count)
        var b = a
        for features in [[7], [42, 123_456], [0xFFFF_FFFF, 99], [5]] as [[UInt32]] {
            original.score(features, into: &a)
            restored.score(features, into: &b)
            for t in 0..<EntityTag.count { #expect(abs(a[t] - b[t]) < 0.01) }
        }
        #expect(TaggerModel(serialized: Array("ETG1 but short".utf8)) == nil)
    }

    /// A toy corpus where people follow "met" and companies precede "shares": the perceptron must learn both
    /// patterns well enough to tag names it never saw.
    @Test func trainingLearnsPatternsThatCarryToUnseenNames() {
        let people = ["Ada Quill", "Boris Fenwick", "Clara Oyelaran", "Dmitri Sallow", "Edith Marrow", "Farid Teague"]
        let companies = ["Norvale", "Quentix", "Brightmoor", "Halvet", "Corrane", "Oskley"]
        var documents: [TaggerTraining.Document] = []
        for i in 0..<people.count {
            let p = people[i]
            let c = companies[i]
            documents.append(
                TaggerTraining.Document(
                    paragraphs: [
                        "Yesterday the director met \(p) at the harbour office.",
                        "Later \(c) shares rose after the announcement, and the market noticed.",
                    ],
                    people: [p],
                    places: [],
                    organizations: [c]
                )
            )
        }
        let (keys, weights) = TaggerTraining.train(documents, epochs: 10, seed: 1, minimumWeight: 0)
        let model = TaggerModel(keys: keys, weights: weights)
        let names = TaggerTraining.taggedNames(
            ["Yesterday the director met Gideon Hartwell at the harbour office.", "Later Velmora shares rose."],
            model: model
        )
        #expect(names[.person] == ["Gideon Hartwell"])
        #expect(names[.organization] == ["Velmora"])
    }

    @Test func trainingTheSameCorpusTwiceGivesTheSameModel() {
        let d = TaggerTraining.Document(
            paragraphs: ["Mayor Lina Corvell opened the Westbrook Library in Darnholm."],
            people: ["Lina Corvell"],
            places: ["Darnholm"],
            organizations: ["Westbrook Library"]
        )
        let a = TaggerTraining.train([d, d], epochs: 3, seed: 7, minimumWeight: 0)
        let b = TaggerTraining.train([d, d], epochs: 3, seed: 7, minimumWeight: 0)
        #expect(TaggerModel.serialize(keys: a.keys, weights: a.weights) == TaggerModel.serialize(keys: b.keys, weights: b.weights))
    }

    @Test func aPlatformTheLexiconKnowsIsNeverAPerson() {
        let e = EntityExtraction(body: [
            "The minister wrote on Twitter that the talks would resume, and Telegram channels repeated it.",
        ])
        #expect(!e.people.map(\.name).contains("Twitter"))
    }

    @Test func aShoppingArticleNamesCompaniesAsOrganisationsNotPlaces() {
        let e = EntityExtraction(body: [
            "We tested twelve blenders over three months. Our favourite costs less at Amazon than at Walmart, and"
                + " Costco sells a two-pack.",
            "Amazon ships it in two days; Walmart stores usually have it in stock.",
        ])
        let places = e.places.map(\.name)
        #expect(!places.contains("Amazon"))
        #expect(!places.contains("Costco"))
        #expect(e.organizations.map(\.name).contains("Amazon"))
    }

    @Test func anAbbreviatedPlaceStaysAsWrittenWhileAVariantSpellingTakesTheGazetteersName() {
        let e = EntityExtraction(body: [
            "Officials in Kiev said the US delegation would arrive on Monday.",
            "The delegation travelled to Kiev from the US by way of Warsaw.",
        ])
        let places = e.places.map(\.name)
        #expect(places.contains("Kyiv"))
        #expect(!places.contains("United States"))
    }
}

extension EntityTaggerTests {
    /// German capitalises every noun: the English-trained tagger must not make people of them.
    @Test func germanNounsAreNotPeopleBecauseTheTaggerIsForEnglish() throws {
        let text = """
            Neuer Markt in der Altstadt

            Am Samstag öffnete der Markt auf dem Marktplatz zum ersten Mal. Viele Kunden kamen schon früh, um Brot \
            und Gemüse zu kaufen. Die Stadt plant den Bau weiterer Stände, sagte Bürgermeisterin Petra Lindqvist.
            """
        let a = try Extractor().extract(Array(text.utf8))
        #expect(a.language == "de")
        let people = a.people.map(\.name)
        for noun in ["Marktplatz", "Kunden", "Brot", "Stadt", "Bau"] { #expect(!people.contains(noun), "\(people)") }
    }
}
