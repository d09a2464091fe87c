"""The "Simpan untuk dibaca luring" section of the home page and Cetak (guide/offline.md).

Hidden in the HTML: docs/assets/offline.js shows it where the browser can keep a site
offline (a service worker) and the build made one. The size of the whole plan is only
known once the site is complete: the build writes it in place of SIZE_TOKEN
(macros.publish.offline).
"""

from __future__ import annotations

from macros.render.html import esc, relative

# Written here, replaced by the build once every page and the search index exist.
SIZE_TOKEN = "@rencana-offline-size@"
# In docs/assets/search.js: Pagefind's metaCacheTag, replaced by the build's id.
BUILD_TOKEN = "@rencana-build@"


# The offline page (docs/luring.md), which lists the pages saved on the device.
OFFLINE_PAGE = "luring/"


def offline_save(page_url: str) -> str:
    """The section that saves every page of the plan and its search index on the device (on the page at `page_url`)."""
    return (
        '<section class="rc-offline rc-print-hide" data-rc-offline-save hidden aria-labelledby="rc-offline-title"'
        ' data-pagefind-ignore="all">'
        '<h2 id="rc-offline-title">Baca tanpa internet</h2>'
        "<p>Simpan seluruh rencana ini di perangkat Anda: semua halaman dan pencariannya, "
        f"<strong>{SIZE_TOKEN}</strong>. Setelah itu rencana bisa dibuka dan dicari tanpa sambungan internet.</p>"
        '<p class="rc-offline__actions">'
        '<button type="button" class="rc-offline-button rc-offline-button--primary" data-rc-offline-start>'
        "Simpan untuk dibaca luring</button> "
        '<button type="button" class="rc-offline-button" data-rc-offline-remove hidden>'
        "Hapus salinan luring</button></p>"
        '<progress class="rc-offline__progress" data-rc-offline-progress max="1" value="0" hidden'
        ' aria-label="Kemajuan penyimpanan"></progress>'
        '<p class="rc-offline__status" role="status" data-rc-offline-status></p>'
        f'<p><a href="{esc(relative(page_url, OFFLINE_PAGE))}">Halaman yang tersimpan di perangkat ini</a></p>'
        "</section>"
    )
