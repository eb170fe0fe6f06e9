"""Shared set-up for the bekostiging tests: a gemeente, two contracted providers, TO001 at EUR 216.00."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from resultaat.accounts.models import Rol
from resultaat.bekostiging.models import Betaalbeleid
from resultaat.catalogus.models import Product
from resultaat.catalogus.seed import PRODUCT_THUISONDERSTEUNING
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen import services as tw
from tests import factories as f

D = dt.date
JAN1 = D(2017, 1, 1)


@dataclass
class Wereld:
    gemeente: Gemeente
    noord: Aanbieder
    zuid: Aanbieder
    product: Product
    fenna: Any  # financieel, makes runs
    frank: Any  # financieel, approves
    beleid_noord: Betaalbeleid
    beleid_zuid: Betaalbeleid

    def toewijzing(
        self,
        start: dt.date | None,
        *,
        ingang: dt.date = JAN1,
        aanbieder: Any = None,
        einddatum: dt.date | None = None,
        client: Any = None,
    ) -> Any:
        client = client or f.ClientFactory(gemeente=self.gemeente)
        t = tw.maak_toewijzing(
            door=self.fenna,
            client=client,
            aanbieder=aanbieder or self.noord,
            product=self.product,
            ingangsdatum=ingang,
            einddatum=einddatum,
        )
        if start is not None:
            tw.meld_start(door=self.fenna, toewijzing=t, begindatum=start)
        return t


def maak_wereld(**beleid: Any) -> Wereld:
    gemeente = f.GemeenteFactory(code="0361", naam="Alkmaar")
    noord = f.AanbiederFactory(agb_code="98000001", naam="Thuiszorg Noord")
    zuid = f.AanbiederFactory(agb_code="98000002", naam="Zorg Zuid")
    categorie, code = PRODUCT_THUISONDERSTEUNING
    product = Product.objects.get(categorie=categorie, code=code)
    beleiden = []
    for aanbieder in (noord, zuid):
        contract = f.ContractFactory(aanbieder=aanbieder, gemeenten=[gemeente], geldig_van=D(2016, 1, 1))
        f.ContractProductFactory(contract=contract, product=product, geldig_van=D(2016, 1, 1))
        beleiden.append(Betaalbeleid.objects.create(contract=contract, **beleid))
    fenna = f.UserFactory(username="fenna", rol=Rol.FINANCIEEL, gemeenten=[gemeente])
    frank = f.UserFactory(username="frank", rol=Rol.FINANCIEEL, gemeenten=[gemeente])
    return Wereld(gemeente, noord, zuid, product, fenna, frank, beleiden[0], beleiden[1])
