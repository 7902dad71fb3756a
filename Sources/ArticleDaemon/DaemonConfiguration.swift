import Foundation
import LogStream
import StatusServer
import TOMLKit

/// Everything `articled run` can be told. Each setting has one key, spelled the same in all three places it can
/// come from: a flag (`--max-bytes 1024`), the environment (`ARTICLED_MAX_BYTES=1024`) and the TOML file
/// (`max-bytes = 1024`). Flags win over the environment, which wins over the file, which wins over defaults.
public struct DaemonConfiguration: Sendable, Equatable {
    /// How the log is synced.
    public enum SyncMode: String, Sendable, Equatable {
        /// One fdatasync per batch of records written together (group commit).
        case batch
        /// One fdatasync per record.
        case always
    }

    /// The drop folder.
    public var watch: String = "/var/spool/articled/incoming"
    /// The state folder: `log/`, `done/`, `failed/`.
    public var state: String = "/var/lib/articled"
    /// The status socket's path; nil for none.
    public var socket: String? = nil
    /// Files larger than this are rejected unread.
    public var maxBytes: Int = 16 << 20
    /// A new log segment starts past this size.
    public var segmentBytes: Int = 64 << 20
    /// How the log is synced.
    public var fsync: SyncMode = .batch
    /// Ingest workers; 0 means one per core.
    public var workers: Int = 0
    /// Paths the intake queue holds before the watcher waits.
    public var queueSize: Int = 4096
    /// A file is taken only after this many milliseconds without events on it (0: at once).
    public var settleMs: Int = 0
    /// Poll the folder every this many milliseconds instead of inotify (0: use inotify), for NFS/SMB.
    public var pollMs: Int = 0
    /// How long every `NAME.txt` waits for its `NAME.json` sidecar (and a sidecar for its article), in ms; nil
    /// (the default) waits 1 s only in folders that have had sidecars, and not at all elsewhere.
    public var sidecarWaitMs: Int? = nil
    /// Take regular files with more than one hard link (rejected by default: another name could change them).
    public var allowHardLinks = false
    /// `journald`, `text` or `json`; nil chooses journald when stderr is the journal, text otherwise.
    public var logFormat: String? = nil
    /// trace, debug, info, notice, warning, error or critical.
    public var logLevel: String = "info"
    /// Glob patterns of files to take and to leave (see `PathSelection`); TOML arrays, or comma-separated in
    /// flags and the environment.
    public var include: [String] = []
    public var exclude: [String] = []
    /// How long originals stay in `done/`; `failed/` is always kept.
    public var keepOriginals: KeepOriginals = .forever
    /// `HOST:PORT` of an opt-in TCP listener for `/metrics` and `/health` (Prometheus), or nil.
    public var metricsListen: String? = nil
    /// NATS server URLs (`nats://host:4222`, several for a cluster); publishing to JetStream is on when set.
    public var publishURL: [String] = []
    /// A NATS `.creds` file for the publisher.
    public var publishCredentials: String? = nil
    /// TLS towards the servers: a CA bundle, and a client certificate and key for mutual TLS.
    public var publishTLSCA: String? = nil
    public var publishTLSCert: String? = nil
    public var publishTLSKey: String? = nil
    /// The first subject token: records go to `PREFIX.INSTANCE.KIND`.
    public var publishSubjectPrefix = "articled"
    /// The JetStream stream, created on file storage when absent.
    public var publishStream = "ARTICLED"
    /// Replicas of the stream when the daemon creates it.
    public var publishReplicas = 1
    /// This daemon's name in subjects and message ids; nil: the host name and a hash of the state folder.
    public var instance: String? = nil

    /// The files the watcher passes on.
    public var selection: PathSelection { PathSelection(include: include, exclude: exclude) }

    /// Creates the defaults.
    public init() {}

    /// The keys, in the order the README documents them.
    public static let keys = [
        "watch", "state", "socket", "max-bytes", "segment-bytes", "fsync", "workers", "queue-size", "settle-ms",
        "poll-ms", "sidecar-wait-ms", "allow-hard-links", "log-format", "log-level", "include", "exclude", "metrics-listen", "keep-originals",
        "publish-url", "publish-credentials", "publish-tls-ca", "publish-tls-cert", "publish-tls-key",
        "publish-subject-prefix", "publish-stream", "publish-replicas", "instance",
    ]

    /// The environment variable for a key: `max-bytes` → `ARTICLED_MAX_BYTES`.
    public static func environmentName(_ key: String) -> String {
        "ARTICLED_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Builds the configuration from its three sources. `flags` holds the keys given on the command line,
    /// `configFile` the TOML file's path (from `--config` or `ARTICLED_CONFIG`), if any.
    public static func load(
        flags: [String: String],
        environment: [String: String],
        configFile: String?
    ) throws(ConfigurationError) -> DaemonConfiguration {
        var values: [String: String] = [:]
        if let configFile {
            values.merge(try readTOML(configFile)) { _, new in new }
        }
        for key in keys {
            if let v = environment[environmentName(key)] { values[key] = v }
        }
        values.merge(flags) { _, new in new }
        var config = DaemonConfiguration()
        for (key, value) in values { try config.set(key, value) }
        try config.validate()
        return config
    }

    /// Sets one key from its text form.
    mutating func set(_ key: String, _ value: String) throws(ConfigurationError) {
        func int() throws(ConfigurationError) -> Int {
            guard let n = Int(value.replacingOccurrences(of: "_", with: "")), n >= 0 else {
                throw .invalid(key: key, value: value, expected: "a whole number ≥ 0")
            }
            return n
        }
        switch key {
        case "watch": watch = value
        case "state": state = value
        case "socket": socket = value.isEmpty ? nil : value
        case "max-bytes": maxBytes = try int()
        case "segment-bytes": segmentBytes = try int()
        case "fsync":
            guard let mode = SyncMode(rawValue: value) else {
                throw .invalid(key: key, value: value, expected: "batch or always")
            }
            fsync = mode
        case "workers": workers = try int()
        case "queue-size": queueSize = try int()
        case "settle-ms": settleMs = try int()
        case "poll-ms": pollMs = try int()
        case "sidecar-wait-ms": sidecarWaitMs = try int()
        case "allow-hard-links":
            guard let flag = Bool(value) else { throw .invalid(key: key, value: value, expected: "true or false") }
            allowHardLinks = flag
        case "log-format":
            guard ["journald", "text", "json"].contains(value) else {
                throw .invalid(key: key, value: value, expected: "journald, text or json")
            }
            logFormat = value
        case "log-level":
            guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(value) else {
                throw .invalid(
                    key: key,
                    value: value,
                    expected: "trace, debug, info, notice, warning, error or critical"
                )
            }
            logLevel = value
        case "keep-originals":
            guard let keep = KeepOriginals(value) else {
                throw .invalid(key: key, value: value, expected: "forever, or a number with s, m, h, d or w (30d)")
            }
            keepOriginals = keep
        case "metrics-listen":
            guard value.isEmpty || MetricsListener.split(value) != nil else {
                throw .invalid(key: key, value: value, expected: "HOST:PORT, such as 127.0.0.1:9464")
            }
            metricsListen = value.isEmpty ? nil : value
        case "publish-url":
            let urls = value.split(whereSeparator: { $0 == "," || $0 == "\n" })
                .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for url in urls where !(url.hasPrefix("nats://") || url.hasPrefix("tls://")) {
                throw .invalid(key: key, value: url, expected: "nats://HOST:PORT or tls://HOST:PORT")
            }
            publishURL = urls
        case "publish-credentials": publishCredentials = value.isEmpty ? nil : value
        case "publish-tls-ca": publishTLSCA = value.isEmpty ? nil : value
        case "publish-tls-cert": publishTLSCert = value.isEmpty ? nil : value
        case "publish-tls-key": publishTLSKey = value.isEmpty ? nil : value
        case "publish-subject-prefix", "instance":
            guard StreamLayout.isToken(value) else {
                throw .invalid(key: key, value: value, expected: "letters, digits, '-' and '_' only")
            }
            if key == "instance" { instance = value } else { publishSubjectPrefix = value }
        case "publish-stream":
            guard StreamLayout.isToken(value) else {
                throw .invalid(key: key, value: value, expected: "a stream name: letters, digits, '-' and '_'")
            }
            publishStream = value
        case "publish-replicas":
            let n = try int()
            guard (1...5).contains(n) else { throw .invalid(key: key, value: value, expected: "1 to 5") }
            publishReplicas = n
        case "include", "exclude":
            let patterns = value.split(whereSeparator: { $0 == "," || $0 == "\n" })
                .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for p in patterns {
                if let problem = PathSelection.problem(in: p) {
                    throw .invalid(key: key, value: p, expected: "a glob pattern (\(problem))")
                }
            }
            if key == "include" { include = patterns } else { exclude = patterns }
        default: throw .unknownKey(key)
        }
    }

    func validate() throws(ConfigurationError) {
        if let first = problems().first { throw first }
    }

    /// Every value the daemon refuses, in the order of the keys: `config check` lists them all.
    func problems() -> [ConfigurationError] {
        var found: [ConfigurationError] = []
        if maxBytes < 1 { found.append(.invalid(key: "max-bytes", value: "\(maxBytes)", expected: "at least 1")) }
        if segmentBytes < 4096 {
            found.append(.invalid(key: "segment-bytes", value: "\(segmentBytes)", expected: "at least 4096"))
        }
        if queueSize < 1 { found.append(.invalid(key: "queue-size", value: "\(queueSize)", expected: "at least 1")) }
        let watchDir = (watch as NSString).standardizingPath
        let stateDir = (state as NSString).standardizingPath
        if stateDir == watchDir || stateDir.hasPrefix(watchDir + "/") {
            found.append(.invalid(key: "state", value: state, expected: "a folder outside the watch folder"))
        }
        if watchDir.hasPrefix(stateDir + "/") {
            found.append(.invalid(key: "watch", value: watch, expected: "a folder outside the state folder"))
        }
        if (publishTLSCert == nil) != (publishTLSKey == nil) {
            found.append(
                .invalid(
                    key: publishTLSCert == nil ? "publish-tls-key" : "publish-tls-cert",
                    value: publishTLSCert ?? publishTLSKey ?? "",
                    expected: "publish-tls-cert and publish-tls-key together"
                )
            )
        }
        return found
    }

    /// Each key's value as TOML writes it, nil for an unset optional key: what `config show` prints and what a
    /// reload compares.
    var valueTexts: [String: String?] {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func list(_ l: [String]) -> String { "[" + l.map(quoted).joined(separator: ", ") + "]" }
        return [
            "watch": quoted(watch), "state": quoted(state), "socket": socket.map(quoted),
            "max-bytes": String(maxBytes), "segment-bytes": String(segmentBytes), "fsync": quoted(fsync.rawValue),
            "workers": String(workers), "queue-size": String(queueSize), "settle-ms": String(settleMs),
            "poll-ms": String(pollMs), "sidecar-wait-ms": sidecarWaitMs.map(String.init),
            "allow-hard-links": String(allowHardLinks), "log-format": logFormat.map(quoted),
            "log-level": quoted(logLevel), "include": list(include), "exclude": list(exclude),
            "metrics-listen": metricsListen.map(quoted), "keep-originals": quoted(keepOriginals.description),
            "publish-url": list(publishURL), "publish-credentials": publishCredentials.map(quoted),
            "publish-tls-ca": publishTLSCA.map(quoted), "publish-tls-cert": publishTLSCert.map(quoted),
            "publish-tls-key": publishTLSKey.map(quoted), "publish-subject-prefix": quoted(publishSubjectPrefix),
            "publish-stream": quoted(publishStream), "publish-replicas": String(publishReplicas),
            "instance": instance.map(quoted),
        ]
    }

    /// The keys whose values differ between two configurations, in the documented order.
    func changedKeys(from other: DaemonConfiguration) -> [String] {
        let mine = valueTexts
        let theirs = other.valueTexts
        return Self.keys.filter { (mine[$0] ?? nil) != (theirs[$0] ?? nil) }
    }

    /// The number of ingest workers to start.
    public var effectiveWorkers: Int {
        workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    static func readTOML(_ path: String) throws(ConfigurationError) -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, detail: "\(error.localizedDescription)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .unreadableFile(path: path, detail: "line \(error.source.begin.line): \(error.description)")
        } catch {
            throw .unreadableFile(path: path, detail: "\(error)")
        }
        var values: [String: String] = [:]
        for (key, value) in table {
            if let s = value.string {
                values[key] = s
            } else if let i = value.int {
                values[key] = String(i)
            } else if let b = value.bool {
                values[key] = String(b)
            } else if let array = value.array, array.allSatisfy({ $0.string != nil }) {
                // A list of patterns (include, exclude): one per line, as `set` reads them.
                values[key] = array.compactMap { $0.string }.joined(separator: "\n")
            } else {
                throw .invalid(key: key, value: "\(value)", expected: "a string, a number or a list of strings")
            }
        }
        return values
    }
}

/// A configuration the daemon cannot start with, described so that the operator can fix it.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case invalid(key: String, value: String, expected: String)
    case unreadableFile(path: String, detail: String)

    public var description: String {
        switch self {
        case .unknownKey(let key):
            return "unknown configuration key '\(key)'; known keys: \(DaemonConfiguration.keys.joined(separator: ", "))"
        case .invalid(let key, let value, let expected):
            return "configuration key '\(key)' has the value '\(value)'; expected \(expected)"
        case .unreadableFile(let path, let detail):
            return "cannot read the configuration file \(path): \(detail)"
        }
    }
}
