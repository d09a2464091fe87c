/* Rencana portal: the behaviour of the portal's pages, and of every region page inside a portal.
 *
 * Everything here improves HTML that works without it: the region cards are all listed, the
 * tables are in a sensible order, and the "Cari di semua daerah" links open the portal's Cari.
 *   - [data-rc-region-filter]: the province and type selects over the region cards (Beranda);
 *   - table[data-rc-sortable]: a button in each column heading sorts by that column (Bandingkan);
 *   - a[data-rc-portal-search]: carries the words typed into a region's search over to the
 *     portal's Cari, and joins the search dialog of a region's pages.
 */
(() => {
  "use strict";

  /* Region cards: filter by province and type. */

  function regionFilter(form) {
    const cards = [...document.querySelectorAll(".rc-region-card")];
    const count = form.querySelector(".rc-region-filter__count");
    const apply = () => {
      const province = form.elements.provinsi.value;
      const kind = form.elements.jenis.value;
      let shown = 0;
      for (const card of cards) {
        const match = (!province || card.dataset.provinsi === province) && (!kind || card.dataset.jenis === kind);
        card.hidden = !match;
        if (match) shown += 1;
      }
      count.textContent = shown === cards.length ? `${shown} daerah` : `${shown} dari ${cards.length} daerah`;
    };
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
  }

  /* Sortable tables: one button per column heading; aria-sort says which column and which way. */

  const collator = new Intl.Collator("id", { sensitivity: "base", numeric: true });

  function compare(a, b, numeric) {
    if (a === "" || b === "") return a === b ? 0 : a === "" ? 1 : -1; // no value: last either way
    return numeric ? Number(a) - Number(b) : collator.compare(a, b);
  }

  function sortable(table) {
    const headings = [...table.tHead.rows[0].cells];
    const body = table.tBodies[0];
    const status = Object.assign(document.createElement("p"), { className: "rc-visually-hidden" });
    status.setAttribute("role", "status");
    table.closest(".rc-table").after(status);

    headings.forEach((heading, column) => {
      const numeric = heading.dataset.type === "number";
      const button = Object.assign(document.createElement("button"), { type: "button", className: "rc-sort" });
      button.append(...heading.childNodes);
      const arrow = Object.assign(document.createElement("span"), { className: "rc-sort__arrow" });
      arrow.setAttribute("aria-hidden", "true");
      button.append(arrow);
      heading.append(button);
      button.addEventListener("click", () => {
        const current = heading.getAttribute("aria-sort");
        // Figures start from the largest, names from A.
        const ascending = current ? current === "descending" : !numeric;
        const rows = [...body.rows];
        rows.sort((a, b) => {
          const order = compare(a.cells[column].dataset.sort, b.cells[column].dataset.sort, numeric);
          const empty = a.cells[column].dataset.sort === "" || b.cells[column].dataset.sort === "";
          return ascending || empty ? order : -order;
        });
        body.append(...rows);
        for (const other of headings) other.removeAttribute("aria-sort");
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const way = numeric ? (ascending ? "dari yang terkecil" : "dari yang terbesar") : (ascending ? "A–Z" : "Z–A");
        status.textContent = `Tabel diurutkan menurut ${button.textContent.trim()}, ${way}.`;
      });
    });
  }

  /* "Cari di semua daerah": the portal's Cari, with the words typed so far. */

  const portalLinks = () => document.querySelectorAll("a[data-rc-portal-search]");

  function carry(term) {
    for (const link of portalLinks()) {
      link.dataset.rcBase ??= link.getAttribute("href");
      const url = new URL(link.dataset.rcBase, window.location.href);
      if (term.trim()) url.searchParams.set("q", term.trim());
      link.href = url.href;
    }
  }

  function joinSearchDialog(dialog) {
    const first = portalLinks()[0];
    if (!first || dialog.querySelector("[data-rc-portal-search]")) return;
    const link = Object.assign(document.createElement("a"), { className: "rc-search-more rc-search-more--portal" });
    link.textContent = "Cari di semua daerah";
    link.setAttribute("href", first.dataset.rcBase ?? first.getAttribute("href"));
    link.dataset.rcPortalSearch = "";
    dialog.append(link);
  }

  /* Wiring. */

  for (const form of document.querySelectorAll("[data-rc-region-filter]")) regionFilter(form);
  for (const table of document.querySelectorAll("table[data-rc-sortable]")) sortable(table);

  if (portalLinks().length) {
    carry(new URLSearchParams(window.location.search).get("q") || "");
    document.addEventListener("input", (event) => {
      const field = event.target;
      if (field instanceof HTMLInputElement && field.closest(".rc-search-dialog, [data-rc-search-page]")) {
        carry(field.value);
      }
    });
    // docs/assets/search.js adds the search dialog to the page the first time it opens.
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node instanceof HTMLDialogElement && node.classList.contains("rc-search-dialog")) {
            joinSearchDialog(node);
            carry(node.querySelector("input")?.value || "");
          }
        }
      }
    }).observe(document.body, { childList: true });
  }
})();
