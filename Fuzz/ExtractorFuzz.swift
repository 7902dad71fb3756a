// libFuzzer entry point. Compiled together with Sources/ArticleExtraction/*.swift into one module by Fuzz/run.sh,
// so it calls the extractor directly: any crash, trap or sanitizer report is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func extractorFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Half the inputs also carry a sidecar built from the same bytes, to fuzz the hint paths.
    var hints = ExtractionHints(modified: 1_700_000_000)
    if size > 0, bytes[0] & 1 == 1 {
        hints = (try? ExtractionHints(sidecarJSON: bytes, modified: 1_700_000_000)) ?? hints
    }
    let extractor = Extractor()
    _ = try? extractor.extract(bytes, hints: hints)
    if size < 4096 { _ = extractor.explain(bytes, hints: hints).text }
    // The entity stage straight on the input's lines, so that quote and name code sees shapes the boilerplate
    // filter would have removed (a body ending in an opening quotation mark crashed it once).
    let text = String(decoding: bytes, as: UTF8.self)
    _ = EntityExtraction(body: text.split(separator: "\n").map(String.init), explain: size < 4096)
    _ = DateParser().parse(String(decoding: bytes, as: UTF8.self), zone: "cet", referenceYear: 2020)
    return 0
}
