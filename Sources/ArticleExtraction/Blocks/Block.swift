/// How prose-like a block looks on its own, before its role in the article is decided (jusText's classes).
public enum BlockQuality: String, Sendable, Equatable {
    case good
    case nearGood = "near-good"
    case short, bad
}

/// What a block turned out to be in the article.
public enum BlockRole: String, Sendable, Equatable {
    case body, title, standfirst, byline, dateline, caption, credit, boilerplate, duplicate
}

/// A line of the input with everything the stages learnt about it.
public struct Block: Sendable, Equatable {
    /// The normalised text.
    public var text: String
    /// 1-based line number in the decoded text.
    public var lineNumber: Int
    /// A blank line separates it from the previous block.
    public var blankBefore: Bool
    /// Hashes, stems and lengths of the words.
    public var tokens: LineTokens
    /// Hashes of the words.
    public var hashes: ArraySlice<UInt64> { tokens.hashes }
    /// Measurements.
    public var features: BlockFeatures
    /// The classifier's judgement.
    public var quality: BlockQuality = .short
    /// The role the block plays.
    public var role: BlockRole = .body
    /// Why the block has its quality and role, for `explain` and `boilerplate[].reason`.
    public var reason: String = ""
    /// The classifier's category for a removed block, when a lexicon said so.
    public var category: Lexicons.Category? = nil
    /// Removed as part of a run of appeals after the article (where outlets sign their appeals).
    public var inAppealTail = false
    /// What the classifier found a block to be beyond its quality, for later stages to decide by (never the
    /// `reason` text, which is for people).
    public var marks: BlockMarks = []
}

/// Structural findings about a block that later stages act on.
public struct BlockMarks: OptionSet, Sendable, Equatable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A category tag or a reading time ("Politics", "5 min read"): it sets a lead apart as a byline does.
    public static let badge = BlockMarks(rawValue: 1 << 0)
    /// A name alone beside the dateline: the byline when the page has no other.
    public static let bareName = BlockMarks(rawValue: 1 << 1)
}
