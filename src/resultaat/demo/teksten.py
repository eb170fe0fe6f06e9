"""Names and texts the demo draws from: surnames, first names, hulpvragen, onderzoek texts, goals and
activities of the ondersteuningsplan, the Plus, signalen and evaluaties."""

from __future__ import annotations

from resultaat.demo.regio_gegevens import (
    BG,
    DB,
    HOB,
    PV,
)
from resultaat.ondersteuning.models import (
    PlusSoort,
    ResultaatBehaald,
    SignaalSoort,
)
from resultaat.toegang.models import (
    ZRMDomein,
)

# --------------------------------------------------------------------------------------------------
# Names and texts
# --------------------------------------------------------------------------------------------------

# fmt: off
ACHTERNAMEN: tuple[tuple[str, str], ...] = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"),
    ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"),
    ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
    ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"), ("", "Schouten"), ("van", "Beek"),
    ("", "Willems"), ("van", "Vliet"), ("", "Hoekstra"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"),
    ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("de", "Lange"), ("", "Kuijpers"), ("", "Groot"),
    ("", "Kaan"), ("", "Beemsterboer"), ("", "Schermerhorn"), ("", "Kramer"), ("", "Zeeman"), ("", "Stam"),
    ("", "Wijker"), ("", "Min"), ("", "Burger"), ("", "Tesselaar"), ("", "Zuurbier"), ("", "Buis"),
    ("", "Rood"), ("", "Schipper"), ("", "Ruiter"), ("", "Glorie"), ("", "Pronk"),
    ("", "Koomen"), ("", "Verduin"), ("van", "Wonderen"), ("", "Kaptein"), ("", "Twisk"), ("", "Molenaar"),
    ("", "Hopman"), ("", "Bruin"), ("", "Yilmaz"), ("El", "Amrani"), ("", "Kaya"), ("", "Öztürk"),
    ("", "Bouzid"), ("", "Pinas"), ("", "Tjon"), ("", "Nguyen"), ("", "Kowalski"), ("", "Haddou"),
)
VROUW_OUD = (
    "Maria", "Johanna", "Cornelia", "Anna", "Wilhelmina", "Elisabeth", "Geertruida", "Hendrika", "Catharina",
    "Aaltje", "Neeltje", "Trijntje", "Grietje", "Jannetje", "Margaretha", "Petronella", "Agatha", "Dirkje",
    "Klaasje", "Adriana", "Helena", "Theodora", "Gerarda", "Jacoba", "Sophia",
)
MAN_OUD = (
    "Johannes", "Cornelis", "Hendrik", "Jacobus", "Pieter", "Jan", "Willem", "Gerrit", "Dirk", "Klaas",
    "Adrianus", "Theodorus", "Nicolaas", "Simon", "Jacob", "Gerardus", "Petrus", "Franciscus", "Arie",
    "Teunis", "Albert", "Lambertus", "Hubertus",
)
VROUW_JONG = (
    "Sandra", "Linda", "Marieke", "Esther", "Monique", "Petra", "Anouk", "Sanne", "Lotte", "Fatima",
    "Samira", "Iris", "Kim", "Femke", "Naima", "Yvonne", "Ingrid", "Chantal", "Annemiek", "Joyce",
)
MAN_JONG = (
    "Mark", "Dennis", "Jeroen", "Sander", "Patrick", "Bas", "Mohamed", "Youssef", "Kevin", "Tim", "Ruben",
    "Thijs", "Mehmet", "Stefan", "Martijn", "Erik", "Robin", "Vincent", "Hans", "Richard",
)
# fmt: on

POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"

HULPVRAAG = {
    HOB: (
        "Kan het huishouden niet meer zelf doen na een heupoperatie.",
        "Door artrose in handen en knieën lukt schoonmaken niet meer.",
        "Partner deed het huishouden en is opgenomen in een verpleeghuis.",
        "Sinds een beroerte lukt zwaar huishoudelijk werk niet meer.",
        "Wordt snel moe door hartfalen; stofzuigen en de badkamer lukken niet meer.",
        "Slechtziend geworden; ziet niet meer waar het vuil is.",
    ),
    BG: (
        "Raakt het overzicht over post en geldzaken kwijt.",
        "Heeft hulp nodig bij het structureren van de dag na een burn-out.",
        "Vereenzaamt en komt de deur nauwelijks nog uit.",
        "Licht verstandelijke beperking; moeite met afspraken en administratie.",
        "Beginnende dementie; vergeet afspraken en rekeningen.",
    ),
    PV: (
        "Heeft hulp nodig bij wassen en aankleden na een val.",
        "Kan door reuma de steunkousen niet meer zelf aantrekken.",
        "Redt het douchen niet meer alleen; partner kan niet meer tillen.",
    ),
    DB: (
        "Beginnende dementie; partner is overbelast en zoekt dagbesteding.",
        "Zoekt een zinvolle daginvulling na het stoppen met werken door ziekte.",
        "Zit de hele dag alleen thuis sinds het overlijden van de partner.",
    ),
}
EIGEN_KRACHT = (
    "Doet lichte taken zelf, zoals afwassen en de planten water geven.",
    "Is gemotiveerd om zoveel mogelijk zelf te blijven doen.",
    "Kan met een rollator korte stukken lopen; boodschappen lukken met de scootmobiel.",
    "Houdt zelf de regie; weet goed wat wel en niet lukt.",
    "Heeft weinig energie; zelf doen lukt alleen op goede dagen.",
)
NETWERK = (
    "Dochter woont in Heerhugowaard en komt wekelijks langs.",
    "Zoon woont in het buitenland; goed contact met de buren.",
    "Geen familie in de buurt; een vriendin komt af en toe koffie drinken.",
    "Kinderen werken allemaal en hebben weinig tijd.",
    "Actief in de kerk; vrijwilligers uit de gemeente komen op bezoek.",
    "Klein netwerk; de kapper en de hulp zijn de vaste contacten.",
)
MANTELZORG = (
    "Partner verleent mantelzorg en geeft aan dat het zwaar wordt.",
    "Dochter doet de boodschappen en de was.",
    "Geen mantelzorger beschikbaar.",
    "Buurvrouw helpt met de vuilnisbak en de post.",
    "Zoon regelt de financiën op afstand.",
)
VOORLIGGEND = (
    "Maaltijdservice en boodschappendienst besproken; lossen de hulpvraag niet op.",
    "Koffieochtend in het buurthuis besproken; cliënt wil dit proberen.",
    "Hulpmiddelen (lange steelstoffer, robotstofzuiger) overwogen; onvoldoende.",
    "Vrijwillige thuisadministratie besproken; de vraag is te complex.",
    "Particuliere schoonmaakhulp is niet op te brengen met dit inkomen.",
)
AFWIJZING = (
    "De hulpvraag kan worden opgelost met een voorliggende voorziening: de boodschappendienst en de "
    "maaltijdservice.",
    "Uw partner kan deze ondersteuning bieden; dit is gebruikelijke hulp.",
    "U heeft een Wlz-indicatie; de Wmo is dan niet van toepassing.",
    "Uit het onderzoek blijkt dat u dit met een hulpmiddel zelf kunt.",
)
ZRM_TOELICHTING = {
    ZRMDomein.FINANCIEN: "Betalingsachterstanden; post blijft liggen.",
    ZRMDomein.TIJDSBESTEDING: "Geen vaste dagbesteding; dagen lopen door elkaar.",
    ZRMDomein.HUISVESTING: "Woning is vervuild geraakt.",
    ZRMDomein.HUISELIJKE_RELATIES: "Spanningen met de partner door de zorgzwaarte.",
    ZRMDomein.GEESTELIJKE_GEZONDHEID: "Somberheid en vergeetachtigheid.",
    ZRMDomein.LICHAMELIJKE_GEZONDHEID: "Chronische pijn; beperkte belastbaarheid.",
    ZRMDomein.BASALE_ADL: "Hulp nodig bij wassen en aankleden.",
    ZRMDomein.INSTRUMENTELE_ADL: "Huishouden lukt niet zelfstandig.",
    ZRMDomein.SOCIAAL_NETWERK: "Weinig contacten; voelt zich eenzaam.",
    ZRMDomein.MAATSCHAPPELIJKE_PARTICIPATIE: "Doet niet meer mee aan activiteiten.",
}
ZRM_LAAG = {
    HOB: (ZRMDomein.INSTRUMENTELE_ADL, ZRMDomein.LICHAMELIJKE_GEZONDHEID),
    BG: (ZRMDomein.FINANCIEN, ZRMDomein.TIJDSBESTEDING, ZRMDomein.SOCIAAL_NETWERK),
    PV: (ZRMDomein.BASALE_ADL, ZRMDomein.LICHAMELIJKE_GEZONDHEID),
    DB: (ZRMDomein.TIJDSBESTEDING, ZRMDomein.MAATSCHAPPELIJKE_PARTICIPATIE, ZRMDomein.GEESTELIJKE_GEZONDHEID),
}

Activiteit = tuple[str, str, str]  # wat, hoe vaak, door
DOELEN: dict[str, tuple[tuple[str, tuple[Activiteit, ...]], ...]] = {
    HOB: (
        (
            "Het huis is schoon en leefbaar: woonkamer, slaapkamer, keuken en sanitair zijn schoon.",
            (
                (
                    "Stofzuigen en vloeren dweilen in woonkamer en slaapkamer",
                    "één keer per week",
                    "aanbieder",
                ),
                ("Keuken, badkamer en toilet schoonmaken", "één keer per week", "aanbieder"),
                ("Afwassen en het aanrecht schoonhouden", "dagelijks", "client"),
                ("Stof afnemen op lage plekken", "één keer per week", "client"),
            ),
        ),
        (
            "Er is schoon beddengoed en schone, draagbare kleding.",
            (
                ("Bed verschonen", "om de week", "aanbieder"),
                ("Was in de machine doen en ophangen", "twee keer per week", "netwerk"),
                ("Kleding opvouwen en opbergen", "twee keer per week", "client"),
            ),
        ),
        (
            "De cliënt houdt zelf overzicht over het huishouden en doet lichte taken zelf.",
            (
                (
                    "Samen een weekplanning maken voor de huishoudelijke taken",
                    "één keer per maand",
                    "aanbieder",
                ),
                ("Planten water geven en de post opruimen", "wekelijks", "client"),
            ),
        ),
        (
            "Er zijn voldoende boodschappen in huis.",
            (
                ("Boodschappenlijst maken", "wekelijks", "client"),
                ("Boodschappen doen", "één keer per week", "vrijwilliger"),
            ),
        ),
    ),
    BG: (
        (
            "De administratie en de geldzaken zijn op orde; rekeningen worden op tijd betaald.",
            (
                ("Post openen en sorteren met de begeleider", "één keer per week", "aanbieder"),
                ("Rekeningen betalen via internetbankieren", "één keer per week", "client"),
                ("Budgetoverzicht bijhouden en bespreken", "één keer per maand", "aanbieder"),
            ),
        ),
        (
            "Er is een vaste dag- en weekstructuur.",
            (
                ("Weekplanning maken en bespreken", "één keer per week", "aanbieder"),
                ("Op vaste tijden opstaan en eten", "dagelijks", "client"),
            ),
        ),
        (
            "Het sociale netwerk is groter: er is contact met buren, familie en de buurt.",
            (
                ("Samen naar de koffieochtend in het buurthuis", "één keer per week", "vrijwilliger"),
                ("Bellen met familie", "twee keer per week", "netwerk"),
            ),
        ),
        (
            "Afspraken met huisarts en instanties worden nagekomen.",
            (
                ("Afspraken in de agenda zetten en voorbereiden", "één keer per week", "aanbieder"),
                ("Herinnering op de telefoon zetten", "per afspraak", "client"),
            ),
        ),
    ),
    PV: (
        (
            "De cliënt is dagelijks gewassen en aangekleed.",
            (
                ("Hulp bij douchen", "drie keer per week", "aanbieder"),
                ("Zelf tanden poetsen en haren kammen", "dagelijks", "client"),
            ),
        ),
        (
            "De steunkousen worden dagelijks aan- en uitgetrokken.",
            (("Steunkousen aantrekken en uittrekken", "dagelijks", "aanbieder"),),
        ),
    ),
    DB: (
        (
            "De cliënt heeft een zinvolle daginvulling met vaste dagdelen.",
            (
                (
                    "Meedoen aan de activiteiten van de dagbesteding",
                    "volgens de beschikte dagdelen",
                    "aanbieder",
                ),
                ("Samen lunchen met de groep", "per dagdeel", "aanbieder"),
            ),
        ),
        (
            "De mantelzorger wordt ontlast.",
            (("Partner heeft op dagbestedingsdagen tijd voor zichzelf", "per dagdeel", "netwerk"),),
        ),
        (
            "De cliënt blijft in beweging.",
            (("Wandelen of stoelgym", "twee keer per week", "aanbieder"),),
        ),
    ),
}
PLUS: dict[str, tuple[str, ...]] = {
    PlusSoort.PREVENTIE: (
        "Valpreventie: losse kleedjes en snoeren zijn weggehaald; advies over verlichting op de trap.",
        "Rookmelders gecontroleerd en een extra melder op de overloop geplaatst.",
        "Advies over voldoende drinken in warme periodes.",
    ),
    PlusSoort.SIGNALERING: (
        "De hulp let op eenzaamheid, vergeetachtigheid en een lege koelkast en meldt dit bij de consulent.",
        "Bij zichtbare achteruitgang neemt de aanbieder binnen een week contact op met de mantelzorger.",
    ),
    PlusSoort.COACHING: (
        "De cliënt doet de lichte taken zelf; de hulp moedigt aan en neemt niet over.",
        "Samen oefenen met het online bestellen van boodschappen.",
    ),
    PlusSoort.VERBINDING: ("Aangemeld bij {v}.", "Kennismaking geregeld met {v}."),
}
SIGNAAL_TEKST = {
    SignaalSoort.EENZAAMHEID: (
        "Cliënt vertelt dat zij de hele week niemand spreekt behalve de hulp.",
        "Cliënt komt sinds het overlijden van de partner de deur niet meer uit.",
    ),
    SignaalSoort.BOODSCHAPPEN: ("De koelkast is bijna leeg; boodschappen doen lukt niet meer zelfstandig.",),
    SignaalSoort.GELDZORGEN: (
        "Er liggen ongeopende aanmaningen op tafel.",
        "Cliënt zegt de eigen bijdrage niet te kunnen betalen.",
    ),
    SignaalSoort.MANTELZORG: (
        "De dochter die de was en de boodschappen doet, geeft aan het niet meer vol te houden.",
        "De partner is uitgeput en slaapt slecht door de nachtelijke onrust.",
    ),
    SignaalSoort.ACHTERUITGANG: (
        "Cliënt is de laatste weken vergeetachtiger en valt vaker.",
        "Cliënt eet slecht en is zichtbaar afgevallen.",
    ),
    SignaalSoort.ONVEILIG: ("Losliggende vloerbedekking op de trap en een defecte rookmelder.",),
    SignaalSoort.ANDERS: ("De hond wordt niet meer uitgelaten; cliënt vraagt om een vrijwilliger.",),
}
TERUGKOPPELING = (
    "De consulent neemt contact op met de cliënt.",
    "Cliënt is doorverwezen; u hoeft niets te doen.",
    "Opgepakt met het sociaal wijkteam.",
)
TIJDELIJKE_STOP_OORZAAK = (
    "Ziekenhuisopname",
    "Revalidatie in een verpleeghuis",
    "Logeeropvang",
    "Verblijf bij familie",
)
OPVOLGING = (
    "Consulent heeft gebeld en een huisbezoek gepland.",
    "Doorverwezen naar de ouderenadviseur.",
    "Aangemeld bij de vrijwillige thuisadministratie.",
    "Steunpunt mantelzorg ingeschakeld; respijtzorg besproken.",
    "Besproken met de huisarts; praktijkondersteuner gaat langs.",
)
EVALUATIE_TEKST = {
    ResultaatBehaald.JA: (
        "Het resultaat is bereikt; cliënt is tevreden over de vaste hulp.",
        "Doelen gehaald; de cliënt doet weer meer zelf.",
    ),
    ResultaatBehaald.DEELS: (
        "Grotendeels bereikt; de was blijft lastig, afspraak met de dochter gemaakt.",
        "Structuur is beter, de administratie nog niet helemaal op orde.",
    ),
    ResultaatBehaald.NEE: (
        "Niet bereikt door wisselende hulpen; de aanbieder zorgt voor een vaste hulp.",
        "Cliënt is achteruitgegaan; herindicatie aangevraagd.",
    ),
}
