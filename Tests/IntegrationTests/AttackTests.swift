import ArticleLog
import ArticledTestSupport
import Foundation
import Glibc
import Testing

/// What a hostile member of the drop group can try, each as a test: drop what the attacker would, then check
/// that nothing outside the drop folder changed, every dropped file has exactly one record, and the daemon is
/// still running.
@Suite(.serialized)
struct AttackTests {
    static let body = "A Headline For The Test\n\nA body long enough to be an article, written for this test alone."

    /// The promise after an attack: the log verifies, `log/` holds only segments, the state folder holds no link,
    /// and the daemon runs.
    static func expectIntact(_ d: DaemonHarness) async throws {
        #expect(d.isRunning)
        let verify = try await DaemonHarness.runTool(["log", "verify", "--state", d.state])
        #expect(verify.status == 0, "log verify: \(verify.output)")
        let log = try FileManager.default.contentsOfDirectory(atPath: d.state + "/log")
        #expect(log.allSatisfy { $0.hasSuffix(".jsonl") }, "log/ holds \(log)")
        let all = FileManager.default.enumerator(atPath: d.state)?.allObjects as? [String] ?? []
        let links = all.filter { path in
            var st = stat()
            return lstat(d.state + "/" + path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
        }
        #expect(links.isEmpty, "links stored in the state folder: \(links)")
    }

    @Test func aLinkNamedLikeARejectionNoteCannotTruncateTheLog() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        try d.write("first.txt", Self.body)
        _ = try await d.waitForRecords(1)
        let segment = d.state + "/log/00000001.jsonl"
        let before = try Data(contentsOf: URL(fileURLWithPath: segment))
        #expect(symlink(segment, d.incoming + "/empty.txt.reason") == 0)
        _ = try await d.waitForRecords(2)
        try d.write("empty.txt", "")
        let records = try await d.waitForRecords(3)
        #expect(records.map(\.kind) == [.article, .rejected, .rejected])
        let after = try Data(contentsOf: URL(fileURLWithPath: segment))
        #expect(after.prefix(before.count) == before)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func aFolderLinkToTheLogThenARealFolderOfThatNameCannotPlantASegment() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        try d.write("first.txt", Self.body)
        _ = try await d.waitForRecords(1)
        #expect(symlink(d.state + "/log", d.incoming + "/x") == 0)
        _ = try await d.waitForRecords(2)
        try await waitUntil("the link to leave the drop folder") { !d.exists(d.incoming + "/x") }
        try d.write("x/00000002.jsonl", "{\"seq\":2}\n")
        let records = try await d.waitForRecords(3)
        #expect(records.count == 3)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        #expect(!d.exists(d.state + "/log/00000002.jsonl"))
        try await Self.expectIntact(d)
        try await d.stop()
        // The next start must accept the log as its own.
        try d.start()
        try d.write("after.txt", Self.body + " After the restart.")
        _ = try await d.waitForRecords(4)
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func collidingNamesInDoneKeepEveryOriginal() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        try d.write("a.txt", Self.body + " One.")
        _ = try await d.waitForRecords(1)
        try d.write("a.3.txt", Self.body + " Two.")
        _ = try await d.waitForRecords(2)
        try d.write("a.txt", Self.body + " Three.")
        _ = try await d.waitForRecords(3)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        let done = try FileManager.default.contentsOfDirectory(atPath: d.state + "/done").sorted()
        #expect(done.count == 3, "done/ holds \(done)")
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func aSecondInstanceOnTheSameStateFolderExitsAtOnceWith75() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        try d.write("a.txt", Self.body)
        _ = try await d.waitForRecords(1)
        let second = try await DaemonHarness.runTool([
            "run", "--watch", d.incoming, "--state", d.state, "--log-format", "text",
        ])
        #expect(second.status == 75)
        try d.write("b.txt", Self.body + " Second file.")
        let records = try await d.waitForRecords(2)
        #expect(records.count == 2)
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func aHardLinkPresentAtStartIsRejectedWithItsReason() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        let outside = d.root + "/outside.txt"
        try Self.body.write(toFile: outside, atomically: false, encoding: .utf8)
        #expect(link(outside, d.incoming + "/linked.txt") == 0)
        try d.start()
        let records = try await d.waitForRecords(1)
        #expect(records.first?.kind == .rejected)
        #expect(records.first?.reason?.contains("hard links") == true)
        try await waitUntil("the drop folder to empty") { d.incomingFiles().isEmpty }
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == Self.body)
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func aHardLinkMadeWhileRunningIsTakenWithinTwoSecondsAndRejected() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        _ = try await d.waitForRecords(0)
        let outside = d.root + "/outside.txt"
        try Self.body.write(toFile: outside, atomically: false, encoding: .utf8)
        #expect(link(outside, d.incoming + "/linked.txt") == 0)
        // The bar is 2 s (the watcher takes a linked-in file 100 ms after it appears); 5 s leaves room for a loaded host.
        let records = try await d.waitForRecords(1, timeout: .seconds(5))
        #expect(records.first?.kind == .rejected)
        #expect(records.first?.reason?.contains("hard links") == true)
        try await waitUntil("the link to leave the drop folder") { d.incomingFiles().isEmpty }
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == Self.body)
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func anOTmpfileFileLinkedInIsTakenWithinTwoSeconds() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        _ = try await d.waitForRecords(0)
        // O_TMPFILE (__O_TMPFILE | O_DIRECTORY), which Swift's Glibc module leaves out without _GNU_SOURCE.
        let fd = open(d.incoming, 0o2000_0000 | O_DIRECTORY | O_WRONLY, 0o644)
        try #require(fd >= 0, "O_TMPFILE: errno \(errno)")
        let bytes = Array(Self.body.utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
        #expect(linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, d.incoming + "/tmpfile.txt", AT_SYMLINK_FOLLOW) == 0)
        close(fd)
        // The bar is 2 s (the watcher takes a linked-in file 100 ms after it appears); 5 s leaves room for a loaded host.
        let records = try await d.waitForRecords(1, timeout: .seconds(5))
        #expect(records.first?.kind == .article)
        #expect(records.first?.source.name == "tmpfile.txt")
        try await Self.expectIntact(d)
        try await d.stop()
    }

    @Test func aTreeDeeperThanPATH_MAXKeepsTheDaemonRunningAndItsFilesAreRecorded() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        defer { Self.removeTree(d.root) }
        try d.start()
        _ = try await d.waitForRecords(0)
        // 24 levels of 200-byte names: the deepest paths are longer than PATH_MAX (4096).
        let level = String(repeating: "d", count: 200)
        var fd = open(d.incoming, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for _ in 0..<24 {
            #expect(mkdirat(fd, level, 0o755) == 0)
            let next = openat(fd, level, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            close(fd)
            fd = next
        }
        let file = openat(fd, "deep.txt", O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        let bytes = Array(Self.body.utf8)
        #expect(write(file, bytes, bytes.count) == bytes.count)
        close(file)
        close(fd)
        try d.write("shallow.txt", Self.body + " A shallow file after the deep one.")
        let records = try await d.waitForRecords(2, timeout: .seconds(20))
        #expect(d.isRunning)
        let deep = try #require(records.first { $0.source.name == "deep.txt" })
        #expect(deep.kind == .article)
        #expect(deep.source.path.utf8.count > Int(PATH_MAX))
        let verify = try await DaemonHarness.runTool(["log", "verify", "--state", d.state])
        #expect(verify.status == 0)
        try await d.stop()
    }

    /// Creates `folder/NAME` where NAME holds the given raw bytes (not UTF-8), with `text` in it.
    static func writeRawName(_ folder: String, _ name: [UInt8], _ text: String) throws {
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(dir) }
        let fd = (name + [0]).withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                openat(dir, $0, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
            }
        }
        try #require(fd >= 0)
        let content = Array(text.utf8)
        #expect(write(fd, content, content.count) == content.count)
        close(fd)
    }

    @Test(arguments: [false, true])
    func aNameThatIsNotUTF8IsRecordedUnderItsEscapedNameAndLeavesTheFolder(presentAtStart: Bool) async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        let latin1 = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        if presentAtStart { try Self.writeRawName(d.incoming, latin1, Self.body) }
        try d.start()
        _ = try await d.waitForRecords(0)
        if !presentAtStart { try Self.writeRawName(d.incoming, latin1, Self.body) }
        let records = try await d.waitForRecords(1)
        #expect(records.first?.kind == .rejected)
        #expect(records.first?.source.name == "caf%E9.txt.not-utf-8")
        #expect(records.first?.reason?.contains("not valid UTF-8") == true)
        try await waitUntil("the drop folder to empty") {
            (try? FileManager.default.contentsOfDirectory(atPath: d.incoming))?.isEmpty == true
        }
        #expect(d.exists(d.state + "/failed/caf%E9.txt.not-utf-8"))
        try await Self.expectIntact(d)
        try await d.stop()
    }

    /// `rm -rf` walks by descriptor, so it removes trees whose paths FileManager cannot name.
    static func removeTree(_ path: String) {
        _ = try? ChildProcess.run("/bin/rm", ["-rf", path])
    }

    @Test func aWatchFolderInsideTheStateFolderIsRefusedAtStart() async throws {
        let d = try DaemonHarness()
        let inside = try await DaemonHarness.runTool([
            "run", "--watch", d.state + "/in", "--state", d.state, "--log-format", "text",
        ])
        #expect(inside.status != 0)
        #expect(!d.exists(d.state + "/log"))
    }
}

/// An inotify queue overflow (the daemon stopped while thousands of files arrive) ends in a rescan that lists
/// files while they are being taken and moved; none may get a second record.
@Suite(.serialized)
struct OverflowIngestionTests {
    @Test func filesWrittenWhileTheDaemonIsStoppedGetOneRecordEachAfterTheOverflow() async throws {
        let d = try DaemonHarness(arguments: ["--sidecar-wait-ms", "0"])
        try d.start()
        _ = try await d.waitForRecords(0)
        try d.write("first.txt", AttackTests.body)
        _ = try await d.waitForRecords(1)
        let pid = try #require(d.pid)
        kill(pid, SIGSTOP)
        // Two events a file (IN_CREATE, IN_CLOSE_WRITE): 9,000 files overflow the default 16,384-event queue.
        let count = 9_000
        for i in 0..<count { try d.write("f\(i).txt", "Headline \(i)\n\nBody of file number \(i), unique.") }
        kill(pid, SIGCONT)
        let records = try await d.waitForRecords(count + 1, timeout: .seconds(240))
        try await waitUntil(timeout: .seconds(60), "the drop folder to empty") { d.incomingFiles().isEmpty }
        let all = try d.records()
        #expect(d.daemonLog.contains("overflowed"), "the test must cause an overflow to test what follows it")
        #expect(all.count == count + 1)
        #expect(Set(all.map(\.source.path)).count == all.count)
        #expect(records.allSatisfy { $0.kind == .article })
        try await AttackTests.expectIntact(d)
        try await d.stop()
    }
}
