/// An immutable open-addressing table from word hashes to small integers. `Set<UInt64>` and `Dictionary` run
/// SipHash on every look-up; our keys are already FNV hashes, so their low bits index the table directly.
public struct WordTable: Sendable {
    /// Key and value side by side, so that a probe reads one cache line, not one in each of two arrays.
    struct Entry {
        var key: UInt64
        var value: Int32
    }

    private var entries: [Entry]
    private var mask: Int
    /// The keys' membership in a few kilobytes (`WordFilter`): most words looked up are in no list, and their
    /// slots would miss the cache.
    private var filter: WordFilter

    /// Builds the table from key-value pairs; a repeated key keeps the value combined by `merge`.
    public init(_ pairs: some Sequence<(UInt64, Int)>, merge: (Int, Int) -> Int = { _, new in new }) {
        let list = Array(pairs)
        var size = 16
        while size < list.count * 3 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: 0, value: -1), count: size)
        mask = size - 1
        filter = WordFilter(list.map(\.0))
        for (k, v) in list {
            var i = Self.slot(k, mask)
            while entries[i].value >= 0 && entries[i].key != k { i = (i + 1) & mask }
            let merged = entries[i].value >= 0 ? merge(Int(entries[i].value), v) : v
            entries[i] = Entry(key: k, value: Int32(merged))
        }
    }

    /// Builds a set-like table (every value 1).
    public init(keys: some Sequence<UInt64>) {
        self.init(keys.map { ($0, 1) })
    }

    @inline(__always)
    static func slot(_ k: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (k ^ (k >> 32)) & UInt64(mask))
    }

    /// The value stored for `key`, or nil.
    @inline(__always)
    public subscript(_ key: UInt64) -> Int? {
        guard filter.mayContain(key) else { return nil }
        var i = Self.slot(key, mask)
        return entries.withUnsafeBufferPointer { e in
            while true {
                let v = e[i].value
                if v < 0 { return nil }
                if e[i].key == key { return Int(v) }
                i = (i + 1) & mask
            }
        }
    }

    /// True when `key` is present.
    @inline(__always)
    public func contains(_ key: UInt64) -> Bool { self[key] != nil }
}

/// A one-hash Bloom filter over word hashes, 32 bits per key (about 3% of absent keys pass): small enough to stay
/// in the first-level cache, so that a word in no list costs a bit test instead of a table probe that misses.
struct WordFilter: Sendable {
    private let bits: [UInt64]
    /// 64 minus the number of bits of a position.
    private let shift: UInt64

    init(_ keys: some Sequence<UInt64>) {
        let keys = Array(keys)
        var width: UInt64 = 9
        while 1 << width < keys.count * 32 { width += 1 }
        var bits = [UInt64](repeating: 0, count: (1 << width) / 64)
        shift = 64 - width
        for k in keys {
            let b = Self.position(k, shift)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.bits = bits
    }

    /// A multiplicative hash with its own constant, so that its bits are independent of the tables' slots.
    @inline(__always)
    static func position(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> shift)
    }

    /// False only when `key` is certainly absent.
    @inline(__always)
    func mayContain(_ key: UInt64) -> Bool {
        let b = Self.position(key, shift)
        return bits.withUnsafeBufferPointer { $0[b >> 6] & (1 << UInt64(b & 63)) != 0 }
    }
}
