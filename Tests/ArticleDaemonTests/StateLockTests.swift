import Foundation
import Glibc
import Logging
import Testing

@testable import ArticleDaemon

@Test func aSecondLockOnOneStateFolderIsRefusedWithTheHoldersPid() throws {
    let state = "/tmp/articled-lock-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: state) }
    let first = try StateLock(state: state)
    #expect(throws: DaemonStartError.alreadyRunning(state: state, pid: getpid())) { try StateLock(state: state) }
    withExtendedLifetime(first) {}
}

@Test func theLockIsFreeAgainOnceItsHolderIsGone() throws {
    let state = "/tmp/articled-lock-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: state) }
    do { _ = try StateLock(state: state) }
    _ = try StateLock(state: state)
}

@Test func overlappingFoldersAreRefusedAfterResolvingLinks() throws {
    let root = "/tmp/articled-overlap-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: root + "/state/in", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(symlink(root + "/state/in", root + "/watch") == 0)
    let checks = StartupChecks(watch: root + "/watch", state: root + "/state", logger: .init(label: "test"))
    #expect(throws: DaemonStartError.self) { try checks.checkFoldersApart() }
}
