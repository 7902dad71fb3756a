import Prometheus
import Testing

@testable import StatusServer

struct StatusLineTests {
    @Test func theStatusLineReadsLikeTheIssueExample() {
        let snapshot = FixedSource.snapshot(state: .running, lastError: nil)
        #expect(
            snapshot.statusLine
                == "watching /var/spool/articled/incoming: 1,204 articles, 3 duplicates, 1 rejected, queue 0"
        )
    }

    @Test func aDegradedStatusLineSaysWhy() {
        let snapshot = FixedSource.snapshot(state: .degraded, lastError: "disk full")
        #expect(snapshot.statusLine.hasPrefix("DEGRADED, watching "))
        #expect(snapshot.statusLine.hasSuffix("(disk full)"))
    }

    @Test func theSummaryNamesEveryFigure() {
        let summary = FixedSource.snapshot(state: .running, lastError: nil).summary
        #expect(summary.hasPrefix("articled 0.1.0: running, up 12s"))
        #expect(summary.contains("1,204 articles, 3 duplicates, 1 rejected"))
        #expect(summary.contains("last seq 1208, 4.0 KiB in 1 segment"))
    }

    @Test func theStatusLineAndSummaryShowThePublisherWhenItIsOn() {
        var snapshot = FixedSource.snapshot(state: .running, lastError: nil)
        snapshot.publish = PublishFigures(
            state: "retrying", instance: "edge-1", stream: "ARTICLED", acknowledgedSeq: 1000, lag: 208,
            published: 12, failures: 3, lastError: "not connected to any NATS server (reconnecting)"
        )
        #expect(
            snapshot.statusLine.hasSuffix(
                "queue 0, publish retrying lag 208 (not connected to any NATS server (reconnecting))"
            )
        )
        #expect(snapshot.summary.contains("publish    retrying as edge-1 to stream ARTICLED: acknowledged seq 1000, lag 208"))
        #expect(snapshot.summary.contains("publish error not connected"))
        snapshot.publish?.state = "caught-up"
        snapshot.publish?.lag = 0
        #expect(snapshot.statusLine.hasSuffix("queue 0, publish lag 0"))
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1204, "1,204"), (1_234_567, "1,234,567"), (-1000, "-1,000")])
    func numbersAreGroupedByThousands(value: Int, text: String) {
        #expect(StatusSnapshot.grouped(value) == text)
    }
}

struct StatusRequestDecoderTests {
    @Test func theHeadEndsAtTheFirstBlankLine() throws {
        #expect(try StatusRequestDecoder.parse("GET /status HTTP/1.1\r\nHost: x\r\n\r\n").path == "/status")
    }

    @Test func theQueryIsIgnored() throws {
        #expect(try StatusRequestDecoder.parse("GET /metrics?x=1 HTTP/1.0\r\n\r\n").path == "/metrics")
    }

    @Test func anHTTP09RequestIsMalformed() {
        #expect(throws: StatusRequestError.malformed) { try StatusRequestDecoder.parse("GET /status\r\n\r\n") }
    }
}

struct StatusClientParsingTests {
    @Test func statusAndBodyAreSplit() throws {
        let parsed = try #require(StatusClient.parse(Array("HTTP/1.1 503 Service Unavailable\r\nA: b\r\n\r\n{}".utf8)))
        #expect(parsed.status == 503)
        #expect(parsed.body == "{}")
    }

    @Test func garbageIsRejected() {
        #expect(StatusClient.parse(Array("hello".utf8)) == nil)
    }
}

struct MetricsRegistryTests {
    @Test func countersRecordedThroughTheFactoryAppearInTheText() {
        let metrics = MetricsRegistry()
        let counter = metrics.factory.makeCounter(
            label: MetricsRegistry.Name.filesTotal,
            dimensions: [("outcome", "article")]
        )
        counter.increment(by: 2)
        let gauge = metrics.factory.makeMeter(label: MetricsRegistry.Name.queueDepth, dimensions: [])
        gauge.set(Int64(5))
        let text = metrics.text()
        #expect(text.contains("articled_files_total{outcome=\"article\"} 2"))
        #expect(text.contains("articled_queue_depth 5"))
    }
}
