import ArgumentParser
import ArticleExtraction
import ArticleLog
import Foundation

/// `articled extract [--explain] FILE…`: what the daemon would record for each file, without a daemon.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract articles from text files and print one JSON line per file.",
        discussion: "A sibling NAME.json sidecar (url, outlet, published, title) is read as hints for NAME.txt."
    )

    @Flag(help: "Print every block with its label, features and reason instead of JSON.")
    var explain = false

    @Option(help: ArgumentHelp("Time N passes over the files and print MB/s and documents/s.", visibility: .hidden))
    var bench: Int?

    @Argument(help: "Text files to extract.")
    var files: [String]

    func run() throws {
        let extractor = Extractor()
        if let passes = bench {
            let inputs = try files.map { path in try InputFile.read(path) }
            try runBenchmark(inputs, passes: max(1, passes), extractor: extractor)
            return
        }
        if explain {
            for path in files {
                let input = try InputFile.read(path)
                print("== \(path)")
                print(extractor.explain(input.bytes, hints: input.hints).text)
            }
            return
        }
        let failures = try extractAll(extractor)
        if failures > 0 { throw ExitCode(2) }
    }

    /// One JSON line per file, in the order given, written as soon as its turn comes: the files are read and
    /// extracted on every core, a chunk at a time, and each chunk is printed in order once it is done.
    private func extractAll(_ extractor: Extractor) throws -> Int {
        let chunkSize = 32
        let output = OrderedOutput()
        var failures = 0
        var start = 0
        while start < files.count {
            let chunk = Array(files[start..<min(files.count, start + chunkSize)])
            let results = ChunkResults(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
                results.set(i, Self.extractLine(chunk[i], extractor: extractor))
            }
            for result in results.take() {
                switch result {
                case .line(let bytes): output.write(bytes)
                case .rejected(let bytes):
                    failures += 1
                    output.write(bytes)
                case .unreadable(let error):
                    output.flush()
                    throw error
                }
            }
            start += chunkSize
        }
        output.flush()
        return failures
    }

    enum LineResult: Sendable {
        case line([UInt8])
        case rejected([UInt8])
        case unreadable(any Error)
    }

    private static func extractLine(_ path: String, extractor: Extractor) -> LineResult {
        let input: InputFile
        do {
            input = try InputFile.read(path)
        } catch {
            return .unreadable(error)
        }
        do {
            // The same bytes a record's `article` holds: sorted keys, stable from run to run.
            return .line(RecordDraft.encode(try extractor.extract(input.bytes, hints: input.hints)) + [0x0A])
        } catch {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(["file": path, "rejected": error.description])) ?? Data()
            return .rejected(Array(data) + [0x0A])
        }
    }

    func runBenchmark(_ inputs: [InputFile], passes: Int, extractor: Extractor) throws {
        let bytes = inputs.reduce(0) { $0 + $1.bytes.count }
        var words = 0
        // One untimed pass first: the lexicons, tables and gazetteer are built on first use, once per process (a
        // daemon pays it at its first file); the figures are the steady state.
        for input in inputs { _ = try? extractor.extract(input.bytes, hints: input.hints) }
        // The passes run in rounds, each timed on its own: the figure of the whole run is the mean, and the median
        // round with the range shows how much of a difference between runs is the host (other tenants of a
        // shared machine slow whole stretches of a run) rather than the code.
        let rounds = min(5, passes)
        var roundRates: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.threadCPUSeconds()
        for r in 0..<rounds {
            let roundPasses = passes / rounds + (r < passes % rounds ? 1 : 0)
            let roundStart = Self.threadCPUSeconds()
            for _ in 0..<roundPasses {
                for input in inputs {
                    if let a = try? extractor.extract(input.bytes, hints: input.hints) { words &+= a.wordCount }
                }
            }
            let roundCPU = Self.threadCPUSeconds() - roundStart
            roundRates.append(Double(bytes * roundPasses) / 1_000_000 / roundCPU)
        }
        // CPU time of this thread is the per-core figure even on a machine busy with other work; wall time is
        // printed too.
        let cpu = Self.threadCPUSeconds() - cpuStart
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let mb = Double(bytes * passes) / 1_000_000
        let docs = Double(inputs.count * passes)
        roundRates.sort()
        print(
            String(
                format: "%d documents, %.2f MB: per core (CPU time %.3f s) %.1f MB/s, %.0f documents/s; "
                    + "wall clock %.3f s: %.1f MB/s (%d words); rounds of %d passes: median %.1f MB/s, %.1f–%.1f",
                Int(docs),
                mb,
                cpu,
                mb / cpu,
                docs / cpu,
                seconds,
                mb / seconds,
                words,
                passes / rounds,
                roundRates[roundRates.count / 2],
                roundRates.first!,
                roundRates.last!
            )
        )
    }
}

/// One slot per file of a chunk, each written by the one thread that extracted that file.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [Extract.LineResult?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ i: Int, _ result: Extract.LineResult) {
        lock.lock()
        slots[i] = result
        lock.unlock()
    }

    func take() -> [Extract.LineResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// Standard output through one large buffer, instead of a locked `print` per line.
private final class OrderedOutput {
    private var buffer: [UInt8] = []

    func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

extension Extract {
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A file's bytes and the hints from its sidecar and mtime.
struct InputFile {
    var bytes: [UInt8]
    var hints: ExtractionHints

    static func read(_ path: String) throws -> InputFile {
        let url = URL(fileURLWithPath: path)
        let bytes = [UInt8](try Data(contentsOf: url))
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let mtime = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970
        var hints = ExtractionHints(modified: mtime)
        let sidecar = url.deletingPathExtension().appendingPathExtension("json")
        if sidecar.path != url.path, let data = try? Data(contentsOf: sidecar) {
            do {
                hints = try ExtractionHints(sidecarJSON: [UInt8](data), modified: mtime)
            } catch {
                FileHandle.standardError.write(Data("warning: \(sidecar.path): \(error)\n".utf8))
            }
        }
        return InputFile(bytes: bytes, hints: hints)
    }
}
