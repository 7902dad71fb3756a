import Foundation
import Glibc
import Testing

@testable import ArticleDaemon

/// `keep-originals`: done/ is pruned by how long files have been there; the sweep's clock is a parameter, so
/// the test need not wait for days.
struct RetentionTests {
    @Test func periodsParseWithTheirUnitsAndForever() {
        #expect(KeepOriginals("forever") == .forever)
        #expect(KeepOriginals("90m") == .seconds(5_400))
        #expect(KeepOriginals("30d") == .seconds(2_592_000))
        #expect(KeepOriginals("2w") == .seconds(1_209_600))
        for bad in ["", "30", "d", "-1d", "0h", "3y"] { #expect(KeepOriginals(bad) == nil, "\(bad)") }
    }

    @Test func aSweepRemovesOnlyOriginalsOlderThanThePeriodAndTheFoldersItEmpties() throws {
        let root = "/tmp/articled-retention-\(UUID().uuidString)"
        let done = root + "/done"
        try FileManager.default.createDirectory(atPath: done + "/feeds/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/failed", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for path in [done + "/one.txt", done + "/feeds/a/two.txt", root + "/failed/bad.txt"] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        }
        let sweeper = RetentionSweeper(done: done, keepSeconds: 86_400)
        let now = Int(Date().timeIntervalSince1970)
        #expect(sweeper.sweep(now: now) == 0)
        #expect(FileManager.default.fileExists(atPath: done + "/one.txt"))
        #expect(sweeper.sweep(now: now + 2 * 86_400) == 2)
        #expect(!FileManager.default.fileExists(atPath: done + "/one.txt"))
        #expect(!FileManager.default.fileExists(atPath: done + "/feeds"))
        #expect(FileManager.default.fileExists(atPath: done))
        #expect(FileManager.default.fileExists(atPath: root + "/failed/bad.txt"))
        #expect(sweeper.prunedCount == 2)
    }
}

extension RetentionTests {
    @Test func aLinkInDoneIsNeitherFollowedNorRemoved() throws {
        let root = "/tmp/articled-retention-\(UUID().uuidString)"
        let done = root + "/done"
        let outside = root + "/outside"
        try FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(FileManager.default.createFile(atPath: outside + "/precious.txt", contents: Data("x".utf8)))
        #expect(symlink(outside, done + "/link") == 0)
        let sweeper = RetentionSweeper(done: done, keepSeconds: 60)
        sweeper.sweep(now: Int(Date().timeIntervalSince1970) + 3_600)
        #expect(FileManager.default.fileExists(atPath: outside + "/precious.txt"))
    }
}
