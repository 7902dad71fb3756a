import CSystemd
import Glibc
import Logging

/// Tells the service manager about the daemon's life cycle through `sd_notify(3)`.
///
/// Every call is a no-op when `NOTIFY_SOCKET` is unset (not started by systemd), so the daemon can call it
/// unconditionally. Failures are logged, never thrown: a lost notification must not stop ingestion.
public struct SystemdNotifier: Sendable {
    private let send: @Sendable (String) -> Bool
    private let throttle: StatusLineThrottle

    /// Creates a notifier.
    /// - Parameters:
    ///   - logger: Where failed notifications are reported.
    ///   - statusInterval: The shortest time between two STATUS= messages; a line submitted sooner is held back
    ///     and the latest held line is sent when the interval has passed.
    public init(logger: Logger, statusInterval: Duration = .milliseconds(500)) {
        let send = Self.makeSender(logger: logger)
        self.send = send
        self.throttle = StatusLineThrottle(interval: statusInterval) { line in
            _ = send("STATUS=\(Self.singleLine(line))")
        }
    }

    /// `READY=1`: start-up is finished (log recovered, socket listening, start-up scan queued), or a reload is done.
    @discardableResult
    public func ready() -> Bool {
        self.notify("READY=1")
    }

    /// `READY=1` and `STATUS=` in one message, so that `systemctl status` right after `systemctl start` returns
    /// shows what the daemon is doing now, not the start-up line. The throttled status lines carry on from it.
    @discardableResult
    public func ready(status line: String) -> Bool {
        self.notify("READY=1\nSTATUS=\(Self.singleLine(line))")
    }

    /// `STATUS=…`, rate-limited: at most one message per `statusInterval`, and the latest line always arrives.
    /// Identical consecutive lines are sent once.
    public func status(_ line: String) {
        self.throttle.submit(line)
    }

    /// `WATCHDOG=1`: the pipeline is healthy. Call only after checking that it is; ``WatchdogService`` does.
    @discardableResult
    public func watchdog() -> Bool {
        self.notify("WATCHDOG=1")
    }

    /// `RELOADING=1` with `MONOTONIC_USEC`, sent before re-reading the configuration; follow with ``ready()``.
    /// systemd 253+ uses the timestamp to match the reload to `systemctl reload` (Type=notify-reload).
    @discardableResult
    public func reloading() -> Bool {
        self.notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// `STOPPING=1`: shutdown has begun, so systemd shows "deactivating" instead of a hung service.
    @discardableResult
    public func stopping() -> Bool {
        self.notify("STOPPING=1")
    }

    /// `EXTEND_TIMEOUT_USEC=…`: asks for `duration` more before the start-up (or stop) timeout fires. Send it
    /// repeatedly while a long recovery runs, each time with the time still needed.
    @discardableResult
    public func extendTimeout(_ duration: Duration) -> Bool {
        self.notify("EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))")
    }

    /// Sends any `KEY=VALUE` lines; the typed calls above are preferred.
    /// - Returns: true when systemd received the message, false when there is no notify socket or sending failed.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        self.send(state)
    }

    /// Half of `WATCHDOG_USEC` when systemd expects watchdog pings from this process (`sd_watchdog_enabled(3)`),
    /// nil when it does not. Pinging at half the timeout leaves room for one late ping.
    public static func watchdogInterval() -> Duration? {
        var usec: UInt64 = 0
        let result = sd_watchdog_enabled(0, &usec)
        guard result > 0, usec > 0 else { return nil }
        return .microseconds(Int64(clamping: usec / 2))
    }

    /// CLOCK_MONOTONIC in microseconds, the clock systemd uses for MONOTONIC_USEC.
    static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000 + UInt64(attoseconds / 1_000_000_000_000)
    }

    /// STATUS= is one line: systemd would read anything after a newline as another assignment.
    static func singleLine(_ line: String) -> String {
        String(line.map { $0.isNewline ? " " : $0 })
    }

    private static func makeSender(logger: Logger) -> @Sendable (String) -> Bool {
        { state in
            let result = sd_notify(0, state)
            if result < 0 {
                let error = SystemdError.notify(
                    state: state,
                    socket: getenv("NOTIFY_SOCKET").map { String(cString: $0) },
                    errno: -result
                )
                logger.warning("systemd notification failed", metadata: ["error": "\(error)"])
                return false
            }
            return result > 0
        }
    }
}
