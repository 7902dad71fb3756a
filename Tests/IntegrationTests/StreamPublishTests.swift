import ArticleLog
import Foundation
import Glibc
import LogStream
import Synchronization
import StatusServer
import Testing

/// The stream publisher against the real `nats-server -js`: every record in the stream exactly once, byte for
/// byte, in seq order, through kill -9 of the daemon and an outage of the server. The three-node cluster test
/// runs when `STREAM_CLUSTER=1` or `RELIABILITY_LONG=1` is set.
@Suite(.serialized, .enabled(if: NatsServerHarness.binary != nil, "nats-server is not installed (make deps)"))
struct StreamPublishTests {
    static func article(_ n: Int, from instance: String = "a") -> String {
        "Stream Headline \(instance) \(n)\n\nBy Ada Writer\n\nThe council met on day \(n) and agreed on item "
            + "\(n * 7919) of \(instance). Residents said the plan was overdue.\n"
    }

    static func daemon(_ nats: NatsServerHarness, instance: String, replicas: Int = 1) throws -> DaemonHarness {
        try DaemonHarness(arguments: [
            "--sidecar-wait-ms", "0", "--publish-url", nats.urls, "--instance", instance,
            "--publish-replicas", "\(replicas)",
        ])
    }

    /// The log's lines, exactly as written.
    static func logLines(_ d: DaemonHarness) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        try LogReader(directory: SegmentDirectory(path: d.state + "/log")).read { lines.append($0) }
        return lines
    }

    /// What `articled stream cat --verify` prints for one instance, and whether the check passed.
    static func streamLines(_ urls: String, instance: String) async throws -> (verified: Bool, lines: [[UInt8]]) {
        let (status, output) = try await DaemonHarness.runTool([
            "stream", "cat", "--server", urls, "--instance", instance, "--verify",
        ])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).map { Array($0.utf8) }
        return (status == 0, lines)
    }

    /// The seq in `STATE/publish.cursor` (`v1 INSTANCE STREAM SEQ SEGMENT OFFSET CRC`), 0 when absent.
    static func cursorSeq(_ d: DaemonHarness) -> Int {
        let text = (try? String(contentsOfFile: d.state + "/publish.cursor", encoding: .utf8)) ?? ""
        let fields = text.split(separator: " ")
        return fields.count > 3 ? Int(fields[3]) ?? 0 : 0
    }

    static func publishFigures(_ d: DaemonHarness) -> PublishFigures? {
        guard let reply = try? StatusClient.get(socketPath: d.socket, path: "/status"), reply.status == 200 else {
            return nil
        }
        return (try? JSONDecoder().decode(StatusSnapshot.self, from: Data(reply.body.utf8)))?.publish
    }

    /// Waits until the daemon's log holds `count` records and the stream has acknowledged all of them.
    static func waitCaughtUp(_ d: DaemonHarness, _ count: Int, timeout: Duration = .seconds(90)) async throws {
        _ = try await d.waitForRecords(count, timeout: timeout)
        try await waitUntil(timeout: timeout, "the stream to acknowledge \(count) records") {
            guard let p = publishFigures(d) else { return false }
            return p.acknowledgedSeq >= count && p.lag == 0
        }
    }

    /// The stream holds exactly the log's lines, in order, and each chain verifies.
    static func expectExactlyOnce(_ d: DaemonHarness, _ urls: String, instance: String) async throws {
        let log = try logLines(d)
        let stream = try await streamLines(urls, instance: instance)
        #expect(stream.verified, "stream cat --verify failed for \(instance)")
        #expect(stream.lines.count == log.count, "\(stream.lines.count) messages for \(log.count) records")
        // Compared as a whole, never printed: a mismatch would dump megabytes of bytes.
        let identical = stream.lines == log
        #expect(identical, "the stream's messages are not the log's lines, in order")
    }

    @Test func everyRecordIsPublishedOnceWithItsHeadersAndStatusShowsNoLag() async throws {
        let nats = try NatsServerHarness()
        try await nats.startAll()
        try await nats.waitUntilListening()
        let d = try Self.daemon(nats, instance: "edge-one")
        try d.start()
        for i in 0..<30 { try d.write("p\(i).txt", Self.article(i)) }
        try await Self.waitCaughtUp(d, 30)
        try await Self.expectExactlyOnce(d, nats.urls, instance: "edge-one")
        // Subjects and headers as documented: PREFIX.INSTANCE.KIND, message id INSTANCE/SEQ.
        let connection = try NatsConnection(NatsConnectionSettings(servers: [nats.urls], name: "test"), retryForever: false)
        let last = try #require(
            try connection.lastMessage(
                stream: "ARTICLED",
                subject: "articled.edge-one.article",
                headers: StreamLayout.Header.all
            )
        )
        #expect(last.headers[StreamLayout.Header.seq] == "30")
        #expect(last.headers[StreamLayout.Header.instance] == "edge-one")
        #expect(last.headers[StreamLayout.Header.kind] == "article")
        #expect(last.data == (try Self.logLines(d)).last)
        // --from-time selects by the time the server stored each message.
        let past = try await DaemonHarness.runTool(["stream", "cat", "--server", nats.urls, "--from-time", "2000-01-01"])
        #expect(past.output.split(separator: "\n").count == 30)
        let future = try await DaemonHarness.runTool([
            "stream", "cat", "--server", nats.urls, "--from-time", "2100-01-01T00:00:00Z",
        ])
        #expect(future.status == 0 && future.output.isEmpty)
        try await d.stop()
    }

    /// A backlog builds while the broker is away; once it is back, the daemon is killed with SIGKILL as soon as
    /// the stream has acknowledged some of it, twice, so that each kill lands in the middle of publishing.
    @Test func killNineMidPublishResumesWithoutLosingOrRepeating() async throws {
        let nats = try NatsServerHarness()
        let d = try Self.daemon(nats, instance: "edge-kill")
        // Large enough that publishing it takes many status polls even on an idle machine.
        let total = 1500
        try d.start()
        for i in 0..<total { try d.write("k/\(i).txt", Self.article(i, from: "kill")) }
        _ = try await d.waitForRecords(total, timeout: .seconds(120))
        try await nats.startAll()
        var killedAt: [Int] = []
        for _ in 0..<2 {
            let after = killedAt.last ?? 0
            var acknowledged = 0
            try await waitUntil(timeout: .seconds(60), "the stream to acknowledge more than seq \(after)") {
                acknowledged = Self.publishFigures(d)?.acknowledgedSeq ?? 0
                return acknowledged > after
            }
            try await d.stop(signal: SIGKILL)
            killedAt.append(acknowledged)
            try d.start()
        }
        #expect(killedAt.allSatisfy { $0 < total }, "a kill came after the backlog was published: \(killedAt)")
        try await Self.waitCaughtUp(d, total)
        try await Self.expectExactlyOnce(d, nats.urls, instance: "edge-kill")
        #expect(Self.cursorSeq(d) == total)
        try await d.stop()
    }

    @Test func aBrokerOutageShowsTheLagAndTheErrorThenCatchesUp() async throws {
        let nats = try NatsServerHarness()
        try await nats.startAll()
        try await nats.waitUntilListening()
        let d = try Self.daemon(nats, instance: "edge-outage")
        try d.start()
        for i in 0..<10 { try d.write("before\(i).txt", Self.article(i, from: "before")) }
        try await Self.waitCaughtUp(d, 10)

        try await nats.kill("n1", signal: SIGTERM)
        for i in 0..<15 { try d.write("during\(i).txt", Self.article(i, from: "during")) }
        // Ingestion does not wait for the broker: all 25 records are durable while it is down.
        _ = try await d.waitForRecords(25)
        try await waitUntil(timeout: .seconds(30), "status to show the lag and the error") {
            guard let p = Self.publishFigures(d) else { return false }
            return p.state == "retrying" && p.lag == 15 && p.lastError != nil
        }
        let metrics = try StatusClient.get(socketPath: d.socket, path: "/metrics").body
        #expect(metrics.contains("articled_publish_lag_records 15"))
        #expect(metrics.contains("articled_publish_up 0"))

        try nats.start("n1")
        try await Self.waitCaughtUp(d, 25, timeout: .seconds(60))
        try await Self.expectExactlyOnce(d, nats.urls, instance: "edge-outage")
        try await d.stop()
    }

    /// The first connection fails: the daemon must start, record files and keep trying in the background (the
    /// C client would otherwise retry inside its connect call, for ever, and the publisher would never report).
    @Test func aBrokerDownAtStartIsWaitedForWithoutHoldingAnythingUp() async throws {
        let nats = try NatsServerHarness()
        let d = try Self.daemon(nats, instance: "edge-late")
        try d.start()
        for i in 0..<5 { try d.write("l\(i).txt", Self.article(i, from: "late")) }
        _ = try await d.waitForRecords(5)
        try await waitUntil(timeout: .seconds(30), "status to show the publisher retrying") {
            Self.publishFigures(d)?.state == "retrying"
        }
        try await nats.startAll()
        try await Self.waitCaughtUp(d, 5, timeout: .seconds(60))
        try await Self.expectExactlyOnce(d, nats.urls, instance: "edge-late")
        try await d.stop()
    }

    /// A cursor whose position leads past its seq (a damaged or foreign state folder): the publisher finds its
    /// place again from the log's start instead of spinning or blaming another daemon.
    @Test func aCursorPointingPastItsRecordIsRecoveredFromTheLogsStart() async throws {
        let nats = try NatsServerHarness()
        try await nats.startAll()
        try await nats.waitUntilListening()
        let d = try Self.daemon(nats, instance: "edge-cursor")
        try d.start()
        for i in 0..<5 { try d.write("c\(i).txt", Self.article(i, from: "cursor")) }
        try await Self.waitCaughtUp(d, 5)
        try await d.stop()
        let head = try #require(try LogReader(directory: SegmentDirectory(path: d.state + "/log")).head())
        let body = "v1 edge-cursor ARTICLED 2 \(head.segment) \(head.offset)"
        var line = body + " " + CRC32C.hex(Array(body.utf8))
        line += String(repeating: " ", count: 255 - line.utf8.count) + "\n"
        try line.write(toFile: d.state + "/publish.cursor", atomically: false, encoding: .utf8)
        try d.start()
        for i in 5..<8 { try d.write("c\(i).txt", Self.article(i, from: "cursor")) }
        try await Self.waitCaughtUp(d, 8)
        try await Self.expectExactlyOnce(d, nats.urls, instance: "edge-cursor")
        try await d.stop()
    }

    @Test func aSecondDaemonUnderTheSameInstanceNamePlantsNothing() async throws {
        let nats = try NatsServerHarness()
        try await nats.startAll()
        try await nats.waitUntilListening()
        let first = try Self.daemon(nats, instance: "shared-name")
        try first.start()
        for i in 0..<5 { try first.write("f\(i).txt", Self.article(i, from: "first")) }
        try await Self.waitCaughtUp(first, 5)
        try await first.stop()

        // Another log whose seq 5 is a different record: publishing it would plant records under the name.
        let second = try Self.daemon(nats, instance: "shared-name")
        try second.start()
        for i in 0..<8 { try second.write("s\(i).txt", Self.article(i, from: "second")) }
        _ = try await second.waitForRecords(8)
        try await waitUntil(timeout: .seconds(30), "the second daemon to refuse") {
            guard let p = Self.publishFigures(second) else { return false }
            return p.state == "retrying" && (p.lastError ?? "").contains("another daemon uses this instance name")
        }
        #expect(second.isRunning, "ingestion goes on while publishing is refused")
        try await Self.expectExactlyOnce(first, nats.urls, instance: "shared-name")
        try await second.stop()
    }

    @Test func mutualTLSAsNATSUsersConfigureIt() async throws {
        let nats = try NatsServerHarness()
        let certs = try await NatsServerHarness.makeCertificates(in: nats.root + "/certs")
        nats.tls = (certs["server"]!, certs["server-key"]!, certs["ca"]!)
        try await nats.startAll()
        try await nats.waitUntilListening()
        let config = nats.root + "/articled.toml"
        try """
        publish-url = "\(nats.urls)"
        instance = "edge-tls"
        publish-tls-ca = "\(certs["ca"]!)"
        publish-tls-cert = "\(certs["client"]!)"
        publish-tls-key = "\(certs["client-key"]!)"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0", "--config", config])
        try d.start()
        for i in 0..<5 { try d.write("t\(i).txt", Self.article(i, from: "tls")) }
        try await Self.waitCaughtUp(d, 5)
        let read = try await DaemonHarness.runTool(["stream", "cat", "--config", config, "--verify"])
        #expect(read.status == 0)
        #expect(read.output.split(separator: "\n").map { Array($0.utf8) } == (try Self.logLines(d)))
        // Without the client certificate the server refuses the connection.
        let refused = try await DaemonHarness.runTool(["stream", "cat", "--server", nats.urls])
        #expect(refused.status != 0)
        try await d.stop()
    }
}

/// Three JetStream servers (an R3 stream) and two daemons: mid-burst, the stream's leader and one daemon are
/// killed with SIGKILL. Every record of both logs must end up in the stream exactly once, byte-identical, each
/// instance's in seq order. About 15 s with 400 files per daemon; `RELIABILITY_LONG=1` drops 4,000 each.
@Suite(.serialized, .enabled(if: NatsServerHarness.binary != nil, "nats-server is not installed (make deps)"))
struct StreamClusterTests {
    @Test func leaderAndDaemonKilledMidBurstLeaveEveryRecordOnceInTheStream() async throws {
        let perDaemon = KillCycleTests.long ? 4000 : 400
        let nats = try NatsServerHarness(count: 3)
        try await nats.startAll()
        try await nats.waitUntilListening()
        let a = try StreamPublishTests.daemon(nats, instance: "edge-a", replicas: 3)
        let b = try StreamPublishTests.daemon(nats, instance: "edge-b", replicas: 3)
        try a.start()
        try b.start()
        // The burst: files keep arriving in both drop folders, 10 every 50 ms; the second half waits for the
        // kills, so that they land in the middle of the burst however slow the machine is.
        let killed = Mutex(false)
        let dropper = Task {
            for i in 0..<perDaemon {
                if i == perDaemon / 2 {
                    while !killed.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
                }
                try a.write("a\(i).txt", StreamPublishTests.article(i, from: "a"))
                try b.write("b\(i).txt", StreamPublishTests.article(i, from: "b"))
                if i % 10 == 9 { try await Task.sleep(for: .milliseconds(50)) }
            }
        }
        try await waitUntil(timeout: .seconds(60), "both daemons to publish a quarter of the burst") {
            (StreamPublishTests.publishFigures(a)?.acknowledgedSeq ?? 0) >= perDaemon / 4
                && (StreamPublishTests.publishFigures(b)?.acknowledgedSeq ?? 0) >= perDaemon / 4
        }
        let leader = try Self.leader(nats)
        try await nats.kill(leader)
        try await a.stop(signal: SIGKILL)
        killed.withLock { $0 = true }
        try await Task.sleep(for: .milliseconds(300))
        try a.start()
        try await dropper.value
        try await StreamPublishTests.waitCaughtUp(a, perDaemon, timeout: .seconds(180))
        try await StreamPublishTests.waitCaughtUp(b, perDaemon, timeout: .seconds(180))
        try nats.start(leader)
        let alive = nats.nodes.filter { $0.name != leader }.map { nats.url($0.name) }.joined(separator: ",")
        try await StreamPublishTests.expectExactlyOnce(a, alive, instance: "edge-a")
        try await StreamPublishTests.expectExactlyOnce(b, alive, instance: "edge-b")
        try await a.stop()
        try await b.stop()
    }

    /// The server leading the ARTICLED stream.
    static func leader(_ nats: NatsServerHarness) throws -> String {
        let connection = try NatsConnection(
            NatsConnectionSettings(servers: nats.urls.split(separator: ",").map(String.init), name: "test"),
            retryForever: false
        )
        guard let leader = try connection.streamLeader("ARTICLED") else { throw HarnessError("the stream has no leader") }
        return leader
    }
}
