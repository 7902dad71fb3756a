#!/usr/bin/env python3
"""Writes the fixture articles and their gold.json. Every text here was written for this project (no real article
is copied). Each document is a list of (role, line) pairs; roles: B body, T title, S standfirst, X boilerplate,
C caption, K credit, CK caption-with-credit line (caption, credit), D dateline, U updated dateline, Y byline,
I ignore, '' blank line. Run from this folder: python3 make_fixtures.py"""
import json, os

docs = {}

docs["en_whole_page.txt"] = dict(encoding="utf-8", newline="\n", outlet="The Harbour Ledger",
    published="2019-11-18T21:24:00-05:00", byline=["Jane Doe", "John Roe"], lines=[
    ("X", "Skip to main content"), ("X", "Menu"), ("X", "Home"), ("X", "World"), ("X", "Business"), ("X", "Sport"),
    ("X", "Opinion"), ("X", "Subscribe"), ("X", "Sign in"),
    ("X", "We use cookies to improve your experience on our site. By continuing you accept our cookie policy."),
    ("X", "Accept all"),
    ("T", "Port authority approves night ferries after long dispute - The Harbour Ledger"),
    ("Y", "By Jane Doe and John Roe, Senior Reporter"),
    ("D", "Nov 18, 2019 at 9:24 pm ET"),
    ("X", "Share"), ("X", "Tweet"), ("X", "Email"),
    ("CK", ("Commuters wait at the east pier on a foggy evening.", "Mark Ellison / Reuters")),
    ("B", "The city's port authority voted on Monday to run ferries through the night, ending a dispute with dock workers that had dragged on for almost two years."),
    ("B", "Under the plan, boats will leave the east pier every forty minutes between midnight and five in the morning, starting in the spring."),
    ("B", "\u201cThis is what people on the late shifts have been asking for,\u201d said Maria Lopez, who chairs the authority's transport committee."),
    ("X", "Advertisement"),
    ("B", "The dock workers' union had argued that the extra shifts would stretch crews that are already short of staff, and it threatened to strike last winter."),
    ("B", "What changes for passengers"),
    ("B", "Tickets bought for daytime crossings will also be valid at night, and the authority says it will add lighting and staff to the waiting rooms."),
    ("X", "Read more: City council delays vote on bridge tolls"),
    ("B", "Critics on the council said the service would cost more than its fares bring in, and asked for a review after the first twelve months."),
    ("B", "The authority expects the first night crossings to run in April, if the new boats arrive on time from the shipyard."),
    ("X", "Sign up for our morning newsletter and get the day's top stories in your inbox."),
    ("X", "Related stories"), ("X", "Bridge tolls to rise again next year"), ("X", "Fishing fleet faces new quotas"),
    ("X", "Ten walks along the old harbour wall"),
    ("X", "About us"), ("X", "Contact"), ("X", "Privacy policy"), ("X", "Terms of use"),
    ("X", "\u00a9 2019 The Harbour Ledger. All rights reserved."),
])

docs["en_region_dups.txt"] = dict(encoding="utf-8", newline="\r\n", outlet=None, published=None, lines=[
    ("B", "Engineers began lifting the sunken barge from the river bed on Tuesday after three weeks of preparation by divers and crane crews."),
    ("B", "The barge went down in heavy rain last month while carrying gravel, blocking half of the shipping channel near the old mill."),
    ("B", "Officials said the lift would take at least two days because the hull is filled with mud and must be pumped out slowly."),
    ("B", "\u201cWe are not going to rush this and risk breaking it apart,\u201d the harbour master told reporters on the bank."),
    ("B", "Traffic on the river has been limited to small boats since the accident, and freight companies have moved loads to the railway."),
    ("B", "Crews started raising the barge that sank in the river, lifting it from the bottom after divers and crane teams prepared for three weeks."),
    ("C", "A crane lowers cables towards the wreck of the gravel barge near the old mill on Tuesday morning"),
    ("C", "Divers prepare their equipment on a pontoon beside the blocked shipping channel on Monday"),
    ("B", "The owner of the barge has agreed to pay for the salvage, according to the city, but has not said why the vessel was sailing in the storm."),
    ("B", "The sinking barge, which was loaded with gravel, went down during heavy rain a month ago and blocked half of the channel next to the old mill."),
    ("B", "Inspectors will examine the hull once it is on dry land, and a report is expected before the end of the year."),
], near_duplicates=[[1, 6], [2, 10]])

docs["ru_region.txt"] = dict(encoding="windows-1251", newline="\n", outlet=None,
    published="2022-03-12T14:05:00+03:00", lines=[
    ("D", "Опубликовано 12 марта 2022, 14:05 МСК"),
    ("T", "В Казани открыли новый мост через реку"),
    ("B", "В субботу в Казани открыли движение по новому мосту через реку, строительство которого заняло почти три года."),
    ("B", "По словам мэра города, мост позволит разгрузить центральные улицы, на которых в часы пик образуются многокилометровые пробки."),
    ("K", "Фото: ТАСС"),
    ("B", "Длина моста составляет около восьмисот метров, на нём предусмотрены по три полосы движения в каждую сторону и отдельная дорожка для велосипедистов."),
    ("X", "Читайте также: Как изменится расписание городских автобусов"),
    ("B", "Жители соседних районов, однако, жалуются на шум и просят установить защитные экраны вдоль новой дороги."),
    ("B", "В администрации заявили, что экраны появятся до конца лета, а пока на участке будет ограничена скорость."),
    ("X", "Поддержите нас! Наша редакция работает только благодаря читателям. Ваша поддержка помогает нам оставаться независимыми."),
    ("X", "Подписывайтесь на наш канал в Telegram"),
])

docs["uk_region.txt"] = dict(encoding="utf-8", newline="\n", outlet=None,
    published="2022-03-03T10:15:00+02:00", lines=[
    ("T", "У Львові запрацював новий пункт допомоги для переселенців"),
    ("D", "3 березня 2022 р., 10:15"),
    ("B", "У четвер у Львові відкрили ще один пункт допомоги, де переселенці можуть отримати їжу, одяг і консультацію юриста."),
    ("B", "Як повідомили в міській раді, пункт працюватиме щодня з восьмої ранку до восьмої вечора, а волонтери чергуватимуть по змінах."),
    ("B", "Окремо там облаштували кімнату для матерів з дітьми та куточок, де можна зарядити телефон."),
    ("X", "Читайте також: Де у місті можна здати кров"),
    ("B", "Організатори просять мешканців приносити теплі речі та ліки, але наголошують, що продукти мають бути з тривалим терміном зберігання."),
    ("B", "За перший день до пункту звернулися понад триста людей, більшість із них приїхали зі східних областей."),
    ("X", "Підтримайте нас, щоб ми могли і далі розповідати про події у місті."),
    ("X", "Поширити"),
])

docs["de_utf16.txt"] = dict(encoding="utf-16", newline="\r\n", outlet="Musterstädter Anzeiger",
    published="2021-07-14T08:30:00+02:00", byline=["Anna Schmidt"], lines=[
    ("X", "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten."), ("X", "Alle akzeptieren"), ("",""),
    ("T", "Stadtrat beschließt neue Regeln für Radwege in der Innenstadt"), ("",""),
    ("S", "Ab dem Herbst sollen Radfahrer in der Altstadt eigene Spuren bekommen, doch nicht alle Händler sind damit einverstanden."), ("",""),
    ("Y", "Von Anna Schmidt"), ("D", "14. Juli 2021, 08:30 Uhr"), ("X", "Lesezeit: 3 Minuten"), ("",""),
    ("B", "Der Stadtrat hat am Dienstagabend mit knapper Mehrheit beschlossen, auf drei Hauptstraßen der Innenstadt getrennte Radwege einzurichten."), ("",""),
    ("B", "Dafür sollen zwischen dem Bahnhof und dem Marktplatz etwa zweihundert Parkplätze wegfallen, wie die Verwaltung mitteilte."), ("",""),
    ("X", "Anzeige"), ("",""),
    ("B", "Die Händler in der Fußgängerzone fürchten, dass weniger Kunden mit dem Auto in die Stadt kommen, und verlangen zusätzliche Parkhäuser am Rand der Altstadt."), ("",""),
    ("B", "Kritik an den Plänen"), ("",""),
    ("B", "Die Opposition hält das Vorhaben für überstürzt und will, dass die Bürger vor dem Bau noch einmal angehört werden."), ("",""),
    ("B", "Die ersten Arbeiten sollen im September beginnen, die gesamte Umgestaltung wird nach Angaben der Stadt etwa zwei Jahre dauern."), ("",""),
    ("X", "Mehr zum Thema"), ("X", "Neue Buslinie zum Flughafen geplant"), ("X", "Baustellen im Sommer: Wo es eng wird"), ("",""),
    ("X", "\u00a9 2021 Musterstädter Anzeiger"),
])

docs["fr_1252.txt"] = dict(encoding="windows-1252", newline="\n", outlet=None,
    published="2021-01-05T18:30:00+01:00", byline=["Marie Dupont"], lines=[
    ("T", "La bibliothèque municipale rouvre ses portes après deux ans de travaux"),
    ("Y", "Par Marie Dupont"),
    ("D", "Publié le 5 janvier 2021 à 18:30"),
    ("B", "La bibliothèque du centre-ville a rouvert mardi matin, après des travaux de rénovation qui ont duré plus de deux ans."),
    ("B", "Le bâtiment, construit au début du siècle dernier, a été entièrement isolé et dispose désormais d\u2019une salle de lecture pour les enfants."),
    ("B", "\u00ab\u00a0Nous voulions un lieu ouvert à tous, où l\u2019on peut rester toute la journée\u00a0\u00bb, a expliqué la directrice lors de l\u2019inauguration."),
    ("X", "Publicité"),
    ("B", "Les horaires ont également été élargis : la bibliothèque sera ouverte le dimanche après-midi et jusqu\u2019à vingt heures en semaine."),
    ("B", "Le coût total du chantier s\u2019élève à près de six millions d\u2019euros, financés en partie par la région."),
    ("X", "À lire aussi : Les musées de la ville gratuits le premier dimanche du mois"),
    ("X", "Abonnez-vous à notre newsletter pour recevoir l\u2019essentiel de l\u2019actualité locale."),
])

docs["es_region.txt"] = dict(encoding="iso-8859-1", newline="\n", outlet=None,
    published=None, updated="2023-02-14T08:15:00+01:00", byline=["Carlos Ruiz"], lines=[
    ("T", "El ayuntamiento amplía el horario de los autobuses nocturnos"),
    ("Y", "Por Carlos Ruiz"),
    ("U", "Actualizado: 14/02/2023 08:15 CET"),
    ("B", "El ayuntamiento anunció el lunes que los autobuses nocturnos circularán también los domingos a partir del próximo mes."),
    ("B", "Según el concejal de movilidad, la medida responde a las quejas de los trabajadores que terminan su turno de madrugada."),
    ("X", "Lee también: Las obras del metro cortarán dos estaciones en verano"),
    ("B", "Las nuevas líneas unirán el centro con los barrios del norte y del este, con una frecuencia de treinta minutos."),
    ("B", "Los vecinos celebran el cambio, aunque piden que se refuerce la seguridad en las paradas más alejadas."),
    ("X", "Suscríbete para seguir leyendo sin límites"),
    ("X", "Compartir en Facebook"),
])

docs["pt_region.txt"] = dict(encoding="utf-8", newline="\n", outlet=None, published="2020-09-08T09:00:00+01:00",
    lines=[
    ("T", "Câmara aprova plano para plantar mil árvores na cidade"),
    ("D", "8 de setembro de 2020, 09:00"),
    ("B", "A câmara municipal aprovou nesta terça-feira um plano para plantar mil árvores em ruas e praças da cidade até ao fim do próximo ano."),
    ("B", "De acordo com a vereadora do ambiente, as primeiras árvores serão plantadas nos bairros com menos espaços verdes."),
    ("B", "Os moradores poderão sugerir locais através de um formulário que estará disponível no sítio da câmara durante dois meses."),
    ("X", "Leia também: Obras no jardim central terminam em outubro"),
    ("B", "O projeto custará cerca de meio milhão de euros e será financiado por fundos europeus."),
    ("X", "Apoie-nos: o nosso jornalismo depende dos leitores."),
])

docs["it_region.txt"] = dict(encoding="iso-8859-15", newline="\n", outlet=None, published="2022-05-10T17:45:00+02:00",
    lines=[
    ("D", "10 maggio 2022, ore 17:45"),
    ("T", "Il comune riapre il ponte pedonale sul fiume dopo i lavori"),
    ("B", "Il ponte pedonale che collega le due rive del fiume è stato riaperto martedì pomeriggio, dopo sei mesi di lavori di consolidamento."),
    ("B", "Secondo il sindaco, l'intervento era necessario perché le vecchie travi di legno non garantivano più la sicurezza dei passanti."),
    ("X", "Pubblicità"),
    ("B", "Durante i lavori i cittadini hanno dovuto allungare il percorso di quasi un chilometro per attraversare il fiume."),
    ("B", "Il comune ha annunciato che nei prossimi mesi saranno installate nuove luci e panchine lungo la passeggiata."),
    ("X", "Leggi anche: Al via i lavori nella piazza del mercato"),
    ("X", "Condividi"),
])

docs["ru_whole_page_koi8.txt"] = dict(encoding="koi8-r", newline="\n", outlet="Городские новости",
    published="2021-05-05T12:30:00+03:00", byline=["Иван Петров"], lines=[
    ("X", "Главная"), ("X", "Новости"), ("X", "Общество"), ("X", "Экономика"), ("X", "Спорт"), ("X", "Войти"),
    ("X", "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы соглашаетесь с этим."),
    ("T", "В городском парке высадили двести новых деревьев"),
    ("Y", "Автор: Иван Петров"),
    ("D", "12:30, 5 мая 2021"),
    ("B", "В субботу в центральном парке прошёл субботник, во время которого волонтёры высадили двести молодых лип и клёнов."),
    ("B", "Саженцы предоставил городской питомник, а инструменты привезли сотрудники управления благоустройства."),
    ("K", "Фото: РИА Новости"),
    ("B", "По словам организаторов, в акции приняли участие больше трёхсот человек, в том числе школьники и пенсионеры."),
    ("X", "Реклама"),
    ("B", "Что будет дальше"),
    ("B", "Летом за деревьями будут ухаживать сотрудники парка, а осенью специалисты проверят, сколько саженцев прижилось."),
    ("B", "В мэрии пообещали, что следующая акция пройдёт в сентябре в сквере у вокзала."),
    ("X", "Читайте также: В городе откроют три новые библиотеки"),
    ("X", "Теги: парк, экология, волонтёры"),
    ("X", "Поделиться"),
    ("X", "Новости партнёров"), ("X", "Как выбрать велосипед для города"), ("X", "Пять маршрутов выходного дня"),
    ("X", "Летние фестивали в области"),
    ("X", "© 2021 Городские новости. Все права защищены."),
])

docs["es_whole_page.txt"] = dict(encoding="utf-8", newline="\n", outlet="Diario del Valle",
    published="2023-06-02T10:45:00+02:00", byline=["Lucía Gómez"], lines=[
    ("X", "Portada"), ("X", "Nacional"), ("X", "Internacional"), ("X", "Deportes"), ("X", "Suscríbete"), ("",""),
    ("T", "La biblioteca del barrio abre también por las noches - Diario del Valle"), ("",""),
    ("S", "El ayuntamiento amplía el horario para los estudiantes durante la época de exámenes."), ("",""),
    ("Y", "Por Lucía Gómez"), ("D", "2 de junio de 2023, 10:45"), ("",""),
    ("B", "La biblioteca municipal del barrio norte permanecerá abierta hasta la medianoche durante todo el mes de junio."), ("",""),
    ("B", "La medida, que ya se probó el año pasado, responde a la demanda de los estudiantes que preparan sus exámenes finales."), ("",""),
    ("X", "Publicidad"), ("",""),
    ("B", "Según la concejala de cultura, el coste del servicio nocturno se cubrirá con el presupuesto previsto para actividades de verano."), ("",""),
    ("B", "Los usuarios deberán presentar el carné de la biblioteca a partir de las diez de la noche."), ("",""),
    ("X", "Lee también: El festival de cine de verano presenta su programa"), ("",""),
    ("X", "Etiquetas: bibliotecas, educación, barrio norte"), ("",""),
    ("X", "Compartir en Facebook"), ("X", "Compartir en Twitter"), ("",""),
    ("X", "Aviso legal"), ("X", "Política de privacidad"), ("X", "\u00a9 2023 Diario del Valle. Todos los derechos reservados."),
])

gold = {}
for name, d in docs.items():
    out_lines, g = [], dict(title=None, standfirst=None, outlet=d.get("outlet"), published=d.get("published"),
                           updated=d.get("updated"), body=[], boilerplate=[], captions=[], credits=[])
    for role, text in d["lines"]:
        if role == "":
            out_lines.append(""); continue
        if role == "CK":
            cap, cred = text
            out_lines.append(cap + " " + cred); g["captions"].append(cap); g["credits"].append(cred); continue
        out_lines.append(text)
        if role == "T":
            t = text.split(" - ")[0] if " - " in text else text
            g["title"] = t
        elif role == "S": g["standfirst"] = text
        elif role == "B": g["body"].append(text)
        elif role in ("X", "D", "U", "Y"): g["boilerplate"].append(text)
        elif role == "C": g["captions"].append(text)
        elif role == "K":
            g["credits"].append(text.split(": ", 1)[1] if ": " in text else text)
    if "near_duplicates" in d:
        g["near_duplicates"] = d["near_duplicates"]
        # the second line of each pair restates the first: not in the gold body
        dropped = {out_lines[b - 1] for a, b in d["near_duplicates"]}
        g["body"] = [p for p in g["body"] if p not in dropped]
    if d.get("byline"): g["byline"] = d["byline"]
    if g["updated"] is None: del g["updated"]
    gold[name] = g
    data = d["newline"].join(out_lines) + d["newline"]
    enc = d["encoding"]
    raw = ("\ufeff" + data).encode("utf-16-le") if enc == "utf-16" else data.encode(enc)
    if enc == "utf-16": raw = b"" + raw
    open(name, "wb").write(raw)
json.dump(gold, open("gold.json", "w"), ensure_ascii=False, indent=1)
