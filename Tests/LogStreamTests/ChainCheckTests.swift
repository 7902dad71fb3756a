import ArticleLog
import Testing

@testable import LogStream

@Suite struct ChainCheckTests {
    static func messages(_ lines: [[UInt8]], instance: String = "edge-a") -> [ReceivedMessage] {
        lines.enumerated().map { i, line in
            let record = RecordMessage(line: line)!
            return ReceivedMessage(
                subject: "articled.\(instance).\(record.kind)",
                data: line,
                headers: Dictionary(uniqueKeysWithValues: record.headers(instance: instance)),
                streamSequence: UInt64(i + 1),
                pending: 0,
                timestampNanos: 0
            )
        }
    }

    @Test func recordLinesGiveTheirSeqAndKind() throws {
        let log = try GeneratedLog(records: 40)
        let records = try log.lines().map { RecordMessage(line: $0)! }
        #expect(records.map(\.seq) == Array(1...40))
        #expect(Set(records.map(\.kind)).isSubset(of: ["article", "duplicate", "rejected"]))
        #expect(records.last!.sha256 == log.head.sha256)
        #expect(RecordMessage(line: Array("{\"seq\":1,\"no\":\"kind\"}".utf8)) == nil)
    }

    @Test func anIntactStreamPassesForEveryInstance() throws {
        let log = try GeneratedLog(records: 30)
        var check = ChainCheck()
        let a = Self.messages(try log.lines(), instance: "edge-a")
        let b = Self.messages(try log.lines(), instance: "edge-b")
        // Interleaved instances: each chain is followed on its own.
        for (x, y) in zip(a, b) {
            #expect(check.check(x).isEmpty)
            #expect(check.check(y).isEmpty)
        }
        #expect(check.counts == ["edge-a": 30, "edge-b": 30])
    }

    @Test func aRepeatAGapAChangedByteAndAWrongHeaderAreEachFound() throws {
        let log = try GeneratedLog(records: 10)
        let m = Self.messages(try log.lines())
        func problems(_ sequence: [ReceivedMessage]) -> Int {
            var check = ChainCheck()
            return sequence.reduce(0) { $0 + check.check($1).count }
        }
        #expect(problems(m) == 0)
        #expect(problems(Array(m[0...4]) + [m[4]] + Array(m[5...])) > 0, "a repeated record")
        #expect(problems(Array(m[0...3]) + Array(m[5...])) > 0, "a missing record")
        var changed = m
        changed[6].data[changed[6].data.count - 20] ^= 1
        #expect(problems(changed) > 0, "a changed byte")
        var relabelled = m
        relabelled[2].headers[StreamLayout.Header.seq] = "7"
        #expect(problems(relabelled) > 0, "a header naming another seq")
    }
}
