/// A calendar date and wall-clock time with its UTC offset, as read from a dateline.
public struct ParsedDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Seconds east of UTC.
    public var offset: Int
    /// Whether the text wrote the year; false when it came from the caller's reference year ("Apr 12"), a guess
    /// that a date written in full elsewhere on the page can correct.
    public var yearWritten: Bool = true

    /// ISO 8601 with the offset, e.g. `2022-02-27T13:42:00+05:30`.
    public var iso8601: String {
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
            + "\(sign)\(pad(a / 3600)):\(pad(a % 3600 / 60))"
    }

    /// Seconds since the epoch of the instant.
    public var epochSeconds: Int {
        DateParser.daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
    }
}

private func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Reads dates as news sites write them: month names in several languages, ordinals, 12/24-hour clocks, "at",
/// time-zone abbreviations (DST-aware for ET, CT, PT, CET, EET by the date itself), numeric and ISO forms.
/// Pure: "now" is never consulted; a missing year comes from the file's mtime.
public struct DateParser: Sendable {
    /// Creates a parser.
    public init() {}

    /// A piece of a dateline. A word is its `WordHash`: the parser only compares words with its lexicons, and a
    /// `String` per word with dictionary look-ups cost more than the rest of the parse.
    enum Token: Equatable {
        case number(Int, digits: Int)
        case time(Int, Int, Int)
        case word(UInt64)
        case sep(Unicode.Scalar)
        case offset(Int)
    }

    /// Hashes of the words the parser tests one by one.
    enum Words {
        static let am = WordHash.of("am")
        static let pm = WordHash.of("pm")
        static let aDotM = WordHash.of("a.m")
        static let pDotM = WordHash.of("p.m")
        static let gmt = WordHash.of("gmt")
        static let utc = WordHash.of("utc")
        static let uhr = WordHash.of("uhr")
        static let h = WordHash.of("h")
    }

    /// What `parse` found and how much of the line it explains.
    public struct Match: Sendable, Equatable {
        /// The date.
        public var date: ParsedDate
        /// Tokens of the line that were part of the date, the time or the zone.
        public var usedTokens: Int
        /// Tokens in the line.
        public var totalTokens: Int
    }

    static let americanZones: Set<String> = [
        "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt",
    ]

    /// Finds the first date in `text`. `defaultOffset` applies when the text names no zone (a function of the
    /// date for DST-aware zones); `referenceYear` fills a missing year.
    public func parse(_ text: String, zone defaultZone: String? = nil, referenceYear: Int? = nil) -> Match? {
        let tokens = tokenize(text)
        var used = 0
        var y = 0
        var mo = 0
        var d = 0
        var found = false
        var yearWritten = true
        var dateEnd = 0
        // ISO and numeric dates.
        var i = 0
        while i < tokens.count && !found {
            if case .number(let a, let da) = tokens[i], i + 4 < tokens.count,
                case .sep(let s1) = tokens[i + 1], case .number(let b, _) = tokens[i + 2],
                case .sep(let s2) = tokens[i + 3], s1 == s2, s1 == "-" || s1 == "." || s1 == "/",
                case .number(let c, let dc) = tokens[i + 4]
            {
                if da == 4, (1...12).contains(b), (1...31).contains(c) {
                    (y, mo, d) = (a, b, c)
                    found = true
                } else if dc == 4 || dc == 2, (1...31).contains(a), (1...31).contains(b) {
                    let year = dc == 2 ? 2000 + c : c
                    // Slashes are month first in American English only: a language with a European zone
                    // writes the day first ("12/06/2024" is 12 June in French).
                    let dayFirst = defaultZone.map { $0 != "utc" && !Self.americanZones.contains($0) } ?? false
                    // A number over 12 can only be the day, whatever the convention ("06.18.2025", "25/12/2024").
                    if a > 12 || (b <= 12 && (s1 != "/" || dayFirst)) {
                        (y, mo, d) = (year, b, a)
                    } else {
                        (y, mo, d) = (year, a, b)
                    }
                    found = (1...12).contains(mo)
                }
                if found {
                    used += 5
                    dateEnd = i + 5
                }
            }
            i += 1
        }
        // Month names.
        if !found {
            for (k, t) in tokens.enumerated() {
                guard case .word(let w) = t, let m = Self.monthHashes[w] else { continue }
                var day: Int? = nil
                var year: Int? = nil
                var u = 1
                var end = k + 1
                // Day before the month: "27 February", "27. Februar", "27 de febrero", "le 27 février".
                var j = k - 1
                while j >= 0 && j >= k - 3 {
                    if case .number(let n, let dn) = tokens[j], dn <= 2, (1...31).contains(n) {
                        day = n
                        u += 1
                        break
                    }
                    if case .word(let s) = tokens[j], !Self.fillers.contains(s) { break }
                    j -= 1
                }
                // Day and year after: "February 27th 2022", "Feb 27, 2022", "febrero de 2022".
                j = k + 1
                while j < tokens.count && j <= k + 5 {
                    switch tokens[j] {
                    case .number(let n, let dn):
                        if dn == 4 && year == nil && n >= 1900 && n <= 2100 {
                            year = n
                            u += 1
                            end = j + 1
                        } else if dn <= 2 && day == nil && (1...31).contains(n) {
                            day = n
                            u += 1
                            end = j + 1
                        } else {
                            j = tokens.count
                        }
                    case .word(let s):
                        if !Self.fillers.contains(s) { j = tokens.count }
                    case .sep:
                        break
                    case .time, .offset:
                        j = tokens.count
                    }
                    if year != nil && day != nil { break }
                    j += 1
                }
                guard let dd = day else { continue }
                // "4.2 out of 5", "a set of 3", "2 ago": a month abbreviation that is also an English word is a
                // month only with its year written.
                if year == nil && Self.wordLikeMonths.contains(w) { continue }
                guard let yy = year ?? referenceYear else { continue }
                (y, mo, d) = (yy, m, dd)
                yearWritten = year != nil
                used += u
                dateEnd = end
                found = true
                break
            }
        }
        guard found, d <= Self.daysIn(y, mo) else { return nil }
        // Time: the first clock reading, with am/pm when given.
        var hour = 0
        var minute = 0
        var second = 0
        var zone: Zone? = nil
        var fixedOffset: Int? = nil
        var timeIndex: Int? = nil
        for (k, t) in tokens.enumerated() {
            if case .time(let h, let m, let s) = t {
                (hour, minute, second) = (h, m, s)
                used += 1
                timeIndex = k
                if k + 1 < tokens.count, case .word(let w) = tokens[k + 1] {
                    if w == Words.pm {
                        if hour < 12 { hour += 12 }
                        used += 1
                    } else if w == Words.am {
                        if hour == 12 { hour = 0 }
                        used += 1
                    }
                }
                break
            }
        }
        if hour > 23 || minute > 59 || second > 60 { return nil }
        // Zone: an explicit offset, or an abbreviation after the time or the date.
        let zoneSearchStart = min(timeIndex ?? dateEnd, dateEnd)
        for k in max(0, zoneSearchStart - 3)..<tokens.count {
            switch tokens[k] {
            case .offset(let o):
                fixedOffset = o
                used += 1
            case .word(let w):
                if let z = Self.zoneByHash[w] {
                    zone = Self.zoneList[z].zone
                    used += 1
                    if k + 1 < tokens.count, case .offset(let o) = tokens[k + 1], w == Words.gmt || w == Words.utc {
                        fixedOffset = o
                        used += 1
                    }
                }
            default: break
            }
            if zone != nil || fixedOffset != nil { break }
        }
        var date = ParsedDate(
            year: y, month: mo, day: d, hour: hour, minute: minute, second: second, offset: 0, yearWritten: yearWritten)
        if let o = fixedOffset {
            date.offset = o
        } else if let z = zone ?? defaultZone.flatMap({ Self.zones[$0] }) {
            date.offset = Self.offset(z, for: date)
        }
        return Match(date: date, usedTokens: used, totalTokens: tokens.count)
    }

    /// The UTC offset of a zone at a local date, following US and EU daylight-saving rules.
    static func offset(_ z: Zone, for d: ParsedDate) -> Int {
        switch z {
        case .fixed(let o): return o
        case .us(let standard):
            return standard + (usDST(d) ? 3600 : 0)
        case .eu(let standard):
            return standard + (euDST(d, standard: standard) ? 3600 : 0)
        }
    }

    enum Zone {
        case fixed(Int)
        case us(Int)
        case eu(Int)
    }

    static let zoneList: [(name: String, zone: Zone)] = [
        ("ist", .fixed(19800)), ("gmt", .fixed(0)), ("utc", .fixed(0)), ("z", .fixed(0)), ("bst", .fixed(3600)),
        ("et", .us(-18000)), ("est", .fixed(-18000)), ("edt", .fixed(-14400)),
        ("ct", .us(-21600)), ("cst", .fixed(-21600)), ("cdt", .fixed(-18000)),
        ("mt", .us(-25200)), ("mst", .fixed(-25200)), ("mdt", .fixed(-21600)),
        ("pt", .us(-28800)), ("pst", .fixed(-28800)), ("pdt", .fixed(-25200)),
        ("cet", .eu(3600)), ("cest", .fixed(7200)), ("met", .eu(3600)), ("mez", .eu(3600)), ("mesz", .fixed(7200)),
        ("eet", .eu(7200)), ("eest", .fixed(10800)), ("wet", .eu(0)), ("west", .fixed(3600)),
        ("msk", .fixed(10800)), ("мск", .fixed(10800)), ("jst", .fixed(32400)), ("kst", .fixed(32400)),
        ("hkt", .fixed(28800)), ("sgt", .fixed(28800)), ("aest", .fixed(36000)), ("aedt", .fixed(39600)),
        ("pkt", .fixed(18000)), ("sast", .fixed(7200)), ("cat", .fixed(7200)), ("eat", .fixed(10800)),
        ("trt", .fixed(10800)), ("gst", .fixed(14400)),
    ]
    /// Zones by name, for the caller's default zone and its lexicon of date words.
    static let zones = [String: Zone](uniqueKeysWithValues: zoneList.map { ($0.name, $0.zone) })
    /// Positions in `zoneList` by the hash of the name.
    static let zoneByHash = WordTable(zoneList.enumerated().map { (WordHash.of($1.name), $0) })

    /// US: from the second Sunday of March, 02:00, to the first Sunday of November, 02:00 (rules since 2007).
    static func usDST(_ d: ParsedDate) -> Bool {
        if d.month < 3 || d.month > 11 { return false }
        if d.month > 3 && d.month < 11 { return true }
        if d.month == 3 {
            let start = nthSunday(d.year, 3, 2)
            return d.day > start || (d.day == start && d.hour >= 2)
        }
        let end = nthSunday(d.year, 11, 1)
        return d.day < end || (d.day == end && d.hour < 1)
    }

    /// EU: from the last Sunday of March to the last Sunday of October, both at 01:00 UTC.
    static func euDST(_ d: ParsedDate, standard: Int) -> Bool {
        if d.month < 3 || d.month > 10 { return false }
        if d.month > 3 && d.month < 10 { return true }
        let last = lastSunday(d.year, d.month)
        let utcHour = d.hour - standard / 3600
        if d.month == 3 { return d.day > last || (d.day == last && utcHour >= 1) }
        return d.day < last || (d.day == last && utcHour < 0)
    }

    static func weekday(_ y: Int, _ m: Int, _ d: Int) -> Int {
        // 0 = Sunday; 1970-01-01 was a Thursday.
        let days = daysFromCivil(y, m, d)
        return ((days % 7) + 7 + 4) % 7
    }

    static func nthSunday(_ y: Int, _ m: Int, _ n: Int) -> Int {
        let first = weekday(y, m, 1)
        return 1 + (7 - first) % 7 + (n - 1) * 7
    }

    static func lastSunday(_ y: Int, _ m: Int) -> Int {
        let last = daysIn(y, m)
        return last - weekday(y, m, last)
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The year of an epoch time, for filling in dates written without one.
    static func year(ofEpoch seconds: Double) -> Int {
        let days = Int((seconds / 86400).rounded(.down))
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let m = mp < 10 ? mp + 3 : mp - 9
        return yoe + era * 400 + (m <= 2 ? 1 : 0)
    }

    /// Month numbers by the hash of every month name; callers also skip lines without one by it.
    static let monthHashes = WordTable(months.map { (WordHash.of($0.key), $0.value) })

    /// Month abbreviations of Portuguese, Italian and Spanish ("out", "set", "ago") that are common English
    /// words: read as months only when a year is written with them, so that "out of 5" or "2 days ago" is no date.
    static let wordLikeMonths = WordTable(keys: ["out", "set", "ago"].map(WordHash.of))

    /// Words that go on through a full stop ("a.m.", "p.m.").
    static let dottedStems = WordTable(keys: ["a", "p", "a.m", "p.m"].map(WordHash.of))

    static let fillers = WordTable(
        keys: [
            "de", "del", "of", "the", "le", "el", "il", "den", "der", "am", "on", "at", "st", "nd", "rd", "th", "er",
            "º", "o", "г", "года", "року", "р", "jan", "y",
        ].map(WordHash.of)
    )

    /// Ordinal suffixes glued to the day: 27th, 1st, 1er, 1º.
    static let ordinalSuffixes = WordTable(keys: ["st", "nd", "rd", "th", "er", "º", "ª", "e", "го"].map(WordHash.of))

    static let months: [String: Int] = {
        let table: [[String]] = [
            [
                "january", "jan", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen", "januar", "jänner",
                "januari", "stycznia", "styczeń", "января", "январь", "янв", "січня", "січень", "січ",
            ],
            [
                "february", "feb", "février", "fevrier", "févr", "fev", "febrero", "fevereiro", "febbraio", "februar",
                "februari", "lutego", "luty", "февраля", "февраль", "фев", "лютого", "лютий", "лют",
            ],
            [
                "march", "mar", "mars", "marzo", "março", "marco", "märz", "mär", "maart", "mrt", "marca", "marzec", "марта",
                "март", "мар", "березня", "березень", "бер",
            ],
            [
                "april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "апреля", "апрель", "апр",
                "квітня", "квітень", "кві",
            ],
            ["may", "mai", "mayo", "maio", "maggio", "mei", "maja", "мая", "май", "травня", "травень", "тра"],
            [
                "june", "jun", "juin", "junio", "junho", "giugno", "juni", "czerwca", "июня", "июнь", "червня",
                "червень", "чер",
            ],
            [
                "july", "jul", "juillet", "juil", "julio", "julho", "luglio", "lug", "juli", "lipca", "июля", "июль",
                "липня", "липень", "лип",
            ],
            [
                "august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "августа", "август", "авг",
                "серпня", "серпень", "сер",
            ],
            [
                "september", "sep", "sept", "septembre", "septiembre", "setembro", "set", "settembre", "września",
                "сентября", "сентябрь", "сен", "вересня", "вересень", "вер",
            ],
            [
                "october", "oct", "octobre", "octubre", "outubro", "out", "ottobre", "ott", "oktober", "okt",
                "października", "октября", "октябрь", "окт", "жовтня", "жовтень", "жов",
            ],
            [
                "november", "nov", "novembre", "noviembre", "novembro", "listopada", "ноября", "ноябрь", "ноя",
                "листопада", "листопад", "лис",
            ],
            [
                "december", "dec", "décembre", "decembre", "déc", "diciembre", "dic", "dezembro", "dez", "dicembre",
                "dezember", "grudnia", "декабря", "декабрь", "дек", "грудня", "грудень", "гру",
            ],
        ]
        var d: [String: Int] = [:]
        for (i, names) in table.enumerated() { for n in names { d[n] = i + 1 } }
        return d
    }()

    /// Splits a line into numbers, clock times, words, separators and "+05:30" offsets. The scalars go into a
    /// buffer on the stack, and words are hashed as they are read, lower-cased, instead of being built.
    func tokenize(_ text: String) -> [Token] {
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: text.utf8.count) { buffer in
            var n = 0
            for s in text.unicodeScalars {
                buffer.initializeElement(at: n, to: s)
                n += 1
            }
            return tokenize(scalars: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    /// Adds `s` lower-cased to the word being hashed, as `Tokenizer.appendLowercased` would write it.
    @inline(__always)
    static func addLowercased(_ s: Unicode.Scalar, to w: inout Tokenizer.WordState) {
        if let l = Tokenizer.lowercasedValue(s.value) {
            w.addLetter(l)
        } else if s.properties.isUppercase {
            for x in s.properties.lowercaseMapping.unicodeScalars { w.addLetter(x.value) }
        } else {
            w.addLetter(s.value)
        }
    }

    func tokenize(scalars: UnsafeBufferPointer<Unicode.Scalar>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count)
        var i = 0
        let n = scalars.count
        func digitAt(_ k: Int) -> Int? {
            guard k < n else { return nil }
            let v = scalars[k].value
            return v >= 0x30 && v <= 0x39 ? Int(v - 0x30) : nil
        }
        func readNumber(_ k: inout Int) -> (Int, Int) {
            var value = 0
            var digits = 0
            while let d = digitAt(k), digits < 9 {
                value = value * 10 + d
                digits += 1
                k += 1
            }
            return (value, digits)
        }
        while i < n {
            let s = scalars[i]
            if digitAt(i) != nil {
                var k = i
                let (value, digits) = readNumber(&k)
                // Clock: h:mm or h.mm followed by am/pm, optional :ss.
                if digits <= 2, k + 2 < n, scalars[k] == ":" || scalars[k] == ".", digitAt(k + 1) != nil,
                    digitAt(k + 2) != nil, digitAt(k + 3) == nil
                {
                    let isColon = scalars[k] == ":"
                    var kk = k + 1
                    let (minutes, _) = readNumber(&kk)
                    var seconds = 0
                    if kk + 2 < n + 0, kk < n, scalars[kk] == ":", digitAt(kk + 1) != nil {
                        var k3 = kk + 1
                        seconds = readNumber(&k3).0
                        kk = k3
                    }
                    var j = kk
                    while j < n && scalars[j] == " " { j += 1 }
                    let ampm =
                        j < n && (scalars[j] == "a" || scalars[j] == "p" || scalars[j] == "A" || scalars[j] == "P")
                    // "07.15 GMT", "9.30 Uhr": a dotted clock is a time when a zone or "Uhr" follows it.
                    var zoned = false
                    if !isColon && !ampm {
                        var e = j
                        var w = Tokenizer.WordState()
                        while e < n, Tokenizer.isWordScalar(scalars[e]), e - j < 5 {
                            Self.addLowercased(scalars[e], to: &w)
                            e += 1
                        }
                        zoned =
                            e > j && (e == n || !Tokenizer.isWordScalar(scalars[e]))
                            && (Self.zoneByHash.contains(w.h) || w.h == Words.uhr || w.h == Words.h)
                    }
                    if isColon || ampm || zoned {
                        tokens.append(.time(value, minutes, seconds))
                        i = kk
                        continue
                    }
                }
                // French clocks: "11h20", "8h05".
                if digits <= 2, value <= 23, k + 2 < n, scalars[k] == "h", digitAt(k + 1) != nil, digitAt(k + 2) != nil,
                    digitAt(k + 3) == nil
                {
                    tokens.append(.time(value, (digitAt(k + 1)! * 10) + digitAt(k + 2)!, 0))
                    i = k + 3
                    continue
                }
                tokens.append(.number(value, digits: digits))
                // Ordinal suffixes glued to the day: 27th, 1st, 1er, 1º.
                var j = k
                var suffix = Tokenizer.WordState()
                while j < n, Tokenizer.isWordScalar(scalars[j]), digitAt(j) == nil, j - k < 3 {
                    Self.addLowercased(scalars[j], to: &suffix)
                    j += 1
                }
                if Self.ordinalSuffixes.contains(suffix.h) { k = j }
                i = k
                continue
            }
            if s == "+" || s == "-" || s == "−", i > 0, digitAt(i + 1) != nil {
                // An offset: +05:30, +0530, +3 after GMT/UTC.
                var k = i + 1
                let (h, hd) = readNumber(&k)
                var minutes = 0
                if k < n, scalars[k] == ":" {
                    k += 1
                    minutes = readNumber(&k).0
                } else if hd == 4 {
                    minutes = h % 100
                }
                let hours = hd == 4 ? h / 100 : h
                let previousIsZoneOrTime: Bool = {
                    guard let last = tokens.last else { return false }
                    switch last {
                    case .time: return true
                    case .word(let w): return w == Words.gmt || w == Words.utc
                    default: return false
                    }
                }()
                if previousIsZoneOrTime && hours <= 14 && minutes < 60 {
                    let sign = s == "+" ? 1 : -1
                    tokens.append(.offset(sign * (hours * 3600 + minutes * 60)))
                    i = k
                    continue
                }
            }
            if s == "Z", let last = tokens.last, case .time = last {
                tokens.append(.offset(0))
                i += 1
                continue
            }
            if s == "T", let last = tokens.last, case .number = last, digitAt(i + 1) != nil {
                i += 1
                continue
            }
            if Tokenizer.isWordScalar(s) {
                var w = Tokenizer.WordState()
                // The hash before the last scalar, to drop a final full stop.
                var beforeLast = w.h
                var k = i
                while k < n,
                    Tokenizer.isWordScalar(scalars[k]) || (scalars[k] == "." && Self.dottedStems.contains(w.h))
                {
                    beforeLast = w.h
                    Self.addLowercased(scalars[k], to: &w)
                    k += 1
                }
                let word = scalars[k - 1] == "." ? beforeLast : w.h
                // A trailing dot of an abbreviation ("Feb.", "a.m.") is not a separator.
                if k < n && scalars[k] == "."
                    && (Self.monthHashes.contains(word) || word == Words.aDotM || word == Words.pDotM)
                {
                    k += 1
                }
                tokens.append(.word(word == Words.aDotM ? Words.am : word == Words.pDotM ? Words.pm : word))
                i = k
                continue
            }
            if s != " " { tokens.append(.sep(s)) }
            i += 1
        }
        return tokens
    }
}
