import ArgumentParser
import ArticleDaemon
import Foundation
import Logging
import Metrics
import StatusServer
import SystemdSupport

/// `articled run`: the daemon. Every option can also come from the environment (`ARTICLED_<KEY>`) or the TOML
/// file named by `--config`, under the same key.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon: watch a folder and log every article dropped into it."
    )

    @Option(help: "The drop folder to watch (ARTICLED_WATCH, key 'watch').")
    var watch: String?

    @Option(help: "The state folder holding log/, done/ and failed/ (ARTICLED_STATE, key 'state').")
    var state: String?

    @Option(help: "Path of the status socket (ARTICLED_SOCKET, key 'socket').")
    var socket: String?

    @Option(help: "A TOML configuration file with the same keys (ARTICLED_CONFIG).")
    var config: String?

    @Option(help: "Reject files larger than this many bytes (default 16777216).")
    var maxBytes: String?

    @Option(help: "Start a new log segment past this many bytes (default 67108864).")
    var segmentBytes: String?

    @Option(help: "'batch' syncs once per group of records, 'always' once per record (default batch).")
    var fsync: String?

    @Option(help: "Ingest workers; 0 means one per core (default 0).")
    var workers: String?

    @Option(help: "Paths the intake queue holds before the watcher waits (default 4096).")
    var queueSize: String?

    @Option(help: "Take a file only after this many ms without further events on it (default 0).")
    var settleMs: String?

    @Option(help: "Poll the folder every this many ms instead of using inotify, for NFS/SMB (default 0: inotify).")
    var pollMs: String?

    @Option(
        help: "How long NAME.txt waits for its NAME.json sidecar, and a sidecar for its article, in ms (default 1000)."
    )
    var sidecarWaitMs: String?

    @Option(help: "Take files with more than one hard link: true or false (default false: rejected).")
    var allowHardLinks: String?

    @Option(help: "journald, text or json (default: journald under systemd, text otherwise).")
    var logFormat: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(help: "Take only files matching these globs, comma-separated, on the path below the drop folder ('*.txt,feeds/**').")
    var include: String?

    @Option(help: "Leave files matching these globs where they are; wins over --include ('drafts/**,*.html').")
    var exclude: String?

    @Option(help: "Also answer /metrics and /health over TCP on HOST:PORT, for Prometheus (default: off).")
    var metricsListen: String?

    @Option(help: "Remove originals from done/ this long after their record: 30d, 12h, or forever (default).")
    var keepOriginals: String?

    @Option(help: "Publish every record to NATS JetStream at these URLs, comma-separated (nats://HOST:4222; default: off).")
    var publishURL: String?

    @Option(help: "A NATS .creds file for publishing.")
    var publishCredentials: String?

    @Option(help: "A CA bundle for TLS to the NATS servers.")
    var publishTlsCa: String?

    @Option(help: "A client certificate for mutual TLS to the NATS servers (with --publish-tls-key).")
    var publishTlsCert: String?

    @Option(help: "The client certificate's key.")
    var publishTlsKey: String?

    @Option(help: "Records go to SUBJECT-PREFIX.INSTANCE.KIND (default articled).")
    var publishSubjectPrefix: String?

    @Option(help: "The JetStream stream, created on file storage when absent (default ARTICLED).")
    var publishStream: String?

    @Option(help: "Replicas of the stream when this daemon creates it (default 1; 3 in a cluster).")
    var publishReplicas: String?

    @Option(help: "This daemon's name in the stream (default: host name and a hash of the state folder).")
    var instance: String?

    func run() async throws {
        let given: [(String, String?)] = [
            ("watch", watch), ("state", state), ("socket", socket), ("max-bytes", maxBytes),
            ("segment-bytes", segmentBytes), ("fsync", fsync), ("workers", workers), ("queue-size", queueSize),
            ("settle-ms", settleMs), ("poll-ms", pollMs), ("sidecar-wait-ms", sidecarWaitMs),
            ("allow-hard-links", allowHardLinks), ("log-format", logFormat),
            ("log-level", logLevel), ("include", include), ("exclude", exclude),
            ("metrics-listen", metricsListen), ("keep-originals", keepOriginals),
            ("publish-url", publishURL), ("publish-credentials", publishCredentials), ("publish-tls-ca", publishTlsCa),
            ("publish-tls-cert", publishTlsCert), ("publish-tls-key", publishTlsKey),
            ("publish-subject-prefix", publishSubjectPrefix), ("publish-stream", publishStream),
            ("publish-replicas", publishReplicas), ("instance", instance),
        ]
        var flags: [String: String] = [:]
        for (key, value) in given { if let value { flags[key] = value } }
        let environment = ProcessInfo.processInfo.environment
        let configFile = config ?? environment["ARTICLED_CONFIG"]
        let flagsGiven = flags
        // SIGHUP loads again from the same three sources, so a flag keeps winning over the edited file.
        let load: @Sendable () throws -> DaemonConfiguration = {
            try DaemonConfiguration.load(
                flags: flagsGiven,
                environment: ProcessInfo.processInfo.environment,
                configFile: configFile
            )
        }
        let configuration: DaemonConfiguration
        do {
            configuration = try load()
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        let level = ReloadableLogLevel(Logger.Level(rawValue: configuration.logLevel) ?? .info)
        let format = configuration.logFormat.flatMap(LogFormat.init(rawValue:)) ?? LoggingSetup.defaultFormat()
        LoggingSystem.bootstrap { label in
            ReloadableLevelHandler(LoggingSetup.handler(label: label, format: format), level: level)
        }
        let metrics = MetricsRegistry()
        MetricsSystem.bootstrap(metrics.factory)
        let logger = Logger(label: "articled")
        do {
            try await Daemon(
                configuration: configuration,
                logger: logger,
                metrics: metrics,
                logLevel: level,
                reloadConfiguration: load
            ).run()
        } catch let error as DaemonStartError {
            // A second instance or overlapping folders: restarting cannot help, and the unit's
            // RestartPreventExitStatus= lists these statuses.
            logger.critical("articled cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(error.exitStatus)
        } catch {
            logger.critical("articled stopped", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
