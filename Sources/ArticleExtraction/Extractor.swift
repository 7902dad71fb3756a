/// What the daemon knows about a file besides its bytes: a sidecar's fields and the file's modification time.
/// Hints win over guesses made from the text.
public struct ExtractionHints: Sendable, Equatable {
    /// The article's URL, from a sidecar.
    public var url: String?
    /// The headline, from a sidecar.
    public var title: String?
    /// The outlet, from a sidecar.
    public var outlet: String?
    /// The publication time (ISO 8601), from a sidecar.
    public var published: String?
    /// The file's modification time in seconds since the epoch; dates after it are rejected as implausible.
    public var modified: Double?

    /// Creates hints; all are optional.
    public init(
        url: String? = nil,
        title: String? = nil,
        outlet: String? = nil,
        published: String? = nil,
        modified: Double? = nil
    ) {
        self.url = url
        self.title = title
        self.outlet = outlet
        self.published = published
        self.modified = modified
    }
}

/// Why a file cannot become an article. The description is the reason an operator reads in the log.
public enum ExtractionRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not text in any encoding we know (NUL bytes, control characters).
    case binary
    /// The file decodes to text, but there is nothing but white space in it.
    case noText
    /// The file is an HTML or XML document (a saved page, a feed), not the article's text.
    case markup

    public var description: String {
        switch self {
        case .binary: return "binary data, not text"
        case .noText: return "no text (only white space)"
        case .markup: return "markup (HTML/XML) is not taken as article text"
        }
    }
}

/// Turns the bytes of one file into an `Article`. Pure and deterministic: no I/O, no clock, no randomness,
/// so that the same bytes and hints always give the same record.
public struct Extractor: Sendable {
    /// The extractor's name, version and digest ("articled 0.1.0 1f3a…"), written into every record: the digest
    /// covers the rules, lexicons and model, so two records show whether the same extractor made them even
    /// between releases.
    public static let version = "articled \(ArticledVersion.number) \(ExtractorDigest.value)"

    /// Creates an extractor.
    public init() {}

    /// Extracts an article, or says why the bytes are not one.
    public func extract(
        _ bytes: [UInt8],
        hints: ExtractionHints = ExtractionHints()
    ) throws(ExtractionRejection)
        -> Article
    {
        try Analysis(bytes: bytes, hints: hints).article
    }

    /// Every block with its label, features and reason, for people asking why the extractor did what it did.
    public func explain(_ bytes: [UInt8], hints: ExtractionHints = ExtractionHints()) -> Explanation {
        do {
            let analysis = try Analysis(bytes: bytes, hints: hints)
            return Explanation(
                rejection: nil,
                encoding: analysis.article.encoding,
                language: analysis.article.language,
                core: analysis.core,
                blocks: analysis.blocks.map {
                    Explanation.Entry(
                        line: $0.lineNumber,
                        text: $0.text,
                        role: $0.role.rawValue,
                        quality: $0.quality.rawValue,
                        features: $0.features.description,
                        reason: $0.reason
                    )
                },
                article: analysis.article
            )
        } catch {
            return Explanation(rejection: error, encoding: nil, language: nil, core: nil, blocks: [], article: nil)
        }
    }
}

/// The per-block report `articled extract --explain` prints.
public struct Explanation: Sendable {
    /// One block.
    public struct Entry: Sendable, Equatable {
        /// 1-based line in the decoded text.
        public var line: Int
        /// The block's text.
        public var text: String
        /// body, title, standfirst, byline, dateline, caption, credit, boilerplate or duplicate.
        public var role: String
        /// The classifier's class: good, near-good, short, bad.
        public var quality: String
        /// The measured features, as `name=value` pairs.
        public var features: String
        /// Why the block has its role.
        public var reason: String
    }
    /// Why the file was refused, if it was.
    public var rejection: ExtractionRejection?
    /// The encoding the bytes were read as.
    public var encoding: String?
    /// The detected language.
    public var language: String?
    /// Indices of the blocks that form the article's core.
    public var core: Range<Int>?
    /// Every block in order.
    public var blocks: [Entry]
    /// The resulting article.
    public var article: Article?

    /// A plain-text rendering for a terminal.
    public var text: String {
        if let r = rejection { return "rejected: \(r)\n" }
        var out = "encoding: \(encoding ?? "?")  language: \(language ?? "unknown")"
        if let c = core { out += "  core: blocks \(c.lowerBound + 1)–\(c.upperBound)" }
        out += "\n"
        for (i, e) in blocks.enumerated() {
            let preview = e.text.count > 90 ? String(e.text.prefix(87)) + "…" : e.text
            out += "\(i + 1). [\(e.role)/\(e.quality)] line \(e.line): \(preview)\n"
            out += "     reason: \(e.reason)\n     features: \(e.features)\n"
        }
        if let body = article?.body {
            out += EntityExtraction(body: body, explain: true, language: article?.language).explanation
        }
        return out
    }
}
