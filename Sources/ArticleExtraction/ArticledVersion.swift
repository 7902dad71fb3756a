/// The release number, in one place: the command's `--version`, `/status`, and the records' `extractor` read it.
public enum ArticledVersion {
    public static let number = "0.1.0"
}
