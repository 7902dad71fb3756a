import ArticleLog
import Foundation
import Glibc
import Testing

@testable import ArticleDaemon

private func withFolder(_ body: (String, FileReader) throws -> Void) throws {
    let root = "/tmp/articled-reader-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let files = try SafeFile(root: root)
    try body(root, FileReader(files: files, maxBytes: 64))
}

@Test func aRegularFileIsReadAndHashedFromTheSameDescriptor() throws {
    try withFolder { root, reader in
        try "hello".write(toFile: root + "/a.txt", atomically: true, encoding: .utf8)
        guard case .content(let bytes, let source, _, _) = reader.read("a.txt") else {
            Issue.record("expected content")
            return
        }
        #expect(bytes == Array("hello".utf8))
        #expect(source.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(source.size == 5)
    }
}

@Test func aFileOverTheCapIsRejectedUnread() throws {
    try withFolder { root, reader in
        try String(repeating: "x", count: 65).write(toFile: root + "/big.txt", atomically: true, encoding: .utf8)
        guard case .rejected(let reason, let source, _) = reader.read("big.txt") else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason == "larger than 64 bytes")
        #expect(source.sha256 == nil)
    }
}

@Test func aSymlinkInsideTheFolderIsNotFollowedEitherAsFileOrAsDirectory() throws {
    try withFolder { root, reader in
        try "inside".write(toFile: root + "/real.txt", atomically: true, encoding: .utf8)
        symlink(root + "/real.txt", root + "/link.txt")
        symlink("/etc", root + "/etc-link")
        guard case .rejected(let reason, _, _) = reader.read("link.txt") else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason == "symbolic link")
        guard case .rejected(let reason2, _, _) = reader.read("etc-link/hostname") else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason2 == "symbolic link")
    }
}

@Test func aPathEscapingTheFolderIsRefused() throws {
    try withFolder { _, reader in
        guard case .rejected = reader.read("../../etc/hostname") else {
            Issue.record("expected a rejection")
            return
        }
    }
}

@Test func aMissingFileHasVanished() throws {
    try withFolder { _, reader in
        guard case .vanished(let source) = reader.read("sub/nothing.txt") else {
            Issue.record("expected vanished")
            return
        }
        #expect(source.name == "nothing.txt")
        #expect(source.path == "sub/nothing.txt")
    }
}

@Test func aFIFOIsRejectedWithoutBlocking() throws {
    try withFolder { root, reader in
        mkfifo(root + "/pipe", 0o644)
        guard case .rejected(let reason, _, _) = reader.read("pipe") else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason == "not a regular file (FIFO)")
    }
}

@Test func anEmptyFileIsRejectedWithItsHash() throws {
    try withFolder { root, reader in
        #expect(FileManager.default.createFile(atPath: root + "/empty", contents: Data()))
        guard case .rejected(let reason, let source, _) = reader.read("empty") else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason == "empty file")
        #expect(source.sha256 != nil)
    }
}

@Test func aFileWithASecondHardLinkIsRejectedUnlessAllowed() throws {
    try withFolder { root, reader in
        try "hello".write(toFile: root + "/a.txt", atomically: true, encoding: .utf8)
        #expect(link(root + "/a.txt", root + "/sub/b.txt") == 0)
        guard case .rejected(let reason, _, _) = reader.read("sub/b.txt") else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason.contains("2 hard links"))
        var allowing = reader
        allowing.allowHardLinks = true
        guard case .content = allowing.read("sub/b.txt") else {
            Issue.record("expected content when hard links are allowed")
            return
        }
    }
}
