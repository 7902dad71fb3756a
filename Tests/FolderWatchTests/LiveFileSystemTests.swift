import Foundation
import Testing

/// Groups every test that uses real inotify instances, folders and watcher tasks. Serialized so that the tests
/// counting this process's inotify descriptors see only their own, and so that timing-sensitive tests do not
/// compete with each other for the two shared cores.
@Suite(.serialized)
enum LiveFileSystemTests {
    /// How many inotify instances this process has open, read from /proc/self/fd.
    static func openInotifyDescriptors() -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.filter { entry in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + entry))
                == "anon_inode:inotify"
        }.count
    }
}
