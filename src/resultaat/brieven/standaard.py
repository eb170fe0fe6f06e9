# ruff: noqa: E501  (the letter texts are HTML paragraphs, one per line)
"""The default letter texts, loaded by data migration 0002; the beheerder edits them in the admin.

Plain B1 Dutch. The letterhead, address block, date and kenmerk are added around the text by
``brieven/brief.html``; these texts are the body of the letter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django.apps.registry import Apps

GELDIG_VAN: Final = dt.date(2015, 1, 1)

TOEKENNING: Final = """<p>{{ aanhef }},</p>
<p>Op {{ aanvraag_datum }} vroeg u ondersteuning aan. Wij hebben uw aanvraag bekeken. In deze brief leest u ons besluit.</p>

{% if beschikking.deels %}<h2>Ons besluit: u krijgt een deel van de ondersteuning</h2>{% elif wijzigingen %}<h2>Ons besluit: uw ondersteuning verandert</h2>{% else %}<h2>Ons besluit: u krijgt ondersteuning</h2>{% endif %}
<p>U krijgt ondersteuning {{ beschikking.periode }}. Het gaat om:</p>
{% for r in resultaten %}
<h3>{{ r.naam }}</h3>
<table class="feiten">
<tr><th>Wat u krijgt</th><td>{{ r.product }}{% if r.niveau %} ({{ r.niveau }}){% endif %}</td></tr>
<tr><th>Hoeveel hulp</th><td><strong>{{ r.omvang }}</strong>{% if r.frequentie %}, {{ r.frequentie }}{% endif %}</td></tr>
<tr><th>Aanbieder</th><td>{{ r.aanbieder }}</td></tr>
<tr><th>Periode</th><td>{{ r.periode }}</td></tr>
</table>
{% if r.berekening %}
<p>Zo hebben wij de tijd berekend:</p>
<table class="berekening">
{% for regel in r.berekening %}<tr><td>{{ regel.naam }}{% if regel.aantal > 1 %} ({{ regel.aantal }} keer){% endif %}{% if regel.herkomst %} <span class="herkomst">({{ regel.herkomst }})</span>{% endif %}</td><td class="getal">{{ regel.minuten_tekst }}</td></tr>
{% endfor %}<tr class="totaal"><td>Totaal per week</td><td class="getal">{{ r.minuten_per_week }} minuten</td></tr>
</table>
<p>Bij elke tijd staat waar hij vandaan komt. "Uit onderzoek": onafhankelijk onderzoek heeft gemeten hoeveel tijd dit werk kost. "Keuze van de gemeente": deze tijd heeft de gemeente zelf vastgesteld. Vindt u dat een tijd niet klopt voor uw situatie? Dat kunt u in uw bezwaar schrijven.</p>
{% if r.band %}<p>Dat valt in de band {{ r.band }}.</p>{% endif %}
{% endif %}
{% endfor %}

{% if beschikking.niet_toegekend %}<h2>Wat u niet krijgt</h2>
<p>{{ beschikking.niet_toegekend|linebreaksbr }}</p>{% endif %}

{% if wijzigingen %}<h2>Wat verandert er aan uw eerdere besluit?</h2>
{% for w in wijzigingen %}<p>Met ons besluit van {{ w.besluitdatum }} (kenmerk {{ w.kenmerk }}) kreeg u voor {{ w.naam }}{% if w.oud %} {{ w.oud }}{% endif %}. Dat besluit wijzigen wij: het geldt tot en met {{ w.tot_en_met }}.{% if w.nieuw %} Vanaf {{ w.vanaf }} krijgt u {{ w.nieuw }}, zoals hierboven staat.{% endif %} Uw aanbieder hoort dit van ons.</p>
{% endfor %}{% endif %}

<h2>Wat kunt u verwachten?</h2>
<p>De aanbieder neemt binnen twee weken contact met u op. Samen maakt u een ondersteuningsplan. Daarin staat wat de aanbieder doet, hoe vaak en wanneer. De aanbieder mag de tijd flexibel inzetten, maar u kunt altijd rekenen op de hulp per week die in deze brief staat.</p>
{% if beschikking.ondersteuningsplan_onderdeel %}{% if bijlagen %}<p>Het ondersteuningsplan hoort bij dit besluit. U vindt het achter deze brief: {% for b in bijlagen %}{{ b }}{% if not forloop.last %}; {% endif %}{% endfor %}.</p>{% else %}<p>Het ondersteuningsplan dat u met de aanbieder maakt, hoort bij dit besluit. Zodra u en de aanbieder het plan hebben afgesproken, sturen wij het u toe.</p>{% endif %}{% endif %}
<p>Wilt u een andere aanbieder? Dat mag. Bel ons, dan regelen wij de overstap.</p>

{% if eigen_bijdrage %}<h2>Eigen bijdrage</h2>
<p>{{ eigen_bijdrage }}</p>{% endif %}

<h2>Waarom dit besluit?</h2>
<p>{{ beschikking.motivering|linebreaksbr }}</p>

<h2>Bent u het niet eens met dit besluit?</h2>
<p>Dan kunt u bezwaar maken. Doe dat binnen zes weken na de datum van deze brief, dus uiterlijk op {{ bezwaar.uiterlijk }}. Stuur uw bezwaar naar:</p>
<p class="adres">{{ bezwaar.adres|linebreaksbr }}</p>
<p>Schrijf in uw bezwaar: uw naam en adres, de datum, het kenmerk {{ kenmerk }}, waarom u het niet eens bent met dit besluit, en zet uw handtekening. Bent u het niet eens met het bedrag van de eigen bijdrage? Dan maakt u bezwaar bij het CAK.</p>

<h2>Vragen?</h2>
<p>Bel ons op {{ gemeente.telefoon }} of mail naar {{ gemeente.email }}. Noem dan het kenmerk van deze brief.</p>

<div class="ondertekening"><p>Met vriendelijke groet,</p>
<p>{{ ondertekening }},<br>namens deze,<br><br>{{ consulent }}<br>Wmo-consulent</p></div>
"""

AFWIJZING: Final = """<p>{{ aanhef }},</p>
<p>Op {{ aanvraag_datum }} vroeg u ondersteuning aan{% if gevraagd %} bij: {{ gevraagd }}{% endif %}. Wij hebben uw aanvraag bekeken. In deze brief leest u ons besluit.</p>

<h2>Ons besluit: u krijgt deze ondersteuning niet</h2>
<p>Wij wijzen uw aanvraag af. U krijgt van ons geen hulp{% if gevraagd %} bij {{ gevraagd }}{% endif %}.</p>

<h2>Waarom niet?</h2>
<p>{{ beschikking.motivering|linebreaksbr }}</p>
<p>Wij kijken wat u zelf kunt, wat mensen om u heen kunnen doen en of er hulp in de buurt is die u zonder besluit kunt krijgen. Alleen als dat niet genoeg is, krijgt u hulp van de gemeente. Zo staat het in de wet: artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015.</p>

<h2>Bent u het niet eens met dit besluit?</h2>
<p>Dan kunt u bezwaar maken. Doe dat binnen zes weken na de datum van deze brief, dus uiterlijk op {{ bezwaar.uiterlijk }}. Stuur uw bezwaar naar:</p>
<p class="adres">{{ bezwaar.adres|linebreaksbr }}</p>
<p>Schrijf in uw bezwaar: uw naam en adres, de datum, het kenmerk {{ kenmerk }}, waarom u het niet eens bent met dit besluit, en zet uw handtekening.</p>

<h2>Vragen?</h2>
<p>Bel ons op {{ gemeente.telefoon }} of mail naar {{ gemeente.email }}. Noem dan het kenmerk van deze brief.</p>

<div class="ondertekening"><p>Met vriendelijke groet,</p>
<p>{{ ondertekening }},<br>namens deze,<br><br>{{ consulent }}<br>Wmo-consulent</p></div>
"""

INTREKKING: Final = """<p>{{ aanhef }},</p>
<p>U krijgt ondersteuning van de gemeente {{ gemeente.naam }}. Wij hebben opnieuw bekeken welke hulp u nodig heeft. In deze brief leest u ons besluit.</p>

<h2>Ons besluit: uw ondersteuning stopt</h2>
{% for w in wijzigingen %}<p>Met ons besluit van {{ w.besluitdatum }} (kenmerk {{ w.kenmerk }}) kreeg u voor {{ w.naam }}{% if w.oud %} {{ w.oud }}{% endif %}. Dat besluit trekken wij in. U krijgt deze hulp tot en met {{ w.tot_en_met }}. Uw aanbieder hoort dit van ons.</p>
{% endfor %}

<h2>Waarom?</h2>
<p>{{ beschikking.motivering|linebreaksbr }}</p>
<p>De gemeente mag een besluit over ondersteuning intrekken of veranderen als u de hulp niet meer nodig heeft of als uw situatie anders is geworden. Zo staat het in de wet: artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015.</p>

<h2>Bent u het niet eens met dit besluit?</h2>
<p>Dan kunt u bezwaar maken. Doe dat binnen zes weken na de datum van deze brief, dus uiterlijk op {{ bezwaar.uiterlijk }}. Stuur uw bezwaar naar:</p>
<p class="adres">{{ bezwaar.adres|linebreaksbr }}</p>
<p>Schrijf in uw bezwaar: uw naam en adres, de datum, het kenmerk {{ kenmerk }}, waarom u het niet eens bent met dit besluit, en zet uw handtekening.</p>

<h2>Vragen?</h2>
<p>Bel ons op {{ gemeente.telefoon }} of mail naar {{ gemeente.email }}. Noem dan het kenmerk van deze brief.</p>

<div class="ondertekening"><p>Met vriendelijke groet,</p>
<p>{{ ondertekening }},<br>namens deze,<br><br>{{ consulent }}<br>Wmo-consulent</p></div>
"""

INFORMATIE: Final = """<p>{{ aanhef }},</p>
<p>U krijgt nu hulp bij het huishouden van de gemeente {{ gemeente.naam }}. Vanaf {{ per_datum }} werken wij op een nieuwe manier: ondersteuning op resultaat. In deze brief leggen wij uit wat dat voor u betekent. Veel mensen hebben ons dezelfde vragen gesteld. Hieronder leest u de antwoorden.</p>

<h2>Wat verandert er?</h2>
<p>Wij spreken met u en de aanbieder af welk resultaat u nodig heeft. Bijvoorbeeld: een schoon en leefbaar huis. De aanbieder bepaalt samen met u hoe dat resultaat wordt bereikt. Dat schrijft de aanbieder op in een ondersteuningsplan.</p>

<h2>Houd ik mijn vaste hulp?</h2>
<p>Ja, als uw aanbieder ook in de nieuwe situatie voor ons werkt. Uw aanbieder doet zijn best om u dezelfde hulp te laten houden. Wilt u een andere aanbieder? Dat mag altijd. Bel ons, dan regelen wij dat.</p>

<h2>Houd ik mijn uren?</h2>
{% for h in huidig %}<p>Nu krijgt u {{ h.product }} van {{ h.aanbieder }}{% if h.oud %}: {{ h.oud }}{% endif %}.{% if h.nieuw %} Vanaf {{ h.nieuw_vanaf }} krijgt u {{ h.nieuw }}. Dat staat in uw nieuwe besluit.{% else %} Hoeveel hulp u na {{ per_datum }} krijgt, leest u in uw nieuwe besluit. Daarin staat hoeveel minuten hulp per week u krijgt.{% endif %}</p>
{% endfor %}<p>Tot u uw nieuwe besluit heeft, houdt u de hulp die u nu krijgt. Dat geldt in elk geval tot en met {{ overgang_tot }}. De aanbieder mag de tijd flexibel inzetten: de ene week wat meer, de andere week wat minder. Verandert er iets in uw situatie? Dan kijken wij opnieuw met u wat nodig is.</p>

<h2>Blijft de kwaliteit goed?</h2>
<p>Ja. Wij vragen regelmatig of het resultaat bereikt is en of u tevreden bent. Wij spreken aanbieders daarop aan. Bent u niet tevreden? Zeg het tegen uw aanbieder of bel ons.</p>

<h2>Verandert mijn eigen bijdrage?</h2>
<p>Nee, daar verandert niets door. {{ eigen_bijdrage }}</p>

<h2>Moet ik iets doen?</h2>
<p>Nee. U krijgt van ons een nieuw besluit. Uw aanbieder neemt contact met u op om het ondersteuningsplan te maken.</p>

<h2>Vragen?</h2>
<p>Bel ons op {{ gemeente.telefoon }} of mail naar {{ gemeente.email }}.</p>

<p>Met vriendelijke groet,</p>
<p class="ondertekening">{{ ondertekening }}</p>
"""

VERDAGING: Final = """<p>{{ aanhef }},</p>
<p>Op {{ aanvraag_datum }} vroeg u ondersteuning aan{% if gevraagd %} bij: {{ gevraagd }}{% endif %}. Wij moeten binnen twee weken een besluit nemen. Dat lukt ons niet. In deze brief leest u waarom, en wanneer u ons besluit krijgt.</p>

<h2>Wanneer krijgt u ons besluit?</h2>
<p>U krijgt ons besluit uiterlijk op <strong>{{ verdaging.nieuw_uiterlijk }}</strong>. Eerst was dat {{ verdaging.oud_uiterlijk }}.</p>

<h2>Waarom duurt het langer?</h2>
<p>{{ verdaging.reden|linebreaksbr }}</p>
<p>De wet zegt dat wij u dit moeten laten weten vóór de termijn voorbij is, en dat wij een nieuwe datum moeten noemen die zo vroeg mogelijk is. Zo staat het in artikel 4:14 van de Algemene wet bestuursrecht.</p>

<h2>Wat gebeurt er nu?</h2>
<p>Wij werken verder aan uw aanvraag. Hebben wij nog iets van u nodig? Dan nemen wij contact met u op. U hoeft nu niets te doen.</p>

<h2>Heeft u op {{ verdaging.nieuw_uiterlijk }} nog geen besluit?</h2>
<p>Dan mag u ons een brief sturen. Schrijf daarin dat u wilt dat wij alsnog beslissen. Dat heet een ingebrekestelling. Hebben wij twee weken nadat wij uw brief kregen nog steeds niet beslist? Dan krijgt u van ons geld voor elke dag dat het besluit later komt. Dat heet een dwangsom. Zo staat het in artikel 4:17 van de Algemene wet bestuursrecht.</p>
<p>Deze brief is zelf geen besluit. U kunt er daarom geen bezwaar tegen maken.</p>

<h2>Vragen?</h2>
<p>Bel ons op {{ gemeente.telefoon }} of mail naar {{ gemeente.email }}. Noem dan het kenmerk {{ kenmerk }}.</p>

<div class="ondertekening"><p>Met vriendelijke groet,</p>
<p>{{ ondertekening }},<br>namens deze,<br><br>{{ consulent }}<br>Wmo-consulent</p></div>
"""

PLAN: Final = """<p>{{ aanhef }},</p>
<p>Op {{ beschikking.besluitdatum }} kreeg u van ons een besluit over uw ondersteuning (kenmerk {{ beschikking.kenmerk }}). In dat besluit staat dat het ondersteuningsplan erbij hoort. U heeft het plan nu samen met uw aanbieder gemaakt en ermee ingestemd. Bij deze brief krijgt u het plan.</p>

<h2>Wat zit er bij deze brief?</h2>
<ul>{% for b in bijlagen %}<li>{{ b }}</li>{% endfor %}</ul>
<p>Het plan hoort bij ons besluit. Daarin staat wat de aanbieder doet, hoe vaak en wanneer. U kunt altijd rekenen op de hulp per week die in ons besluit staat.</p>

<h2>Wat moet u doen?</h2>
<p>U hoeft niets te doen. Bewaar het plan bij ons besluit. Klopt er iets niet in het plan? Bespreek het met uw aanbieder of bel ons.</p>

<h2>Vragen?</h2>
<p>Bel ons op {{ gemeente.telefoon }} of mail naar {{ gemeente.email }}. Noem dan het kenmerk {{ kenmerk }}.</p>

<div class="ondertekening"><p>Met vriendelijke groet,</p>
<p>{{ ondertekening }},<br>namens deze,<br><br>{{ consulent }}<br>Wmo-consulent</p></div>
"""

# The decision that converts an hours-based indication to support by result: the toekenning's text with
# its own opening and a section "Wat verandert er voor u" (old hours, new result and band, the transition,
# the eigen bijdrage and the bezwaar clause), filled by conversie.brief.
WAT_VERANDERT: Final = """<h2>Wat verandert er voor u?</h2>
<p>Nu krijgt u:</p>
<ul>
{% for o in omzetting.oud %}<li>{{ o.product }}: {{ o.uren }} van {{ o.aanbieder }} (ons besluit van {{ o.besluitdatum }})</li>
{% endfor %}</ul>
{% if omzetting.samengevoegd %}<p>Deze besluiten gaan over hetzelfde resultaat. Daarom krijgt u nu één nieuw besluit in plaats van {{ omzetting.aantal_oud }}. {{ omzetting.samenvoegregel }}</p>{% endif %}
<p>Vanaf {{ omzetting.vanaf }} krijgt u:</p>
<table class="feiten">
<tr><th>Resultaat</th><td>{{ omzetting.resultaat }}</td></tr>
<tr><th>Wat u krijgt</th><td>{{ omzetting.product }}</td></tr>
<tr><th>Hoeveel hulp</th><td><strong>{{ omzetting.per_week }}</strong></td></tr>
<tr><th>Aanbieder</th><td>{{ omzetting.aanbieder }}</td></tr>
</table>
<p>{{ omzetting.verwachting }}</p>
<p>{% if omzetting.overgang_weken %}U krijgt een overgangsperiode van {{ omzetting.overgang_weken }} weken. {% endif %}Tot en met {{ omzetting.tot_en_met }} houdt u de hulp die u nu krijgt. Vanaf {{ omzetting.vanaf }} geldt het nieuwe besluit.</p>
<p>{{ omzetting.eigen_bijdrage }}</p>
<p>Bent u het niet eens met deze verandering? Dan kunt u bezwaar maken, uiterlijk op {{ bezwaar.uiterlijk }}. Hoe dat gaat, leest u hieronder bij "Bent u het niet eens met dit besluit?".</p>
"""

OMZETTING: Final = TOEKENNING.replace(
    "<p>Op {{ aanvraag_datum }} vroeg u ondersteuning aan. Wij hebben uw aanvraag bekeken. In deze brief leest u ons besluit.</p>",
    "<p>U krijgt ondersteuning van de gemeente {{ gemeente.naam }}. Vanaf {{ omzetting.vanaf }} werken wij op een nieuwe manier: ondersteuning op resultaat. Daarom krijgt u een nieuw besluit. In deze brief leest u wat er voor u verandert.</p>\n\n"
    + WAT_VERANDERT,
).replace(
    "{% if beschikking.deels %}<h2>Ons besluit: u krijgt een deel van de ondersteuning</h2>{% elif wijzigingen %}<h2>Ons besluit: uw ondersteuning verandert</h2>{% else %}<h2>Ons besluit: u krijgt ondersteuning</h2>{% endif %}",
    "<h2>Ons besluit: uw ondersteuning verandert</h2>",
)

ENQUETE: Final = """<p>Beste inwoner,</p>
<p>U krijgt ondersteuning van {{ aanbieder }}. De gemeente wil graag weten wat u daarvan vindt. Zo kunnen wij de ondersteuning beter maken.</p>
<p>Wilt u vijf korte vragen beantwoorden? Dat duurt ongeveer drie minuten. U heeft geen account nodig.</p>
<h2>Zo doet u mee</h2>
{{ meedoen }}
<p>De code werkt één keer, tot en met {{ tot }}. Uw naam staat niet in de vragenlijst. De aanbieder ziet uw antwoorden zonder uw naam.</p>
<p>Liever telefonisch? Bel ons op {{ gemeente.telefoon }}, dan stellen wij de vragen.</p>
<p>Met vriendelijke groet,</p>
<p>Het Wmo-team van gemeente {{ gemeente.naam }}</p>
"""

SJABLONEN: Final = (
    ("toekenning", "Besluit over uw aanvraag voor ondersteuning", TOEKENNING),
    ("afwijzing", "Besluit over uw aanvraag voor ondersteuning", AFWIJZING),
    ("intrekking", "Besluit over uw ondersteuning: intrekking", INTREKKING),
    ("informatie", "Uw hulp bij het huishouden: wat verandert er?", INFORMATIE),
    ("verdaging", "Uw aanvraag: ons besluit komt later", VERDAGING),
    ("plan", "Uw ondersteuningsplan bij ons besluit", PLAN),
    ("omzetting", "Besluit over uw ondersteuning: ondersteuning op resultaat", OMZETTING),
    ("enquete", "Wat vindt u van uw ondersteuning?", ENQUETE),
)


def laad_sjablonen(apps: Apps) -> None:
    model: Any = apps.get_model("brieven", "Briefsjabloon")
    for soort, onderwerp, tekst in SJABLONEN:
        model.objects.update_or_create(
            soort=soort,
            gemeente=None,
            geldig_van=GELDIG_VAN,
            defaults={"onderwerp": onderwerp, "tekst": tekst},
        )
