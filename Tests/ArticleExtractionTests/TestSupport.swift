import Foundation

@testable import ArticleExtraction

#if canImport(Glibc)
import Glibc
#endif

/// Encodes text into a legacy charset with iconv, so that decoding tests start from real bytes.
func encode(_ text: String, as charset: String) -> [UInt8] {
    let cd = iconv_open(charset, "UTF-8")
    precondition(Int(bitPattern: cd) != -1, "iconv cannot encode \(charset)")
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count
            _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            return outBuf.count - outLeft
        }
    }
    return Array(output.prefix(produced))
}

/// Extracts from a string written as UTF-8.
func extract(_ text: String, hints: ExtractionHints = ExtractionHints()) throws -> Article {
    try Extractor().extract(Array(text.utf8), hints: hints)
}

/// The folder of fixture documents written for these tests.
let fixturesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The shared seed corpus, present on the project's machines but not in a bare checkout.
let seedsURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/seeds")

/// Plain paragraphs of news prose in English, reused around the clutter under test.
let englishParagraphs = [
    "The regional council agreed on Thursday to rebuild the flooded school, after months of argument over who should pay for the work.",
    "Parents had collected signatures for a new building since the river burst its banks in the spring and ruined the ground floor.",
    "Under the plan, pupils will return to their classrooms in two years, and until then lessons will continue in the town library.",
    "The head teacher said the staff were relieved that the decision had finally been taken and thanked the families for their patience.",
]
