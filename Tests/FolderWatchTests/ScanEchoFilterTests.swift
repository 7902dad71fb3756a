import Testing

@testable import FolderWatch

@Suite("Scan echo filter")
struct ScanEchoFilterTests {
    private let start = ContinuousClock.now
    private let scanned = FileStatus(
        kind: .regular,
        device: 1,
        inode: 7,
        size: 10,
        modificationSeconds: 100,
        modificationNanoseconds: 5
    )

    @Test func anEventForAnUnchangedScannedFileIsAnEcho() {
        var filter = ScanEchoFilter()
        filter.remember("a", as: scanned, now: start)
        let isEcho = filter.isEcho("a", now: scanned)
        #expect(isEcho)
    }

    @Test func anEventForAFileThatChangedSinceTheScanIsNotAnEcho() {
        var filter = ScanEchoFilter()
        filter.remember("a", as: scanned, now: start)
        var grown = scanned
        grown.size = 20
        let isEcho = filter.isEcho("a", now: grown)
        #expect(!isEcho)
    }

    @Test func aFileHasAtMostOneEcho() {
        var filter = ScanEchoFilter()
        filter.remember("a", as: scanned, now: start)
        let firstIsEcho = filter.isEcho("a", now: scanned)
        #expect(firstIsEcho)
        let secondIsEcho = filter.isEcho("a", now: scanned)
        #expect(!secondIsEcho)
        #expect(filter.isEmpty)
    }

    @Test func aFileRenamedAwayIsForgotten() {
        var filter = ScanEchoFilter()
        filter.remember("d/a", as: scanned, now: start)
        filter.remember("da", as: scanned, now: start)
        filter.forget(below: "d")
        let renamedIsEcho = filter.isEcho("d/a", now: scanned)
        #expect(!renamedIsEcho)
        let siblingIsEcho = filter.isEcho("da", now: scanned)
        #expect(siblingIsEcho)
    }

    @Test func filesAreForgottenAfterTheWindow() {
        var filter = ScanEchoFilter(window: .seconds(5))
        filter.remember("a", as: scanned, now: start)
        filter.forgetExpired(now: start + .seconds(4))
        #expect(!filter.isEmpty)
        filter.forgetExpired(now: start + .seconds(5))
        #expect(filter.isEmpty)
    }
}
