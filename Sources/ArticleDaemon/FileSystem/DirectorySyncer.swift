import ArticleLog
import Glibc

/// Makes renames durable by fsyncing the folders involved, in batches: moves finished while one round of
/// fsyncs runs are covered by the next round, each folder synced once per round however many files moved
/// through it. Without this, two fsyncs per file would cap a burst at a few hundred files per second.
/// Folders are synced through the descriptors the moves used, never opened again by path.
struct DirectorySyncer: Sendable {
    private let queue: GroupCommitQueue<[DirectoryHandle], Void>

    init() {
        queue = GroupCommitQueue(label: "articled.directory-sync", closedError: IngestError.closed) { requests in
            var failures: [String: any Error] = [:]
            var folders: [String: DirectoryHandle] = [:]
            for folder in requests.joined() { folders[folder.path] = folder }
            for (path, folder) in folders.sorted(by: { $0.key < $1.key }) {
                do {
                    try folder.sync()
                } catch {
                    failures[path] = error
                }
            }
            return requests.map { dirs in
                if let failed = dirs.lazy.compactMap({ failures[$0.path] }).first { return .failure(failed) }
                return .success(())
            }
        }
    }

    /// Returns once every folder in `folders` has been fsynced after this call began.
    func sync(_ folders: [DirectoryHandle]) async throws {
        try await queue.submit(folders)
    }
}
