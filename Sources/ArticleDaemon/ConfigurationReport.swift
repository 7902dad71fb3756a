import Foundation
import Glibc

/// What `articled config check` and `config show` tell an operator: the effective settings and where each came
/// from, every problem that would stop the daemon (not only the first), and what can only be known at run time.
/// Built from the same three sources as `run`, so that a check that passes means the daemon will accept them.
public struct ConfigurationReport: Sendable {
    /// Where a setting's value came from, in the order they override each other.
    public enum Source: String, Sendable {
        case `default`, file, environment, flag
    }

    public var configuration = DaemonConfiguration()
    public var sources: [String: Source] = [:]
    /// Problems that make `run` refuse to start (exit 78 from `config check`).
    public var errors: [String] = []
    /// What may still go wrong, or is only known at run time.
    public var warnings: [String] = []

    /// `checkingFolders: false` for the tools that only need a setting (`log`, `status`): no stat of folders
    /// they will not use.
    public static func make(
        flags: [String: String],
        environment: [String: String],
        configFile: String?,
        checkingFolders: Bool = true
    ) -> ConfigurationReport {
        var report = ConfigurationReport()
        var values: [String: (String, Source)] = [:]
        if let configFile {
            do {
                for (k, v) in try DaemonConfiguration.readTOML(configFile) { values[k] = (v, .file) }
            } catch {
                report.errors.append("\(error)")
            }
        }
        for key in DaemonConfiguration.keys {
            if let v = environment[DaemonConfiguration.environmentName(key)] { values[key] = (v, .environment) }
        }
        for (k, v) in flags { values[k] = (v, .flag) }
        for key in DaemonConfiguration.keys { report.sources[key] = .default }
        for (key, (value, source)) in values.sorted(by: { $0.key < $1.key }) {
            do {
                try report.configuration.set(key, value)
                report.sources[key] = source
            } catch {
                report.errors.append("\(error)")
            }
        }
        report.errors += report.configuration.problems().map(\.description)
        if checkingFolders { report.checkFolders() }
        return report
    }

    /// The folders as the daemon will meet them: the watch folder must exist and be writable (originals are
    /// moved out of it), the state folder must exist or be creatable, and the two must not overlap once links
    /// are resolved. Checked as the user running the check.
    mutating func checkFolders() {
        let c = configuration
        if let problem = Self.folderProblem(c.watch) {
            errors.append("watch: \(c.watch) \(problem)")
        }
        if Self.isDirectory(c.state) {
            if access(c.state, W_OK | X_OK) != 0 { errors.append("state: \(c.state) is not writable by this user") }
        } else {
            let parent = (c.state as NSString).deletingLastPathComponent
            if Self.isDirectory(parent) && access(parent, W_OK | X_OK) == 0 {
                warnings.append("state: \(c.state) does not exist yet; run creates it")
            } else {
                errors.append("state: \(c.state) does not exist and \(parent) does not allow creating it")
            }
        }
        if let w = StartupChecks.realPath(c.watch), let s = StartupChecks.realPath(c.state), StartupChecks.overlap(w, s) {
            errors.append("watch and state overlap once links are resolved (\(w), \(s))")
        }
        if let socket = c.socket, !Self.isDirectory((socket as NSString).deletingLastPathComponent) {
            warnings.append(
                "socket: the folder of \(socket) does not exist now (under systemd, RuntimeDirectory= creates it)"
            )
        }
        checkPublishing()
        if geteuid() != 0 {
            warnings.append("checked as uid \(geteuid()); the service's user may see the folders differently")
        }
    }

    /// The files the publisher reads at start (credentials, TLS) must be readable; that the brokers answer is
    /// only known at run time, and the systemd unit needs the network drop-in to reach them.
    mutating func checkPublishing() {
        let c = configuration
        let files = [
            ("publish-credentials", c.publishCredentials), ("publish-tls-ca", c.publishTLSCA),
            ("publish-tls-cert", c.publishTLSCert), ("publish-tls-key", c.publishTLSKey),
        ]
        for case (let key, let path?) in files where access(path, R_OK) != 0 {
            errors.append("\(key): \(path) is not a readable file")
        }
        if !c.publishURL.isEmpty {
            warnings.append(
                "publish-url: the servers are reached at run time; under systemd the unit needs the network drop-in "
                    + "(docs/scale-out.md)"
            )
        }
    }

    static func folderProblem(_ path: String) -> String? {
        guard Self.isDirectory(path) else { return "is not an existing folder" }
        return access(path, W_OK | X_OK) == 0 ? nil : "is not writable by this user"
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// `key = value  # source` lines, in the documented order of keys; unset optional keys show as comments.
    public var settingsText: String {
        let values = configuration.valueTexts
        return DaemonConfiguration.keys.map { key in
            let source = sources[key]?.rawValue ?? "default"
            guard let value = values[key] ?? nil else { return "# \(key) unset  (\(source))" }
            return "\(key) = \(value)  # \(source)"
        }.joined(separator: "\n") + "\n"
    }
}
