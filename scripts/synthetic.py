"""A synthetic city of any size, with Indonesian text, for benchmarks.

Usage: python -m scripts.synthetic PROJECT_DIR [--programs 1000] [--seed 1] [--slug sintetis]
                                  [--profile rich|lean] [--regions N]
Writes data/cities/<slug>.yml and data/programs/<slug>/<dimension>/<id>.yml into
PROJECT_DIR (with --regions, the programs shared out over N regions: a portal). The same
seed gives the same files. The text is made from phrases a real master plan uses, per
element, so that search indexes and pages grow as they would.
Every field of the format is used somewhere (`tests/test_synthetic.py` checks it), so
that a benchmark pays for every part of a page.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from macros.data.plan.dimensions import DEFAULT_DIMENSIONS

PLAN_START, PLAN_END = 2024, 2033
# The day the synthetic data is written as of; `scripts.bench` builds with SOURCE_DATE_EPOCH set
# to it (`TODAY_EPOCH`), so that the data gives no warning whatever day it is built.
TODAY = date(2026, 10, 31)
TODAY_EPOCH = int(datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC).timestamp())
PREFIXES = {
    "governance": "GOV",
    "branding": "BRD",
    "economy": "ECO",
    "living": "LIV",
    "society": "SOC",
    "environment": "ENV",
}

# What programs of each element are about: (topic, words for the problem it answers).
TOPICS: dict[str, list[tuple[str, str]]] = {
    "layanan-publik": [
        ("pengaduan warga", "aduan yang tidak tercatat"),
        ("perizinan daring", "izin yang lambat"),
        ("administrasi kependudukan", "antrean panjang di kantor"),
        ("pelayanan terpadu satu pintu", "berkas yang harus dibawa berulang kali"),
    ],
    "kebijakan-publik": [
        ("data terpadu kota", "data antarperangkat daerah yang tidak sama"),
        ("perencanaan partisipatif", "usulan warga yang tidak terlacak"),
        ("evaluasi program berbasis bukti", "keputusan tanpa data"),
    ],
    "birokrasi": [
        ("arsip elektronik", "dokumen kertas yang mudah hilang"),
        ("kinerja pegawai", "target yang kabur"),
        ("pengadaan elektronik", "proses pengadaan yang tertutup"),
    ],
    "pariwisata": [
        ("wisata sejarah", "situs yang kurang dikenal"),
        ("kalender acara budaya", "acara yang sepi"),
        ("pemandu wisata digital", "informasi wisata yang tersebar"),
    ],
    "bisnis": [
        ("promosi produk lokal", "produk UMKM yang sulit dipasarkan"),
        ("peta peluang investasi", "investor yang kekurangan informasi"),
    ],
    "wajah-kota": [
        ("penataan taman kota", "ruang terbuka yang kusam"),
        ("papan penunjuk arah", "pendatang yang tersesat"),
        ("penerangan jalan", "jalan yang gelap di malam hari"),
    ],
    "industri": [
        ("sentra industri kecil", "produksi yang belum efisien"),
        ("pelatihan tenaga kerja", "keterampilan yang tidak sesuai kebutuhan"),
    ],
    "kesejahteraan": [
        ("bantuan sosial tepat sasaran", "penerima bantuan yang tidak tepat"),
        ("pasar rakyat", "pasar yang becek dan sepi"),
        ("koperasi warga", "modal usaha yang terbatas"),
    ],
    "transaksi": [
        ("pembayaran non-tunai", "retribusi yang bocor"),
        ("pajak daerah daring", "wajib pajak yang enggan antre"),
    ],
    "harmonisasi": [
        ("tata ruang terbuka", "bangunan yang melanggar tata ruang"),
        ("permukiman layak", "kawasan kumuh di bantaran sungai"),
    ],
    "kesehatan": [
        ("puskesmas", "antrean pasien yang panjang"),
        ("posyandu", "balita yang tidak terpantau"),
        ("rekam medis elektronik", "riwayat pasien yang tercecer"),
        ("ambulans gawat darurat", "pertolongan yang terlambat"),
    ],
    "mobilitas": [
        ("parkir", "parkir liar di badan jalan"),
        ("angkutan kota", "angkutan umum yang tidak teratur"),
        ("lampu lalu lintas adaptif", "kemacetan di persimpangan"),
        ("jalur sepeda", "pesepeda yang tidak aman"),
    ],
    "komunitas": [("forum warga", "warga yang jarang dilibatkan"), ("relawan digital", "warga yang gagap teknologi")],
    "pendidikan": [
        ("perpustakaan digital", "buku yang sulit dijangkau"),
        ("sekolah ramah anak", "anak putus sekolah"),
        ("literasi digital", "warga yang mudah termakan hoaks"),
    ],
    "keamanan": [
        ("kamera pengawas", "titik rawan yang tidak terpantau"),
        ("siaga bencana", "peringatan banjir yang terlambat"),
        ("pos ronda digital", "laporan keamanan yang lambat"),
    ],
    "proteksi": [
        ("ruang terbuka hijau", "udara yang panas dan berdebu"),
        ("pemantauan kualitas air", "sungai yang tercemar"),
    ],
    "sampah": [
        ("bank sampah", "sampah rumah tangga yang tidak dipilah"),
        ("pengangkutan sampah", "sampah yang menumpuk"),
        ("pengolahan limbah", "limbah yang mencemari sungai"),
    ],
    "energi": [
        ("panel surya gedung pemerintah", "tagihan listrik yang tinggi"),
        ("lampu jalan hemat energi", "lampu jalan yang boros"),
    ],
}
KINDS = ("Aplikasi", "Sistem", "Program", "Layanan", "Gerakan", "Pusat", "Penguatan", "Pengembangan")
REACH = ("terpadu", "berbasis data", "di setiap kelurahan", "untuk semua warga", "berbasis komunitas", "tahap {n}")
VERBS = ("menyatukan", "mempercepat", "memperluas", "mendekatkan", "merapikan", "mengawasi", "memperbaiki")
PLACES = ("kelurahan", "kecamatan", "sekolah", "pasar", "puskesmas", "kampung", "perumahan", "kawasan industri")
PEOPLE = ("warga", "pelaku UMKM", "pelajar", "lansia", "penyandang disabilitas", "ibu hamil", "wisatawan", "pedagang")
AGENCIES = {
    "governance": (
        "Dinas Komunikasi dan Informatika",
        "Bagian Organisasi Sekretariat Daerah",
        "Dinas Penanaman Modal dan PTSP",
        "Dinas Kependudukan dan Pencatatan Sipil",
    ),
    "branding": ("Dinas Pariwisata dan Kebudayaan", "Dinas Perdagangan", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    "economy": ("Dinas Koperasi dan UMKM", "Dinas Perdagangan", "Badan Pendapatan Daerah", "Dinas Sosial"),
    "living": ("Dinas Kesehatan", "Dinas Perhubungan", "Dinas Perumahan Rakyat dan Kawasan Permukiman"),
    "society": (
        "Dinas Pendidikan",
        "Badan Penanggulangan Bencana Daerah",
        "Satuan Polisi Pamong Praja",
        "Dinas Perpustakaan dan Kearsipan",
    ),
    "environment": ("Dinas Lingkungan Hidup", "Dinas Pekerjaan Umum dan Penataan Ruang"),
}
# The names citizens use for some of these agencies, beyond the built-in abbreviations (`agencies:`).
LOCAL_NAMES = {"Dinas Koperasi dan UMKM": ["Diskop UMKM"], "Dinas Pariwisata dan Kebudayaan": ["Disparbud"]}
STATUS_WEIGHTS = (("planned", 3), ("ongoing", 4), ("completed", 2), ("delayed", 1), ("stopped", 1))
MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def city(slug: str = "sintetis") -> dict[str, Any]:
    name = f"Kota {slug.capitalize()}"
    evaluated = range(PLAN_START, PLAN_START + 2)
    return {
        "name": name,
        "type": "kota",
        "province": "Jawa Tengah",
        "sample": True,
        "plan": {
            "title": f"Rencana Induk Smart City {name} {PLAN_START}–{PLAN_END}",
            "start": PLAN_START,
            "end": PLAN_END,
            "legal_basis": f"Peraturan Wali Kota Nomor 12 Tahun {PLAN_START}",
        },
        "vision": f"Terwujudnya {name} yang cerdas, melayani dan berkelanjutan bagi seluruh warga.",
        "missions": [
            "Menghadirkan layanan publik yang cepat dan terbuka.",
            "Menumbuhkan ekonomi warga yang berdaya saing.",
            "Menjaga lingkungan hidup untuk generasi mendatang.",
        ],
        "reporters": ["diskominfo-contoh", "bappeda-contoh"],
        "feedback": {
            "repository": f"rencana-id/rencana-{slug}",
            "channels": [
                {
                    "name": "SP4N-LAPOR!",
                    "url": "https://www.lapor.go.id",
                    "note": "Kanal pengaduan pelayanan publik nasional yang diteruskan ke pemerintah kota.",
                },
                {"name": "Surel Diskominfo", "url": f"mailto:diskominfo@{slug}.example.go.id"},
            ],
        },
        "evaluations": [
            {
                "year": year,
                "index": round(3.2 + 0.15 * (year - PLAN_START), 2),
                "dimensions": {
                    key: round(3.0 + 0.1 * offset + 0.15 * (year - PLAN_START), 2)
                    for offset, key in enumerate(DEFAULT_DIMENSIONS)
                },
            }
            for year in evaluated
        ],
    }


def _sentence(rng: random.Random, topic: str, problem: str) -> str:
    verb, people, place = rng.choice(VERBS), rng.choice(PEOPLE), rng.choice(PLACES)
    return rng.choice(
        (
            f"{verb.capitalize()} {topic} bagi {people} di {place} agar {problem} tidak terulang.",
            f"Pemerintah kota {verb} {topic} sehingga {people} tidak lagi menghadapi {problem}.",
            f"Tahap awal {topic} diuji coba di {rng.randint(2, 12)} {place} sebelum diperluas ke seluruh kota.",
            f"Data {topic} dibuka untuk umum dan diperbarui setiap bulan agar {people} dapat ikut mengawasi.",
        )
    )


def program(rng: random.Random, number: int, dimension: str, element: str, known: list[str]) -> dict[str, Any]:
    topic, problem = rng.choice(TOPICS[element])
    start = rng.randint(PLAN_START, PLAN_END - 1)
    end = min(PLAN_END, start + rng.randint(0, 4))
    years = range(start, end + 1)
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    horizon = "quick-win" if end - start == 0 else ("short" if end - start <= 2 else rng.choice(("medium", "long")))
    lead = rng.choice(AGENCIES[dimension])
    reach = rng.choice(REACH).format(n=rng.randint(2, 4))
    data: dict[str, Any] = {
        "id": f"{PREFIXES[dimension]}-{number:03d}",
        "title": f"{rng.choice(KINDS)} {topic} {reach}",
        "dimension": dimension,
        "element": element,
        "summary": f"{_sentence(rng, topic, problem)} Dikelola {lead}.",
        "problem": f"Saat ini masih ada {problem}. Warga di {rng.choice(PLACES)} mengeluhkan hal ini "
        f"dalam musyawarah perencanaan pembangunan.",
        "description": " ".join(_sentence(rng, topic, problem) for _ in range(rng.randint(2, 4)))
        + f" Kegiatan ini bagian dari **Rencana Induk Smart City** {PLAN_START}–{PLAN_END}.",
        "objectives": [_sentence(rng, topic, problem) for _ in range(rng.randint(1, 3))],
        "horizon": horizon,
        "period": {"start": start, "end": end},
        "lead": lead,
        "partners": rng.sample(
            [agency for agencies in AGENCIES.values() for agency in agencies if agency != lead], rng.randint(0, 2)
        ),
        "budget": [
            {
                "year": year,
                "amount": rng.randint(5, 400) * 5_000_000,
                "source": rng.choice(("APBD", "APBD", "APBN", "APBD-Provinsi", "CSR")),
            }
            for year in years
        ],
        "indicators": [
            {
                "name": f"{rng.choice(PEOPLE).capitalize()} terlayani {topic}",
                "unit": "persen",
                "baseline": rng.randint(5, 40),
                "target": rng.randint(60, 100),
                "year": end,
            }
        ],
        "status": status,
        "tags": sorted(set(topic.split()) - {"dan", "di", "untuk"}),
    }
    if status in ("ongoing", "delayed"):
        data["progress"] = rng.randint(5, 95)
    months = sorted(rng.sample(range(12), 3))
    data["milestones"] = [
        {"name": f"Tahap {index + 1}: {rng.choice(VERBS)} {topic}", "planned": f"{start}-{month + 1:02d}"}
        for index, month in enumerate(months)
    ]
    if status != "planned":
        day = rng.randint(1, 28)
        data["updates"] = [
            {
                "date": f"{start}-{months[-1] + 1:02d}-{day:02d}",
                "text": f"Pada {day} {MONTH_NAMES[months[-1]]} {start}, {topic} mulai dirasakan "
                f"{rng.choice(PEOPLE)} di {rng.randint(2, 20)} {rng.choice(PLACES)}.",
            }
        ]
    if known:
        data["related"] = rng.sample(known, min(len(known), rng.randint(0, 2)))
    data["sdgs"] = sorted(rng.sample(range(1, 18), rng.randint(0, 2)))
    # Seeded from what this program already is: no draw from `rng`, so the other programs do not change.
    _more_fields(data, random.Random(f"{data['id']}|{data['title']}|{data['summary']}"), topic)
    return {key: value for key, value in data.items() if value not in ([], None)}


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _more_fields(data: dict[str, Any], rng: random.Random, topic: str) -> None:
    """The fields the first version left out, from a separate random stream so the others stay as they were.

    Dates follow one timeline as of TODAY, so that the data is free of warnings: nothing has
    happened before a program starts, and a program still running cannot be completed.
    """
    if rng.random() < 0.05:
        del data["element"]  # the dimension page's "Lainnya" group
    start, end = data["period"]["start"], data["period"]["end"]
    if start > TODAY.year:
        data["status"] = "planned"
        data.pop("progress", None)
        data.pop("updates", None)
    elif data["status"] == "completed" and end >= TODAY.year:
        data["status"], data["progress"] = "ongoing", rng.randint(40, 95)
    underway = data["status"] != "planned"
    for indicator in data["indicators"]:
        if underway:
            indicator["actual"] = rng.randint(indicator["baseline"], indicator["target"])
    data["indicators"].append(
        {
            "name": f"Waktu layanan {topic}",
            "unit": "hari",
            "baseline": rng.randint(5, 14),
            "target": rng.randint(1, 4),
            "year": end,
        }
    )
    for milestone in data["milestones"]:
        planned = date.fromisoformat(f"{milestone['planned']}-01")
        if underway and planned <= TODAY and (data["status"] == "completed" or rng.random() < 0.7):
            milestone["done"] = _day_between(rng, planned, min(planned + timedelta(days=27), TODAY)).isoformat()
    # Late is computed (macros.data.plan.standing): a running program past its last year, or with
    # an open milestone past its month, is written `delayed`, as a maintainer warned by the check would.
    overdue = any(not m.get("done") and m["planned"] < TODAY.isoformat()[:7] for m in data["milestones"])
    if data["status"] in ("planned", "ongoing") and (end < TODAY.year or overdue):
        data["status"] = "delayed"
        underway = True
    if underway:
        begun = date(start, 1, 1)
        for update in data.get("updates", []):
            if date.fromisoformat(update["date"]) > TODAY:
                update["date"] = _day_between(rng, begun, TODAY).isoformat()
        data.setdefault("updates", []).append(
            {
                "date": _day_between(rng, begun, TODAY).isoformat(),
                "text": f"Sosialisasi {topic} kepada **{rng.randint(20, 400)} warga** selesai; masukan mereka "
                f"dicatat untuk tahap berikutnya.\n\n- {rng.choice(PLACES)} pertama sudah terlayani\n"
                f"- laporan lengkap di [situs pemerintah kota](https://example.go.id/{data['id'].lower()})",
            }
        )
    data["issues"] = sorted(rng.sample(range(1, 500), rng.randint(0, 2)))
    data["sources"] = [
        {
            "title": f"Dokumen Rencana Induk Smart City, bab {DEFAULT_DIMENSIONS[data['dimension']]['label']}",
            "url": f"https://example.go.id/rencana-induk#{data['id'].lower()}",
        }
    ]
    data["reviewed"] = (TODAY - timedelta(days=rng.randint(0, 300))).isoformat()


def programs(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """`count` programs spread over the six dimensions and their elements, the same for the same seed."""
    rng = random.Random(seed)
    elements = [(dimension, element) for dimension, spec in DEFAULT_DIMENSIONS.items() for element in spec["elements"]]
    made: list[dict[str, Any]] = []
    numbers = dict.fromkeys(PREFIXES, 0)
    for index in range(count):
        dimension, element = elements[index % len(elements)]
        numbers[dimension] += 1
        same_dimension = [entry["id"] for entry in made if entry["dimension"] == dimension][-20:]
        made.append(program(rng, numbers[dimension], dimension, element, same_dimension))
    return made


def lean(data: dict[str, Any]) -> dict[str, Any]:
    """A program with less Markdown, as many real plans have: three short description paragraphs,
    three objectives, two budget lines, two indicators, one plain update, no milestones or sources."""
    sentences = [sentence.strip() + "." for sentence in data["description"].split(". ") if sentence.strip(". ")]
    objectives = (data["objectives"] * 3)[:3]
    kept = {key: value for key, value in data.items() if key not in ("milestones", "sources", "updates", "issues")}
    kept["description"] = "\n\n".join((sentences * 3)[:3]).replace("**", "")
    kept["objectives"] = objectives
    kept["budget"] = (data["budget"] * 2)[:2] if len({line["year"] for line in data["budget"]}) > 1 else data["budget"]
    kept["indicators"] = data["indicators"][:2]
    if data.get("updates"):
        kept["updates"] = [{"date": data["updates"][0]["date"], "text": data["updates"][0]["text"].split("\n")[0]}]
    return kept


def _write_region(root: Path, slug: str, entries: list[dict[str, Any]], name: str | None = None) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    leads = {entry["lead"] for entry in entries}
    city_data = city(slug) | ({"name": name} if name else {})
    city_data["agencies"] = {agency: names for agency, names in LOCAL_NAMES.items() if agency in leads}
    cities = root / "data" / "cities"
    cities.mkdir(parents=True, exist_ok=True)
    (cities / f"{slug}.yml").write_text(
        yaml.dump(city_data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for entry in entries:
        path = root / "data" / "programs" / slug / entry["dimension"] / f"{entry['id'].lower()}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(entry, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _profiled(count: int, seed: int, profile: str) -> list[dict[str, Any]]:
    made = programs(count, seed)
    return [lean(entry) for entry in made] if profile == "lean" else made


def write_city(root: Path, count: int, *, seed: int = 1, slug: str = "sintetis", profile: str = "rich") -> Path:
    """Write the city and `count` programs (`profile`: rich or lean) into the project folder `root`; returns `root`."""
    _write_region(root, slug, _profiled(count, seed, profile))
    return root


def write_regions(root: Path, regions: int, per_region: int, *, seed: int = 1, profile: str = "rich") -> Path:
    """The same programs as `write_city(root, regions * per_region)`, shared out over `regions` regions
    (`daerah-001`…, with their own names), so that a portal and one region can be compared on one content."""
    made = _profiled(regions * per_region, seed, profile)
    for number in range(regions):
        share = made[number * per_region : (number + 1) * per_region]
        ids = {entry["id"] for entry in share}
        for entry in share:  # related programs must be in the same region
            if "related" in entry:
                entry["related"] = [other for other in entry["related"] if other in ids]
                if not entry["related"]:
                    del entry["related"]
        _write_region(root, f"daerah-{number + 1:03d}", share, name=f"Kota Sintetis {number + 1}")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--programs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slug", default="sintetis")
    parser.add_argument("--profile", choices=("rich", "lean"), default="rich")
    parser.add_argument("--regions", type=int, help="share the programs out over this many regions (a portal)")
    arguments = parser.parse_args()
    if arguments.regions:
        per_region = arguments.programs // arguments.regions
        write_regions(arguments.project, arguments.regions, per_region, seed=arguments.seed, profile=arguments.profile)
    else:
        write_city(
            arguments.project, arguments.programs, seed=arguments.seed, slug=arguments.slug, profile=arguments.profile
        )


if __name__ == "__main__":
    main()
