import ArticleModel
import Glibc
import PosixSupport

/// Writes a synthetic log of realistic records for benchmarks (`articled log generate`, `bench/make-log`): the
/// same line writer, chain, checksums, segment roll-over and head as `LogWriter`, so that recovery and
/// `articled log verify` accept it as the daemon's own, but written in large buffered writes with one sync per
/// segment instead of one per batch. Duplicate and near-duplicate decisions come from a `SeenIndex`, as in the
/// writer. Deterministic for a given seed.
public enum LogGenerator {
    /// What a generated log holds.
    public struct Summary: Sendable {
        public var head: LogHead
        public var articles = 0
        public var duplicates = 0
        public var rejected = 0
        public var sidecars = 0
        public var bytes = 0
    }

    /// Writes `count` records into an empty log folder (refuses one that already has segments) and the head.
    public static func generate(
        _ directory: SegmentDirectory,
        count: Int,
        seed: UInt64 = 1,
        segmentBytes: Int = 64 << 20,
        extractor: String = "articled generator"
    ) throws(LogError) -> Summary {
        try FileIO.makeDirectories(directory.path)
        guard try directory.segmentNumbers().isEmpty, (try LogHeadFile.read(directory.headPath)) == nil else {
            throw .system(call: "generate", path: directory.path, errno: EEXIST)
        }
        var random = SplitMix64(seed: seed)
        let templates = ArticleTemplates(random: &random)
        var index = SeenIndex()
        var summary = Summary(head: .empty)
        var articleHashes: [String] = []
        var seenSimhashes: [UInt64] = []
        var hash = RecordLine.genesis
        var segment = 0
        var segmentSize = 0
        var fd: Int32 = -1
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        let baseTime = 1_790_000_000  // 2026-09-21

        func flush() throws(LogError) {
            guard !buffer.isEmpty else { return }
            try FileIO.writeAll(fd, buffer, path: directory.segmentPath(segment))
            buffer.removeAll(keepingCapacity: true)
        }
        func closeSegment() throws(LogError) {
            guard fd >= 0 else { return }
            try flush()
            try FileIO.fdatasync(fd, path: directory.segmentPath(segment))
            FileIO.close(fd)
            fd = -1
        }

        for seq in 1...max(1, count) where count > 0 {
            if fd < 0 || segmentSize >= segmentBytes {
                try closeSegment()
                segment += 1
                segmentSize = 0
                fd = try FileIO.open(directory.segmentPath(segment), O_WRONLY | O_CREAT | O_EXCL, 0o644)
            }
            let outlet = templates.outlets[Int(random.next() % UInt64(templates.outlets.count))]
            let day = 1 + seq / 5_000 % 28
            let name = "story-\(seq).txt"
            let path = "feeds/\(outlet)/2026-10-\(day < 10 ? "0" : "")\(day)/\(name)"
            let mtime = Timestamp.format(seconds: baseTime + seq, nanoseconds: Int(random.next() % 1_000_000_000))
            let identity = "2049:\(1_000_000 + seq):\(baseTime + seq)\(random.next() % 1_000_000_000)"
            let roll = random.next() % 100
            var kind = RecordKind.article
            var sha = random.hex256()
            var reason: String?
            var duplicateOf: Int?
            var nearDuplicateOf: Int?
            var simhash: UInt64?
            var articleJSON: [UInt8]?
            if roll < 6 {
                kind = .rejected
                reason = templates.reasons[Int(random.next() % UInt64(templates.reasons.count))]
            } else if roll < 14, !articleHashes.isEmpty {
                sha = articleHashes[Int(random.next() % UInt64(articleHashes.count))]
            }
            if kind == .article, let first = index.firstArticle(withSHA256: sha) {
                kind = .duplicate
                duplicateOf = first
            } else if kind == .article {
                // One article in fifty is a syndicated copy: an earlier SimHash with a bit or two changed.
                var h = random.next()
                if roll >= 98, !seenSimhashes.isEmpty {
                    h = seenSimhashes[Int(random.next() % UInt64(seenSimhashes.count))] ^ (1 << (random.next() % 64))
                }
                simhash = h
                nearDuplicateOf = index.nearDuplicate(of: h)
                articleJSON = templates.article(number: seq, simhash: h, random: &random)
                articleHashes.append(sha)
                if seenSimhashes.count < 4096 { seenSimhashes.append(h) }
            }
            let size = kind == .rejected ? Int(random.next() % 200) : (articleJSON?.count ?? 4_000) / 2
            let source = SourceInfo(
                name: name,
                path: path,
                size: size,
                sha256: sha,
                mtime: mtime,
                identity: identity
            )
            var sidecar: SourceInfo?
            if kind != .rejected, random.next() % 100 < 15 {
                let sidecarName = "story-\(seq).json"
                sidecar = SourceInfo(
                    name: sidecarName,
                    path: "feeds/\(outlet)/2026-10-\(day < 10 ? "0" : "")\(day)/\(sidecarName)",
                    size: 180,
                    sha256: random.hex256(),
                    mtime: mtime,
                    identity: "2049:\(5_000_000 + seq):\(baseTime + seq)000000000"
                )
                summary.sidecars += 1
            }
            let line = RecordLine.make(
                seq: seq,
                prev: hash,
                time: Timestamp.format(seconds: baseTime + seq, nanoseconds: 500_000_000),
                kind: kind,
                source: source,
                sidecar: sidecar,
                duplicateOf: duplicateOf,
                nearDuplicateOf: nearDuplicateOf,
                reason: reason,
                articleJSON: articleJSON,
                extractor: extractor
            )
            hash = RecordLine.hash(line)
            buffer += line
            buffer.append(UInt8(ascii: "\n"))
            segmentSize += line.count + 1
            summary.bytes += line.count + 1
            index.add(seq: seq, kind: kind, source: source, sidecar: sidecar, simhash: simhash)
            switch kind {
            case .article: summary.articles += 1
            case .duplicate: summary.duplicates += 1
            case .rejected: summary.rejected += 1
            }
            if buffer.count >= 1 << 20 { try flush() }
            summary.head = LogHead(seq: seq, sha256: hash, segment: segment, offset: segmentSize)
        }
        try closeSegment()
        try FileIO.fsyncDirectory(directory.path)
        try LogHeadFile.create(directory.headPath, head: summary.head).close()
        return summary
    }
}

/// The generated log is the same for the same seed: `SplitMix64` (ArticleExtraction's deterministic generator)
/// with what the generator needs besides numbers.
extension SplitMix64 {
    /// 64 lower-case hex digits, standing in for a SHA-256.
    mutating func hex256() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            let v = next()
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> shift)) }
        }
        return Hex.encode(bytes)
    }
}

/// Articles encoded once the way records hold them (`RecordDraft.encode`), with a number in the title and the
/// SimHash patched in per record, so that generating does not pay for a JSON encoder per record.
private struct ArticleTemplates {
    struct Template {
        var bytes: [UInt8]
        var titleDigits: Int
        var simhashDigits: Int
    }

    static let numberPlaceholder = "000000000000"
    static let simhashPlaceholder = "5151515151515151"

    let outlets = [
        "harbour-gazette", "valley-courier", "northern-echo", "city-ledger", "coast-times", "river-post",
        "metro-daily", "county-herald", "island-news", "plains-tribune", "summit-observer", "bay-chronicle",
    ]
    let reasons = [
        "too short: 9 words", "not text: binary content", "empty file", "larger than max-bytes (16777216)",
        "no article found: navigation only", "could not be decoded as text",
    ]
    private var templates: [Template] = []

    init(random: inout SplitMix64) {
        let words =
            ("council harbour budget ferry diesel members argued minister report police court school hospital "
            + "market prices workers union strike election candidate vote district river flood bridge road "
            + "residents museum festival season team coach match league weather storm farmers harvest water "
            + "energy plant company shares profit investors bank rates housing rents tenants university study "
            + "scientists climate emissions airport flights tourism visitors village mayor police officers").split(
                separator: " "
            ).map(String.init)
        for t in 0..<64 {
            let paragraphCount = 6 + Int(random.next() % 12)
            var body: [String] = []
            var wordCount = 0
            for _ in 0..<paragraphCount {
                let length = 25 + Int(random.next() % 45)
                var sentence: [String] = []
                for w in 0..<length {
                    var word = words[Int(random.next() % UInt64(words.count))]
                    if w == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                    sentence.append(word)
                }
                wordCount += length
                body.append(sentence.joined(separator: " ") + ".")
            }
            let outlet = outlets[t % outlets.count]
            let article = Article(
                title:
                    "Story \(Self.numberPlaceholder): \(body[0].split(separator: " ").prefix(7).joined(separator: " "))",
                byline: ["A. Reporter \(t)"],
                outlet: outlet,
                published: "2026-10-\(10 + t % 18)T08:00:00Z",
                language: "en",
                body: body,
                wordCount: wordCount,
                people: [Entity(name: "Jane Doe \(t)", mentions: 2)],
                places: [Entity(name: "Port Town", mentions: 1)],
                simhash: Self.simhashPlaceholder
            )
            let bytes = RecordDraft.encode(article)
            guard let title = Self.find(Self.numberPlaceholder, in: bytes),
                let simhash = Self.find(Self.simhashPlaceholder, in: bytes)
            else { continue }
            templates.append(Template(bytes: bytes, titleDigits: title, simhashDigits: simhash))
        }
    }

    static func find(_ text: String, in bytes: [UInt8]) -> Int? {
        LogRecovery.firstIndex(of: Array(text.utf8), in: bytes[...])
    }

    func article(number: Int, simhash: UInt64, random: inout SplitMix64) -> [UInt8] {
        let template = templates[Int(random.next() % UInt64(templates.count))]
        var bytes = template.bytes
        var n = number
        for i in (0..<12).reversed() {
            bytes[template.titleDigits + i] = UInt8(ascii: "0") + UInt8(n % 10)
            n /= 10
        }
        let digits = Array("0123456789abcdef".utf8)
        for i in 0..<16 {
            bytes[template.simhashDigits + i] = digits[Int((simhash >> UInt64(60 - 4 * i)) & 0xF)]
        }
        return bytes
    }
}
