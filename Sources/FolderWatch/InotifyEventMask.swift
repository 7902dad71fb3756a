import Glibc

/// The bits of an inotify mask, typed, so that watch requests and received events read as words rather than
/// hexadecimal constants. The same type serves both directions, as in C.
public struct InotifyEventMask: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The raw `uint32_t` mask as the kernel uses it.
    public var rawValue: UInt32

    /// Wraps a raw mask, e.g. one read from an event record.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    private init(_ value: Int32) {
        self.rawValue = UInt32(bitPattern: value)
    }

    /// A file was read (`IN_ACCESS`).
    public static let access = Self(IN_ACCESS)
    /// A file was written (`IN_MODIFY`); used only to restart a settle timer.
    public static let modify = Self(IN_MODIFY)
    /// Metadata changed (`IN_ATTRIB`); used only to restart a settle timer.
    public static let attrib = Self(IN_ATTRIB)
    /// A file opened for writing was closed (`IN_CLOSE_WRITE`): the usual sign that it is complete.
    public static let closeWrite = Self(IN_CLOSE_WRITE)
    /// A file not opened for writing was closed (`IN_CLOSE_NOWRITE`).
    public static let closeNoWrite = Self(IN_CLOSE_NOWRITE)
    /// A file was opened (`IN_OPEN`).
    public static let open = Self(IN_OPEN)
    /// An entry was renamed away from the watched folder (`IN_MOVED_FROM`).
    public static let movedFrom = Self(IN_MOVED_FROM)
    /// An entry was renamed into the watched folder (`IN_MOVED_TO`): complete by the writer's own convention.
    public static let movedTo = Self(IN_MOVED_TO)
    /// An entry was created (`IN_CREATE`); a regular file is then still being written.
    public static let create = Self(IN_CREATE)
    /// An entry was deleted from the watched folder (`IN_DELETE`).
    public static let delete = Self(IN_DELETE)
    /// The watched folder itself was deleted (`IN_DELETE_SELF`).
    public static let deleteSelf = Self(IN_DELETE_SELF)
    /// The watched folder itself was moved (`IN_MOVE_SELF`).
    public static let moveSelf = Self(IN_MOVE_SELF)

    /// The file system holding the watched folder was unmounted (`IN_UNMOUNT`); event only.
    public static let unmount = Self(IN_UNMOUNT)
    /// The kernel's event queue overflowed and events were lost (`IN_Q_OVERFLOW`); event only, `wd` is -1.
    public static let queueOverflow = Self(IN_Q_OVERFLOW)
    /// The watch was removed, explicitly or because its folder is gone (`IN_IGNORED`); event only.
    public static let ignored = Self(IN_IGNORED)
    /// The event's subject is a directory (`IN_ISDIR`); event only.
    public static let isDirectory = Self(IN_ISDIR)

    /// Watch only if the path is a directory (`IN_ONLYDIR`); request only.
    public static let onlyDirectory = Self(IN_ONLYDIR)
    /// Do not follow a symbolic link at the watched path (`IN_DONT_FOLLOW`); request only.
    public static let dontFollow = Self(IN_DONT_FOLLOW)
    /// Stop reporting events for children once they are unlinked (`IN_EXCL_UNLINK`); request only.
    public static let excludeUnlinked = Self(IN_EXCL_UNLINK)

    /// The bit names, for logs.
    public var description: String {
        let names: [(Self, String)] = [
            (.access, "ACCESS"), (.modify, "MODIFY"), (.attrib, "ATTRIB"), (.closeWrite, "CLOSE_WRITE"),
            (.closeNoWrite, "CLOSE_NOWRITE"), (.open, "OPEN"), (.movedFrom, "MOVED_FROM"), (.movedTo, "MOVED_TO"),
            (.create, "CREATE"), (.delete, "DELETE"), (.deleteSelf, "DELETE_SELF"), (.moveSelf, "MOVE_SELF"),
            (.unmount, "UNMOUNT"), (.queueOverflow, "Q_OVERFLOW"), (.ignored, "IGNORED"), (.isDirectory, "ISDIR"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "0x" + String(rawValue, radix: 16) : present.joined(separator: "|")
    }
}
