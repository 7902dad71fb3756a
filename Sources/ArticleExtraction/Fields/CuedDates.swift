/// Lines that open with a publication cue and a date, then go on with anything ("Posted on May 2, 2025 by Jane Doe -
/// 5 Comments on …", ", Global Desk Last Updated: Dec 19, 2025, 01:00 AM IST"): the cue says the date is the
/// article's, however long the rest of the line is.
extension Analysis {
    /// Words that announce the publication or update date, in the languages the parser reads.
    static let publicationCues: Set<String> = [
        "published", "posted", "publié", "publiée", "veröffentlicht", "publicado", "publicada", "pubblicato",
        "pubblicata", "gepubliceerd", "geplaatst", "опубликовано", "опубліковано",
    ]
    /// Cues for the date a page was last changed.
    static let updateCues: Set<String> = [
        "updated", "modified", "aktualisiert", "actualizado", "actualizada", "atualizado", "atualizada", "aggiornato",
        "aggiornata", "bijgewerkt", "обновлено", "оновлено",
    ]
    /// Hashes of every cue: most lines hold none among their first words, and are ruled out from the hashes their
    /// block already has, before any text is split.
    static let cueHashes = WordTable(keys: (Array(publicationCues) + Array(updateCues)).map(WordHash.of))

    /// Words between a cue and its date ("Posted on", "Publié le", "Veröffentlicht am", "Publicado em").
    static let cueFillers: Set<String> = ["on", "at", "am", "le", "el", "em", "il", "op", "the", "de", "du", "в", "|"]

    /// The date after a cue among the line's first six words, whether the cue is an update's, and the words of a
    /// signature between the cue and the date ("Posted by Jane Doe on May 2, 2025 in News." gives "Jane Doe"). Nil
    /// when no cue is there, or when the words after it do not open with a day, a month or a weekday.
    static func cuedDate(
        _ text: String, hashes: ArraySlice<UInt64>, dates: DateParser, zone: String?, year: Int?
    ) -> (date: ParsedDate, isUpdate: Bool, signer: String?)? {
        guard hashes.prefix(6).contains(where: { cueHashes.contains($0) }) else { return nil }
        let words = text.split(separator: " ", maxSplits: 16)
        for i in words.indices.prefix(6) {
            let w = words[i].trimmed(",.:;()").lowercased()
            let isUpdate = updateCues.contains(w)
            guard isUpdate || publicationCues.contains(w) else { continue }
            var j = i + 1
            var signer: String? = nil
            // "Posted by Jane Doe on May 2, 2025 in News.": the author's name first, then the date.
            if j < words.count, words[j].lowercased() == "by",
                let on = words[(j + 1)..<min(words.count, j + 7)].firstIndex(where: { w in
                    cueFillers.contains(w.lowercased())
                })
            {
                signer = words[(j + 1)..<on].joined(separator: " ")
                j = on
            }
            guard let date = dateAfterCue(words, from: j, dates: dates, zone: zone, year: year) else { return nil }
            return (date, isUpdate, signer)
        }
        return nil
    }

    /// The publication date a line gives after its update date: "Updated November 11, 2022 8:23 PM ET Originally
    /// published November 9, 2022 11:01 AM ET". Nil when no publication cue follows the line's first words.
    static func laterPublicationDate(_ text: String, dates: DateParser, zone: String?, year: Int?) -> ParsedDate? {
        let words = text.split(separator: " ", maxSplits: 40)
        for i in words.indices.dropFirst(2) where publicationCues.contains(words[i].trimmed(",.:;()").lowercased()) {
            if let date = dateAfterCue(words, from: i + 1, dates: dates, zone: zone, year: year) { return date }
        }
        return nil
    }

    /// The date that `words[j...]` open with, after the fillers a cue may have ("on", "le", "am"): nil when they
    /// do not open with a day, a month or a weekday, or no date is there.
    static func dateAfterCue(
        _ words: [Substring], from j: Int, dates: DateParser, zone: String?, year: Int?
    ) -> ParsedDate? {
        var j = j
        while j < words.count && cueFillers.contains(words[j].trimmed(",.:;").lowercased()) { j += 1 }
        guard j < words.count, opensDate(words[j]) else { return nil }
        let tail = words[j..<min(words.count, j + 8)].joined(separator: " ")
        return dates.parse(tail, zone: zone, referenceYear: year)?.date
    }

    /// Whether a word can open a date: a number, a month's name or a weekday.
    static func opensDate(_ word: Substring) -> Bool {
        guard let f = word.unicodeScalars.first else { return false }
        if f.properties.numericType != nil { return true }
        let w = word.trimmed(",.:;").lowercased()
        return DateParser.months[w] != nil || dateWords.contains(w)
    }
}
