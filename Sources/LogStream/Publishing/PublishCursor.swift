import ArticleLog
import Glibc
import PosixSupport

/// `STATE/publish.cursor`: the last seq the stream acknowledged, and where its line ends in the log, so that a
/// restart resumes there without reading the log from the start. It is written after the acknowledgement;
/// being behind is safe (the stream's own last message and its duplicate window cover the difference), so it is
/// synced in batches, not after every message.
///
/// One fixed-size text line, rewritten in place: `v1 INSTANCE STREAM SEQ SEGMENT OFFSET CRC`. A cursor for
/// another instance or stream, or one whose checksum does not match, is ignored.
public struct PublishCursor: Sendable, Equatable {
    /// The last acknowledged seq (0: none yet).
    public var seq: Int
    /// Where that record's line ends.
    public var position: LogReader.Position

    public init(seq: Int, position: LogReader.Position) {
        self.seq = seq
        self.position = position
    }

    /// Nothing published yet.
    public static let start = PublishCursor(seq: 0, position: .start)

    static let size = 256

    /// The line for this cursor, padded to `size` bytes.
    func encoded(instance: String, stream: String) -> [UInt8] {
        let body = "v1 \(instance) \(stream) \(seq) \(position.segment) \(position.offset)"
        var line = Array((body + " " + CRC32C.hex(Array(body.utf8))).utf8)
        line += [UInt8](repeating: UInt8(ascii: " "), count: max(0, Self.size - 1 - line.count))
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Reads a cursor's line; nil when it is damaged or belongs to another instance or stream.
    static func decode(_ bytes: [UInt8], instance: String, stream: String) -> PublishCursor? {
        let fields = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map(String.init)
        guard fields.count == 7, fields[0] == "v1", fields[1] == instance, fields[2] == stream,
            let seq = Int(fields[3]), let segment = Int(fields[4]), let offset = Int(fields[5])
        else { return nil }
        let body = fields[0..<6].joined(separator: " ")
        guard CRC32C.hex(Array(body.utf8)) == fields[6] else { return nil }
        return PublishCursor(seq: seq, position: .init(segment: segment, offset: offset))
    }
}

/// The open cursor file.
/// Used by one publisher at a time, from its blocking queue.
final class PublishCursorFile: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let instance: String
    private let stream: String

    /// Opens (creating) the cursor file of `stateFolder`, mode 0640 like the log.
    init(stateFolder: String, instance: String, stream: String) throws(SystemCallError) {
        let path = stateFolder + "/publish.cursor"
        self.path = path
        let opened = retryingOnInterrupt { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640) }
        guard case .success(let fd) = opened else {
            if case .failure(let e) = opened { throw SystemCallError(call: "open", path: path, errno: e.code) }
            fatalError("unreachable")
        }
        self.fd = fd
        self.instance = instance
        self.stream = stream
    }

    deinit { close(fd) }

    /// The cursor on disk; `.start` when there is none or it does not apply.
    func read() -> PublishCursor {
        var buffer = [UInt8](repeating: 0, count: PublishCursor.size)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n == PublishCursor.size else { return .start }
        return PublishCursor.decode(buffer, instance: instance, stream: stream) ?? .start
    }

    /// Writes the cursor in place; with `sync`, makes it durable.
    func write(_ cursor: PublishCursor, sync: Bool) throws(SystemCallError) {
        let line = cursor.encoded(instance: instance, stream: stream)
        let written = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == line.count else { throw SystemCallError(call: "pwrite", path: path, errno: errno) }
        if sync, fdatasync(fd) != 0 { throw SystemCallError(call: "fdatasync", path: path, errno: errno) }
    }
}
