import Testing

@testable import ArticleDaemon

@Test func aTextInAFolderThatNeverHadSidecarsDoesNotWait() {
    let pairing = SidecarPairing(fixedWait: nil)
    #expect(pairing.remainingWait("news/a.txt") == nil)
}

@Test func aTextWaitsOnceItsFolderHasHadASidecar() {
    let pairing = SidecarPairing(fixedWait: nil, learnedWait: .seconds(1))
    pairing.sidecarSeen("news/old.json")
    let left = pairing.remainingWait("news/a.txt")
    #expect(left != nil && left! > .zero && left! <= .seconds(1))
    #expect(pairing.remainingWait("other/a.txt") == nil)
}

@Test func anExplicitWaitAppliesToEveryText() {
    let pairing = SidecarPairing(fixedWait: .milliseconds(500))
    let left = pairing.remainingWait("anywhere/a.txt")
    #expect(left != nil && left! <= .milliseconds(500))
    #expect(SidecarPairing(fixedWait: .zero).remainingWait("anywhere/a.txt") == nil)
}

@Test func aSidecarAloneAlwaysWaitsForItsText() {
    #expect(SidecarPairing(fixedWait: nil).wait(for: "news/a.json") == .seconds(1))
    #expect(SidecarPairing(fixedWait: .milliseconds(200)).wait(for: "news/a.json") == .milliseconds(200))
}

@Test func theWaitCountsFromTheFirstLookAndStartsAgainAfterForget() {
    let pairing = SidecarPairing(fixedWait: .seconds(60))
    #expect(pairing.remainingWait("a.txt") == .seconds(60))
    let second = pairing.remainingWait("a.txt")!
    #expect(second < .seconds(60))
    pairing.forget("a.txt")
    #expect(pairing.remainingWait("a.txt") == .seconds(60))
}
