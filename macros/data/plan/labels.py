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
        ),
        "meant": (
            "`{value}` tidak diperbolehkan; bila maksudnya {label}, tulis `{key}`",
            "`{value}` is not allowed; if you mean {label}, write `{key}`",
        ),
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


# Other words people write for a status or a horizon: a spreadsheet's own, a report's, English.
# Never taken for the key (a file keeps one spelling, and `proses` may mean more than one thing to
# someone), but the message names the key they most likely mean.
_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "status": {
        "planned": ("rencana", "belum mulai", "belum dimulai", "belum berjalan", "akan dilaksanakan", "usulan", "plan"),
        "ongoing": (
            "sedang berjalan",
            "masih berjalan",
            "dalam proses",
            "proses",
            "dalam pelaksanaan",
            "pelaksanaan",
            "sedang dilaksanakan",
            "dilaksanakan",
            "berlangsung",
            "on going",
            "on-going",
            "in progress",
        ),
        "completed": ("sudah selesai", "tuntas", "rampung", "terlaksana", "done", "complete", "finished"),
        "delayed": ("tertunda", "ditunda", "terhambat", "mundur", "delay", "late"),
        "stopped": ("berhenti", "batal", "dibatalkan", "cancelled", "canceled"),
    },
    # The national six, as Indonesian documents name them (a region's own dimensions have only their labels).
    "dimension": {
        "governance": (
            "pemerintahan",
            "tata kelola",
            "tata kelola pemerintahan",
            "tata pemerintahan",
            "governansi",
            "smart government",
        ),
        "branding": ("pencitraan", "pencitraan daerah", "citra daerah", "branding daerah", "pemasaran daerah"),
        "economy": ("ekonomi", "perekonomian", "ekonomi daerah"),
        "living": ("kehidupan", "kualitas hidup", "kenyamanan hidup", "hidup"),
        "society": ("masyarakat", "sosial", "kemasyarakatan"),
        "environment": ("lingkungan", "lingkungan hidup"),
    },
    "horizon": {
        "quick-win": ("quickwin", "quick wins", "qw"),
        "short": ("pendek", "short term", "short-term", "jangka pendek (1-2 tahun)"),
        "medium": ("menengah", "medium term", "medium-term"),
        "long": ("panjang", "long term", "long-term"),
    },
}


def meant_key(value: object, field: str) -> str | None:
    """The key of `field` ("status", "horizon") that another word for it names (`sedang berjalan`:
    `ongoing`), any case, spaces trimmed; None for a word not known."""
    if not isinstance(value, str):
        return None
    wanted = " ".join(value.split()).lower().rstrip(".")
    return next((key for key, words in _WORDS.get(field, {}).items() if wanted in words), None)


def word_hint(value: object, field: str, labels: Mapping[str, str]) -> str:
    """The message for another word of `field` written where its key belongs, or "" (also when the key it
    names is not among `labels`: a region without the national dimension it names)."""
    key = meant_key(value, field)
    return _SAY.say("meant", value=value, label=labels[key], key=key) if key is not None and key in labels else ""


def key_for_label(value: object, labels: Mapping[str, str]) -> str | None:
    """The key whose label `value` is (any case, spaces trimmed), else None."""
    if not isinstance(value, str):
        return None
    wanted = " ".join(value.split()).lower()
    return next((key for key, label in labels.items() if label.lower() == wanted), None)


def label_hint(value: object, labels: Mapping[str, str]) -> str:
    """The message for a label written where its key belongs, or "" when `value` is no label."""
    key = key_for_label(value, labels)
    # `apbd` for APBD, whose label is its key: "did you mean `APBD`?" says it better (messages.py)
    return _SAY.say("label", value=value, key=key) if key is not None and key != value and labels[key] != key else ""
