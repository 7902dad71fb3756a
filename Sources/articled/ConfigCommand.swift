import ArgumentParser
import ArticleDaemon
import Foundation

/// The configuration file the tools read, as `run` does: `--config`, else `$ARTICLED_CONFIG`.
struct ConfigFileOption: ParsableArguments {
    @Option(help: "A TOML configuration file, as `run --config` takes (default: $ARTICLED_CONFIG).")
    var config: String?

    var path: String? { config ?? ProcessInfo.processInfo.environment["ARTICLED_CONFIG"] }

    /// The settings `run` would use with no flags, and with `checkingFolders` what is wrong with its folders.
    func report(checkingFolders: Bool = true) -> ConfigurationReport {
        ConfigurationReport.make(
            flags: [:],
            environment: ProcessInfo.processInfo.environment,
            configFile: path,
            checkingFolders: checkingFolders
        )
    }
}

/// `articled config check|show`: the configuration as the daemon would read it.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration, or show the effective settings and where each came from.",
        subcommands: [Check.self, Show.self]
    )

    /// Exits 0, or 78 (EX_CONFIG, in the unit's RestartPreventExitStatus=) naming every problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the file, the environment and the folders; exit 78 naming every problem."
        )

        @OptionGroup var file: ConfigFileOption

        func run() throws {
            let report = file.report()
            for w in report.warnings { print("warning: \(w)") }
            for e in report.errors { print("error: \(e)") }
            guard report.errors.isEmpty else { throw ExitCode(78) }
            print("ok: \(file.path ?? "no configuration file"); watch \(report.configuration.watch), state \(report.configuration.state)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective settings as TOML, each with where it came from (default, file, environment)."
        )

        @OptionGroup var file: ConfigFileOption

        func run() throws {
            let report = file.report()
            print(report.settingsText, terminator: "")
            for e in report.errors { FileHandle.standardError.write(Data("error: \(e)\n".utf8)) }
            if !report.errors.isEmpty { throw ExitCode(78) }
        }
    }
}
