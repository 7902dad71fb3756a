/// Finds direct quotations in the body and who said them. Quotes are read from the marks (“…”, "…", «…», „…“,
/// with ‘…’ or others nested inside), also across paragraphs; the speaker comes only from an attribution in the
/// same sentence ("…," X said / X said: "…" / according to X / he said), so that it is null rather than a guess.
struct QuoteExtractor: Sendable {
    /// A quotation found, with the token positions of its marks and the reason for its speaker.
    struct Found: Sendable {
        var text: String
        var open: Int
        var close: Int
        var speaker: String?
        var reason: String
    }

    /// Whether `mark` closes a quotation opened by `open` (“…” or “…", «…», „…“ or „…”, "…"); a switch, not a
    /// set look-up, since it runs for every mark inside a quotation.
    @inline(__always)
    static func closes(_ open: Unicode.Scalar, _ mark: Unicode.Scalar) -> Bool {
        switch open {
        case "“": return mark == "”" || mark == "\""
        case "«": return mark == "»"
        case "„": return mark == "“" || mark == "”"
        case "\"": return mark == "\""
        default: return false
        }
    }

    /// Quotations shorter than this that do not start a sentence are scare quotes or fragments ("denazify").
    static let minimumWords = 3

    /// The body's tokens and the bytes their offsets index.
    let doc: EntityTokens
    let mentions: [EntityMention]
    /// For each mention, the name a speaker gets (persons: canonical; organisations: as written), or nil.
    let speakerNames: [String?]
    /// Write the reasons; only `--explain` prints them.
    var explain = false

    /// The mentions that can speak (those with a speaker name), in order: a quote looks only at these, and
    /// most mentions (unconfirmed surnames, places) are not.
    let speakers: [Int]

    let tokens: [EntityToken]

    init(doc: EntityTokens, mentions: [EntityMention], speakerNames: [String?], explain: Bool = false) {
        self.doc = doc
        self.tokens = doc.tokens
        self.mentions = mentions
        self.speakerNames = speakerNames
        self.speakers = speakerNames.indices.filter { speakerNames[$0] != nil }
        self.explain = explain
    }

    /// The reason text, formatted only when explaining.
    @inline(__always)
    func why(_ reason: @autoclosure () -> String) -> String { explain ? reason() : "" }

    /// Every quotation in order, with its speaker.
    func quotes() -> [Found] {
        var result: [Found] = []
        var i = 0
        while i < tokens.count {
            // Words and most marks cannot open a quotation: skip them without the call.
            guard Self.mayOpen(tokens[i]), let (open, _) = opening(at: i) else {
                i += 1
                continue
            }
            var pieces: [String] = []
            var cursor = open
            var closeIndex = -1
            while true {
                let p = tokens[cursor].paragraph
                let openMark = tokens[cursor].mark
                var j = cursor + 1
                var found = false
                while j < tokens.count && tokens[j].paragraph == p {
                    if !tokens[j].isWord, Self.closes(openMark, tokens[j].mark) {
                        found = true
                        break
                    }
                    j += 1
                }
                let from = tokens[cursor].end
                let to = found ? tokens[j].start : doc.paragraphStarts[p + 1]
                pieces.append(String(decoding: doc.bytes[from..<max(from, to)], as: UTF8.self))
                if found {
                    closeIndex = j
                    break
                }
                // "A paragraph that opens a quote without closing it, followed by one that opens again."
                if j < tokens.count, tokens[j].paragraph == p + 1, tokens[j].start == doc.paragraphStarts[p + 1],
                    opening(at: j) != nil
                {
                    cursor = j
                    continue
                }
                closeIndex = j - 1
                break
            }
            let text = Self.trim(pieces.map { Self.trim($0) }.joined(separator: " "))
            // Words between the marks; an opening mark that is the body's last token has none (and no range).
            let inside = (open + 1)..<max(open + 1, min(closeIndex + 1, tokens.count))
            // Counted in place: a filtered array copied the tokens.
            var words = 0
            for k in inside where tokens[k].isWord { words += 1 }
            let startsUpper = text.unicodeScalars.first.map(Tokenizer.isUpper) ?? false
            if (startsUpper && words >= Self.minimumWords) || words >= 8 {
                var q = Found(text: text, open: open, close: closeIndex, speaker: nil, reason: why("no attribution"))
                attribute(&q)
                result.append(q)
            }
            i = max(closeIndex + 1, i + 1)
        }
        return result
    }

    /// The opening mark at token `i`, if it is one: a straight quote opens only after a space or at the start.
    func opening(at i: Int) -> (Int, Unicode.Scalar)? {
        // Checked through the array before taking a copy (a copy retains the token's strings).
        guard !tokens[i].isWord, Self.isOpeningCandidate(tokens[i].mark) else { return nil }
        let t = tokens[i]
        let s = t.mark
        if s == "\"" || s == "“" {
            let range = doc.paragraphRange(t.paragraph)
            let open = doc.bytes.withUnsafeBufferPointer { all -> Bool in
                let line = UnsafeBufferPointer(rebasing: all[range])
                let start = t.start - range.lowerBound
                let end = t.end - range.lowerBound
                if let before = EntityRecognizer.scalar(line, before: start),
                    !(EntityRecognizer.isWhitespace(before) || "([—–-:".unicodeScalars.contains(before))
                {
                    return false
                }
                return !(end < line.count && EntityRecognizer.isWhitespace(EntityRecognizer.scalar(line, at: end).0))
            }
            if !open { return nil }
        }
        return (i, s)
    }

    static func trim(_ s: String) -> String {
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, EntityRecognizer.isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let l = scalars[scalars.index(before: end)]
            guard EntityRecognizer.isWhitespace(l) || l == "," else { break }
            end = scalars.index(before: end)
        }
        return start == scalars.startIndex && end == scalars.endIndex ? s : String(s.unicodeScalars[start..<end])
    }

    func isSentenceEnd(_ t: EntityToken) -> Bool {
        !t.isWord && (t.mark == "." || t.mark == "!" || t.mark == "?")
    }

    func isQuoteMark(_ t: EntityToken) -> Bool {
        !t.isWord
            && (t.mark == "“" || t.mark == "”" || t.mark == "\"" || t.mark == "«" || t.mark == "»" || t.mark == "„")
    }

    /// The marks `closers` has keys for, tested without hashing: most punctuation is commas and full stops.
    @inline(__always)
    static func isOpeningCandidate(_ s: Unicode.Scalar) -> Bool {
        s == "\"" || s == "“" || s == "«" || s == "„"
    }

    /// `isOpeningCandidate` of a token's mark, read from its hash (a mark's scalar value) without forming the
    /// scalar: the test runs for every token of the body.
    @inline(__always)
    static func mayOpen(_ t: EntityToken) -> Bool {
        let h = t.hash
        return !t.isWord && (h == 0x22 || h == 0x201C || h == 0xAB || h == 0x201E)
    }

    func isSpeechVerb(_ k: Int) -> Bool {
        guard tokens[k].flags.contains(.speechVerb) else { return false }
        let h = tokens[k].hash
        if h == EntityWords.according { return k + 1 < tokens.count && tokens[k + 1].hash == EntityWords.to }
        if h == EntityWords.slovam { return k > 0 && tokens[k - 1].hash == EntityWords.po }
        return true
    }

    /// Mention indices whose tokens lie in `range`, in order.
    func mentionsIn(_ range: ClosedRange<Int>) -> [Int] {
        speakers.filter { range.contains(mentions[$0].first) && range.contains(mentions[$0].last) }
    }

    /// The last person mentioned before token `index`: what "he said" or "the presidential aide added" means.
    func lastPerson(before index: Int) -> String? {
        var best: String? = nil
        for m in speakers where mentions[m].last < index && mentions[m].kind == .person { best = speakerNames[m] }
        return best
    }

    /// "he", "she", or a definite description made of title words ("the presidential aide").
    func refersBack(_ range: ClosedRange<Int>) -> String? {
        let words = range.filter { tokens[$0].isWord }
        guard !words.isEmpty, words.count <= 4 else { return nil }
        if words.count == 1 && tokens[words[0]].flags.contains(.pronoun) {
            return why("pronoun '\(doc.text(words[0]))'")
        }
        let opener = tokens[words[0]].hash
        if opener == EntityWords.the || opener == EntityWords.a, words.count >= 2,
            words.dropFirst().allSatisfy({ tokens[$0].flags.contains(.title) })
        {
            return why("description '\(words.map { doc.text($0) }.joined(separator: " "))'")
        }
        return nil
    }

    func pick(_ ms: [Int], last: Bool) -> Int? {
        let persons = ms.filter { mentions[$0].kind == .person }
        let pool = persons.isEmpty ? ms : persons
        return last ? pool.last : pool.first
    }

    /// Looks after the closing mark first ("…," X said), then before the opening one (X said: "…").
    func attribute(_ q: inout Found) {
        // After: up to the sentence end, the next quotation, or twelve tokens.
        var end = q.close
        var k = q.close + 1
        while k < tokens.count && k <= q.close + 12 && tokens[k].paragraph == tokens[q.close].paragraph {
            if isSentenceEnd(tokens[k]) { break }
            if !tokens[k].isWord && Self.isOpeningCandidate(tokens[k].mark) && opening(at: k) != nil { break }
            end = k
            k += 1
        }
        if end > q.close, let v = (q.close + 1...end).first(where: isSpeechVerb) {
            if v > q.close + 1 {
                let between = (q.close + 1)...(v - 1)
                if let m = pick(mentionsIn(between), last: true) {
                    q.speaker = speakerNames[m]
                    q.reason = why("'\(mentions[m].surface(in: doc)) \(doc.text(v))' after the quote")
                    return
                }
                if let why = refersBack(between) {
                    q.speaker = lastPerson(before: q.open)
                    q.reason = self.why("\(why) after the quote → last person named")
                    return
                }
            }
            if v < end, let m = pick(mentionsIn((v + 1)...end), last: false) {
                q.speaker = speakerNames[m]
                q.reason = why("'\(doc.text(v)) \(mentions[m].surface(in: doc))' after the quote")
                return
            }
            if v < end, let why = refersBack((v + 1)...min(end, v + 1)) {
                q.speaker = lastPerson(before: q.open)
                q.reason = self.why("\(why) after the quote → last person named")
                return
            }
        }
        // Before: from the sentence start to the opening mark.
        var start = q.open
        k = q.open - 1
        while k >= 0 && tokens[k].paragraph == tokens[q.open].paragraph {
            if isSentenceEnd(tokens[k]) || isQuoteMark(tokens[k]) { break }
            start = k
            k -= 1
        }
        guard start < q.open, let v = (start...(q.open - 1)).last(where: isSpeechVerb) else { return }
        if v > start {
            let before = start...(v - 1)
            if let m = pick(mentionsIn(before), last: true) {
                q.speaker = speakerNames[m]
                q.reason = why("'\(mentions[m].surface(in: doc)) … \(doc.text(v))' before the quote")
                return
            }
            let tail = max(start, v - 4)...(v - 1)
            if let why = refersBack(tail) ?? refersBack(before) {
                q.speaker = lastPerson(before: start)
                q.reason = self.why("\(why) before the quote → last person named")
                return
            }
        }
        if v + 1 <= q.open - 1, let m = pick(mentionsIn((v + 1)...(q.open - 1)), last: false) {
            q.speaker = speakerNames[m]
            q.reason = why("'\(doc.text(v)) … \(mentions[m].surface(in: doc))' before the quote")
        }
    }
}
