import Foundation
import Glibc
import Testing

@testable import ArticleDaemon

/// A drop folder and a state folder side by side, with a mover between them.
private struct Folders {
    let root = "/tmp/articled-mover-\(UUID().uuidString.prefix(8))"
    var drop: String { root + "/drop" }
    var state: String { root + "/state" }

    init() throws {
        for dir in [drop, state] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    }

    func mover() throws -> FileMover {
        FileMover(drop: try SafeFile(root: drop), state: try DirectoryHandle(opening: state))
    }

    /// Writes a file and returns it as the reader would: path and identity.
    func drop(_ relative: String, _ text: String = "text") throws -> Original {
        let path = drop + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return Original(path: relative, identity: identity(path))
    }

    func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        return lstat(path, &st) == 0 ? FileIdentity(st) : nil
    }

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Test func anOriginalMovesToDoneUnderItsFolder() throws {
    let f = try Folders()
    defer { f.remove() }
    let original = try f.drop("sub/a.txt", "one")
    let result = try f.mover().move(original, into: .done, seq: 1, note: nil)
    guard case .moved(let target, let folders) = result else { throw HarnessFailure("not moved: \(result)") }
    #expect(target == f.state + "/done/sub/a.txt")
    #expect(f.read(target) == "one")
    #expect(folders.map(\.path) == [f.state + "/done/sub", f.drop + "/sub"])
    #expect(f.identity(f.drop + "/sub/a.txt") == nil)
}

@Test func aTakenNameIsNeverReplacedEvenWhenItsFallbackIsTakenToo() throws {
    let f = try Folders()
    defer { f.remove() }
    let mover = try f.mover()
    _ = try mover.move(try f.drop("a.txt", "first"), into: .done, seq: 1, note: nil)
    _ = try mover.move(try f.drop("a.3.txt", "second"), into: .done, seq: 2, note: nil)
    _ = try mover.move(try f.drop("a.txt", "third"), into: .done, seq: 3, note: nil)
    #expect(f.read(f.state + "/done/a.txt") == "first")
    #expect(f.read(f.state + "/done/a.3.txt") == "second")
    #expect(f.read(f.state + "/done/a.3-2.txt") == "third")
}

@Test func aNoteIsNeverWrittenThroughALinkLeftWhereItGoes() throws {
    let f = try Folders()
    defer { f.remove() }
    let victim = f.root + "/victim"
    try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: f.state + "/failed", withIntermediateDirectories: true)
    #expect(symlink(victim, f.state + "/failed/x.txt.reason") == 0)
    let result = try f.mover().move(try f.drop("x.txt", ""), into: .failed, seq: 7, note: "empty file")
    guard case .moved(let target, _) = result else { throw HarnessFailure("not moved: \(result)") }
    #expect(f.read(victim) == "precious")
    #expect(target == f.state + "/failed/x.7.txt")
    #expect(f.read(target + ".reason") == "empty file\n")
}

@Test func aLinkInTheTargetTreeIsNotFollowed() throws {
    let f = try Folders()
    defer { f.remove() }
    let elsewhere = f.root + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: f.state + "/done", withIntermediateDirectories: true)
    #expect(symlink(elsewhere, f.state + "/done/sub") == 0)
    let result = try f.mover().move(try f.drop("sub/a.txt"), into: .done, seq: 4, note: nil)
    #expect(result.target == f.state + "/done/a.txt")
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
}

@Test func aFileReplacedAfterItWasReadStaysForItsOwnRecord() throws {
    let f = try Folders()
    defer { f.remove() }
    let original = try f.drop("a.txt", "read")
    #expect(unlink(f.drop + "/a.txt") == 0)
    _ = try f.drop("a.txt", "new")
    guard case .replaced = try f.mover().move(original, into: .done, seq: 1, note: nil) else {
        throw HarnessFailure("a replaced file was moved")
    }
    #expect(f.read(f.drop + "/a.txt") == "new")
}

@Test func aSymbolicLinkIsRemovedAndOnlyItsNoteIsKept() throws {
    let f = try Folders()
    defer { f.remove() }
    #expect(symlink("/etc/hostname", f.drop + "/l.txt") == 0)
    let original = Original(path: "l.txt", identity: f.identity(f.drop + "/l.txt"))
    let result = try f.mover().move(original, into: .failed, seq: 2, note: "symbolic link")
    #expect(result.target == f.state + "/failed/l.txt")
    #expect(f.identity(f.state + "/failed/l.txt") == nil)
    #expect(f.identity(f.drop + "/l.txt") == nil)
    #expect(f.read(f.state + "/failed/l.txt.reason") == "symbolic link\n")
}

@Test func aSourceFolderSwappedForALinkIsNotMovedFrom() throws {
    let f = try Folders()
    defer { f.remove() }
    let original = try f.drop("sub/a.txt", "dropped")
    let elsewhere = f.root + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    try "not the dropper's".write(toFile: elsewhere + "/a.txt", atomically: false, encoding: .utf8)
    #expect(rename(f.drop + "/sub", f.drop + "/moved") == 0)
    #expect(symlink(elsewhere, f.drop + "/sub") == 0)
    #expect(throws: IngestError.self) { try f.mover().move(original, into: .done, seq: 1, note: nil) }
    #expect(f.read(elsewhere + "/a.txt") == "not the dropper's")
}

@Test func aDroppedNameEndingInReasonCannotPassForTheDaemonsNote() throws {
    let f = try Folders()
    defer { f.remove() }
    let result = try f.mover().move(try f.drop("y.reason", "forged"), into: .failed, seq: 3, note: "rejected")
    #expect(result.target == f.state + "/failed/y.reason_")
}

extension FileMover.Result {
    /// Where the original went, for assertions; nil when it did not move.
    var target: String? {
        if case .moved(let target, _) = self { return target }
        return nil
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
