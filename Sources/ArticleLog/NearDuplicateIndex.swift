/// Finds an earlier article whose 64-bit SimHash is within a few bits of a new one: syndicated copies of one
/// story from several outlets. The hash is cut into four 16-bit bands; two hashes at most 3 bits apart agree on
/// at least one band (pigeonhole), so only the entries sharing a band are compared. Buckets stay small as the
/// log grows (65,536 per band), so the time per file does not grow with the log. Two guards keep that true for
/// logs full of copies of one story: an exact hash is stored once (with its earliest seq), and a bucket holds at
/// most `bucketLimit` hashes; past that, new hashes are indexed in their other bands only.
public struct NearDuplicateIndex: Sendable {
    /// The largest Hamming distance that counts as a near duplicate.
    public static let maximumDistance = 3
    /// Distinct hashes kept per bucket.
    public static let bucketLimit = 256

    private var bands: [[UInt16: [(hash: UInt64, seq: Int)]]] = Array(repeating: [:], count: 4)
    /// Every distinct hash indexed, with its earliest seq.
    private var exact: [UInt64: Int] = [:]

    /// Creates an empty index.
    public init() {}

    /// The earliest seq whose hash is within `maximumDistance` bits of `hash`, if any.
    public func earliestMatch(for hash: UInt64) -> Int? {
        var best = exact[hash]
        for band in 0..<4 {
            guard let bucket = bands[band][Self.key(hash, band)] else { continue }
            for entry in bucket where (entry.hash ^ hash).nonzeroBitCount <= Self.maximumDistance {
                if best.map({ entry.seq < $0 }) ?? true { best = entry.seq }
            }
        }
        return best
    }

    /// Adds an article's hash.
    public mutating func insert(_ hash: UInt64, seq: Int) {
        guard exact[hash] == nil else { return }
        exact[hash] = seq
        for band in 0..<4 {
            let key = Self.key(hash, band)
            if bands[band][key, default: []].count < Self.bucketLimit {
                bands[band][key, default: []].append((hash, seq))
            }
        }
    }

    private static func key(_ hash: UInt64, _ band: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: hash >> (16 * UInt64(band)))
    }

    /// Reads the `simhash` of a record's article from its JSON bytes without decoding them: the raw sequence
    /// `"simhash":"` cannot occur inside a JSON string, where quotes are escaped.
    public static func simhash(inArticleJSON json: some Collection<UInt8>) -> UInt64? {
        let bytes = Array(json)
        let marker = Array("\"simhash\":\"".utf8)
        guard bytes.count >= marker.count + 16 else { return nil }
        var i = bytes.count - marker.count - 16
        while i >= 0 {
            if bytes[i] == marker[0] && bytes[i..<(i + marker.count)].elementsEqual(marker) {
                let digits = bytes[(i + marker.count)..<(i + marker.count + 16)]
                return UInt64(String(decoding: digits, as: UTF8.self), radix: 16)
            }
            i -= 1
        }
        return nil
    }
}
