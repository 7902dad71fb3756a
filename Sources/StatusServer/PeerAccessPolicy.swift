import Glibc

/// The credentials of the process at the other end of a Unix socket, as the kernel recorded them at `connect(2)`.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: pid_t
    public var uid: uid_t
    public var gid: gid_t

    /// Creates credentials.
    public init(pid: pid_t, uid: uid_t, gid: gid_t) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}

/// Decides who may read the daemon's status: root, the daemon's own user, and members of the daemon's group.
///
/// File permissions on the socket (0660, group articled) already keep others out; this check also covers an
/// adopted socket with looser permissions and a socket directory someone made world-accessible.
public struct PeerAccessPolicy: Sendable {
    /// The daemon's user.
    public var uid: uid_t
    /// The daemon's group; its members may ask.
    public var gid: gid_t
    /// The groups a user belongs to (primary and supplementary), by uid and primary gid.
    public var groupsOfUser: @Sendable (uid_t, gid_t) -> [gid_t]

    /// Creates a policy.
    public init(uid: uid_t, gid: gid_t, groupsOfUser: @escaping @Sendable (uid_t, gid_t) -> [gid_t] = Self.groupList) {
        self.uid = uid
        self.gid = gid
        self.groupsOfUser = groupsOfUser
    }

    /// The running process's effective user and group.
    public static func daemonUserAndGroup() -> PeerAccessPolicy {
        PeerAccessPolicy(uid: geteuid(), gid: getegid())
    }

    /// Whether `peer` may be answered.
    public func allows(_ peer: PeerCredentials) -> Bool {
        if peer.uid == 0 || peer.uid == self.uid || peer.gid == self.gid { return true }
        return self.groupsOfUser(peer.uid, peer.gid).contains(self.gid)
    }

    /// The user's groups from the user and group databases (`getpwuid_r`, `getgrouplist`); empty for a uid without
    /// a name. This reflects /etc/group now, which is what an operator edits to grant access.
    public static let groupList: @Sendable (uid_t, gid_t) -> [gid_t] = { uid, gid in
        var passwd = Glibc.passwd()
        var result: UnsafeMutablePointer<Glibc.passwd>?
        var scratch = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(uid, &passwd, &scratch, scratch.count, &result) == 0, result != nil, let name = passwd.pw_name
        else { return [] }
        var count: Int32 = 32
        while true {
            var groups = [gid_t](repeating: 0, count: Int(count))
            let needed = count
            if getgrouplist(name, gid, &groups, &count) >= 0 {
                return Array(groups.prefix(Int(count)))
            }
            // getgrouplist set `count` to the number needed; grow and retry.
            if count <= needed { count = needed * 2 }
        }
    }
}
