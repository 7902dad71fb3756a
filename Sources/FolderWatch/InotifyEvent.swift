import Glibc

/// One `struct inotify_event` record, copied out of the kernel's buffer into a Swift value so that it can outlive
/// the buffer and be handled with ordinary code.
public struct InotifyEvent: Sendable, Hashable {
    /// The watch the event belongs to, as returned by `inotify_add_watch`; -1 for a queue overflow.
    public var wd: Int32
    /// What happened.
    public var mask: InotifyEventMask
    /// Pairs an `IN_MOVED_FROM` with its `IN_MOVED_TO`; 0 for other events.
    public var cookie: UInt32
    /// The entry's name inside the watched folder, without the NUL padding; empty for events on the folder itself.
    /// Bytes that are not UTF-8 are replaced with U+FFFD, so such a name does not match a file on disk.
    public var name: String
    /// False when the name's bytes are not valid UTF-8: `name` is then only an approximation, for logs.
    public var nameIsValidUTF8: Bool
    /// The name's bytes, kept when they are not UTF-8 (to rename the entry).
    public var rawName: [UInt8]? = nil

    /// Creates an event; used by the parser and by tests.
    public init(
        wd: Int32,
        mask: InotifyEventMask,
        cookie: UInt32 = 0,
        name: String = "",
        nameIsValidUTF8: Bool = true,
        rawName: [UInt8]? = nil
    ) {
        self.wd = wd
        self.mask = mask
        self.cookie = cookie
        self.name = name
        self.nameIsValidUTF8 = nameIsValidUTF8
        self.rawName = rawName
    }

    /// The size of the fixed part of a record; the name follows it, `len` bytes long including NUL padding.
    public static let headerSize = MemoryLayout<inotify_event>.size

    /// Parses every complete record in a batch as returned by one `read` of an inotify descriptor. The records are
    /// variable-length and not necessarily aligned in the buffer, so each header is read with an unaligned load; a
    /// truncated record at the end (which the kernel never produces) is dropped rather than read past the end.
    public static func parseBatch(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + headerSize <= bytes.count {
            let header = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = offset + headerSize
            let nameEnd = nameStart + Int(header.len)
            guard nameEnd <= bytes.count else { break }
            let padded = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameEnd])
            let nameBytes = padded.prefix { $0 != 0 }
            let validName = String(validating: nameBytes, as: UTF8.self)
            events.append(
                InotifyEvent(
                    wd: header.wd,
                    mask: InotifyEventMask(rawValue: header.mask),
                    cookie: header.cookie,
                    name: validName ?? String(decoding: nameBytes, as: UTF8.self),
                    nameIsValidUTF8: validName != nil,
                    rawName: validName == nil ? Array(nameBytes) : nil
                )
            )
            offset = nameEnd
        }
        return events
    }

    /// Parses a batch held in a byte array; see `parseBatch(_:)` for buffers.
    public static func parseBatch(_ bytes: [UInt8]) -> [InotifyEvent] {
        bytes.withUnsafeBytes { parseBatch($0) }
    }
}
