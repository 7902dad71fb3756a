import ArticleLog
import Testing

@testable import LogStream

@Suite struct LogTailTests {
    @Test func readsEveryLineAcrossSegmentsAndResumesAtAnyLine() throws {
        let log = try GeneratedLog(records: 300, segmentBytes: 64 << 10)
        #expect(try log.directory.segmentNumbers().count > 2)
        let all = try log.lines()
        var tail = LogTail(directory: log.directory, position: .start)
        var seen: [[UInt8]] = []
        var positions: [LogReader.Position] = []
        try tail.forEachLine(upTo: log.head) { line, after in
            seen.append(line)
            positions.append(after)
            return true
        }
        #expect(seen == all)
        #expect(tail.position == LogReader.Position(segment: log.head.segment, offset: log.head.offset))
        // From the position after line 137, the rest comes, and nothing twice.
        var resumed = LogTail(directory: log.directory, position: positions[136])
        var rest: [[UInt8]] = []
        try resumed.forEachLine(upTo: log.head) { line, _ in
            rest.append(line)
            return true
        }
        #expect(rest == Array(all[137...]))
    }

    @Test func stopsWhereTheBodySaysAndNeverPassesTheHead() throws {
        let log = try GeneratedLog(records: 50)
        let all = try log.lines()
        var earlier = log.head
        earlier.seq = 20
        earlier.offset = all[0..<20].reduce(0) { $0 + $1.count + 1 }
        var tail = LogTail(directory: log.directory, position: .start)
        var count = 0
        try tail.forEachLine(upTo: earlier) { _, _ in
            count += 1
            return true
        }
        #expect(count == 20)
        var stopped = LogTail(directory: log.directory, position: .start)
        try stopped.forEachLine(upTo: log.head) { line, _ in LogReader.seq(of: line)! < 10 }
        // Lines 1…9 were taken; line 10 was declined, so the position is just before it.
        #expect(stopped.position.offset == all[0..<9].reduce(0) { $0 + $1.count + 1 })
    }
}
