/// The structured form of one news article: what a log record's `article` object holds and what
/// `articled extract` prints. Field names on the wire are snake_case, as docs/record.schema.json lists them.
public struct Article: Sendable, Equatable, Codable {
    /// The headline, or nil when the text has none.
    public var title: String?
    /// The lead paragraph set apart from the body (a subtitle or dek), or nil.
    public var standfirst: String?
    /// Where the scraper found the article: the sidecar's `url`, else a line of the text that is only a web
    /// address; nil when neither says.
    public var url: String?
    /// Author names only: no "By", roles, dates or handles.
    public var byline: [String]
    /// The publication that wrote the article, or nil when unknown.
    public var outlet: String?
    /// ISO 8601 with the offset, or nil.
    public var published: String?
    /// ISO 8601 with the offset, or nil.
    public var updated: String?
    /// ISO 639-1 code, or nil when the text is too short to tell.
    public var language: String?
    /// The character encoding the bytes were decoded from (IANA name, lower case).
    public var encoding: String
    /// The article's paragraphs in order, each once.
    public var body: [String]
    /// Photo captions.
    public var captions: [String]
    /// Photo credits.
    public var credits: [String]
    /// Words in the body.
    public var wordCount: Int
    /// Every block removed from the text, with the reason, so that nothing disappears silently.
    public var boilerplate: [RemovedBlock]
    /// People named in the article.
    public var people: [Entity]
    /// Places named in the article.
    public var places: [Entity]
    /// Organisations named in the article.
    public var organizations: [Entity]
    /// Direct quotations and their speakers.
    public var quotes: [Quote]
    /// 64-bit SimHash of the body as 16 lower-case hex digits, or nil for an empty body.
    public var simhash: String?

    /// Creates an article; every collection defaults to empty so that stages can fill what they know.
    public init(
        title: String? = nil,
        standfirst: String? = nil,
        url: String? = nil,
        byline: [String] = [],
        outlet: String? = nil,
        published: String? = nil,
        updated: String? = nil,
        language: String? = nil,
        encoding: String = "utf-8",
        body: [String] = [],
        captions: [String] = [],
        credits: [String] = [],
        wordCount: Int = 0,
        boilerplate: [RemovedBlock] = [],
        people: [Entity] = [],
        places: [Entity] = [],
        organizations: [Entity] = [],
        quotes: [Quote] = [],
        simhash: String? = nil
    ) {
        self.title = title
        self.standfirst = standfirst
        self.url = url
        self.byline = byline
        self.outlet = outlet
        self.published = published
        self.updated = updated
        self.language = language
        self.encoding = encoding
        self.body = body
        self.captions = captions
        self.credits = credits
        self.wordCount = wordCount
        self.boilerplate = boilerplate
        self.people = people
        self.places = places
        self.organizations = organizations
        self.quotes = quotes
        self.simhash = simhash
    }

    enum CodingKeys: String, CodingKey {
        case title, standfirst, url, byline, outlet, published, updated, language, encoding, body, captions, credits
        case wordCount = "word_count"
        case boilerplate, people, places, organizations, quotes, simhash
    }

    /// Written by hand so that unknown values appear as explicit `null`: readers of the log can then tell
    /// "not found" from "field missing in an older record".
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(standfirst, forKey: .standfirst)
        try c.encode(url, forKey: .url)
        try c.encode(byline, forKey: .byline)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(published, forKey: .published)
        try c.encode(updated, forKey: .updated)
        try c.encode(language, forKey: .language)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(body, forKey: .body)
        try c.encode(captions, forKey: .captions)
        try c.encode(credits, forKey: .credits)
        try c.encode(wordCount, forKey: .wordCount)
        try c.encode(boilerplate, forKey: .boilerplate)
        try c.encode(people, forKey: .people)
        try c.encode(places, forKey: .places)
        try c.encode(organizations, forKey: .organizations)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(simhash, forKey: .simhash)
    }

    /// Tolerates records written by older versions, which may lack the later fields.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            title: try c.decodeIfPresent(String.self, forKey: .title),
            standfirst: try c.decodeIfPresent(String.self, forKey: .standfirst),
            url: try c.decodeIfPresent(String.self, forKey: .url),
            byline: try c.decodeIfPresent([String].self, forKey: .byline) ?? [],
            outlet: try c.decodeIfPresent(String.self, forKey: .outlet),
            published: try c.decodeIfPresent(String.self, forKey: .published),
            updated: try c.decodeIfPresent(String.self, forKey: .updated),
            language: try c.decodeIfPresent(String.self, forKey: .language),
            encoding: try c.decodeIfPresent(String.self, forKey: .encoding) ?? "utf-8",
            body: try c.decodeIfPresent([String].self, forKey: .body) ?? [],
            captions: try c.decodeIfPresent([String].self, forKey: .captions) ?? [],
            credits: try c.decodeIfPresent([String].self, forKey: .credits) ?? [],
            wordCount: try c.decodeIfPresent(Int.self, forKey: .wordCount) ?? 0,
            boilerplate: try c.decodeIfPresent([RemovedBlock].self, forKey: .boilerplate) ?? [],
            people: try c.decodeIfPresent([Entity].self, forKey: .people) ?? [],
            places: try c.decodeIfPresent([Entity].self, forKey: .places) ?? [],
            organizations: try c.decodeIfPresent([Entity].self, forKey: .organizations) ?? [],
            quotes: try c.decodeIfPresent([Quote].self, forKey: .quotes) ?? [],
            simhash: try c.decodeIfPresent(String.self, forKey: .simhash)
        )
    }
}

/// A block of the input that is not part of the article, kept with the reason it was removed.
public struct RemovedBlock: Sendable, Equatable, Codable {
    /// The block's text as it stood after normalisation.
    public var text: String
    /// Why the block was removed, in words an operator understands ("donation appeal", "navigation").
    public var reason: String

    /// Creates a removed block.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }
}

/// A person, place or organisation named in the article, under its canonical name.
public struct Entity: Sendable, Equatable, Codable {
    /// The fullest form the article gives, in its most common spelling.
    public var name: String
    /// How many times the entity is mentioned under any of its forms.
    public var mentions: Int
    /// Other forms that were merged into this one.
    public var aliases: [String]

    /// Creates an entity.
    public init(name: String, mentions: Int, aliases: [String] = []) {
        self.name = name
        self.mentions = mentions
        self.aliases = aliases
    }
}

/// A direct quotation and who said it.
public struct Quote: Sendable, Equatable, Codable {
    /// The quoted words, without the quotation marks.
    public var text: String
    /// The canonical name of the speaker, or nil when the text does not say.
    public var speaker: String?

    /// Creates a quote.
    public init(text: String, speaker: String?) {
        self.text = text
        self.speaker = speaker
    }

    /// Written by hand so that an unknown speaker appears as explicit `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(speaker, forKey: .speaker)
    }
}
