import Glibc
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// An opt-in TCP listener (`metrics-listen = "127.0.0.1:9464"`) answering only `GET /metrics` and `/health`, for
/// a Prometheus that cannot scrape a Unix socket. It has no `/status` and no peer check: whoever reaches the
/// port reads counters, never records or paths. One request per connection, a deadline per connection, and at
/// most `maxConnections` open at once.
public actor MetricsListener: Service {
    public nonisolated let host: String
    public nonisolated let port: Int
    private let source: any StatusSource
    private let logger: Logger
    private let maxConnections: Int
    private let requestTimeout: Duration
    private let onListening: @Sendable (Int) async -> Void

    /// - Parameters:
    ///   - address: `HOST:PORT` (IPv6 as `[::1]:9464`); port 0 picks a free one, reported to `onListening`.
    public init(
        address: String,
        source: any StatusSource,
        logger: Logger,
        maxConnections: Int = 16,
        requestTimeout: Duration = .seconds(5),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws {
        guard let (host, port) = Self.split(address) else {
            throw StatusServerError.socketCall(call: "parse metrics-listen", path: address, errno: EINVAL)
        }
        self.host = host
        self.port = port
        self.source = source
        self.logger = logger
        self.maxConnections = maxConnections
        self.requestTimeout = requestTimeout
        self.onListening = onListening
    }

    /// `HOST:PORT` or `[V6]:PORT`, with a port from 0 to 65535.
    public static func split(_ address: String) -> (String, Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    public func run() async throws {
        let timeout = TimeAmount.nanoseconds(Int64(clamping: requestTimeout.nanoseconds))
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
                    channel.closeFuture.whenComplete { _ in deadline.cancel() }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(StatusRequestDecoder(maxHeaderBytes: 8192))
                    )
                    return try NIOAsyncChannel<StatusRequest, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let bound = server.channel.localAddress?.port ?? port
        logger.info("metrics listening", metadata: ["address": "\(host):\(bound)"])
        await onListening(bound)
        let router = StatusRouter(source: source, paths: ["/metrics", "/health"])
        let limiter = ConnectionLimiter(limit: maxConnections, perUserLimit: maxConnections, unlimitedUsers: [])
        let logger = self.logger
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await Self.serve(connection, router: router, limiter: limiter, logger: logger) }
                        }
                    }
                } catch {
                    logger.debug("metrics listener closed", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            server.channel.close(promise: nil)
        }
    }

    private static func serve(
        _ connection: NIOAsyncChannel<StatusRequest, ByteBuffer>,
        router: StatusRouter,
        limiter: ConnectionLimiter,
        logger: Logger
    ) async {
        // Every TCP peer counts as one user: only the total limit applies.
        let admission = limiter.acquire(uid: 0)
        defer { if admission == .admitted { limiter.release(uid: 0) } }
        do {
            try await connection.executeThenClose { inbound, outbound in
                let response: StatusResponse
                if admission != .admitted {
                    response = .error(503, "too many connections")
                } else {
                    let answer = try await StatusRequest.answerFirst(of: inbound) { await router.respond(to: $0) }
                    guard let answer else { return }
                    response = answer
                }
                try await outbound.write(response.encoded())
            }
        } catch {
            logger.debug("metrics connection failed", metadata: ["error": "\(error)"])
        }
    }
}
