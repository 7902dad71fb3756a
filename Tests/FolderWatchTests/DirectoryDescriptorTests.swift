import Testing

@testable import FolderWatch

@Suite("Opening folders below PATH_MAX and beyond")
struct DirectoryDescriptorTests {
    @Test func longRelativePathsAreOpenedInStepsThatEachFitInPATH_MAX() {
        let name = String(repeating: "n", count: 200)
        let path = Array(repeating: name, count: 30).joined(separator: "/")
        let steps = DirectoryDescriptor.steps(of: path)
        #expect(steps.allSatisfy { $0.utf8.count <= DirectoryDescriptor.stepLimit })
        #expect(steps.joined(separator: "/") == path)
        #expect(steps.count == 3)
        #expect(DirectoryDescriptor.steps(of: "a/b") == ["a/b"])
    }

    @Test func aPathIsCutBelowItsAnchorByBytesEvenWhenANameStartsWithACombiningMark() {
        #expect(TreeScanner.remainder(of: "a/\u{301}b/c", below: "a") == "\u{301}b/c")
        #expect(TreeScanner.remainder(of: "a/b", below: "a/b") == "")
        #expect(TreeScanner.remainder(of: "a/b", below: "") == "a/b")
    }
}
