/// An open-addressing table keyed by `WordHash` values. The keys are already good 64-bit hashes, so hashing them
/// again through `Hasher` (SipHash) for every word of every body would only cost time; here a look-up is a mask
/// and a probe or two.
struct WordHashTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var occupied: [Bool]
    private var mask: Int
    private(set) var count = 0

    /// Creates a table for about `capacity` keys; it grows when more arrive.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        occupied = [Bool](repeating: false, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while occupied[i] && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    /// The value stored under `key`.
    subscript(key: UInt64) -> Value? {
        get {
            let i = slot(key)
            return occupied[i] ? values[i] : nil
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let i = slot(key)
            if !occupied[i] {
                occupied[i] = true
                keys[i] = key
                count += 1
            }
            values[i] = newValue
        }
    }

    private mutating func grow() {
        var bigger = WordHashTable(capacity: keys.count)
        for i in keys.indices where occupied[i] { bigger[keys[i]] = values[i] }
        self = bigger
    }
}
