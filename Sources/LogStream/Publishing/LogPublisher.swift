import ArticleLog
import Logging
import ServiceLifecycle
import Synchronization

/// Publishes every acknowledged record of the log to a JetStream stream, exactly once and in seq order
/// (`PublishSession`), as a service beside ingestion. Ingestion never waits for it: it reads the durable log,
/// wakes when the head moves (`logAdvanced`) and otherwise sleeps; when the server is unreachable it retries
/// with backoff (0.1 s doubling to 10 s) and shows the lag and the last error in `status`.
public final class LogPublisher: Service, Sendable {
    private let settings: NatsConnectionSettings
    private let layout: StreamLayout
    private let directory: SegmentDirectory
    private let logger: Logger
    private let queue = BlockingQueue(label: "articled.publisher")
    private let current: Mutex<PublishStatus>
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let stop = StopFlag()
    /// Told whenever `status` changes (the STATUS= line shows the lag).
    private let changed: @Sendable () -> Void

    static let firstBackoff = Duration.milliseconds(100)
    static let longestBackoff = Duration.seconds(10)

    /// Creates the publisher for the log in `stateFolder/log`; nothing connects until `run`.
    public init(
        settings: NatsConnectionSettings,
        layout: StreamLayout,
        stateFolder: String,
        logger: Logger,
        changed: @escaping @Sendable () -> Void = {}
    ) {
        self.settings = settings
        self.layout = layout
        self.directory = SegmentDirectory(path: stateFolder + "/log")
        self.logger = logger
        self.current = Mutex(PublishStatus(instance: layout.instance, stream: layout.stream))
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.changed = changed
    }

    /// What the publisher is doing now.
    public var status: PublishStatus { current.withLock { $0 } }

    /// Tells the publisher that the log's head moved. Wake-ups that arrive while one is pending merge into it.
    public func logAdvanced() { wake.yield() }

    public func run() async throws {
        let cursorFile = try PublishCursorFile(
            stateFolder: directory.stateDirectory,
            instance: layout.instance,
            stream: layout.stream
        )
        update { $0.acknowledgedSeq = cursorFile.read().seq }
        defer { update { $0.state = .stopped } }
        let stop = self.stop
        // A graceful shutdown cancels the loop; the cancellation stops a batch between two records.
        try? await cancelWhenGracefulShutdown {
            try await withTaskCancellationHandler {
                try await self.loop(cursorFile)
            } onCancel: {
                stop.set()
            }
        }
    }

    /// Connects, then publishes what the log holds, waits for more, and retries after failures.
    private func loop(_ cursorFile: PublishCursorFile) async throws {
        var backoff = Self.firstBackoff
        var session: PublishSession? = nil
        var wakeUps = self.wakeUps.makeAsyncIterator()
        while !Task.isCancelled {
            do {
                if session == nil { session = try await open(cursorFile) }
                let head = try await publishAvailable(session!)
                backoff = Self.firstBackoff
                // Caught up with the head read before publishing: sleep until it moves (a move since then has
                // left a wake-up waiting).
                if head.seq <= session!.acknowledged {
                    update { $0.state = .caughtUp }
                    guard await wakeUps.next() != nil else { return }
                }
            } catch is CancellationError {
                return
            } catch {
                session?.needsResume = true
                failed(error)
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, Self.longestBackoff)
            }
        }
    }

    private func open(_ cursorFile: PublishCursorFile) async throws -> PublishSession {
        let (settings, layout, directory) = (self.settings, self.layout, self.directory)
        let connection = try await queue.run { try NatsConnection(settings, retryForever: true) }
        return PublishSession(
            layout: layout,
            connection: connection,
            directory: directory,
            cursorFile: cursorFile
        ) { [weak self] seq in
            self?.update {
                $0.acknowledgedSeq = seq
                $0.state = .publishing
            }
        }
    }

    /// Publishes up to the head as it is now, and returns that head.
    private func publishAvailable(_ session: PublishSession) async throws -> LogHead {
        let head = try head()
        // While retrying, the state stays `retrying` until a record is acknowledged.
        if head.seq > session.acknowledged { update { if $0.state != .retrying { $0.state = .publishing } } }
        let stop = self.stop
        let count = try await queue.run { try session.publishAvailable(head: head, stop: stop) }
        update { $0.publishedSinceStart += count }
        if count > 0 { logger.debug("published", metadata: ["records": "\(count)", "seq": "\(session.acknowledged)"]) }
        return head
    }

    private func head() throws -> LogHead {
        try LogReader(directory: directory).head() ?? .empty
    }

    /// Records a failure; the log hears of it once per distinct error, not once per retry.
    private func failed(_ error: any Error) {
        let text = "\(error)"
        let isNew = current.withLock { status in
            let isNew = status.lastError != text || status.state != .retrying
            status.state = .retrying
            status.failures += 1
            status.lastError = text
            return isNew
        }
        changed()
        if isNew {
            logger.warning(
                "cannot publish to the stream; retrying with backoff",
                metadata: ["stream": "\(layout.stream)", "servers": "\(settings.servers)", "error": "\(text)"]
            )
        }
    }

    private func update(_ change: (inout PublishStatus) -> Void) {
        let different = current.withLock { status in
            let before = status
            change(&status)
            return before != status
        }
        if different { changed() }
    }
}
