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
        guard let colon = line.utf8.lastIndex(of: 0x3A), line.utf8.distance(from: colon, to: line.utf8.endIndex) <= 48
        else { return nil }
        let head = line[..<colon]
        // Cheap test first: the word right before the colon must end a credit label ("Foto", "photo credit").
        let u = head.utf8
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == 0x20 { end = u.index(before: end) }
        var start = end
        while start > u.startIndex, u[u.index(before: start)] != 0x20 { start = u.index(before: start) }
        guard end > start, u.distance(from: start, to: end) <= 24,
            Self.labelEnds.contains(String(head[start..<end].trimmed("(")).lowercased())
        else { return nil }
        let value = line[line.index(after: colon)...].trimmed(" .)")
        guard !value.isEmpty, Tokenizer.words(String(value)).count <= 6 else { return nil }
        let words = head.split(separator: " ", omittingEmptySubsequences: true)
        for n in [1, 2] where words.count > n + 2 {
            let labelWords = words.suffix(n)
            var label = labelWords.joined(separator: " ").lowercased()
            let opened = label.hasPrefix("(")
            if opened { label.removeFirst() }
            guard Self.labels.contains(label) else { continue }
            var caption = words.dropLast(n).joined(separator: " ").trimmed(" |–—-")
            if opened { caption = caption.trimmed(" ") }
            guard let end = caption.last, opened || ".!?|–—-".contains(end) || line.contains(" | ") || n == 1
            else { continue }
            return Result(credit: String(value), caption: String(caption))
        }
        return nil
    }

    /// The credit in `line`, if the line is one or ends with one.
    /// `mayHaveSlash` and `mayHaveColon` false (from the line's features) skip the searches that need them.
    public func parse(
        _ line: String,
        hashes given: [UInt64]? = nil,
        mayHaveSlash: Bool = true,
        mayHaveColon: Bool = true
    ) -> Result? {
        let hashes = given ?? (line.utf8.count <= 64 ? Tokenizer.tokenize(line).hashes : nil)
        // "(Image: AP)", "Photo: Reuters", "Фото: ТАСС": a label of a word or two before a colon.
        var body = Substring(line)
        let wrapped = body.hasPrefix("(") && body.hasSuffix(")")
        if wrapped { body = body.dropFirst().dropLast() }
        if mayHaveColon, let colon = body.utf8.prefix(32).firstIndex(of: 0x3A) {
            let label = body[..<colon].lowercased().trimmed(" ")
            if Self.labels.contains(String(label)) {
                let value = body[body.index(after: colon)...].trimmed(" .")
                if !value.isEmpty && Tokenizer.words(String(value)).count <= 8 {
                    return Result(credit: String(value), caption: nil)
                }
            }
        }
        // "Fot. PAP", "Fot. Jan Kowalski / PAP": the Polish abbreviation with a full stop instead of a colon.
        if let dot = body.utf8.prefix(5).firstIndex(of: 0x2E), body[..<dot].lowercased() == "fot" {
            let value = body[body.index(after: dot)...].trimmed(" .")
            if !value.isEmpty && Tokenizer.words(String(value)).count <= 8 {
                return Result(credit: String(value), caption: nil)
            }
        }
        // A caption that ends with a labelled credit: "… le 10 juin. Photo : AFP", "… Vale Fundo (Foto: Lusa)".
        if mayHaveColon, let r = trailingLabel(line) { return r }
        // A whole line that is an agency: "Getty Images", "AFP via Getty Images".
        if let h = hashes, h.count <= 6, !h.isEmpty {
            if Self.agencyLines.contains(WordHash.combine(h))
                || (h.count >= 3 && Array(h.suffix(3)) == Self.viaGettyImages)
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
        let afterWords = after.split(separator: " ")
        guard (1...3).contains(afterWords.count),
            !after.unicodeScalars.contains(".") || Self.agencies.contains(after.lowercased())
        else { return nil }
        guard let f = after.unicodeScalars.first, Tokenizer.isUpper(f) || Self.agencies.contains(after.lowercased())
        else { return nil }
        // Walk back over the credited name: capitalised words or a handle, stopping at sentence punctuation.
        let before = line[..<slash.lowerBound]
        let tokens = before.split(separator: " ", omittingEmptySubsequences: true)
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
        let caption = captionTokens.joined(separator: " ").trimmed(" ")
        if caption.isEmpty { return Result(credit: credit, caption: nil) }
        // Only a caption ends right before a credit; a paragraph that does is not our business.
        guard let end = caption.last, ".!?)\"”".contains(end) || captionTokens.count <= 8 else { return nil }
        return Result(credit: credit, caption: String(caption))
    }
}
