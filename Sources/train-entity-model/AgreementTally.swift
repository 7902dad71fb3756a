import ArticleExtraction

/// Agreement with the reference as `score-dev.py` counts it: one of our names matches a reference name of the
/// same kind when one's words are a contiguous run of the other's; precision over our names, recall over theirs.
struct AgreementTally {
    /// Per kind: our names that match, our names, reference names matched, reference names.
    var counts: [[Int]] = Array(repeating: [0, 0, 0, 0], count: 3)

    mutating func add(_ e: EntityExtraction, reference d: TaggerTraining.Document) {
        add([e.people.map(\.name), e.places.map(\.name), e.organizations.map(\.name)], reference: d)
    }

    mutating func add(_ names: [EntityKind: [String]], reference d: TaggerTraining.Document) {
        add([names[.person] ?? [], names[.place] ?? [], names[.organization] ?? []], reference: d)
    }

    mutating func add(_ ours: [[String]], reference d: TaggerTraining.Document) {
        let theirs = [d.people, d.places, d.organizations]
        for k in 0..<3 {
            let o = ours[k].map(Self.words)
            let r = theirs[k].map(Self.words)
            counts[k][0] += o.filter { x in r.contains { Self.match(x, $0) } }.count
            counts[k][1] += o.count
            counts[k][2] += r.filter { x in o.contains { Self.match(x, $0) } }.count
            counts[k][3] += r.count
        }
    }

    var summary: String {
        ["people", "places", "organizations"].enumerated().map { k, name in
            let c = counts[k]
            let p = c[1] > 0 ? Double(c[0]) / Double(c[1]) : 0
            let r = c[3] > 0 ? Double(c[2]) / Double(c[3]) : 0
            let f = p + r > 0 ? 2 * p * r / (p + r) : 0
            return "\(name) P=\(fmt(p)) R=\(fmt(r)) F1=\(fmt(f))"
        }.joined(separator: "  ")
    }

    private func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

    /// Python's `re.findall(r"\w+", s.lower())`.
    static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
    }

    static func match(_ a: [String], _ b: [String]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let (s, l) = a.count <= b.count ? (a, b) : (b, a)
        return (0...(l.count - s.count)).contains { Array(l[$0..<$0 + s.count]) == s }
    }
}
