import FolderWatch
import Glibc
import Testing

@Suite("Error descriptions for operators")
struct FolderWatchErrorTests {
    @Test func theWatchLimitErrorTellsWhichSysctlToRaise() {
        let text = FolderWatchError.watchLimitReached(path: "/srv/drop/sub").description
        #expect(text.contains("fs.inotify.max_user_watches"))
        #expect(text.contains("/srv/drop/sub"))
        #expect(FolderWatchError.watchLimitReached(path: "/x").errno == ENOSPC)
    }

    @Test func aSystemCallErrorNamesTheCallThePathAndTheErrno() {
        let text = FolderWatchError.systemCall(call: "opendir", path: "/srv/drop", errno: EACCES).description
        #expect(text.contains("opendir"))
        #expect(text.contains("/srv/drop"))
        #expect(text.contains("Permission denied"))
        #expect(text.contains("errno \(EACCES)"))
    }

    @Test func aMissingRootSaysWhatToDo() {
        let text = FolderWatchError.rootUnavailable(path: "/srv/drop", errno: ENOENT).description
        #expect(text.contains("No such file or directory"))
        #expect(text.contains("create the folder"))
    }
}
