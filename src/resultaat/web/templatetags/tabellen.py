"""The NL Design System table frame, written once: container, table, caption, column heads and body.

    {% load tabellen %}
    {% tabel "Kenmerk" "Aanbieder" "Producten" numeriek="Producten" %}
      {{ paginator.count }} contract{{ paginator.count|pluralize:"en" }}
    {% rijen %}
      {% for c in contracten %}<tr class="utrecht-table__row">…</tr>{% endfor %}
    {% endtabel %}

What stands before `{% rijen %}` is the caption, what follows it the rows. The arguments are the
column heads; `numeriek` names the heads (comma-separated) of columns with numbers, `klasse` adds a
class to the table. The markup itself is web/includes/tabel.html.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import mark_safe

register = template.Library()


class TabelNode(template.Node):
    def __init__(
        self,
        koppen: list[FilterExpression],
        opties: dict[str, FilterExpression],
        bijschrift: NodeList,
        rijen: NodeList,
    ) -> None:
        self.koppen = koppen
        self.opties = opties
        self.bijschrift = bijschrift
        self.rijen = rijen

    def render(self, context: Context) -> str:
        opties: dict[str, Any] = {naam: waarde.resolve(context) for naam, waarde in self.opties.items()}
        numeriek = {kop.strip() for kop in str(opties.get("numeriek") or "").split(",") if kop.strip()}
        koppen = [str(kop.resolve(context)) for kop in self.koppen]
        if context.template is None:  # pragma: no cover - a tag renders inside a template
            raise template.TemplateSyntaxError("{% tabel %} renders only inside a template")
        frame = context.template.engine.get_template("web/includes/tabel.html")
        with context.push(
            tabel_klasse=opties.get("klasse") or "",
            tabel_bijschrift=mark_safe(self.bijschrift.render(context).strip()),  # noqa: S308 - rendered, so escaped
            tabel_koppen=[(kop, kop in numeriek) for kop in koppen],
            tabel_rijen=mark_safe(self.rijen.render(context)),  # noqa: S308 - rendered, so escaped
        ):
            return frame.render(context)


@register.tag
def tabel(parser: Parser, token: Token) -> TabelNode:
    delen = token.split_contents()[1:]
    koppen: list[FilterExpression] = []
    opties: dict[str, FilterExpression] = {}
    for deel in delen:
        naam, is_, waarde = deel.partition("=")
        if is_ and naam in ("numeriek", "klasse"):
            opties[naam] = parser.compile_filter(waarde)
        else:
            koppen.append(parser.compile_filter(deel))
    if not koppen:
        raise template.TemplateSyntaxError("{% tabel %} wants at least one column head")
    bijschrift = parser.parse(("rijen",))
    parser.delete_first_token()
    rijen = parser.parse(("endtabel",))
    parser.delete_first_token()
    return TabelNode(koppen, opties, bijschrift, rijen)


@register.simple_tag(takes_context=True)
def pagina_adres(context: Context, parameter: str, nummer: int, anker: str = "") -> str:
    """The address of another page of a list: this page's query with ``parameter`` set to ``nummer``
    (every other parameter kept, so a page with two lists keeps the other list's page), then ``#anker``."""
    query = context["request"].GET.copy()
    query[parameter or "page"] = str(nummer)
    return f"?{query.urlencode()}" + (f"#{anker}" if anker else "")
