/// An immutable open-addressing table from word hashes to small integers. `Set<UInt64>` and `Dictionary` run
/// SipHash on every look-up; our keys are already FNV hashes, so their low bits index the table directly.
public struct WordTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int

    /// Builds the table from key-value pairs; a repeated key keeps the value combined by `merge`.
    public init(_ pairs: some Sequence<(UInt64, Int)>, merge: (Int, Int) -> Int = { _, new in new }) {
        let list = Array(pairs)
        var size = 16
        while size < list.count * 3 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (k, v) in list {
            var i = Self.slot(k, mask)
            while values[i] >= 0 && keys[i] != k { i = (i + 1) & mask }
            let merged = values[i] >= 0 ? merge(Int(values[i]), v) : v
            keys[i] = k
            values[i] = Int32(merged)
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
        var i = Self.slot(key, mask)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == key { return Int(v) }
            i = (i + 1) & mask
        }
    }

    /// True when `key` is present.
    @inline(__always)
    public func contains(_ key: UInt64) -> Bool { self[key] != nil }
}
