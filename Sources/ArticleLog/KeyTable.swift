import Crypto

/// The first 16 bytes of a SHA-256, as two integers: what the seen-index keeps of a content hash or of a
/// (path, fingerprint) pair instead of a 64-character String (16 bytes instead of about 100 with the String's
/// storage). Two different files share a key with probability about n / 2^128: never, in practice.
struct Key128: Hashable, Comparable, Sendable {
    var high: UInt64
    var low: UInt64

    static func < (a: Key128, b: Key128) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// The key of a content hash: its first 32 hex digits when it is a SHA-256 in hex (as the log writes it),
    /// else the SHA-256 of the text.
    init(contentHash: String) {
        var utf8 = contentHash.utf8.makeIterator()
        var words: (UInt64, UInt64) = (0, 0)
        var valid = contentHash.utf8.count == 64
        for i in 0..<32 where valid {
            guard let c = utf8.next() else {
                valid = false
                break
            }
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(c - UInt8(ascii: "a") + 10)
            default:
                valid = false
                continue
            }
            if i < 16 { words.0 = words.0 << 4 | digit } else { words.1 = words.1 << 4 | digit }
        }
        if valid {
            self.init(high: words.0, low: words.1)
        } else {
            self.init(hashing: contentHash)
        }
    }

    /// The key of a replay entry: the SHA-256 of the path and the fingerprint, with a separator that occurs in
    /// neither (paths and fingerprints never hold a zero byte).
    init(path: String, fingerprint: String) {
        self.init(hashing: path + "\u{0}" + fingerprint)
    }

    init(hashing text: String) {
        let digest = Array(SHA256.hash(data: Array(text.utf8)))
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<8 { high = high << 8 | UInt64(digest[i]) }
        for i in 8..<16 { low = low << 8 | UInt64(digest[i]) }
        self.init(high: high, low: low)
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}

/// Key → seq, in two parts: `base`, sorted arrays searched by bisection (20 bytes an entry, loaded from a
/// checkpoint as they are), and `recent`, a dictionary of what was added since the last compaction. A lookup
/// asks `recent` first, so a value in it overrides the base.
struct KeyTable: Sendable, Equatable {
    private(set) var keys: [Key128] = []
    private(set) var values: [UInt32] = []
    private(set) var recent: [Key128: UInt32] = [:]

    init() {}

    /// A table whose base is these arrays (keys ascending, distinct), as a checkpoint holds them.
    init(sortedKeys: [Key128], values: [UInt32]) {
        keys = sortedKeys
        self.values = values
    }

    var count: Int { keys.count + recent.count }

    subscript(key: Key128) -> UInt32? {
        if let value = recent[key] { return value }
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && keys[low] == key ? values[low] : nil
    }

    mutating func set(_ key: Key128, _ value: UInt32) {
        recent[key] = value
    }

    /// Folds `recent` into the sorted base (a merge: linear in the table's size).
    mutating func compact() {
        guard !recent.isEmpty else { return }
        let added = recent.sorted { $0.key < $1.key }
        var newKeys: [Key128] = []
        var newValues: [UInt32] = []
        newKeys.reserveCapacity(keys.count + added.count)
        newValues.reserveCapacity(keys.count + added.count)
        var i = 0
        var j = 0
        while i < keys.count || j < added.count {
            if j == added.count || (i < keys.count && keys[i] < added[j].key) {
                newKeys.append(keys[i])
                newValues.append(values[i])
                i += 1
            } else {
                // Equal keys: the recent value wins, as in a lookup.
                if i < keys.count && keys[i] == added[j].key { i += 1 }
                newKeys.append(added[j].key)
                newValues.append(added[j].value)
                j += 1
            }
        }
        keys = newKeys
        values = newValues
        recent = [:]
    }

    /// Takes `compacted` (this table as it was up to `seq`, compacted) as the base, keeping only the recent
    /// entries added after `seq`.
    mutating func adopt(_ compacted: KeyTable, upTo seq: UInt32) {
        keys = compacted.keys
        values = compacted.values
        recent = recent.filter { $0.value > seq }
    }
}
