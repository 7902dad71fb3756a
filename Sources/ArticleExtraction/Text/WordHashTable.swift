/// An open-addressing table keyed by `WordHash` values. The keys are already good 64-bit hashes, so hashing them
/// again through `Hasher` (SipHash) for every word of every body would only cost time; here a look-up is a mask
/// and a probe or two, in one array of key-value slots so that a probe touches one cache line.
struct WordHashTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        /// nil marks a free slot.
        var value: Value?
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    /// Creates a table for about `capacity` keys; it grows when more arrive. At most a quarter full, so that
    /// most look-ups of absent keys stop at the first probe.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 4 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: nil), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while slots[i].value != nil && slots[i].key != key { i = (i + 1) & mask }
        return i
    }

    /// The value stored under `key`.
    subscript(key: UInt64) -> Value? {
        get { slots[slot(key)].value }
        set {
            guard let newValue else { return }
            if (count + 1) * 4 > slots.count { grow() }
            let i = slot(key)
            if slots[i].value == nil {
                slots[i].key = key
                count += 1
            }
            slots[i].value = newValue
        }
    }

    private mutating func grow() {
        var bigger = WordHashTable(capacity: slots.count)
        for s in slots { if let v = s.value { bigger[s.key] = v } }
        self = bigger
    }
}
