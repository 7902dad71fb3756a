import ArticleExtraction
import ArticleLog
import FolderWatch
import Foundation
import Logging
import LogStream
import ServiceLifecycle
import StatusServer
import SystemdSupport

/// `articled run`: recovers the log, then runs the watcher, the ingest workers and the log writer as services
/// of one ServiceGroup until SIGTERM or SIGINT, on which it stops taking files, finishes the ones in flight,
/// makes them durable and returns.
public struct Daemon: Sendable {
    /// The daemon's version, reported on the status socket.
    public static let version = ArticledVersion.number

    let configuration: DaemonConfiguration
    let logger: Logger
    let metrics: MetricsRegistry?
    let logLevel: ReloadableLogLevel?
    let reloadConfiguration: (@Sendable () throws -> DaemonConfiguration)?

    /// Creates a daemon; nothing starts until `run`.
    /// - Parameters:
    ///   - metrics: The registry behind `/metrics`, once bootstrapped as the process's metrics factory.
    ///   - logLevel: The level the process's log handlers follow; SIGHUP sets it from the reloaded configuration.
    ///   - reloadConfiguration: Loads the configuration again from the same flags, environment and file.
    public init(
        configuration: DaemonConfiguration,
        logger: Logger,
        metrics: MetricsRegistry? = nil,
        logLevel: ReloadableLogLevel? = nil,
        reloadConfiguration: (@Sendable () throws -> DaemonConfiguration)? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.logLevel = logLevel
        self.reloadConfiguration = reloadConfiguration
    }

    /// Runs until a shutdown signal. Throws when the daemon cannot start (an unreadable log, a missing folder)
    /// or when a service fails.
    public func run() async throws {
        let watch = Self.absolute(configuration.watch)
        let state = Self.absolute(configuration.state)
        let lock = try StartupChecks(watch: watch, state: state, logger: logger).run()
        let notifier = SystemdNotifier(logger: logger)
        // Every series from the start, so that Prometheus sees the daemon before its first file.
        if metrics != nil { DaemonMetrics.registerSeries() }
        let changes = StatusChanges()
        let publisher = makePublisher(state: state, changes: changes)
        let writer = try openLog(in: state, notifier: notifier, publisher: publisher)
        let parts = try assemble(writer: writer, watch: watch, state: state, changes: changes, publisher: publisher)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: try services(parts, notifier: notifier),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info(
            "watching for articles",
            metadata: ["watch": "\(watch)", "state": "\(state)", "workers": "\(configuration.effectiveWorkers)"]
        )
        try await group.run()
        withExtendedLifetime(lock) {}
        parts.stats.setState(.stopping)
        logger.info("stopped", metadata: ["last_seq": "\(writer.stats().lastSeq)"])
    }

    /// The daemon's working parts, made once the log is open.
    private struct Parts {
        var writer: LogWriter
        var stats: DaemonStats
        var queue: IntakeQueue
        var pipeline: Pipeline
        var watcher: FolderWatcher
        var source: DaemonStatusSource
        /// Removes old originals from done/ when `keep-originals` is set.
        var retention: RetentionSweeper?
        /// The include/exclude patterns the watcher reads, replaced on reload.
        var selection: LiveSelection
        /// Signals that the STATUS= line may have changed.
        var changes: StatusChanges
        /// Sends the log to a JetStream stream when `publish-url` is set.
        var publisher: LogPublisher?
    }

    /// The stream publisher, when `publish-url` is set.
    private func makePublisher(state: String, changes: StatusChanges) -> LogPublisher? {
        let c = configuration
        guard !c.publishURL.isEmpty else { return nil }
        let instance = c.instance ?? StreamLayout.defaultInstance(stateFolder: state)
        return LogPublisher(
            settings: NatsConnectionSettings(
                servers: c.publishURL,
                name: "articled/\(instance)",
                credentialsFile: c.publishCredentials,
                tlsCA: c.publishTLSCA,
                tlsCertificate: c.publishTLSCert,
                tlsKey: c.publishTLSKey
            ),
            layout: StreamLayout(
                stream: c.publishStream,
                subjectPrefix: c.publishSubjectPrefix,
                instance: instance,
                replicas: c.publishReplicas
            ),
            stateFolder: state,
            logger: logger,
            changed: { changes.signal() }
        )
    }

    /// Recovers the log and opens it for appending.
    private func openLog(
        in state: String,
        notifier: SystemdNotifier,
        publisher: LogPublisher?
    ) throws -> LogWriter {
        let directory = SegmentDirectory(path: state + "/log")
        var onSync: (@Sendable (Double, Int) -> Void)? = nil
        if metrics != nil { onSync = DaemonMetrics.syncObserver }
        // The publisher reads the durable log; the head moving is its cue, so it never polls.
        var onAcknowledged: (@Sendable (Int) -> Void)? = nil
        if let publisher { onAcknowledged = { _ in publisher.logAdvanced() } }
        return try LogWriter(
            directory: directory,
            recovered: try recoverLog(directory, state: state, notifier: notifier),
            options: LogWriterOptions(
                segmentBytes: configuration.segmentBytes,
                syncEachRecord: configuration.fsync == .always,
                onSync: onSync,
                onAcknowledged: onAcknowledged,
                extractor: Extractor.version
            ),
            logger: logger
        )
    }

    /// Builds the pipeline (reader, completer, workers), the watcher and the status source around the writer.
    private func assemble(
        writer: LogWriter,
        watch: String,
        state: String,
        changes: StatusChanges,
        publisher: LogPublisher?
    ) throws -> Parts {
        let config = configuration
        let files = try SafeFile(root: watch)
        let stats = DaemonStats(changed: { changes.signal() })
        let queue = IntakeQueue(capacity: config.queueSize)
        let completer = Completer(
            writer: writer,
            mover: FileMover(drop: files, state: try DirectoryHandle(opening: state)),
            directories: DirectorySyncer(),
            stats: stats,
            logger: logger
        )
        let pipeline = Pipeline(
            queue: queue,
            reader: FileReader(files: files, maxBytes: config.maxBytes, allowHardLinks: config.allowHardLinks),
            completer: completer,
            stats: stats,
            workers: config.effectiveWorkers,
            logger: logger,
            maxInFlight: 256,
            sidecars: SidecarPairing(fixedWait: config.sidecarWaitMs.map { .milliseconds($0) })
        )
        let watcher = FolderWatcher(
            options: WatchOptions(
                root: watch,
                settle: config.settleMs > 0 ? .milliseconds(config.settleMs) : nil,
                pollInterval: config.pollMs > 0 ? .milliseconds(config.pollMs) : nil
            ),
            logger: logger
        )
        var retention: RetentionSweeper? = nil
        if case .seconds(let keep) = config.keepOriginals {
            retention = RetentionSweeper(done: state + "/done", keepSeconds: keep)
        }
        let source = DaemonStatusSource(
            stats: stats,
            writer: writer,
            queue: queue,
            watch: watch,
            metrics: metrics,
            polledFolders: { watcher.degradedSubtrees.map(\.description) },
            originalsPruned: { [retention] in retention?.prunedCount },
            publish: { [publisher] in publisher?.status }
        )
        return Parts(
            writer: writer,
            stats: stats,
            queue: queue,
            pipeline: pipeline,
            watcher: watcher,
            source: source,
            retention: retention,
            selection: LiveSelection(config.selection),
            changes: changes,
            publisher: publisher
        )
    }

    /// The services, in start order; shutdown runs in reverse: status socket and systemd helpers first, then
    /// the watcher, the workers, and last the writer.
    private func services(
        _ parts: Parts,
        notifier: SystemdNotifier
    ) throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let (writer, stats, source) = (parts.writer, parts.stats, parts.source)
        let activated = try ListenFDs.take().first
        let hasSocket = activated != nil || configuration.socket != nil
        let readiness = Readiness(waitingFor: hasSocket ? [.scan, .socket] : [.scan]) {
            stats.setState(.running)
            // The snapshot is read by a task; READY=1 waits for it, a moment, so that both arrive together.
            Task { notifier.ready(status: await source.snapshot().statusLine) }
        }
        let running = configuration
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: LogWriterService(writer: writer)),
            .init(service: parts.pipeline),
            // A failing watcher stops the daemon gracefully (in-flight files finish) and the exit
            // status says so; systemd's Restart=on-failure then brings it back.
            .init(
                service: WatcherService(
                    watcher: parts.watcher,
                    queue: parts.queue,
                    selection: parts.selection,
                    queued: { parts.changes.signal() },
                    logger: logger
                ) {
                    readiness.met(.scan)
                },
                successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup
            ),
            .init(
                service: StatusLineService(notifier: notifier, changes: parts.changes.stream) {
                    await source.snapshot().statusLine
                }
            ),
            .init(
                // Pings stop when a worker has been on one file, or the writer on one batch, for two minutes:
                // systemd then restarts the daemon, and recovery and the start-up scan finish the work.
                service: WatchdogService(notifier: notifier, logger: logger) {
                    !stats.hasStuckWorker(longerThan: .seconds(120)) && !writer.isStuck(longerThan: .seconds(120))
                }
            ),
            .init(
                service: ReloadService(notifier: notifier, logger: logger) {
                    try reload(from: running, selection: parts.selection, retention: parts.retention)
                }
            ),
        ]
        if let sweeper = parts.retention {
            services.append(.init(service: RetentionService(sweeper: sweeper, logger: logger)))
        }
        if let publisher = parts.publisher {
            services.append(.init(service: publisher))
        }
        if let address = configuration.metricsListen {
            services.append(.init(service: try MetricsListener(address: address, source: source, logger: logger)))
        }
        if hasSocket {
            let server = StatusServer(
                configuration: .init(
                    socketPath: configuration.socket ?? "(socket activation)",
                    adoptedDescriptor: activated
                ),
                source: source,
                logger: logger,
                onListening: { readiness.met(.socket) }
            )
            services.append(.init(service: server))
        }
        return services
    }

    /// Rebuilds the writer's state from the log, asking systemd for more start-up time while it runs.
    private func recoverLog(
        _ directory: SegmentDirectory,
        state: String,
        notifier: SystemdNotifier
    ) throws -> RecoveredLog {
        notifier.status("recovering the log in \(state)/log")
        // A long recovery keeps asking systemd for more time instead of being killed by TimeoutStartSec. Without
        // systemd the message goes nowhere and the loop ends at once, so that no timer outlives the start.
        let extender = Task {
            while !Task.isCancelled, notifier.extendTimeout(.seconds(30)) {
                try? await Task.sleep(for: .seconds(10))
            }
        }
        defer { extender.cancel() }
        let recovered = try LogRecovery.recover(directory, logger: logger)
        logger.info(
            "log recovered",
            metadata: [
                "last_seq": "\(recovered.lastSeq)", "segments": "\(recovered.segmentCount)",
                "articles": "\(recovered.index.articles)",
            ]
        )
        return recovered
    }

    /// Keys `systemctl reload` applies to the running daemon; the others need a restart.
    static let liveKeys: Set<String> = ["log-level", "include", "exclude", "keep-originals"]

    /// SIGHUP: loads the configuration again (a mistake is reported and changes nothing), applies what can change
    /// while running (log level, include/exclude, the keep-originals period) and names the changed keys that
    /// wait for a restart. Changes are compared with the configuration the daemon started with.
    private func reload(
        from running: DaemonConfiguration,
        selection: LiveSelection,
        retention: RetentionSweeper?
    ) throws {
        guard let reloadConfiguration else { return }
        let fresh = try reloadConfiguration()
        if let level = Logger.Level(rawValue: fresh.logLevel) { logLevel?.current = level }
        selection.replace(with: fresh.selection)
        var pending = fresh.changedKeys(from: running).filter { !Self.liveKeys.contains($0) }
        switch (fresh.keepOriginals, retention) {
        case (.seconds(let keep), let sweeper?): sweeper.keepSeconds = keep
        case (.forever, nil): break
        default: pending.append("keep-originals")
        }
        logger.notice(
            "configuration re-read",
            metadata: [
                "log_level": "\(fresh.logLevel)", "include": "\(fresh.include)", "exclude": "\(fresh.exclude)",
                "keep_originals": "\(fresh.keepOriginals.description)",
            ]
        )
        if !pending.isEmpty {
            logger.warning(
                "configuration changes that take effect at the next restart",
                metadata: ["keys": "\(pending.joined(separator: ", "))"]
            )
        }
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}
