import ArticleLog
import Glibc

/// Makes renames durable by fsyncing the directories involved, in batches: moves finished while one round of
/// fsyncs runs are covered by the next round, each directory synced once per round however many files moved
/// through it. Without this, two fsyncs per file would cap a burst at a few hundred files per second.
struct DirectorySyncer: Sendable {
    private let queue: GroupCommitQueue<[String], Void>

    init() {
        queue = GroupCommitQueue(label: "articled.directory-sync", closedError: IngestError.closed) { requests in
            var failures: [String: any Error] = [:]
            for dir in Set(requests.flatMap { $0 }).sorted() {
                do {
                    try DurableDirectory.sync(dir)
                } catch {
                    failures[dir] = error
                }
            }
            return requests.map { dirs in
                if let failed = dirs.lazy.compactMap({ failures[$0] }).first { return .failure(failed) }
                return .success(())
            }
        }
    }

    /// Returns once every directory in `dirs` has been fsynced after this call began.
    func sync(_ dirs: [String]) async throws {
        try await queue.submit(dirs)
    }
}
