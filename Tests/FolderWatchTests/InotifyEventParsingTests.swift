import Glibc
import Testing

@testable import FolderWatch

/// Builds the bytes of one `inotify_event` record as the kernel lays it out: the header in native byte order,
/// then the name padded with NULs to `paddedLength` bytes.
private func record(
    wd: Int32,
    mask: UInt32,
    cookie: UInt32 = 0,
    name: String = "",
    rawName: [UInt8]? = nil,
    paddedLength: Int? = nil
)
    -> [UInt8]
{
    let nameBytes = rawName ?? Array(name.utf8)
    let length = paddedLength ?? (nameBytes.isEmpty ? 0 : (nameBytes.count + 1 + 15) / 16 * 16)
    var bytes: [UInt8] = []
    withUnsafeBytes(of: wd) { bytes += $0 }
    withUnsafeBytes(of: mask) { bytes += $0 }
    withUnsafeBytes(of: cookie) { bytes += $0 }
    withUnsafeBytes(of: UInt32(length)) { bytes += $0 }
    bytes += nameBytes + Array(repeating: 0, count: length - nameBytes.count)
    return bytes
}

@Suite("Parsing inotify event batches")
struct InotifyEventParsingTests {
    @Test func headerIsSixteenBytesAsTheKernelWritesIt() {
        #expect(InotifyEvent.headerSize == 16)
    }

    @Test func parsesEveryRecordOfABatchInOrder() {
        let batch =
            record(wd: 1, mask: UInt32(IN_CREATE), name: "a.txt")
            + record(wd: 2, mask: UInt32(IN_MOVED_FROM), cookie: 7, name: "old")
            + record(wd: 1, mask: UInt32(IN_MOVED_TO), cookie: 7, name: "a-much-longer-name-than-sixteen.txt")
        let events = InotifyEvent.parseBatch(batch)
        #expect(
            events == [
                InotifyEvent(wd: 1, mask: .create, name: "a.txt"),
                InotifyEvent(wd: 2, mask: .movedFrom, cookie: 7, name: "old"),
                InotifyEvent(wd: 1, mask: .movedTo, cookie: 7, name: "a-much-longer-name-than-sixteen.txt"),
            ]
        )
    }

    @Test func stripsTheNULPaddingFromNames() {
        let batch = record(wd: 3, mask: UInt32(IN_CLOSE_WRITE), name: "x", paddedLength: 32)
        #expect(InotifyEvent.parseBatch(batch).map(\.name) == ["x"])
    }

    @Test func readsARecordWithoutNameAsAnEmptyName() {
        let batch =
            record(wd: -1, mask: UInt32(IN_Q_OVERFLOW))
            + record(wd: 4, mask: UInt32(IN_DELETE_SELF))
            + record(wd: 4, mask: UInt32(IN_IGNORED))
        let events = InotifyEvent.parseBatch(batch)
        #expect(events.map(\.name) == ["", "", ""])
        #expect(events.map(\.mask) == [.queueOverflow, .deleteSelf, .ignored])
        #expect(events.first?.wd == -1)
    }

    @Test func combinesFlagsIntoOneMask() {
        let batch = record(wd: 1, mask: UInt32(IN_CREATE) | UInt32(bitPattern: IN_ISDIR), name: "sub")
        let mask = InotifyEvent.parseBatch(batch).first?.mask
        #expect(mask == [.create, .isDirectory])
        #expect(mask?.description == "CREATE|ISDIR")
    }

    @Test func parsesRecordsAtUnalignedOffsets() {
        // A slice starting one byte in: every header load is unaligned.
        let batch = [0xFF] + record(wd: 9, mask: UInt32(IN_CLOSE_WRITE), name: "b") + record(wd: 9, mask: 2, name: "c")
        let events = batch.withUnsafeBytes { InotifyEvent.parseBatch(UnsafeRawBufferPointer(rebasing: $0[1...])) }
        #expect(events.map(\.name) == ["b", "c"])
    }

    @Test func dropsATruncatedRecordAtTheEnd() {
        let complete = record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: "whole")
        let truncated = Array(record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: "cut-off").prefix(20))
        #expect(InotifyEvent.parseBatch(complete + truncated).map(\.name) == ["whole"])
        #expect(InotifyEvent.parseBatch(Array(complete.prefix(10))).isEmpty)
    }

    @Test func flagsANameThatIsNotUTF8() {
        let latin1 = record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), rawName: [0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74])
        let utf8 = record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: "fé.txt")
        let events = InotifyEvent.parseBatch(latin1 + utf8)
        #expect(events.map(\.nameIsValidUTF8) == [false, true])
        #expect(events.last?.name == "fé.txt")
    }

    @Test func parsesAnEmptyBatchAsNoEvents() {
        #expect(InotifyEvent.parseBatch([UInt8]()).isEmpty)
    }
}
