"""The six national Smart City dimensions and their elements (the evaluation's sub-dimensions)."""

from __future__ import annotations

from typing import Any

# Shape: the same as a city's `dimensions:` override, so one model validates both.
DEFAULT_DIMENSIONS: dict[str, dict[str, Any]] = {
    "governance": {
        "label": "Smart Governance",
        "description": "Tata kelola pemerintahan yang terbuka, cepat melayani, dan berbasis data.",
        "icon": "material/bank-outline",
        "color": "#1d4ed8",
        "elements": {
            "layanan-publik": "Layanan Publik",
            "kebijakan-publik": "Kebijakan Publik",
            "birokrasi": "Tata Kelola Birokrasi",
        },
    },
    "branding": {
        "label": "Smart Branding",
        "description": "Membangun citra dan daya tarik daerah bagi wisatawan, investor, dan warganya.",
        "icon": "material/star-circle-outline",
        "color": "#a21caf",
        "elements": {
            "pariwisata": "Branding Pariwisata",
            "bisnis": "Branding Bisnis",
            "wajah-kota": "Wajah Kota",
        },
    },
    "economy": {
        "label": "Smart Economy",
        "description": "Ekonomi daerah yang tumbuh, inklusif, dan memanfaatkan teknologi.",
        "icon": "material/storefront-outline",
        "color": "#b45309",
        "elements": {
            "industri": "Industri",
            "kesejahteraan": "Kesejahteraan Masyarakat",
            "transaksi": "Ekosistem Transaksi",
        },
    },
    "living": {
        "label": "Smart Living",
        "description": "Daerah yang sehat, nyaman ditinggali, dan mudah dijelajahi.",
        "icon": "material/home-city-outline",
        "color": "#047857",
        "elements": {
            "harmonisasi": "Harmonisasi Tata Ruang",
            "kesehatan": "Kesehatan",
            "mobilitas": "Mobilitas dan Transportasi",
        },
    },
    "society": {
        "label": "Smart Society",
        "description": "Warga yang terhubung, terus belajar, dan merasa aman.",
        "icon": "material/account-group-outline",
        "color": "#be123c",
        "elements": {
            "komunitas": "Komunitas",
            "pendidikan": "Ekosistem Belajar",
            "keamanan": "Keamanan Masyarakat",
        },
    },
    "environment": {
        "label": "Smart Environment",
        "description": "Lingkungan yang terjaga, sampah yang terkelola, dan energi yang hemat.",
        "icon": "material/leaf",
        "color": "#15803d",
        "elements": {
            "proteksi": "Proteksi Lingkungan",
            "sampah": "Tata Kelola Sampah dan Limbah",
            "energi": "Tata Kelola Energi",
        },
    },
}
