import ArticleLog
import Logging
import Metrics
import StatusServer
import PosixSupport
import ServiceLifecycle

/// The completer: makes a record durable, then moves its originals out of the drop folder and makes the
/// moves durable. The order is the promise: an original leaves the drop folder only after its record is on
/// disk, so a crash in between leaves the file for the start-up scan, which finds the record and only moves it.
struct Completer: Sendable {
    let writer: LogWriter
    let mover: FileMover
    let directories: DirectorySyncer
    let stats: DaemonStats
    let logger: Logger

    /// Records `draft` for the file at `path` and moves `originals`; returns once both are durable, or when the
    /// daemon stops while the log cannot be written. Returns the originals that were replaced after they were
    /// read: they are new files, to be taken again.
    @discardableResult
    func complete(_ path: String, draft: RecordDraft, originals: [Original]) async -> [String] {
        guard let outcome = await commit(draft) else { return [] }
        let metadata: Logger.Metadata = [
            "seq": "\(outcome.seq)",
            "kind": "\(outcome.kind.rawValue)",
            "source": "\(path)",
            "sha256": "\(draft.source.sha256 ?? "-")",
        ]
        let replaced: [String]
        do {
            replaced = try await moveOriginals(originals, draft: draft, outcome: outcome, metadata: metadata)
        } catch {
            // The record is durable; the next start-up scan finds the original and only moves it.
            logger.error(
                "recorded, but could not move the original",
                metadata: metadata.merging(["error": "\(error)"]) { $1 }
            )
            return []
        }
        Counter(label: MetricsRegistry.Name.filesTotal, dimensions: [("outcome", outcome.kind.rawValue)]).increment()
        switch outcome {
        case .recorded:
            logger.info("\(outcome.kind.rawValue): \(path)", metadata: metadata)
        case .replayed:
            logger.notice("already recorded before a restart; moved the original only", metadata: metadata)
        }
        return replaced
    }

    private func moveOriginals(
        _ originals: [Original],
        draft: RecordDraft,
        outcome: CommitOutcome,
        metadata: Logger.Metadata
    ) async throws -> [String] {
        var touched: [String: DirectoryHandle] = [:]
        var replaced: [String] = []
        var note: String?
        if outcome.kind == .rejected, case .rejected(let why) = draft.payload { note = why }
        let area: FileMover.Area = outcome.kind == .rejected ? .failed : .done
        try FaultInjection.check(.afterCommit, path: originals.first?.path ?? "")
        for (position, original) in originals.enumerated() {
            if position > 0 { try FaultInjection.check(.betweenOriginals, path: original.path) }
            switch try mover.move(original, into: area, seq: outcome.seq, note: note ?? (area == .failed ? "rejected" : nil)) {
            case .moved(_, let folders):
                for folder in folders { touched[folder.path] = folder }
            case .replaced:
                replaced.append(original.path)
                logger.warning(
                    "the file was replaced after it was read; the new one stays for a record of its own",
                    metadata: metadata.merging(["original": "\(original.path)"]) { $1 }
                )
            case .vanished:
                logger.notice(
                    "the file was removed after it was read; nothing to move",
                    metadata: metadata.merging(["original": "\(original.path)"]) { $1 }
                )
            }
        }
        try FaultInjection.check(.beforeDirectorySync, path: touched.keys.sorted().first ?? "")
        try await directories.sync(Array(touched.values))
        return replaced
    }

    /// Appends the record, waiting out a log that cannot be written (back-pressure: the original stays where it
    /// is, status turns degraded, and the file is tried again until it works or the daemon stops).
    private func commit(_ draft: RecordDraft) async -> CommitOutcome? {
        var delay = Duration.milliseconds(100)
        while true {
            do {
                let outcome = try await writer.append(draft)
                stats.recover()
                return outcome
            } catch LogError.closed {
                return nil
            } catch {
                stats.degrade("cannot write the log: \(error)")
                logger.error(
                    "cannot write the log; ingestion paused, the file stays in the drop folder",
                    metadata: ["source": "\(draft.source.path)", "error": "\(error)", "retry_in": "\(delay)"]
                )
                // Stopping ends the wait: the file stays in the drop folder for the next start, and a full disk
                // cannot hold the shutdown up.
                if Task.isShuttingDownGracefully { return nil }
                do {
                    let wait = delay
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                } catch {
                    return nil
                }
                delay = min(delay * 2, .seconds(2))
            }
        }
    }
}
