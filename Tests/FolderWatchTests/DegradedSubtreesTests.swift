import Glibc
import Testing

@testable import FolderWatch

@Suite("Subtrees polled because inotify cannot watch them")
struct DegradedSubtreesTests {
    @Test func aSubtreeIsAddedOnceSoItIsLoggedOnce() {
        var subtrees = DegradedSubtrees()
        let first = subtrees.insert(DegradedSubtree(path: "a/b", errno: ENOSPC))
        let again = subtrees.insert(DegradedSubtree(path: "a/b", errno: ENOSPC))
        #expect(first)
        #expect(!again)
        #expect(subtrees.all == [DegradedSubtree(path: "a/b", errno: ENOSPC)])
        #expect(subtrees.total == 1)
    }

    @Test func aFolderInsideAPolledSubtreeIsPolledWithIt() {
        var subtrees = DegradedSubtrees()
        _ = subtrees.insert(DegradedSubtree(path: "a", errno: EACCES))
        let inside = subtrees.insert(DegradedSubtree(path: "a/b/c", errno: ENAMETOOLONG))
        #expect(!inside)
        #expect(subtrees.paths == ["a"])
        #expect(subtrees.covers("a/b/c"))
        #expect(!subtrees.covers("ab"))
    }

    @Test func aFolderAboveTakesOverThePolledSubtreesBelowIt() {
        var subtrees = DegradedSubtrees()
        _ = subtrees.insert(DegradedSubtree(path: "a/b", errno: ENOSPC))
        _ = subtrees.insert(DegradedSubtree(path: "a/c", errno: ENOSPC))
        _ = subtrees.insert(DegradedSubtree(path: "x", errno: ENOSPC))
        let above = subtrees.insert(DegradedSubtree(path: "a", errno: ENOSPC))
        #expect(above)
        #expect(subtrees.paths == ["a", "x"])
        #expect(subtrees.total == 4)
    }

    @Test func removingAFolderStopsPollingItAndBelowButTheTotalStays() {
        var subtrees = DegradedSubtrees()
        _ = subtrees.insert(DegradedSubtree(path: "a/b", errno: ENOSPC))
        _ = subtrees.insert(DegradedSubtree(path: "c", errno: ENOSPC))
        let sibling = subtrees.remove(below: "a/bb")
        let parent = subtrees.remove(below: "a")
        #expect(!sibling)
        #expect(parent)
        #expect(subtrees.paths == ["c"])
        let itself = subtrees.remove(below: "c")
        #expect(itself)
        #expect(subtrees.isEmpty)
        #expect(subtrees.total == 2)
    }

    @Test func aSubtreeWatchableAgainIsRemovedAloneEvenAtTheRoot() {
        var subtrees = DegradedSubtrees()
        _ = subtrees.insert(DegradedSubtree(path: "a", errno: ENOSPC))
        let root = subtrees.remove(exactly: "")
        let itself = subtrees.remove(exactly: "a")
        #expect(!root)
        #expect(itself)
        #expect(subtrees.isEmpty)
    }

    @Test func theDescriptionNamesThePathTheCallAndTheErrnoAndTheSysctlForTheWatchLimit() {
        let text = DegradedSubtree(path: "a/b", errno: ENOSPC).description
        #expect(text.contains("a/b"))
        #expect(text.contains("inotify_add_watch"))
        #expect(text.contains("errno \(ENOSPC)"))
        #expect(text.contains("max_user_watches"))
    }
}
