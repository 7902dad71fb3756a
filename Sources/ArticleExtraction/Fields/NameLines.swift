/// A name alone on its line signs many pages that print no "By": these tests tell such a line from the topic labels,
/// section names and promotions that look the same ("Gym Design & Planning", "HR Strategy", "No Comments").
extension Analysis {
    /// The line next to the dateline `p` (one line away, or two across a short badge such as "9 min read" or a
    /// role) that is a full name alone: a page that signs its article without "By" prints the name there. Two
    /// words at least, because a single capitalised word beside a date is as often a section or a label.
    static func nameBesideDateline(_ blocks: [Block], dateline p: Int, _ bylines: BylineParser) -> Int? {
        for offset in [-1, 1, -2, 2] {
            let j = p + offset
            guard j >= 0, j < blocks.count, blocks[j].role == .body || blocks[j].role == .boilerplate,
                (2...7).contains(blocks[j].features.words), isNameLine(blocks[j], bylines),
                readsAsPersonName(blocks[j].text, in: blocks)
            else { continue }
            if abs(offset) == 2 {
                let between = blocks[p + offset / 2]
                guard between.features.words <= 4, !between.features.endsSentence, between.role != .title else {
                    continue
                }
            }
            return j
        }
        return nil
    }

    /// Whether `line` reads as a person's name rather than a topic: no "&" joining two single words, and at most
    /// one of its words, and fewer than half, written in lower case in the page's prose. A label's words are
    /// common nouns the text also uses ("design", "planning", "strategy", "comments"); a name's words seldom are.
    static func readsAsPersonName(_ line: String, in blocks: [Block]) -> Bool {
        let words = line.split(separator: " ").map { $0.trimmed(",.;:()") }.filter { !$0.isEmpty }
        if line.contains(" & ") && words.count <= 4 { return false }
        if isWidgetLabel(words) { return false }
        // "Asia Japan": places side by side, a tag list's.
        if words.count >= 2, words.allSatisfy({ Gazetteer.shared.word(WordHash.of($0.lowercased())).place != nil }) {
            return false
        }
        // "BCBSOK Connect Team": a team names itself with common words.
        if words.count >= 2, let last = words.last, BylineParser.collectives.contains(last.lowercased()) { return true }
        // "The Upwork Team": an article and a collective noun are common words in a team's name too.
        let candidates = Set(
            words.map { $0.lowercased() }.filter {
                $0.unicodeScalars.count >= 3 && $0 != "the" && !BylineParser.collectives.contains($0)
            })
        guard !candidates.isEmpty else { return true }
        var common: Set<String> = []
        // Sixty paragraphs show which words the page uses in lower case; reading more costs without changing it.
        var read = 0
        for k in blocks.indices where blocks[k].features.words >= 8 && blocks[k].features.endsSentence {
            read += 1
            if read > 60 { break }
            let text = blocks[k].text
            for w in candidates where !common.contains(w) && occursInLowerCase(w, in: text) {
                common.insert(w)
            }
            if common.count == candidates.count { break }
        }
        return common.count <= 1 && common.count * 2 < max(candidates.count, 2)
    }

    /// Whether `word` (lower case) occurs in `text` as a whole word, after a space and before a space or a mark.
    static func occursInLowerCase(_ word: String, in text: String) -> Bool {
        var rest = Substring(text)
        while let r = ByteSearch.range(of: " " + word, in: rest) {
            let after = rest[r.upperBound...].unicodeScalars.first
            if after.map({ !$0.properties.isAlphabetic && $0.properties.numericType == nil }) ?? true {
                return true
            }
            rest = rest[r.upperBound...]
        }
        return false
    }
}

extension Analysis {
    /// The name heading an author box: a name alone whose next line, or the one after a role, opens with that name
    /// and goes on in lower case ("Jane Doe" / "Jane Doe is a reporter who …"), or with its first name and a
    /// biography's verb ("Jane is a …"). A biography that repeats the name proves the line is a person's, wherever
    /// the box stands.
    static func authorBoxName(_ blocks: [Block], _ bylines: BylineParser) -> Int? {
        for j in blocks.indices where (2...4).contains(blocks[j].features.words) {
            guard blocks[j].tokens.shape.numericWords == 0, !blocks[j].features.endsSentence,
                blocks[j].features.capitalized == blocks[j].features.words
            else { continue }
            let name = blocks[j].text
            // A product is introduced the same way ("Power BI" / "Power BI is a tool … It …"): the name must read
            // as a person's, and the text after it not speak of a thing ("it", unless a person is named too).
            for k in (j + 1)..<min(blocks.count, j + 3)
            where (opensWithName(blocks[k].text, name)
                && (speaksOfAPerson(blocks[k].text) || !speaksOfAThing(blocks[k].text))
                || opensWithFirstName(blocks[k].text, name)) && readsAsPersonName(name, in: blocks)
            {
                guard isNameLine(blocks[j], bylines) else { break }
                return j
            }
        }
        return nil
    }

    /// Whether `text` starts with `name`, a space and a word in lower case ("Jane Doe is …", "Jane Doe ist …").
    static func opensWithName(_ text: String, _ name: String) -> Bool {
        guard text.utf8.count > name.utf8.count + 2, text.hasPrefix(name + " ") else { return false }
        let rest = text.unicodeScalars.dropFirst(name.unicodeScalars.count + 1)
        return rest.first?.properties.isLowercase == true
    }

    /// Whether `text` starts with the first word of `name` (a full name) and a verb biographies open with, and
    /// speaks of a person ("Jane is a growth analyst … Her work …"). Products are introduced the same way ("Zenith
    /// is a …") but are "it", so a personal pronoun must follow; the caller also asks whether the name reads as a
    /// person's.
    static func opensWithFirstName(_ text: String, _ name: String) -> Bool {
        // Cheap tests first: this runs for every short capitalised line of a page and the lines after it.
        let space = UInt8(ascii: " ")
        guard let end = name.utf8.firstIndex(of: space) else { return false }
        let given = name.utf8[..<end]
        let t = text.utf8
        guard given.count >= 2, t.count > given.count + 1, t.starts(with: given),
            t[t.index(t.startIndex, offsetBy: given.count)] == space
        else { return false }
        let verb = Substring(t.dropFirst(given.count + 1).prefix { $0 != space })
        // One name: "Phentermine (Adipex, Lomaira)" over "Phentermine is a …" lists a drug's brands.
        guard biographyVerbs.contains(String(verb)), !name.contains(where: { $0 == "," || $0 == "(" }) else {
            return false
        }
        return speaksOfAPerson(text)
    }

    /// Whether block `k` is an author's job title alone: a short line ending in a title's noun ("Content Editor",
    /// "Senior Content Contributor", "Former McKinsey Consultant", "Shipping Expert").
    static func isJobTitleLine(_ blocks: [Block], _ k: Int) -> Bool {
        guard k < blocks.count, let last = blocks[k].tokens.hashes.last else { return false }
        let f = blocks[k].features
        return (1...5).contains(f.words) && !f.endsSentence && f.links == 0 && !f.hasColon
            && blocks[k].tokens.shape.numericWords == 0 && jobTitleHashes.contains(last)
    }

    /// Nouns that end an author's job title.
    static let jobTitleHashes = WordTable(
        keys: [
            "reporter", "correspondent", "editor", "writer", "journalist", "contributor", "columnist", "producer",
            "analyst", "founder", "co-founder", "cofounder", "ceo", "reviewer", "expert", "specialist", "manager",
            "director", "consultant", "strategist", "nutritionist", "dietitian", "attorney", "lawyer", "professor",
            "researcher", "scientist", "engineer", "developer", "designer", "coach", "trainer", "instructor",
            "teacher", "marketer", "author", "blogger", "critic", "photographer", "physician", "editor-in-chief",
        ].map(WordHash.of)
    )

    /// Whether a line's words are a widget's label rather than a name: a word widgets and page furniture use
    /// ("Key Takeaways", "Advertiser Disclosure", "No Comments", "Related Blog Posts"), or a "by" that makes the
    /// line a labelled byline ("Reviewed By: Jane Doe"), which the label rules read instead.
    static func isWidgetLabel<S: StringProtocol>(_ words: [S]) -> Bool {
        words.contains { widgetWords.contains($0.lowercased()) }
    }

    /// Words of page furniture that no person's name is made of.
    static let widgetWords: Set<String> = [
        "by", "takeaway", "takeaways", "disclosure", "disclaimer", "advertiser", "advertisement", "sponsored",
        "comment", "comments", "download", "related", "posts", "updates", "blog", "newsletter", "subscribe", "share",
        "email", "summary", "overview", "contents", "highlights", "faq", "faqs", "guide", "guides", "tips",
        "services", "consulting", "happy", "welcome", "thanksgiving", "christmas", "holidays", "sale", "shop", "cart",
        "checkout", "login", "signup", "register", "reviewed", "fact-checked", "pin", "sources", "references",
        "footnotes", "notes", "transcript", "podcast", "episode", "webinar", "video",
    ]

    /// Whether `text` uses a personal pronoun (she, he, they, her, his …).
    static func speaksOfAPerson(_ text: String) -> Bool {
        personalPronouns.contains { occursInLowerCase($0, in: text) }
    }

    /// Whether `text` refers to something with "it" or "its".
    static func speaksOfAThing(_ text: String) -> Bool {
        ["it", "its", "It", "Its"].contains { occursInLowerCase($0, in: text) }
    }

    /// As written after a space, in lower case or opening a sentence.
    static let personalPronouns = ["she", "he", "her", "his", "him", "they", "their", "them"].flatMap {
        [$0, $0.prefix(1).uppercased() + $0.dropFirst()]
    }

    /// Verbs that open an author's biography after the first name: a greeting or a label followed by a lower-case
    /// word ("Happy holidays from …") is not one.
    static let biographyVerbs: Set<String> = [
        "is", "has", "was", "writes", "covers", "leads", "joined", "works", "specializes", "specialises", "holds",
        "brings", "helps", "loves", "graduated", "founded", "teaches", "earned", "spent", "began", "started",
    ]
}
