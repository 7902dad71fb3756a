import Foundation
import Testing

@testable import ArticleExtraction

/// SimHash fingerprints: stable, close for lightly edited copies, far apart for different articles.
struct SimHashTests {
    /// Two articles written for this test on different subjects, each about 250 words.
    static let harbour = """
        The harbour authority said on Tuesday that dredging of the northern channel would begin in early June and \
        last for at least eleven weeks, closing the main berth to container ships for most of the summer. \
        Shipping companies had asked for the work to be split into two shorter phases, arguing that a single long \
        closure would push cargo to rival ports along the coast and cost the town hundreds of jobs. \
        The authority rejected the request, saying that two phases would double the cost of moving the dredger \
        and its crews, and that the silt had built up faster than engineers expected after the winter storms. \
        Local fishermen welcomed the decision. Their boats have run aground twice this year near the lighthouse, \
        and one skipper said the channel had become dangerous at low tide even for small vessels. \
        The town council will hold a public meeting next month to explain how traffic will be diverted while \
        heavy lorries carry the dredged material to a disposal site in the hills. Residents near the quay have \
        complained about noise from night work during an earlier project and want limits on working hours. \
        The authority promised that no machinery would run after ten in the evening and that it would publish \
        weekly reports on progress, water quality and the volume of silt removed from the channel.
        """
    static let orchard = """
        A late frost in the last week of April destroyed much of the apple blossom in the valley, and growers now \
        expect the smallest harvest in two decades, the regional farmers' union reported on Thursday. \
        Some orchards on the lower slopes lost nearly all their flowers in a single night when temperatures fell to \
        minus four degrees, while farms higher up the hillside escaped with lighter damage. \
        Growers who had installed wind machines and sprinklers managed to protect part of their trees, but many \
        smaller family farms cannot afford such equipment and have no insurance against frost. \
        The union asked the ministry of agriculture for emergency grants and for a delay in loan repayments until \
        next spring. Cider makers in the area warned that they may have to import fruit for the first time, \
        raising prices for customers and threatening contracts with supermarkets. \
        Scientists at the agricultural college said late frosts had become more frequent because warm early \
        springs make trees flower sooner, leaving the blossom exposed when cold air returns from the north. \
        They advised farmers to plant varieties that flower later and to consider netting and frost fans. \
        The college will run free workshops in the autumn to help growers prepare for the next season.
        """

    static func fingerprint(_ text: String) -> UInt64 { SimHash.fingerprint([text])! }

    @Test("the fingerprint is fixed: the same text gives the same 16 hex digits on every run and machine")
    func stable() {
        let a = SimHash.hex(Self.fingerprint(Self.harbour))
        #expect(a == SimHash.hex(Self.fingerprint(Self.harbour)))
        #expect(a.utf8.count == 16)
        #expect(SimHash.hex(0x0123_4567_89ab_cdef) == "0123456789abcdef")
        #expect(SimHash.hex(1) == "0000000000000001")
        #expect(SimHash.parse("0123456789abcdef") == 0x0123_4567_89ab_cdef)
        // A known value guards against accidental changes to the shingling or the hash.
        #expect(
            SimHash.hex(SimHash.fingerprint(["one two three four"])!)
                == SimHash.hex(SimHash.fingerprint(["One, two; three four."])!)
        )
    }

    struct Edit: CustomTestStringConvertible, Sendable {
        var from: String
        var to: String
        var testDescription: String { "\(from) → \(to)" }
    }

    @Test(
        "a copy with two words changed stays within 3 bits",
        arguments: [
            [Edit(from: "Tuesday", to: "Wednesday"), Edit(from: "eleven", to: "twelve")],
            [Edit(from: "lorries", to: "trucks"), Edit(from: "Residents", to: "Neighbours")],
            [Edit(from: "lighthouse", to: "breakwater"), Edit(from: "weekly", to: "monthly")],
        ]
    )
    func lightEdit(_ edits: [Edit]) {
        var copy = Self.harbour
        for e in edits { copy = copy.replacingOccurrences(of: e.from, with: e.to) }
        #expect(copy != Self.harbour)
        #expect(SimHash.hammingDistance(Self.fingerprint(Self.harbour), Self.fingerprint(copy)) <= 3)
    }

    @Test("different articles are at least 12 bits apart")
    func different() {
        #expect(SimHash.hammingDistance(Self.fingerprint(Self.harbour), Self.fingerprint(Self.orchard)) >= 12)
    }

    /// Replaces two random words of `text` with words drawn from `vocabulary`, as a republisher's light edit would.
    static func editTwoWords(_ text: String, vocabulary: [Substring], rng: inout SplitMix) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false)
        for _ in 0..<2 {
            let i = Int(rng.next() % UInt64(words.count))
            words[i] = vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
        }
        return words.joined(separator: " ")
    }

    /// Share of random two-word edits that stay within 3 bits, over `texts` (each edited `trials` times).
    static func editRobustness(_ texts: [String], trials: Int) -> (within: Double, worst: Int) {
        var rng = SplitMix(seed: 2026)
        let vocabulary = texts.flatMap { $0.split(separator: " ") }
        var within = 0
        var worst = 0
        for text in texts {
            let original = fingerprint(text)
            for _ in 0..<trials {
                let edited = editTwoWords(text, vocabulary: vocabulary, rng: &rng)
                let d = SimHash.hammingDistance(original, fingerprint(edited))
                if d <= 3 { within += 1 }
                worst = max(worst, d)
            }
        }
        return (Double(within) / Double(texts.count * trials), worst)
    }

    @Test("random two-word edits stay within 3 bits in at least 98% of cases")
    func randomEdits() {
        let r = Self.editRobustness([Self.harbour, Self.orchard], trials: 500)
        #expect(r.within >= 0.98, "within 3 bits: \(r.within), worst \(r.worst)")
        #expect(r.worst <= 6)
    }

    @Test("different articles on the same subject still differ by at least 12 bits")
    func sameSubjectDifferentArticles() {
        // Two reports of one event in different words: shared names and topic words, different sentences.
        let a = """
            The harbour authority confirmed that dredging of the northern channel will start in June. Container \
            ships will use the southern berth while the dredger works, and the fishermen's association said the \
            lighthouse shallows had become dangerous at low tide. The council will explain the lorry routes at a \
            public meeting.
            """
        let b = """
            Work to deepen the northern channel begins this June, port officials said, after silt from the winter \
            storms narrowed the approach to the harbour. Fishing crews, whose boats grounded twice near the \
            lighthouse, welcomed the plan; residents near the quay fear night-time noise from the dredger.
            """
        let d = SimHash.hammingDistance(Self.fingerprint(a), Self.fingerprint(b))
        #expect(d >= 12, "\(d) bits")
    }

    @Test("hammingDistance counts differing bits, also from hex")
    func hamming() {
        #expect(SimHash.hammingDistance(0, 0) == 0)
        #expect(SimHash.hammingDistance(0b1011, 0b0001) == 2)
        #expect(SimHash.hammingDistance(UInt64.max, 0) == 64)
        #expect(SimHash.hammingDistance("000000000000000f", "0000000000000000") == 4)
        #expect(SimHash.hammingDistance("xyz", "0000000000000000") == nil)
    }

    @Test("an empty body has no fingerprint")
    func empty() {
        #expect(SimHash.fingerprint([]) == nil)
        #expect(SimHash.fingerprint(["  ", "—"]) == nil)
    }

    @Test(
        "the seeds: an edited copy within 3 bits, different articles at least 12 apart",
        .enabled(if: FileManager.default.fileExists(atPath: seedsURL.appendingPathComponent("gold.json").path))
    )
    func seeds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsURL.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        var prints: [UInt64] = []
        var bodies: [String] = []
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: seedsURL.appendingPathComponent(name)))
            let a = try Extractor().extract(bytes)
            let h = try #require(a.simhash.flatMap(SimHash.parse))
            prints.append(h)
            // Change two body words, as a republisher's light edit would.
            var body = a.body
            if let r = body[0].range(of: " the ") { body[0].replaceSubrange(r, with: " a ") }
            body[body.count - 1] = body[body.count - 1] + " indeed"
            let edited = try #require(SimHash.fingerprint(body))
            #expect(SimHash.hammingDistance(h, edited) <= 3, "\(name)")
            bodies.append(a.body.joined(separator: " "))
        }
        let r = Self.editRobustness(bodies, trials: 200)
        #expect(r.within >= 0.98, "within 3 bits: \(r.within), worst \(r.worst)")
        for i in prints.indices {
            for j in prints.indices where j > i {
                #expect(SimHash.hammingDistance(prints[i], prints[j]) >= 12, "\(names[i]) vs \(names[j])")
            }
        }
    }
}

/// The hash-keyed table behind the lexicon look-ups.
struct WordHashTableTests {
    @Test("stores, overwrites and finds values across growth, and misses cleanly")
    func table() {
        var t = WordHashTable<Int>(capacity: 2)
        for i in 0..<1000 { t[WordHash.of("w\(i)")] = i }
        t[WordHash.of("w7")] = 70
        #expect(t.count == 1000)
        #expect(t[WordHash.of("w7")] == 70)
        #expect(t[WordHash.of("w999")] == 999)
        #expect(t[WordHash.of("absent")] == nil)
    }
}
