import Testing

@testable import LogStream

@Suite struct StreamLayoutTests {
    @Test func subjectsAndMessageIDsNameTheInstance() {
        let layout = StreamLayout(instance: "edge-1")
        #expect(layout.subject(kind: "article") == "articled.edge-1.article")
        #expect(layout.messageID(seq: 42) == "edge-1/42")
        #expect(layout.streamSubjects == ["articled.>"])
        #expect(StreamLayout.subjects(prefix: "news", instance: nil) == "news.*.>")
    }

    @Test func theDefaultInstanceIsATokenAndDiffersByStateFolder() {
        let a = StreamLayout.defaultInstance(stateFolder: "/var/lib/articled")
        let b = StreamLayout.defaultInstance(stateFolder: "/var/lib/articled-2")
        #expect(StreamLayout.isToken(a))
        #expect(a != b)
        #expect(a == StreamLayout.defaultInstance(stateFolder: "/var/lib/articled"))
    }

    @Test func tokensRefuseSubjectSyntax() {
        #expect(!StreamLayout.isToken("a.b"))
        #expect(!StreamLayout.isToken("a*"))
        #expect(!StreamLayout.isToken(">"))
        #expect(!StreamLayout.isToken(""))
        #expect(StreamLayout.isToken("host_1-abc"))
    }
}
