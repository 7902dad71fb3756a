import Foundation

/// Standard output in 64 KiB writes: a write per record line made `log cat` of a big log spend its time in
/// system calls.
struct BatchedOutput {
    private var batch: [UInt8] = []
    private let out = FileHandle.standardOutput

    mutating func append(_ bytes: some Sequence<UInt8>) {
        batch += bytes
        if batch.count > 1 << 16 { flush() }
    }

    /// A record line and its newline.
    mutating func appendLine(_ line: [UInt8]) {
        batch += line
        append(CollectionOfOne(UInt8(ascii: "\n")))
    }

    mutating func flush() {
        guard !batch.isEmpty else { return }
        out.write(Data(batch))
        batch.removeAll(keepingCapacity: true)
    }
}
