/// Hand-written word lists for entity and quote recognition, all lower case. They hold the cue words the issue
/// names (titles, speech verbs, place prepositions, organisation heads) in English and Russian, plus short lists
/// of cities, regions, exonyms, demonyms and given names written for this project (see docs/entities.md).
enum EntityLexicons {
    /// Titles and roles that announce a person ("President Vladimir Putin", "spokesman Anatoly Glaz"). They are
    /// cues, never part of the name.
    static let titles: Set<String> = [
        "president", "vice-president", "minister", "prime", "premier", "chancellor", "spokesman", "spokeswoman",
        "spokesperson", "aide", "adviser", "advisor", "negotiator", "secretary", "ambassador", "envoy", "general",
        "colonel", "commander", "governor", "mayor", "senator", "lawmaker", "deputy", "chief", "head", "leader",
        "chairman", "chairwoman", "director", "official", "officer", "king", "queen", "prince", "pope", "foreign",
        "defence", "defense", "interior", "finance", "economy", "justice", "health", "supreme", "senior",
        "presidential", "former", "acting", "mr", "mrs", "ms", "dr", "sir", "lord",
        "representative", "analyst", "expert", "professor", "journalist", "reporter", "correspondent",
        "counterpart", "mp", "speaker", "ombudsman", "prosecutor", "judge", "sergeant", "captain", "lieutenant",
        "major", "marshal", "admiral", "economist", "cultural",
        "президент", "министр", "премьер", "премьер-министр", "канцлер", "пресс-секретарь", "помощник",
        "советник", "глава", "посол", "генерал", "губернатор", "мэр", "депутат", "спикер", "лидер", "председатель",
        "директор", "представитель", "официальный", "президента", "министра", "главы", "советника",
        "помощника", "пресс-секретаря", "господин", "г-н", "г-жа",
        "präsident", "präsidentin", "ministerin", "kanzler", "kanzlerin", "sprecher", "sprecherin", "berater",
        "außenminister", "außenministerin", "verteidigungsminister", "botschafter", "bürgermeister", "herr", "frau",
    ]

    /// Speech verbs that attribute a quotation ("said", "told", "wrote").
    static let speechVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "stated", "states", "noted",
        "notes", "tweeted", "posted", "asked", "asks", "explained", "insisted", "warned", "warns", "declared",
        "announced", "replied", "responded", "commented", "claimed", "claims", "argued", "stressed", "continued",
        "recalled", "admitted", "confirmed", "emphasized", "emphasised", "concluded", "according",
        "сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "сообщил", "сообщила", "сообщили",
        "написал", "написала", "отметил", "отметила", "добавил", "добавила", "подчеркнул", "подчеркнула",
        "пояснил", "пояснила", "говорит", "считает", "уточнил", "уточнила", "рассказал", "рассказала", "словам",
        "sagte", "sagt", "erklärte", "schrieb", "betonte", "fügte", "meinte", "laut",
    ]

    /// Words that stand for a person already named: resolved to the last person mentioned before the quote.
    static let pronouns: Set<String> = ["he", "she", "они", "он", "она", "er", "sie"]

    /// Prepositions after which a capitalised name is a place ("in Gomel", "near Kyiv", "в Минске").
    static let placePrepositions: Set<String> = [
        "in", "near", "outside", "across", "into", "from", "towards", "toward", "at",
        "в", "во", "под", "из", "около", "возле", "через",
    ]

    /// Nouns after a name that make it a place ("Brest region", "Gomel oblast").
    static let placeHeads: Set<String> = [
        "region", "oblast", "province", "district", "city", "town", "village", "area", "republic",
        "область", "области", "район", "районе", "регион", "регионе",
    ]

    /// Heads and suffixes that make a capitalised sequence an organisation ("Foreign Affairs Council").
    static let organizationHeads: Set<String> = [
        "ministry", "council", "office", "kremlin", "parliament", "duma", "rada", "party", "army", "agency",
        "committee", "commission", "union", "bank", "government", "court", "assembly", "senate", "congress",
        "department", "service", "services", "police", "guard", "forces", "navy", "fund", "institute", "university",
        "foundation", "organization", "organisation", "association", "corporation", "company", "group", "inc",
        "ltd", "press", "times", "post", "news", "agency's", "nato", "pentagon", "cabinet", "administration",
        "министерство", "мид", "кремль", "кремля", "дума", "рада", "совет", "правительство", "партия",
        "ministerium", "regierung", "bundestag",
    ]

    /// Heads that make "the Belarusian foreign ministry" an organisation when written in lower case; narrower than
    /// `organizationHeads`, since "Russian forces" or "the Russian press" are not bodies that speak.
    static let lowercaseOrganizationHeads: Set<String> = [
        "ministry", "government", "parliament", "embassy", "army", "navy", "council", "office", "agency",
        "committee", "commission", "court", "cabinet", "administration", "министерство", "правительство", "мид",
    ]

    /// Acronyms that name organisations; other all-capital words (time zones, "IST") are left alone.
    static let acronymOrganizations: Set<String> = [
        "nato", "un", "eu", "osce", "iaea", "tass", "ap", "afp", "reuters", "bbc", "cnn", "rt", "who", "imf",
        "fsb", "kgb", "cia", "fbi", "opec", "ria", "мид", "оон", "нато", "фсб", "ес",
    ]

    /// Social platforms: a name next to them is where something was said, not who ("Podoliak Twitter").
    static let platforms: Set<String> = [
        "twitter", "facebook", "telegram", "instagram", "youtube", "tiktok", "x", "vk", "вконтакте", "телеграм",
    ]

    /// Capitalised words that are never names: weekdays, months, function words that open sentences, and
    /// words headlines capitalise.
    static let notNames: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
        "his", "her", "their", "our", "my", "your", "but", "and", "or", "so", "yet", "if", "when", "while", "as",
        "after", "before", "since", "until", "although", "though", "however", "meanwhile", "separately",
        "according", "earlier", "later", "speaking", "during", "among", "between", "despite", "on", "in", "at",
        "for", "from", "to", "with", "by", "of", "about", "over", "under", "there", "here", "what", "who", "why",
        "how", "where", "which", "some", "many", "most", "all", "both", "each", "every", "no", "not", "one",
        "two", "three", "also", "still", "now", "then", "today", "yesterday", "tomorrow", "unfortunately",
        "already", "as always", "read", "more", "photo", "image", "video", "update", "updated", "published",
        "breaking", "exclusive", "live", "news", "war", "talks", "western", "eastern", "northern", "southern",
        "west", "east", "north", "south", "day", "week", "year", "another", "other", "next", "first", "second",
        "third", "last", "new", "old", "such", "even", "only", "just", "instead", "again", "yes", "thank", "dear",
        "reiterating", "observers", "whether", "because", "let", "do", "does", "did", "is", "are",
        "was", "were", "be", "has", "have", "had", "will", "would", "could", "should", "can", "might",
        "must", "mr.", "mrs.", "gmt", "utc", "ist", "est", "cet", "msk", "pm", "am",
        "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье", "январь", "февраль",
        "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь", "января",
        "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря", "в", "во", "на", "по", "с", "со", "и", "а", "но", "он", "она", "они", "мы", "я", "это",
        "этот", "эта", "как", "когда", "если", "при", "после", "до", "для", "не", "однако", "между", "также",
        "тем", "впрочем", "сегодня", "вчера", "завтра", "кроме", "ранее", "позже", "по словам", "уже", "еще",
        "ещё", "все", "всё", "вместе", "накануне", "о", "об", "к", "у", "за", "из", "от", "что", "где", "кто",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "der", "die", "das",
        "und", "aber", "im", "ein", "eine",
    ]

    /// Exonyms and older spellings → the name the place uses for itself.
    static let exonyms: [String: String] = [
        "kiev": "Kyiv", "kharkov": "Kharkiv", "odessa": "Odesa", "lvov": "Lviv", "nikolaev": "Mykolaiv",
        "nikolayev": "Mykolaiv", "zaporozhye": "Zaporizhzhia", "zaporizhia": "Zaporizhzhia", "dnepr": "Dnipro",
        "dnipropetrovsk": "Dnipro", "chernigov": "Chernihiv", "rovno": "Rivne", "lugansk": "Luhansk",
        "kherson": "Kherson", "donetsk": "Donetsk", "gomel": "Gomel", "homel": "Gomel", "brest": "Brest",
        "minsk": "Minsk", "moscow": "Moscow", "киев": "Kyiv", "київ": "Kyiv", "харьков": "Kharkiv",
        "одесса": "Odesa", "львов": "Lviv", "москва": "Moscow", "минск": "Minsk", "гомель": "Gomel",
        "брест": "Brest", "мариуполь": "Mariupol", "донецк": "Donetsk", "луганск": "Luhansk",
        "санкт-петербург": "Saint Petersburg", "петербург": "Saint Petersburg", "мюнхен": "Munich",
        "берлин": "Berlin", "вашингтон": "Washington", "стамбул": "Istanbul", "варшава": "Warsaw", "баку": "Baku",
        "лондон": "London", "париж": "Paris", "пекин": "Beijing", "анкара": "Ankara", "донбасс": "Donbas",
        "крым": "Crimea", "köln": "Cologne", "münchen": "Munich", "wien": "Vienna", "moskau": "Moscow",
        "kiew": "Kyiv", "warschau": "Warsaw", "peking": "Beijing", "donbass": "Donbas", "donbas": "Donbas",
    ]

    /// Cities and regions often in the news, written for this project; each is its own canonical name.
    static let cities: [String] = [
        "Kyiv", "Kharkiv", "Odesa", "Lviv", "Mariupol", "Mykolaiv", "Zaporizhzhia", "Dnipro", "Chernihiv", "Sumy",
        "Kherson", "Donetsk", "Luhansk", "Rivne", "Bucha", "Irpin", "Crimea", "Donbas", "Sevastopol", "Moscow",
        "Saint Petersburg", "St Petersburg", "Minsk", "Gomel", "Brest", "Vitebsk", "Grodno", "Mogilev", "Istanbul",
        "Ankara", "Antalya", "Warsaw", "Krakow", "Baku", "Tbilisi", "Yerevan", "Chisinau", "Vilnius", "Riga",
        "Tallinn", "Helsinki", "Stockholm", "Oslo", "Copenhagen", "Berlin", "Munich", "Hamburg", "Frankfurt",
        "Cologne", "Paris", "Lyon", "Marseille", "London", "Manchester", "Edinburgh", "Dublin", "Brussels",
        "Amsterdam", "The Hague", "Geneva", "Zurich", "Bern", "Vienna", "Prague", "Budapest", "Bratislava",
        "Bucharest", "Sofia", "Belgrade", "Zagreb", "Ljubljana", "Athens", "Rome", "Milan", "Madrid", "Barcelona",
        "Lisbon", "Washington", "New York", "Los Angeles", "Chicago", "Ottawa", "Toronto", "Beijing", "Shanghai",
        "Hong Kong", "Tokyo", "Seoul", "Pyongyang", "New Delhi", "Delhi", "Mumbai", "Islamabad", "Kabul", "Tehran",
        "Baghdad", "Damascus", "Beirut", "Jerusalem", "Tel Aviv", "Gaza", "Cairo", "Riyadh", "Doha", "Dubai",
        "Abu Dhabi", "Astana", "Almaty", "Tashkent", "Sydney", "Canberra", "Brasilia", "Buenos Aires",
        "Mexico City", "Nairobi", "Johannesburg", "Lagos", "Europe", "Asia", "Africa", "Siberia", "Caucasus",
        "Balkans", "Baltic",
    ]

    /// Demonyms and adjectives → country, so that "the Belarusian foreign ministry" names Belarus's ministry.
    static let demonyms: [String: String] = [
        "russian": "Russia", "ukrainian": "Ukraine", "belarusian": "Belarus", "belarussian": "Belarus",
        "polish": "Poland", "turkish": "Turkey", "american": "United States", "british": "United Kingdom",
        "german": "Germany", "french": "France", "chinese": "China", "italian": "Italy", "spanish": "Spain",
        "japanese": "Japan", "indian": "India", "israeli": "Israel", "iranian": "Iran", "georgian": "Georgia",
        "moldovan": "Moldova", "lithuanian": "Lithuania", "latvian": "Latvia", "estonian": "Estonia",
        "finnish": "Finland", "swedish": "Sweden", "kazakh": "Kazakhstan", "azerbaijani": "Azerbaijan",
        "armenian": "Armenia", "hungarian": "Hungary", "romanian": "Romania", "european": "Europe",
        "российский": "Russia", "российская": "Russia", "украинский": "Ukraine", "белорусский": "Belarus",
        "deutsche": "Germany", "russische": "Russia", "ukrainische": "Ukraine",
    ]

    /// Common given names in several transliterations: one of them opening a capitalised pair makes it a person.
    static let givenNames: Set<String> = [
        "vladimir", "volodymyr", "dmitry", "dmitri", "dmytro", "sergey", "sergei", "serhiy", "serhii", "mykhailo",
        "mikhail", "michael", "alexander", "aleksandr", "oleksandr", "alexei", "alexey", "oleksii", "oleksiy",
        "andrei", "andriy", "andrey", "ivan", "yuri", "yuriy", "igor", "ihor", "nikolai", "mykola", "pavel",
        "pavlo", "petro", "pyotr", "peter", "viktor", "victor", "anatoly", "anatoliy", "boris", "maria", "olena",
        "elena", "yelena", "olga", "natalia", "anna", "irina", "iryna", "tatiana", "svetlana", "yulia", "david",
        "richard", "john", "james", "robert", "william", "joseph", "joe", "donald", "george", "thomas", "charles",
        "emmanuel", "olaf", "angela", "recep", "antonio", "jens", "ursula", "josep", "xi", "narendra",
        "jake", "antony", "lloyd", "kamala", "hillary", "barack", "mark", "paul", "rishi", "liz", "keir",
        "annalena", "friedrich", "karl", "hans", "klaus", "jürgen", "wolfgang", "frank-walter", "ramzan",
        "yevgeny", "evgeny", "leonid", "konstantin", "maxim", "maksym", "roman", "denis", "denys", "arseniy",
        "petr", "gennady", "valery", "valeriy", "vitali", "vitaly", "vitaliy", "ruslan", "kirill", "oleg",
        "oleh", "stanislav", "vasily", "vasyl", "grigory", "hryhoriy", "fyodor", "nikita", "ilya", "illia",
        "владимир", "володимир", "дмитрий", "дмитро", "сергей", "сергій", "михаил", "михайло", "александр",
        "олександр", "алексей", "олексій", "андрей", "андрій", "иван", "юрий", "игорь", "николай", "павел",
        "пётр", "петр", "виктор", "анатолий", "борис", "мария", "елена", "ольга", "анна", "ирина", "давид",
        "евгений", "леонид", "константин", "максим", "роман", "денис", "рамзан", "кирилл", "олег", "василий",
        "татьяна", "наталья", "юлия", "светлана", "валерий", "виталий", "руслан", "геннадий",
    ]

    /// Every list above as bits per word hash, so that a token needs one look-up for all of them.
    static let flags: WordFlagTable = {
        var pairs: [(UInt64, WordFlags)] = []
        func add(_ words: some Sequence<String>, _ f: WordFlags) {
            for w in words { pairs.append((WordHash.of(w), f)) }
        }
        add(titles, .title)
        add(speechVerbs, .speechVerb)
        add(pronouns, .pronoun)
        add(placePrepositions, .placePreposition)
        add(placeHeads, .placeHead)
        add(organizationHeads, .organizationHead)
        add(lowercaseOrganizationHeads, .lowercaseOrganizationHead)
        add(acronymOrganizations, .acronymOrganization)
        add(platforms, .platform)
        add(notNames, .notName)
        add(givenNames, .givenName)
        add(demonyms.keys, .demonym)
        return WordFlagTable(pairs)
    }()
}

/// The lexicons each word hash is in, looked up for every word of every body. Buckets of four slots: a look-up
/// reads one bucket and selects the match without branching. A probing loop branches on the word's hash, the end
/// of the tokenizer's chain of multiplications, and each mispredicted branch stalled the tokenizer.
struct WordFlagTable: Sendable {
    private let keys: [UInt64]
    private let flags: [UInt16]
    /// 64 minus the number of bits of a bucket index.
    private let shift: UInt64
    /// The keys' membership in a few kilobytes (`WordFilter`): most words of a body are in no list, and the
    /// buckets they would read miss the cache.
    private let filter: WordFilter

    /// The table of `pairs`; a word in several lists gets all their flags.
    init(_ pairs: [(UInt64, WordFlags)]) {
        var merged: [UInt64: UInt16] = [:]
        for (key, f) in pairs { merged[key, default: 0] |= f.rawValue }
        // Sorted, so that the table is the same on every run.
        let entries = merged.sorted { $0.key < $1.key }
        var bits: UInt64 = 4
        while 1 << bits < entries.count { bits += 1 }
        while true {
            var keys = [UInt64](repeating: 0, count: 4 << bits)
            var flags = [UInt16](repeating: 0, count: 4 << bits)
            var fits = true
            for (key, f) in entries {
                let b = Self.bucket(key, shift: 64 - bits) << 2
                guard let free = (b..<(b + 4)).first(where: { flags[$0] == 0 }) else {
                    fits = false
                    break
                }
                keys[free] = key
                flags[free] = f
            }
            // A bucket with a fifth word: twice the buckets.
            if fits {
                self.keys = keys
                self.flags = flags
                self.shift = 64 - bits
                self.filter = WordFilter(entries.map(\.key))
                return
            }
            bits += 1
        }
    }

    /// A key's bucket: the top bits of a multiplicative hash, which mixes every bit of the FNV hash into them.
    @inline(__always)
    private static func bucket(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The word's flags; empty when it is in no list. (An empty slot holds key 0 with no flags, so it can only
    /// ever answer "no list".)
    @inline(__always)
    subscript(_ hash: UInt64) -> WordFlags {
        // `WordFlags(rawValue: 0)`, not `[]`: the array literal is a call on every word.
        guard filter.mayContain(hash) else { return WordFlags(rawValue: 0) }
        let b = Self.bucket(hash, shift: shift) << 2
        var f: UInt16 = 0
        for s in b..<(b + 4) { f |= keys[s] == hash ? flags[s] : 0 }
        return WordFlags(rawValue: f)
    }
}

/// Which lexicons a word is in (see `EntityLexicons.flags`).
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt16
    static let title = WordFlags(rawValue: 1 << 0)
    static let speechVerb = WordFlags(rawValue: 1 << 1)
    static let pronoun = WordFlags(rawValue: 1 << 2)
    static let placePreposition = WordFlags(rawValue: 1 << 3)
    static let placeHead = WordFlags(rawValue: 1 << 4)
    static let organizationHead = WordFlags(rawValue: 1 << 5)
    static let lowercaseOrganizationHead = WordFlags(rawValue: 1 << 6)
    static let acronymOrganization = WordFlags(rawValue: 1 << 7)
    static let platform = WordFlags(rawValue: 1 << 8)
    static let notName = WordFlags(rawValue: 1 << 9)
    static let givenName = WordFlags(rawValue: 1 << 10)
    static let demonym = WordFlags(rawValue: 1 << 11)
}
