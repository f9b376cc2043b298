"""The paper forms: every feature module that ``app.features`` lists under ``forms`` defines
``FORM`` (a :class:`~app.forms.spec.FormSpec`). ``EXTRA_PROVIDERS`` adds modules at run time
(tests, a site's own provider)."""

from __future__ import annotations

import importlib
import logging
import re

from app.config import BUNDLED_TEMPLATES
from app.domain.errors import NotFound
from app.forms.spec import FormSpec

log = logging.getLogger(__name__)

_FORMS: dict[str, FormSpec] | None = None
#: The provider module of every discovered form.
_MODULE: dict[str, str] = {}
#: Forms looked up one by one (``get``) before the full list was built.
_ONE: dict[str, FormSpec] = {}
#: Names `frontdesk print` uses itself.
RESERVED = {"log"}
#: Provider modules that failed to import: module name -> reason (shown in settings).
BROKEN: dict[str, str] = {}


#: Further provider modules by name (imported like the features' own).
EXTRA_PROVIDERS: list[str] = []


def _provider_names() -> list[str]:
    from app.features import FEATURES

    return [f"app.{f.key}.{name}" for f in FEATURES for name in f.forms] + list(EXTRA_PROVIDERS)


def _discover() -> dict[str, FormSpec]:
    found: dict[str, FormSpec] = {}
    for name in _provider_names():
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # one broken form must not take the others down
            log.exception("cannot load form provider %s", name)
            BROKEN[name] = f"{type(exc).__name__}: {exc}"
            continue
        spec = getattr(module, "FORM", None)
        if spec is None:
            continue
        if not isinstance(spec, FormSpec):
            BROKEN[name] = "FORM is not a FormSpec"
            continue
        if spec.key in RESERVED:
            BROKEN[name] = f"form key {spec.key!r} is reserved"
            log.error("form key %s is reserved (%s)", spec.key, name)
            continue
        if spec.key in found:
            BROKEN[name] = f"duplicate form key {spec.key!r}"
            log.error("form key %s declared twice (%s)", spec.key, name)
            continue
        found[spec.key] = spec
        _MODULE[spec.key] = name
    return found


def forms() -> list[FormSpec]:
    """All forms, sorted by ``order`` then code."""
    global _FORMS
    if _FORMS is None:
        _FORMS = _discover()
    return sorted(_FORMS.values(), key=lambda f: (f.order, f.code, f.key))


def _likeness(key: str, module: str) -> int:
    """How many words of a form key its module's name holds (``contact-log`` and
    ``app.reception.print_contact_log``: 2; ``follow-ups`` and ``print_followups``: 2): the
    order in which ``get`` tries modules."""
    name = module.replace("_", ".")
    return sum(1 for w in key.split("-") if w in name)


def get(key: str) -> FormSpec:
    """One form by key, importing as few feature modules as it can: before the full list has
    been built, the provider modules whose names look most like the key are tried first (each
    checked against the key), the full discovery only when none of them is the form. So
    ``frontdesk print <form>`` loads that form's feature only."""
    if _FORMS is None:
        if key in _ONE:
            return _ONE[key]
        for name in sorted(_provider_names(), key=lambda n: -_likeness(key, n)):
            if not _likeness(key, name):
                break
            try:
                spec = getattr(importlib.import_module(name), "FORM", None)
            except Exception:  # the full discovery below reports it
                break
            if isinstance(spec, FormSpec) and spec.key == key and key not in RESERVED:
                _ONE[key] = spec
                return spec
    for spec in forms():
        if spec.key == key:
            return spec
    known = "、".join(f.key for f in forms())
    raise NotFound(f"没有名为“{key}”的表单（可用：{known}）")


def feature_forms(feature: str) -> list[FormSpec]:
    """The forms a feature's package provides (``app.<feature>.print_*``)."""
    prefix = f"app.{feature}."
    return [spec for spec in forms() if _MODULE.get(spec.key, "").startswith(prefix)]


def orphan_templates() -> list[str]:
    """Bundled template files that no provider uses (a hint for developers)."""
    used = {f.template_file for f in forms()}
    return sorted(p.name for p in BUNDLED_TEMPLATES.glob("*.toml") if p.name not in used)


def reset() -> None:
    """Forget the discovered forms (tests that add a provider at run time)."""
    global _FORMS
    _FORMS = None
    _ONE.clear()
    _MODULE.clear()
    BROKEN.clear()
