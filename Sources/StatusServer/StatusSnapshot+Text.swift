extension StatusSnapshot {
    /// The one line for systemd's STATUS= (shown by `systemctl status`), for example
    /// "watching /var/spool/articled/incoming: 1,204 articles, 3 duplicates, 1 rejected, queue 0".
    public var statusLine: String {
        var line = "\(self.stateWord)\(self.watch): \(self.countsText), "
        line += "queue \(Self.grouped(self.queue))"
        if self.state == .degraded, let error = self.lastError {
            line += " (\(error))"
        }
        if let publish = self.publish {
            line += publish.state == "retrying" ? ", publish retrying" : ", publish"
            line += " lag \(Self.grouped(publish.lag))"
            if publish.state == "retrying", let error = publish.lastError { line += " (\(error))" }
        }
        return line
    }

    /// A readable summary for `articled status`.
    public var summary: String {
        var lines = [
            "articled \(self.version): \(self.state.rawValue), up \(Self.duration(self.uptimeSeconds))",
            "  watching   \(self.watch)",
            "  files      \(self.countsText)",
            "  queue      \(Self.grouped(self.queue)) waiting, \(Self.grouped(self.inFlight)) in flight",
            "  log        last seq \(self.lastSeq), \(Self.bytes(self.log.bytes)) in \(self.log.segments) segment\(self.log.segments == 1 ? "" : "s")",
            "  recent     \(Self.decimal(self.recent.filesPerSecond)) files/s, latency p50 \(Self.decimal(self.recent.latencyP50Ms)) ms, p99 \(Self.decimal(self.recent.latencyP99Ms)) ms",
        ]
        if let error = self.lastError {
            lines.append("  last error \(error)")
        }
        if let p = self.publish {
            lines.append(
                "  publish    \(p.state) as \(p.instance) to stream \(p.stream): acknowledged seq \(p.acknowledgedSeq), "
                    + "lag \(Self.grouped(p.lag)), \(Self.grouped(p.published)) published since start"
            )
            if let error = p.lastError { lines.append("  publish error \(error)") }
        }
        return lines.joined(separator: "\n")
    }

    /// "1,204 articles, 1 duplicate, 0 rejected".
    private var countsText: String {
        func counted(_ n: Int, _ noun: String) -> String { "\(Self.grouped(n)) \(noun)\(n == 1 ? "" : "s")" }
        return "\(counted(self.counts.articles, "article")), \(counted(self.counts.duplicates, "duplicate")), "
            + "\(Self.grouped(self.counts.rejected)) rejected"
    }

    private var stateWord: String {
        switch self.state {
        case .running: return "watching "
        case .starting: return "starting, watching "
        case .degraded: return "DEGRADED, watching "
        case .stopping: return "stopping, watching "
        }
    }

    /// 1204 → "1,204".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func bytes(_ value: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var size = Double(value)
        var unit = 0
        while size >= 1024 && unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : "\(decimal(size)) \(units[unit])"
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let (days, hours, minutes, secs) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(secs)s" }
        return "\(secs)s"
    }
}
