import Testing

@testable import FolderWatch

@Suite("Watch bookkeeping")
struct WatchTableTests {
    private func table(_ pairs: [(Int32, String)]) -> WatchTable {
        var table = WatchTable()
        for (watch, directory) in pairs { table.insert(watch, for: directory) }
        return table
    }

    @Test func findsFoldersByWatchAndWatchesByFolder() {
        let watches = table([(1, ""), (2, "a"), (3, "a/b")])
        #expect(watches.directory(for: 2) == "a")
        #expect(watches.watch(for: "a/b") == 3)
        #expect(watches.directory(for: 9) == nil)
    }

    @Test func removingASubtreeReturnsItsWatchesAndKeepsSiblingsWithACommonPrefix() {
        var watches = table([(1, ""), (2, "a"), (3, "a/b"), (4, "ab"), (5, "c")])
        #expect(watches.removeSubtree("a") == [2, 3])
        #expect(watches.directory(for: 4) == "ab")
        #expect(watches.directory(for: 3) == nil)
        #expect(watches.count == 3)
    }

    @Test func movingASubtreeRenamesEveryFolderBelowIt() {
        var watches = table([(1, ""), (2, "a"), (3, "a/b"), (4, "ab")])
        watches.moveSubtree(from: "a", to: "x/y")
        #expect(watches.directory(for: 2) == "x/y")
        #expect(watches.directory(for: 3) == "x/y/b")
        #expect(watches.directory(for: 4) == "ab")
        #expect(watches.watch(for: "a") == nil)
    }

    @Test func aNewWatchForAKnownFolderReplacesTheStaleOne() {
        var watches = table([(2, "a")])
        watches.insert(7, for: "a")
        #expect(watches.watch(for: "a") == 7)
        #expect(watches.directory(for: 2) == nil)
        #expect(watches.count == 1)
    }

    @Test func removingAWatchForgetsItsFolder() {
        var watches = table([(1, ""), (2, "a")])
        #expect(watches.remove(2) == "a")
        #expect(watches.remove(2) == nil)
        #expect(watches.watch(for: "a") == nil)
    }
}
