"""The demo region "Regio Alkmaar (demo)", one module per domain.

- :mod:`~resultaat.demo.generator`: the entry point :func:`genereer_demo` (what ``manage.py generate_demo``
  calls) and the order of the work.
- :mod:`~resultaat.demo.basis`: constants, errors, the stages (:class:`Fase`) and the generated identifiers.
- :mod:`~resultaat.demo.regio_gegevens` and :mod:`~resultaat.demo.teksten`: the fixed region and the texts.
- :mod:`~resultaat.demo.kern`: the generator's shared state and helpers.
- Per domain: :mod:`~resultaat.demo.catalogus` (products, tariffs, contracts),
  :mod:`~resultaat.demo.organisaties` (gemeenten, providers, sociale kaart, users),
  :mod:`~resultaat.demo.clienten`, :mod:`~resultaat.demo.toegang` (melding to beschikking),
  :mod:`~resultaat.demo.toewijzingen` (toewijzingen and leveringen),
  :mod:`~resultaat.demo.ondersteuning` (plans, evaluaties, signalen), :mod:`~resultaat.demo.iwmo`
  (portal actions and requests), :mod:`~resultaat.demo.bekostiging` (settlement runs).
- :mod:`~resultaat.demo.batch` and :mod:`~resultaat.demo.opslag`: a chunk in memory and how it is written.
"""
