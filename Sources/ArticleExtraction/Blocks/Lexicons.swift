/// Word lists the classifier and the language detector share. Written once as plain strings, compiled into sets
/// at first use, so that matching is a hash look-up per word and never a regular expression.
public enum Lexicons {
    /// Languages with stop-word lists; the order breaks ties in the detector.
    public static let languages = ["en", "ru", "uk", "de", "fr", "es", "pt", "it", "nl", "pl"]

    /// Function words per language: their density tells prose from menus, and which words are present tells the
    /// language.
    public static let stopWords: [String: Set<String>] = {
        var d: [String: Set<String>] = [:]
        for (lang, text) in stopWordText { d[lang] = Set(text.split(separator: " ").map(String.init)) }
        return d
    }()

    /// Every language's stop-words as a mask over `languages`, for texts whose language we do not know.
    public static let allLanguages = (1 << languages.count) - 1

    /// The stop-words of `language` as a mask over `languages`; all of them for a language without a list.
    public static func stopLanguages(of language: String?) -> Int {
        language.flatMap { languages.firstIndex(of: $0) }.map { 1 << $0 } ?? allLanguages
    }

    /// True when `hash` is a stop-word of one of the languages in `mask`: one probe of the table every per-word
    /// question goes to (`BlockFeatures.wordInfo`).
    @inline(__always)
    public static func isStopWord(_ hash: UInt64, languages mask: Int) -> Bool {
        (BlockFeatures.wordInfo[hash] ?? 0) & mask != 0
    }

    static let stopWordText: [String: String] = [
        "en": """
        a about above after again against all also am an and any are as at be because been before being below \
        between both but by can could did do does doing down during each few for from further had has have \
        having he her here hers herself him himself his how i if in into is it its itself just me more most my \
        myself no nor not now of off on once only or other our ours ourselves out over own same she should so \
        some such than that the their theirs them themselves then there these they this those through to too \
        under until up very was we were what when where which while who whom why will with would you your \
        yours yourself said says according would could may might must shall since though although whether \
        however also still yet already who's it's that's there's he's she's they're we're don't didn't won't \
        isn't wasn't aren't weren't hasn't haven't new one two three first last many much told year years
        """,
        "ru": """
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было \
        вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас \
        нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем \
        была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем \
        ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два \
        об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем \
        хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также \
        который которые которая которых году года заявил сообщил словам время однако является стал россии \
        также
        """,
        "uk": """
        і й та в у на з із зі до від не що як це але або якщо то він вона воно вони ми ви я ти його її їх їм \
        нам вам мене тебе себе був була було були буде будуть є бути також вже ще лише тільки коли де там тут \
        який яка яке які якого якої яких про для без під над через після перед між при так ні чи бо адже щоб \
        цей ця ці цього цієї цих того тому може можна треба має мають році року заявив повідомив словами \
        зокрема однак проте тобто наразі сьогодні вчора україни україні також свою своїх свого інших інші
        """,
        "de": """
        aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf \
        aus bei bin bis bist da damit dann das dass daß dein deine dem den der des dessen dich die dies diese \
        dieselbe diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig \
        einige einigem einigen einiger er es etwas euer eure für gegen gewesen hab habe haben hat hatte hatten \
        hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem \
        jeden jeder jedes jene jetzt kann kein keine keinem keinen keiner können könnte machen man manche mein \
        meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem \
        seinen seiner seit sich sie sind so solche soll sollte sondern sonst über um und uns unser unter viel \
        vom von vor während war waren warum was weil welche welchem welchen welcher wenn werde werden wie \
        wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen sagte laut jahr
        """,
        "fr": """
        au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me même mes moi mon \
        ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos \
        votre vous c d j l à m n s t y été étée étés étant suis es est sommes êtes sont serai sera seront \
        serait étais était étions étaient fus fut ai as avons avez ont aurai aura aurons auront aurait avais \
        avait avaient eu cette cet ceux celle comme aussi plus selon après avant depuis encore entre lors \
        dont où sans sous tout tous toutes très ont été déclaré a-t-il alors ainsi donc car leurs
        """,
        "es": """
        de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí \
        porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos \
        uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él \
        tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú \
        te ti tu tus ellas nosotras vosotros os mío mía tuyo suyo nuestro nuestra vuestro esos esas estoy \
        está estamos están fue fueron era eran ha han había habían ser es son sido será según dijo tras \
        aunque así además años año hoy ayer
        """,
        "pt": """
        de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à \
        seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem \
        mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm \
        numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele tu te \
        vocês vos lhes meus minhas teu tua nosso nossa nossos nossas dela delas esta estes estas aquele \
        aquela aqueles aquelas isto aquilo estou estamos estive esteve estivemos estiveram segundo disse \
        após ainda sobre anos ano então porque
        """,
        "it": """
        ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla dalle di del \
        dello dei degli dell degl della delle in nel nello nei negli nell negl nella nelle su sul sullo sui \
        sugli sull sugl sulla sulle per tra contro io tu lui lei noi voi loro mio mia miei mie tuo tua tuoi \
        tue suo sua suoi sue nostro nostra nostri nostre vostro vostra vostri vostre mi ti ci vi lo la li le \
        gli ne il un uno una ma ed se perché anche come dov dove che chi cui non più quale quanto quanti \
        quanta quante quello quelli quella quelle questo questi questa queste si tutto tutti a c e i l o ho \
        hai ha abbiamo avete hanno è sono siamo era erano stato stata stati essere fatto secondo dopo ancora \
        già così detto anni anno oggi ieri
        """,
        "nl": """
        de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou \
        of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben \
        deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben \
        zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na \
        reeds wil kon niets uw iemand geweest andere volgens jaar
        """,
        "pl": """
        i w z na się nie do to że a o jak ale po co tak za od jest jego jej ich go ja ty on ona ono my wy oni \
        one mnie ci mu był była było były będzie są być może także oraz który która które którzy tym tego \
        tej ten ta te przez przy dla bez pod nad przed między już jeszcze tylko bardzo kiedy gdzie czy lub \
        albo więc jednak też ze we u jako roku lat według powiedział
        """,
    ]

    /// What a removed block was, in the words an operator reads in `boilerplate[].reason`.
    public enum Category: String, Sendable, CaseIterable {
        case donation = "donation appeal"
        case subscription = "subscription prompt"
        case newsletter = "newsletter box"
        case cookies = "cookie notice"
        case share = "share widget"
        case related = "related links"
        case advertisement = "advertisement"
        case legal = "copyright or legal notice"
        case disclaimer = "republisher's disclaimer"
        case comments = "comments widget"
        case navigation = "navigation"
        case author = "author box"
        case agency = "agency credits"
    }

    /// A lexicon phrase: its words, its category and whether it alone condemns a block of moderate length.
    public struct Phrase: Sendable {
        public var words: [String]
        public var hashes: [UInt64]
        public var category: Category
        public var strong: Bool
    }

    /// Phrases grouped by their first word, so that a block is matched in one pass over its words: the first
    /// words' hashes, sorted, and the groups in the same order.
    static let phraseGroupKeys: [UInt64] = Array(phrasesByFirstWord.keys).sorted()
    public static let phraseGroups: [[Phrase]] = phraseGroupKeys.map { phrasesByFirstWord[$0]! }

    public static let phrasesByFirstWord: [UInt64: [Phrase]] = {
        var d: [UInt64: [Phrase]] = [:]
        for (category, strongText, weakText) in phraseText {
            for (text, strong) in [(strongText, true), (weakText, false)] {
                for entry in text.split(separator: "|") {
                    let words = Tokenizer.words(String(entry))
                    guard let first = words.first else { continue }
                    d[WordHash.of(first), default: []].append(
                        Phrase(words: words, hashes: words.map(WordHash.of), category: category, strong: strong)
                    )
                }
            }
        }
        return d
    }()

    /// Whole lines that are widgets whatever surrounds them ("Read more", "Advertisement").
    /// `wholeLines` as a table of indices into `Category.allCases`.
    public static let wholeLineTable: WordTable = WordTable(
        wholeLines.map { ($0.key, Category.allCases.firstIndex(of: $0.value)!) }
    )

    public static let wholeLines: [UInt64: Category] = {
        var d: [UInt64: Category] = [:]
        for (category, text) in wholeLineText {
            for entry in text.split(separator: "|") {
                d[WordHash.combine(Tokenizer.words(String(entry)).map(WordHash.of))] = category
            }
        }
        return d
    }()

    // (category, strong phrases, weak phrases), phrases separated by "|", all languages together.
    static let phraseText: [(Category, String, String)] = [
        (
            .donation,
            """
            support us|support our journalism|support independent journalism|your support|we need your help|\
            dear readers|dear reader|a message from|make a donation|donate now|donate today|ad-free|\
            not ready to support|remind me later|every contribution|one-off contribution|become a member|\
            become a patron|chip in|by supporting|поддержите нас|поддержать нас|дорогие читатели|ваша поддержка|\
            пожертвование|підтримайте нас|дорогі читачі|ваша підтримка|unterstützen sie uns|liebe leserinnen|\
            liebe leser|jetzt spenden|soutenez-nous|chers lecteurs|faites un don|apóyanos|queridos lectores|\
            haz una donación|apoie-nos|caros leitores|faça uma doação|sostienici|cari lettori|fai una donazione|\
            sostieni|wesprzyj nas|drodzy czytelnicy|steun ons|beste lezers
            """,
            "donate|donation|donations|contribution|contributions|patreon|spenden|spende|donar|doação|donazione|"
                + "independent journalism|journalism is banned|reading experience"
        ),
        (
            .subscription,
            """
            subscribe now|subscribe to|already a subscriber|already have an account|create an account|free trial|\
            unlimited access|subscribers only|sign in to|log in to|оформите подписку|подпишитесь|\
            передплатіть|підпишіться|jetzt abonnieren|abonnieren sie|bereits abonnent|abonnez-vous|déjà abonné|\
            suscríbete|ya eres suscriptor|assine|já é assinante|abbonati|sei già abbonato|\
            continue reading with|subscribe to continue|to continue reading|subscribers only|\
            exclusive to subscribers|weiterlesen mit|euro testen|jetzt testen|gratis testen|kostenlos testen|\
            nur für abonnenten|réservé aux abonnés|article réservé|la suite est réservée|\
            exclusivo para suscriptores|solo para suscriptores|exclusivo para assinantes|riservato agli abbonati|\
            доступно по подписке|только для подписчиков|лише для передплатників|tylko dla subskrybentów|\
            zaloguj się|zarejestruj się|wykup subskrypcję|word abonnee|alleen voor abonnees|lees verder met
            """,
            "subscribe|subscription|sign in|log in|sign up|register|login|подписка|войти|регистрация|підписка|увійти|"
                + "abonnement|anmelden|abo|s'abonner|connexion|suscripción|iniciar sesión|assinatura|entrar|abbonamento|accedi|"
                + "subskrypcja|zaloguj|inloggen|abonnee"
        ),
        (
            .newsletter,
            """
            our newsletter|newsletter|in your inbox|to your inbox|рассылка|рассылку|розсилка|розсилку|\
            boletín|infolettre|lettre d'information|your email|email address|\
            adresse e-mail|adresse mail|votre adresse|ihre e-mail-adresse|e-mail-adresse|tu correo|seu e-mail|\
            la tua email|ваш email|ваш e-mail|ваша почта|ваша пошта|twój e-mail|newslettera|nieuwsbrief|\
            je m'inscris|inscrivez-vous|regístrate|inscreva-se|iscriviti|zapisz się
            """,
            "inbox|e-mail|recevez|sign up to|sign up for"
        ),
        (
            .cookies,
            """
            we use cookies|use of cookies|cookie policy|cookie settings|accept cookies|accept all|\
            мы используем cookie|файлы cookie|ми використовуємо|verwendet cookies|wir verwenden cookies|\
            nous utilisons des cookies|utilizamos cookies|usamos cookies|utilizziamo i cookie|\
            używamy plików cookie|pliki cookie|wij gebruiken cookies|gérer les cookies|cookie-einstellungen
            """,
            "cookies|cookie|consent|privacy settings"
        ),
        (
            .share,
            """
            share on facebook|share on twitter|share this article|share this story|share via|copy link|link copied|\
            follow us|join us on|whatsapp channel|google news|download our app|get the app|подписывайтесь|\
            следите за нами|наш telegram|наш канал|telegram-канал|приєднуйтесь|стежте за нами|folgen sie uns|\
            suivez-nous|síguenos|siga-nos|seguici|\
            поделиться|поширити|teilen sie|artikel teilen|partager sur|partagez|compartir en|compartilhe|\
            condividi|udostępnij|podziel się|deel dit artikel
            """,
            "share|tweet|whatsapp|telegram|facebook|twitter|vkontakte|linkedin|pinterest|email|print|reddit|"
                + "flipboard|teilen|partager|compartir|compartilhar|partilhar|delen"
        ),
        (
            .related,
            """
            read more|read also|also read|see also|related articles|related stories|related news|more from|\
            more stories|you may also like|you might also like|recommended for you|most read|most popular|\
            читайте также|читайте також|по теме|на тему|auch interessant|mehr zum thema|lesen sie auch|\
            à lire aussi|lire aussi|voir aussi|lee también|leia também|leia mais|leggi anche|potrebbe interessarti|czytaj także|czytaj też|\
            zobacz także|zobacz też|przeczytaj również|lees ook|more articles by|all articles by|mehr artikel von|\
            alle artikel von|tous les articles de|todos los artículos de|mais artigos de|altri articoli di|\
            все материалы автора|все статьи автора|усі матеріали автора|wszystkie artykuły autora
            """,
            "related|trending|recommended|читать|читати|weiterlesen|lire|leer más|leia|leggi|czytaj|zobacz"
        ),
        (
            .advertisement,
            """
            advertisement|sponsored content|paid content|scroll to continue|реклама|anzeige|publicité|publicidad|\
            publicidade|pubblicità|advertentie|story continues below|article continues below|\
            continue reading below|continues below advertisement|skip advert|skip ad|la suite après cette publicité|\
            artikel wird unter der anzeige fortgesetzt|weiter nach der anzeige|продолжение ниже|\
            continúa después de la publicidad|continua após a publicidade|continua dopo la pubblicità|\
            dalsza część pod reklamą|czytaj dalej pod reklamą
            """,
            "sponsored|advertising|werbung"
        ),
        (
            .legal,
            """
            all rights reserved|terms of use|terms of service|terms and conditions|privacy policy|\
            reproduction prohibited|все права защищены|всі права захищені|alle rechte vorbehalten|\
            tous droits réservés|todos los derechos reservados|todos os direitos reservados|\
            tutti i diritti riservati|impressum|datenschutz|mentions légales|усі права захищені|\
            wszelkie prawa zastrzeżone|alle rechten voorbehouden|polityka prywatności|privacybeleid|\
            política de privacidad|política de privacidade|politique de confidentialité|aviso legal|\
            правила користування|политика конфиденциальности
            """,
            "copyright|©"
        ),
        (
            .disclaimer,
            """
            not as an endorsement|does not necessarily reflect|do not necessarily reflect|views expressed|\
            originally published|originally appeared|republished|republish|rss feed|this article was first|\
            мнение редакции|может не совпадать|думка редакції|nicht die meinung|n'engage que|\
            no necesariamente refleja|não reflete necessariamente|non riflette necessariamente
            """,
            "endorsement|disclaimer"
        ),
        (
            .comments,
            """
            leave a comment|join the conversation|post a comment|show comments|комментарии|коментарі|\
            kommentare|commentaires|comentarios|comentários|commenti|komentarze|reacties|\
            load more comments|show more comments|all comments|все комментарии|усі коментарі|\
            alle kommentare|tous les commentaires|todos los comentarios|todos os comentários|tutti i commenti
            """,
            "comments|comment"
        ),
        (
            .navigation,
            """
            skip to content|skip to main content|back to top|next article|previous article|main menu|\
            click here|tap here|enable javascript|ad blocker|view gallery|photo gallery|report an error|\
            found a typo|нашли опечатку|нажмите ctrl|ctrl enter|сообщить об ошибке|знайшли помилку|\
            перейти к содержанию|наверх|zum inhalt|retour en haut|volver arriba|voltar ao topo|torna su|\
            aller au contenu|ir al contenido|ir para o conteúdo|vai al contenuto|przejdź do treści|\
            naar de inhoud|strona główna
            """,
            "menu|home|search|sections|меню|главная|головна|поиск|пошук|startseite|suche|accueil|recherche|inicio|"
                + "buscar|início|pesquisar|cerca"
        ),
        (
            .agency,
            """
            reporting by|editing by|additional reporting|mit material von|avec agences|com agências|con agenzie
            """,
            ""
        ),
    ]

    // Whole-line widgets, compared after lower-casing and dropping punctuation.
    static let wholeLineText: [(Category, String)] = [
        (
            .related,
            "read more|read also|more|see more|load more|show more|continue reading|read the full story|"
                + "читать далее|читать еще|читайте также|читати далі|weiterlesen|mehr|lire la suite|"
                + "leer más|seguir leyendo|leia mais|continua a leggere|related|related articles|related stories|"
                + "czytaj więcej|lees meer|more articles|mehr artikel|plus d'articles"
        ),
        (
            .advertisement,
            "advertisement|ad|ads|sponsored|реклама|anzeige|werbung|publicité|publicidad|publicidade|"
                + "pubblicità|advertising|scroll to continue with content|reklama|advertentie"
        ),
        (
            .navigation,
            "listen|listen to this article|listen to article|play|play video|watch|watch video|video|audio|"
                + "слушать|прослушать|слухати|смотреть видео|дивитися відео|anhören|artikel anhören|"
                + "écouter|écouter l'article|escuchar|escuchar noticia|ouvir|ouvir notícia|ascolta|"
                + "ascolta l'articolo|posłuchaj|odsłuchaj|luister"
        ),
        (
            .share,
            "share|tweet|email|print|copy|copy link|share this|share this article|поделиться|поширити|teilen|"
                + "partager|compartir|compartilhar|partilhar|condividi|udostępnij|delen|facebook|twitter|whatsapp|"
                + "telegram|linkedin|x|instagram|youtube|vkontakte|вконтакте|одноклассники|e-mail|share via email|"
                + "share on x|like|reply|ответить|відповісти|antworten|répondre|responder|rispondi|odpowiedz"
        ),
        (
            .navigation,
            "menu|home|search|close|open|next|previous|back|top|sections|more sections|×|x|"
                + "меню|главная|головна|поиск|пошук|startseite|suche|accueil|recherche|inicio|buscar|início|cerca|"
                + "strona główna|szukaj|zoeken|about us|about|contact|contact us|contacts|careers|work for us|"
                + "advertise with us|accessibility|newsletters|privacy|cookie settings|cookie policy|sitemap|"
                + "о редакции|о нас|контакты|реклама на сайте|про нас|контакти|kontakt|mediadaten|agb|"
                + "über uns|nous contacter|qui sommes-nous|gérer les cookies|quiénes somos|contacto|"
                + "ficha técnica|estatuto editorial|contactos|chi siamo|contatti|o nas|kontakt|over ons"
        ),
        (
            .subscription,
            "subscribe|sign in|log in|sign up|register|login|logout|log out|my account|account|"
                + "подписаться|войти|підписатися|увійти|abonnieren|anmelden|s'abonner|se connecter|"
                + "suscribirse|iniciar sesión|assinar|entrar|abbonati|accedi|mon compte|mi cuenta|minha conta|"
                + "zaloguj|zaloguj się|inloggen|je m'inscris|inscribirse|iscriviti|jetzt testen"
        ),
        (
            .donation,
            "donate|support us|once|monthly|annual|yearly|one-time|continue|payment methods|"
                + "remind me later|not now|maybe later"
        ),
        (
            .comments,
            "comments|comment|add comment|leave a comment|комментарии|коментарі|kommentare|commentaires|"
                + "comentarios|comentários|commenti|komentarze|reacties|sort by newest|sort by oldest|"
                + "load more comments|show more comments|all comments|все комментарии|усі коментарі"
        ),
        // Headings of lists of other articles: the unpunctuated lines under them are headlines, not the body.
        (
            .related,
            "most read|most popular|most viewed|popular|trending|trending now|top stories|more stories|"
                + "editor's picks|latest news|latest|more news|more on this story|you may also like|topics|"
                + "самое читаемое|самое популярное|популярное|главное|новости партнёров|новости партнеров|"
                + "популярне|найпопулярніше|головне|новини партнерів|meistgelesen|meistgelesene artikel|"
                + "beliebt|das könnte sie auch interessieren|les plus lus|les plus lues|à la une|"
                + "lo más leído|lo más visto|más leídas|más leído|mais lidas|mais lidos|mais vistos|"
                + "i più letti|più letti|più letti oggi|najczęściej czytane|popularne|najnowsze|meest gelezen|"
                + "populair|lees ook"
        ),
        // Headings of a box about the author, after the article.
        (
            .author,
            "about the author|about the writer|об авторе|об авторе статьи|про автора|über die autorin|"
                + "über den autor|zur autorin|zum autor|à propos de l'auteur|l'auteur|sobre el autor|"
                + "sobre la autora|sobre o autor|sobre a autora|l'autore|l'autrice|sull'autore|o autorze|"
                + "over de auteur"
        ),
    ]
}
