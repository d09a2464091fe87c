"""The Indonesian words the site shows for the data's keys.

They live with the data because maintainers write them too: `status: berjalan` is
answered with "`berjalan` is the label of `ongoing`; write `ongoing`".
"""

from __future__ import annotations

from collections.abc import Mapping

from macros.data.language.catalog import Catalog

_SAY = Catalog(
    "plan.labels",
    {
        "label": (
            "`{value}` adalah label dari `{key}`; tulis `{key}`",
            "`{value}` is the label of `{key}`; write `{key}`",
        )
    },
)

STATUS_LABELS = {
    "planned": "Direncanakan",
    "ongoing": "Berjalan",
    "completed": "Selesai",
    "delayed": "Terlambat",
    "stopped": "Dihentikan",
}

HORIZON_LABELS = {
    "quick-win": "Quick win",
    "short": "Jangka pendek",
    "medium": "Jangka menengah",
    "long": "Jangka panjang",
}

SOURCE_LABELS = {
    "APBD": "APBD",
    "APBD-Provinsi": "APBD Provinsi",
    "APBN": "APBN",
    "KPBU": "KPBU",
    "CSR": "CSR",
    "Lainnya": "Lainnya",
}


def key_for_label(value: object, labels: Mapping[str, str]) -> str | None:
    """The key whose label `value` is (any case, spaces trimmed), else None."""
    if not isinstance(value, str):
        return None
    wanted = " ".join(value.split()).lower()
    return next((key for key, label in labels.items() if label.lower() == wanted), None)


def label_hint(value: object, labels: Mapping[str, str]) -> str:
    """The message for a label written where its key belongs, or "" when `value` is no label."""
    key = key_for_label(value, labels)
    return _SAY.say("label", value=value, key=key) if key is not None and key != value else ""
