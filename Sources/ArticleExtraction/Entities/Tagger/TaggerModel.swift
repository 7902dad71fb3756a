import Foundation

/// The tagger's weights: for each feature key, one weight per tag. Read from the compact form the trainer writes
/// (`serialized`), which the binary embeds (`EntityTaggerModelData`), so that the installed binary is the whole
/// program.
///
/// Look-ups go through an open-addressing table at most half full, whose slots hold the key and its weights: the
/// tagger makes about thirty per candidate word.
package struct TaggerModel: Sendable {
    /// One feature: its key and its weights, quantised to 16 bits (weight = value × `scale`), side by side so
    /// that a look-up touches one cache line where separate key and weight arrays touched two or three.
    private struct Slot: Sendable {
        var key: UInt32 = 0
        var weights: (Int16, Int16, Int16, Int16, Int16, Int16, Int16) = (0, 0, 0, 0, 0, 0, 0)
    }

    private let slots: [Slot]
    private let mask: Int
    private let scale: Float
    /// Number of features with weights.
    package let featureCount: Int

    /// The model the binary was built with; empty (every word outside names) if the embedded data is unreadable,
    /// which a test rules out.
    package static let embedded: TaggerModel = {
        guard let bytes = Data(base64Encoded: EntityTaggerModelData.base64, options: .ignoreUnknownCharacters),
            let model = TaggerModel(serialized: [UInt8](bytes))
        else { return TaggerModel(keys: [], weights: []) }
        return model
    }()

    /// A model from keys and their rows of weights (`weights.count == keys.count * EntityTag.count`), quantised
    /// as the stored form is, so that cross-validation measures the model the binary will embed.
    package init(keys: [UInt32], weights: [Float]) {
        let scale = Self.scale(of: weights)
        self.init(keys: keys, quantised: weights.map { Int16(($0 / scale).rounded()) }, scale: scale)
    }

    private init(keys: [UInt32], quantised q: [Int16], scale: Float) {
        precondition(q.count == keys.count * EntityTag.count)
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        var slots = [Slot](repeating: Slot(), count: size)
        for (row, key) in keys.enumerated() {
            var i = Self.start(key, size - 1)
            while slots[i].key != 0 && slots[i].key != key { i = (i + 1) & (size - 1) }
            let w = row * EntityTag.count
            slots[i] = Slot(key: key, weights: (q[w], q[w + 1], q[w + 2], q[w + 3], q[w + 4], q[w + 5], q[w + 6]))
        }
        self.slots = slots
        self.mask = size - 1
        self.scale = scale
        self.featureCount = keys.count
    }

    /// The step of the 16-bit weights: the largest weight maps to `Int16.max`.
    private static func scale(of weights: [Float]) -> Float {
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        return largest > 0 ? largest / Float(Int16.max) : 1
    }

    @inline(__always)
    private static func start(_ key: UInt32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Sets `scores` (one per tag) to the summed weights of `features`.
    @inline(__always)
    func score(_ features: [UInt32], into scores: inout [Float]) {
        var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0, s4: Int32 = 0, s5: Int32 = 0, s6: Int32 = 0
        slots.withUnsafeBufferPointer { slots in
            for key in features {
                var i = Self.start(key, mask)
                while slots[i].key != 0 {
                    if slots[i].key == key {
                        let w = slots[i].weights
                        s0 &+= Int32(w.0)
                        s1 &+= Int32(w.1)
                        s2 &+= Int32(w.2)
                        s3 &+= Int32(w.3)
                        s4 &+= Int32(w.4)
                        s5 &+= Int32(w.5)
                        s6 &+= Int32(w.6)
                        break
                    }
                    i = (i + 1) & mask
                }
            }
        }
        scores[0] = Float(s0) * scale
        scores[1] = Float(s1) * scale
        scores[2] = Float(s2) * scale
        scores[3] = Float(s3) * scale
        scores[4] = Float(s4) * scale
        scores[5] = Float(s5) * scale
        scores[6] = Float(s6) * scale
    }

    // MARK: - The stored form

    /// "ETG1", the feature count, the weights' scale, the keys in ascending order, then per key one 16-bit
    /// weight per tag (weight = value × scale); little-endian. Half the size of 32-bit floats, and the rounding
    /// changes no decision the trainer's tests could see.
    package static func serialize(keys: [UInt32], weights: [Float]) -> [UInt8] {
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let scale = Self.scale(of: weights)
        var out: [UInt8] = Array("ETG1".utf8)
        func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        append(UInt32(keys.count))
        append(scale.bitPattern)
        for i in order { append(keys[i]) }
        for i in order {
            for t in 0..<EntityTag.count {
                append(Int16((weights[i * EntityTag.count + t] / scale).rounded()))
            }
        }
        return out
    }

    /// Reads what `serialize` wrote; nil if it is not that.
    package init?(serialized b: [UInt8]) {
        guard b.count >= 12, Array(b[0..<4]) == Array("ETG1".utf8) else { return nil }
        func u32(_ at: Int) -> UInt32 {
            UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
        }
        let n = Int(u32(4))
        let scale = Float(bitPattern: u32(8))
        let keysAt = 12
        let weightsAt = keysAt + 4 * n
        guard b.count == weightsAt + 2 * n * EntityTag.count else { return nil }
        let keys = (0..<n).map { u32(keysAt + 4 * $0) }
        let weights = (0..<n * EntityTag.count).map { j in
            Int16(bitPattern: UInt16(b[weightsAt + 2 * j]) | UInt16(b[weightsAt + 2 * j + 1]) << 8)
        }
        self.init(keys: keys, quantised: weights, scale: scale)
    }
}
