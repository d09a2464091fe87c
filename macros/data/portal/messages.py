"""The maintainer's messages about remote regions (`data/regions.yml`): one line each, Indonesian by default."""

from __future__ import annotations

from macros.data.language.catalog import Catalog

REMOTE = Catalog(
    "portal.remote",
    {
        "stale": (
            "{url}: daerah tidak dapat diambil ({reason}); portal memakai data terakhirnya dari {since}",
            "{url}: the region could not be fetched ({reason}); the portal keeps its last data, of {since}",
        ),
        "stale_deploy": (
            "{url}: daerah tidak dapat diambil ({reason}); portal memakai data terakhirnya dari {since}, "
            "diambil dari situs portal yang sudah terbit",
            "{url}: the region could not be fetched ({reason}); the portal keeps its last data, of {since}, "
            "taken from the portal's published site",
        ),
        "missing": (
            "{url}: daerah tidak dapat diambil ({reason}) dan belum pernah diambil; portal hanya menyebut namanya",
            "{url}: the region could not be fetched ({reason}) and never was; the portal only names it",
        ),
        "bad_field": (
            "{region}: {field}: {reason}; bagian ini dilewati",
            "{region}: {field}: {reason}; this part is left out",
        ),
        "not_a_dimension": (
            "`{dimension}` bukan dimensi daerah ini",
            "`{dimension}` is not a dimension of the region",
        ),
        "same_id": ("`{id}` muncul dua kali", "`{id}` appears twice"),
        "unreachable": ("tidak terjangkau: {detail}", "unreachable: {detail}"),
        "timeout": ("tidak menjawab dalam {seconds} detik", "no answer within {seconds} seconds"),
        "http_status": ("menjawab HTTP {status}", "answered HTTP {status}"),
        "too_large": ("berkas {file} lebih dari {limit} byte", "{file} is larger than {limit} bytes"),
        "not_json": ("{file} bukan JSON yang sah: {detail}", "{file} is not valid JSON: {detail}"),
        "newer_version": (
            "manifes versi {version}, portal ini membaca sampai versi {known}; perbarui Rencana portal ini",
            "manifest version {version}, this portal reads up to version {known}; update this portal's Rencana",
        ),
        "bad_manifest": ("manifes tidak sah: {field}: {detail}", "invalid manifest: {field}: {detail}"),
        "bad_plan": ("data rencana tidak sah: {field}: {detail}", "invalid plan data: {field}: {detail}"),
        "slug_taken": (
            "kode daerah {slug} sudah dipakai daerah lain di portal ini; daerah ini dilewati",
            "region code {slug} is taken by another region of this portal; this region is left out",
        ),
        "not_a_list": (
            "tulis daftar daerah, satu per baris: `- url: https://…/rencana/`",
            "write a list of regions, one a line: `- url: https://…/rencana/`",
        ),
        "bad_url": (
            "alamat harus dimulai http:// atau https://, misalnya https://diskominfo-kediri.github.io/rencana/",
            "the address must start with http:// or https://, e.g. https://diskominfo-kediri.github.io/rencana/",
        ),
        "unknown_key": ("kunci tidak dikenal; yang dikenal: url, name", "unknown key; known keys: url, name"),
        "key_in_english": (
            "kunci `{key}` tidak dikenal: nama kunci ditulis dalam bahasa Inggris; tulis `{close}`",
            "unknown key `{key}`: keys are written in English; write `{close}`",
        ),
        "twice": (
            "alamat ini sudah tercantum di atas; hapus salah satunya",
            "this address is listed above; remove one",
        ),
    },
)
