/// Finds photo credits ("Peter Kovalev / TASS", "(Image: AP)", "Getty Images") and the captions glued in front of
/// them, because scrapers flatten a figure into one line of caption and credit.
public struct CreditParser: Sendable {
    /// Creates a parser.
    public init() {}

    /// A credit found in a line, and the caption before it, if any.
    public struct Result: Sendable, Equatable {
        public var credit: String
        public var caption: String?
    }

    static let labels: Set<String> = [
        "image", "images", "photo", "photos", "photograph", "photo credit", "picture", "pictures", "pic",
        "credit", "credits", "фото", "фотография", "foto", "fotos", "bild", "bildquelle", "crédit photo",
        "crédits photo", "crédit", "imagen", "imagem", "immagine", "video", "photographer",
    ]
    /// Last words of the labels, to rule lines out before splitting them.
    static let labelEnds: Set<String> = Set(labels.compactMap { $0.split(separator: " ").last.map(String.init) })
    /// Hashes of the labels and of their last words, to rule most lines out without a lower-case copy.
    static let labelHashes = WordTable(keys: labels.map(WordHash.of))
    static let labelEndHashes = WordTable(keys: labelEnds.map(WordHash.of))
    static let agencyLines = WordTable(keys: agencies.map { WordHash.combine(Tokenizer.words($0).map(WordHash.of)) })
    static let viaGettyImages = ["via", "getty", "images"].map(WordHash.of)
    static let agencies: Set<String> = [
        "getty images", "afp", "ap", "reuters", "epa", "tass", "ria novosti", "sputnik", "shutterstock", "efe",
        "ansa", "dpa", "picture alliance", "anadolu", "xinhua", "pa", "pa images", "alamy", "ap photo",
        "afp via getty images", "twitter", "facebook", "instagram", "telegram", "youtube", "x", "кремль",
        "kremlin.ru", "unsplash", "pool", "ukrinform", "укрінформ", "ria", "риа новости", "тасс", "интерфакс",
        "interfax", "handout", "social media", "bloomberg", "gettyimages", "wikimedia commons", "ap images",
    ]

    /// "caption. Photo : AFP", "caption (Foto: Lusa)", "caption | Фото: ТАСС": a credit label of one or two
    /// words before the last colon, a caption of three words or more before it.
    func trailingLabel(_ line: String) -> Result? {
        if Self.lastWordBeforeColonIsNoLabel(line) { return nil }
        guard let colon = ByteSearch.range(of: ":", in: line, backwards: true)?.lowerBound,
            line.utf8.distance(from: colon, to: line.utf8.endIndex) <= 48
        else { return nil }
        let head = line[..<colon]
        // Cheap test first: the word right before the colon must end a credit label ("Foto", "photo credit").
        let u = head.utf8
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == 0x20 { end = u.index(before: end) }
        var start = end
        while start > u.startIndex, u[u.index(before: start)] != 0x20 { start = u.index(before: start) }
        guard end > start, u.distance(from: start, to: end) <= 24 else { return nil }
        let last = head[start..<end].trimmed("(")
        guard Self.labelEnds.contains(String(last).lowercased()) else { return nil }
        let value = line[line.index(after: colon)...].trimmed(" .)")
        guard !value.isEmpty, Tokenizer.tokenize(String(value)).hashes.count <= 6 else { return nil }
        let words = ByteSearch.split(head, at: " ")
        for n in [1, 2] where words.count > n + 2 {
            let labelWords = words.suffix(n)
            // Arrays, not slices: `[Substring].joined` is specialised, a slice's goes through witness tables.
            var label = Array(labelWords).joined(separator: " ").lowercased()
            let opened = label.hasPrefix("(")
            if opened { label.removeFirst() }
            guard Self.labels.contains(label) else { continue }
            var caption = Array(words.dropLast(n)).joined(separator: " ").trimmed(" |–—-")
            if opened { caption = caption.trimmed(" ") }
            guard let end = caption.last, opened || ".!?|–—-".contains(end) || line.contains(" | ") || n == 1
            else { continue }
            return Result(credit: String(value), caption: String(caption))
        }
        return nil
    }

    /// True when the bytes alone show that `trailingLabel` finds nothing: no colon among the last 48 bytes, or the
    /// word before the last one (without "(") is no label's last word. Most lines with a colon end here, without
    /// a `String.Index` or a lower-case copy.
    static func lastWordBeforeColonIsNoLabel(_ line: String) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { p -> Bool in
            var colon = p.count - 1
            while colon >= max(0, p.count - 48), p[colon] != 0x3A { colon -= 1 }
            guard colon >= max(0, p.count - 48) else { return true }
            var end = colon
            while end > 0, p[end - 1] == 0x20 { end -= 1 }
            var start = end
            while start > 0, p[start - 1] != 0x20 { start -= 1 }
            guard end > start, end - start <= 24 else { return true }
            while start < end, p[start] == 0x28 { start += 1 }
            while start < end, p[end - 1] == 0x28 { end -= 1 }
            guard let h = ByteSearch.lowercasedHash(p[start..<end]) else { return false }
            return !labelEndHashes.contains(h)
        } ?? false
    }

    /// The credit in `line`, if the line is one or ends with one.
    /// `mayHaveSlash` and `mayHaveColon` false (from the line's features) skip the searches that need them.
    public func parse(
        _ line: String,
        hashes given: ArraySlice<UInt64>? = nil,
        mayHaveSlash: Bool = true,
        mayHaveColon: Bool = true
    ) -> Result? {
        let hashes = given ?? (line.utf8.count <= 64 ? Tokenizer.tokenize(line).hashes[...] : nil)
        // "(Image: AP)", "Photo: Reuters", "Фото: ТАСС": a label of a word or two before a colon.
        var body = Substring(line)
        // Bytes first: comparing `Character`s runs grapheme breaking.
        let wrapped = line.utf8.first == 0x28 && line.utf8.last == 0x29 && body.hasPrefix("(") && body.hasSuffix(")")
        if wrapped { body = body.dropFirst().dropLast() }
        // The first colon, when it is within the first 32 bytes.
        if mayHaveColon, let colon = ByteSearch.range(of: ":", in: body)?.lowerBound,
            body.utf8.distance(from: body.startIndex, to: colon) < 32,
            ByteSearch.lowercasedHash(body[..<colon].trimmed(" ").utf8).map(Self.labelHashes.contains) ?? true
        {
            let label = body[..<colon].lowercased().trimmed(" ")
            if Self.labels.contains(String(label)) {
                let value = body[body.index(after: colon)...].trimmed(" .")
                if !value.isEmpty && Tokenizer.tokenize(String(value)).hashes.count <= 8 {
                    return Result(credit: String(value), caption: nil)
                }
            }
        }
        // "Fot. PAP", "Fot. Jan Kowalski / PAP": the Polish abbreviation with a full stop instead of a colon.
        // Only three ASCII letters lower-case to "fot": the first full stop must be the fourth byte.
        if let dot = body.utf8.index(body.startIndex, offsetBy: 3, limitedBy: body.endIndex), dot < body.endIndex,
            body.utf8[dot] == 0x2E, body[..<dot].lowercased() == "fot"
        {
            let value = body[body.index(after: dot)...].trimmed(" .")
            if !value.isEmpty && Tokenizer.tokenize(String(value)).hashes.count <= 8 {
                return Result(credit: String(value), caption: nil)
            }
        }
        // A caption that ends with a labelled credit: "… le 10 juin. Photo : AFP", "… Vale Fundo (Foto: Lusa)".
        if mayHaveColon, let r = trailingLabel(line) { return r }
        // A whole line that is an agency: "Getty Images", "AFP via Getty Images".
        if let h = hashes, h.count <= 6, !h.isEmpty {
            if Self.agencyLines.contains(WordHash.combine(h))
                || (h.count >= 3 && h.suffix(3).elementsEqual(Self.viaGettyImages))
            {
                return Result(credit: String(line.trimmed(" ()")), caption: nil)
            }
        }
        // "Peter Kovalev / TASS" at the end of the line, maybe after a caption.
        guard mayHaveSlash,
            let slash = ByteSearch.range(of: " / ", in: line, backwards: true)
                ?? ByteSearch.range(of: "/ ", in: line, backwards: true)
        else { return nil }
        let after = line[slash.upperBound...].trimmed(" .")
        let afterWords = ByteSearch.split(after, at: " ")
        guard (1...3).contains(afterWords.count),
            !after.unicodeScalars.contains(".") || Self.agencies.contains(after.lowercased())
        else { return nil }
        guard let f = after.unicodeScalars.first, Tokenizer.isUpper(f) || Self.agencies.contains(after.lowercased())
        else { return nil }
        // Walk back over the credited name: capitalised words or a handle, stopping at sentence punctuation.
        let before = line[..<slash.lowerBound]
        let tokens = ByteSearch.split(before, at: " ")
        var nameTokens: [Substring] = []
        for t in tokens.reversed() {
            if nameTokens.count >= 4 { break }
            let last = t.last!
            if !nameTokens.isEmpty && ".!?:;".contains(last) { break }
            guard let s = t.unicodeScalars.first, Tokenizer.isUpper(s) || s == "@" else { break }
            nameTokens.insert(t, at: 0)
            if s == "@" { break }
        }
        guard !nameTokens.isEmpty else { return nil }
        let credit = nameTokens.joined(separator: " ") + " / " + after
        let captionTokens = tokens.dropLast(nameTokens.count)
        let caption = Array(captionTokens).joined(separator: " ").trimmed(" ")
        if caption.isEmpty { return Result(credit: credit, caption: nil) }
        // Only a caption ends right before a credit; a paragraph that does is not our business.
        guard let end = caption.last, ".!?)\"”".contains(end) || captionTokens.count <= 8 else { return nil }
        return Result(credit: credit, caption: String(caption))
    }
}
