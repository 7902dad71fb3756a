import ArticledTestSupport
import Foundation
import Glibc
import Testing

@testable import StatusServer

struct PeerAccessPolicyTests {
    let policy = PeerAccessPolicy(uid: 990, gid: 990, groupsOfUser: { uid, _ in uid == 1001 ? [1001, 990] : [uid] })

    @Test func rootIsAllowed() {
        #expect(self.policy.allows(PeerCredentials(pid: 1, uid: 0, gid: 0)))
    }

    @Test func theDaemonUserIsAllowed() {
        #expect(self.policy.allows(PeerCredentials(pid: 1, uid: 990, gid: 5)))
    }

    @Test func aPeerWhosePrimaryGroupIsTheDaemonsIsAllowed() {
        #expect(self.policy.allows(PeerCredentials(pid: 1, uid: 1002, gid: 990)))
    }

    @Test func aSupplementaryMemberIsAllowed() {
        #expect(self.policy.allows(PeerCredentials(pid: 1, uid: 1001, gid: 1001)))
    }

    @Test func anyoneElseIsRefused() {
        #expect(!self.policy.allows(PeerCredentials(pid: 1, uid: 1003, gid: 1003)))
    }

    @Test func theGroupListOfRootContainsGroupRoot() {
        #expect(PeerAccessPolicy.groupList(0, 0).contains(0))
        #expect(PeerAccessPolicy.groupList(4_000_000_000, 0).isEmpty)
    }
}

/// A real second uid: curl run through `setpriv` as nobody, against a socket whose permissions let anyone connect,
/// so that only the peer-credential check stands between them and the status.
@Suite(
    .enabled(
        if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"),
        "needs root, setpriv and curl"
    )
)
struct PeerCredentialTests {
    static func curl(as uid: uid_t, gid: gid_t, socketPath: String) throws -> String {
        try ChildProcess.run("/usr/bin/setpriv", [
            "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--",
            "/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
            "--unix-socket", socketPath, "http://localhost/status",
        ]).output
    }

    @Test func anotherUserOutsideTheGroupGets403() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        try await withServer(.init(socketPath: path, socketMode: 0o666)) { _ in
            let code = try await offPool { try Self.curl(as: 65534, gid: 65534, socketPath: path) }
            #expect(code == "403")
        }
    }

    @Test func anotherUserInTheDaemonsGroupIsAnswered() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/status.sock"
        let gid = getegid()
        try await withServer(.init(socketPath: path, socketMode: 0o666)) { _ in
            let code = try await offPool { try Self.curl(as: 65534, gid: gid, socketPath: path) }
            #expect(code == "200")
        }
    }
}
