/// What the daemon reports about itself on `GET /status`, in `articled status` and in systemd's STATUS= line.
/// Field names on the wire are snake_case, as docs/operations.md shows them.
public struct StatusSnapshot: Sendable, Equatable, Codable {
    /// The daemon's life-cycle state.
    public enum State: String, Sendable, Codable {
        case starting, running, degraded, stopping
    }

    /// Files by outcome since the log began (rebuilt from the log at start-up, not reset by restarts).
    public struct Counts: Sendable, Equatable, Codable {
        public var articles: Int
        public var duplicates: Int
        public var rejected: Int

        /// Creates counts.
        public init(articles: Int = 0, duplicates: Int = 0, rejected: Int = 0) {
            self.articles = articles
            self.duplicates = duplicates
            self.rejected = rejected
        }
    }

    /// The log on disk.
    public struct LogInfo: Sendable, Equatable, Codable {
        public var bytes: Int
        public var segments: Int

        /// Creates log information.
        public init(bytes: Int = 0, segments: Int = 0) {
            self.bytes = bytes
            self.segments = segments
        }
    }

    /// Recent performance, over the last minute.
    public struct Recent: Sendable, Equatable, Codable {
        /// Files finished per second.
        public var filesPerSecond: Double
        /// Median time from a file being taken to its original being moved, in milliseconds.
        public var latencyP50Ms: Double
        /// 99th percentile of the same.
        public var latencyP99Ms: Double

        enum CodingKeys: String, CodingKey {
            case filesPerSecond = "files_per_second"
            case latencyP50Ms = "latency_p50_ms"
            case latencyP99Ms = "latency_p99_ms"
        }

        /// Creates recent figures.
        public init(filesPerSecond: Double = 0, latencyP50Ms: Double = 0, latencyP99Ms: Double = 0) {
            self.filesPerSecond = filesPerSecond
            self.latencyP50Ms = latencyP50Ms
            self.latencyP99Ms = latencyP99Ms
        }
    }

    public var state: State
    public var version: String
    public var uptimeSeconds: Double
    public var watch: String
    public var counts: Counts
    /// Files waiting in the intake queue.
    public var queue: Int
    /// Files being read, extracted or committed right now.
    public var inFlight: Int
    public var lastSeq: Int
    /// The last error that changed the state (for example why the log cannot be written), or nil.
    public var lastError: String?
    public var log: LogInfo
    public var recent: Recent
    /// Folders of the drop tree that inotify could not watch (watch limit, path too long, permission) and that
    /// are polled instead, each with the reason. Listed, not a degraded state: any dropper could cause it.
    public var polledFolders: [String]
    /// Originals removed from `done/` by `keep-originals` since start; nil when they are kept for ever.
    public var originalsPruned: Int?
    /// The stream publisher's figures; nil when publishing is off.
    public var publish: PublishFigures?

    enum CodingKeys: String, CodingKey {
        case state, version
        case uptimeSeconds = "uptime_s"
        case watch, counts, queue
        case inFlight = "in_flight"
        case lastSeq = "last_seq"
        case lastError = "last_error"
        case log, recent
        case polledFolders = "polled_folders"
        case originalsPruned = "originals_pruned"
        case publish
    }

    /// Creates a snapshot.
    public init(
        state: State,
        version: String,
        uptimeSeconds: Double,
        watch: String,
        counts: Counts,
        queue: Int,
        inFlight: Int,
        lastSeq: Int,
        lastError: String?,
        log: LogInfo,
        recent: Recent,
        polledFolders: [String] = [],
        originalsPruned: Int? = nil,
        publish: PublishFigures? = nil
    ) {
        self.state = state
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.watch = watch
        self.counts = counts
        self.queue = queue
        self.inFlight = inFlight
        self.lastSeq = lastSeq
        self.lastError = lastError
        self.log = log
        self.recent = recent
        self.polledFolders = polledFolders
        self.originalsPruned = originalsPruned
        self.publish = publish
    }

    /// Written by hand so that `last_error` appears as explicit `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
        try c.encode(version, forKey: .version)
        try c.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try c.encode(watch, forKey: .watch)
        try c.encode(counts, forKey: .counts)
        try c.encode(queue, forKey: .queue)
        try c.encode(inFlight, forKey: .inFlight)
        try c.encode(lastSeq, forKey: .lastSeq)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(log, forKey: .log)
        try c.encode(recent, forKey: .recent)
        try c.encode(polledFolders, forKey: .polledFolders)
        try c.encodeIfPresent(originalsPruned, forKey: .originalsPruned)
        try c.encodeIfPresent(publish, forKey: .publish)
    }
}

/// Where the status server gets its answers. The daemon implements it; tests use a fixed one.
public protocol StatusSource: Sendable {
    /// The current state, counts and figures.
    func snapshot() async -> StatusSnapshot
    /// The Prometheus text exposition for `GET /metrics`.
    func metricsText() async -> String
}
