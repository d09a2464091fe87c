/* Rencana search: the header control of every page and the Cari page, on Pagefind.
 *
 * Pagefind's Component UI (JS and CSS, about 45 KB compressed) and its index load
 * only when a citizen opens search, never with the page. Every address is worked
 * out from this file's own URL, so search works wherever the site is served:
 * at a domain's root, under a GitHub Pages sub-path (/<repo>/) or under `mkdocs serve`.
 */
(() => {
  "use strict";

  // This file is <site>/assets/search.js.
  const site = new URL("../", document.currentScript.src);
  const bundle = new URL("pagefind/", site);

  let loading = null;

  function stylesheet(href) {
    return new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
      link.onload = resolve;
      link.onerror = () => reject(new Error(`cannot load ${href}`));
      document.head.append(link);
    });
  }

  function loadPagefind() {
    loading ??= Promise.all([
      stylesheet(new URL("pagefind-component-ui.css", bundle).href),
      stylesheet(new URL("assets/search.css", site).href),
      new Promise((resolve, reject) => {
        const script = Object.assign(document.createElement("script"), {
          src: new URL("pagefind-component-ui.js", bundle).href,
        });
        script.onload = resolve;
        script.onerror = () => reject(new Error("cannot load Pagefind"));
        document.head.append(script);
      }),
    ]).catch((error) => {
      loading = null; // let the next attempt try again (a phone back online)
      throw error;
    });
    return loading;
  }

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  // Must be in the document before any other Pagefind element: it configures the
  // instance they share. Absolute paths, because result links are built from them.
  function config(extra = {}) {
    return element("pagefind-config", {
      "bundle-path": bundle.pathname,
      "base-url": site.pathname,
      "excerpt-length": "18",
      ...extra,
    });
  }

  // A result: the title as its link, then for a program its id, dimension and status
  // (the page's data-pagefind-meta, see macros/render/search.py), then the excerpt. Text goes
  // in as text; only the excerpt is HTML, escaped by Pagefind but for its <mark>s.
  function renderResult(result) {
    const meta = result.meta || {};
    const item = element("li", { class: "rc-result md-typeset" }, [
      element("a", { class: "rc-result__title", href: result.url }, [meta.title || result.url]),
    ]);
    if (meta.program) {
      item.append(element("p", { class: "rc-result__meta" }, [
        element("span", { class: "rc-id" }, [meta.program]), " ",
        element("span", {}, [meta.dimension || ""]), " ",
        element("span", { class: `rc-status rc-status--${meta.status_key}` }, [meta.status || ""]),
      ]));
    } else if (meta.kind === "Dimensi") {
      item.append(element("p", { class: "rc-result__meta" }, ["Dimensi"]));
    }
    if (result.excerpt) {
      const excerpt = element("p", { class: "rc-result__excerpt" });
      excerpt.innerHTML = result.excerpt;
      item.append(excerpt);
    }
    return item;
  }

  function results() {
    const list = element("pagefind-results");
    list.resultTemplate = renderResult;
    return list;
  }

  function instance() {
    return window.PagefindComponents.getInstanceManager().getInstance("default");
  }

  function searchPageUrl(term, filters = {}) {
    const url = new URL("cari/", site);
    if (term) url.searchParams.set("q", term);
    for (const [name, values] of Object.entries(filters)) {
      for (const value of values) url.searchParams.append(name, value);
    }
    return url;
  }

  /* The dialog opened from the header. */

  let modal = null;
  let returnFocus = null;

  function buildModal() {
    const more = element("a", { class: "rc-search-more", href: searchPageUrl("").href }, [
      "Saring hasil menurut dimensi, status, OPD atau tahun di halaman Cari",
    ]);
    // Left empty, the dialog builds its own input, summary, results and hints. (Given
    // as children made here, it would move them after they have started, and its
    // header would start twice.)
    modal = element("pagefind-modal");
    document.body.append(config(), modal);
    modal.querySelector("pagefind-results").resultTemplate = renderResult;
    modal.querySelector("pagefind-modal-body").append(more);
    instance().on("search", (term) => {
      more.href = searchPageUrl(term).href;
    }, more);
    // Back to where the citizen was (or to the control) when the dialog closes.
    modal.querySelector("dialog").addEventListener("close", () => {
      const target = returnFocus?.isConnected ? returnFocus : document.querySelector("[data-rc-search-open]");
      returnFocus = null;
      target?.focus();
    });
  }

  async function openModal(opener) {
    if (modal?.isOpen) return;
    const active = document.activeElement;
    returnFocus = active && active !== document.body ? active : opener;
    opener.setAttribute("aria-busy", "true");
    try {
      await loadPagefind();
    } catch {
      window.location.href = searchPageUrl("").href; // the Cari page explains what went wrong
      return;
    } finally {
      opener.removeAttribute("aria-busy");
    }
    if (!modal) buildModal();
    modal.open();
  }

  /* The Cari page: the full interface, with filters, addressable by URL
     (cari/?q=sampah&Dimensi=Smart+Environment). */

  async function buildSearchPage(container) {
    const filters = JSON.parse(container.dataset.filters);
    const status = container.querySelector("[data-rc-search-status]");
    status.textContent = "Memuat pencarian…";
    container.setAttribute("aria-busy", "true");
    try {
      await loadPagefind();
    } catch {
      status.textContent =
        "Pencarian tidak dapat dimuat. Periksa sambungan internet Anda, lalu muat ulang halaman ini.";
      return;
    } finally {
      container.removeAttribute("aria-busy");
    }
    const input = element("pagefind-input");
    container.replaceChildren(
      // Faceted: a filter alone, without a word, lists every page that matches it.
      config({ faceted: "" }),
      input,
      // One value per filter (a program has one dimension, status…; "Tahun" asks "running
      // in that year"); filters combine, each narrowing the results.
      element("div", { class: "rc-search-filters" }, filters.map((name) =>
        element("pagefind-filter-dropdown", {
          filter: name, label: name, sort: "alphabetical", "single-select": "", "hide-clear": "",
        }))),
      element("pagefind-summary"),
      results(),
    );

    const params = new URLSearchParams(window.location.search);
    const selected = {};
    for (const name of filters) {
      if (params.getAll(name).length) selected[name] = params.getAll(name);
    }
    const search = instance();
    // Loading runs the faceted empty search; what the address asks for comes after it.
    await search.triggerLoad();
    if (params.get("q") || Object.keys(selected).length) {
      search.triggerSearchWithFilters(params.get("q") || "", selected);
    }
    search.on("search", (term, chosen) => {
      const url = searchPageUrl(term, chosen || {});
      window.history.replaceState(null, "", url.pathname + url.search);
      showChosen(container, chosen || {});
    }, container);
    // Dropdowns draw their buttons once the filters have loaded, and again on updates.
    search.on("filters", () => showChosen(container, search.searchFilters || {}), container);
    // Straight to typing, unless the address already asked for something (a phone's
    // keyboard would then cover the results).
    if (!params.toString()) input.focus?.();
  }

  // A dropdown shows only how many values are chosen; say which ("Dimensi: Smart Living").
  // Its button has the combobox role, which takes no name from its text: name it too.
  function showChosen(container, chosen) {
    for (const dropdown of container.querySelectorAll("pagefind-filter-dropdown")) {
      const name = dropdown.getAttribute("filter");
      const text = chosen[name]?.length ? `${name}: ${chosen[name].join(", ")}` : name;
      const label = dropdown.querySelector(".pf-dropdown-trigger-label");
      if (label) label.textContent = text;
      dropdown.querySelector(".pf-dropdown-trigger")?.setAttribute("aria-label", text);
    }
  }

  /* Wiring. */

  const searchPage = document.querySelector("[data-rc-search-page]");
  const focusPageInput = () => searchPage.querySelector("pagefind-input input")?.focus();

  for (const control of document.querySelectorAll("[data-rc-search-open]")) {
    control.setAttribute("role", "button");
    control.setAttribute("aria-haspopup", "dialog");
    control.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return; // new tab: the Cari page
      event.preventDefault();
      if (searchPage) focusPageInput();
      else openModal(control);
    });
    // A link that acts as a button answers the space bar too.
    control.addEventListener("keydown", (event) => {
      if (event.key === " ") {
        event.preventDefault();
        control.click();
      }
    });
  }

  const typing = (target) =>
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (modal?.isOpen) return;
    event.preventDefault();
    if (searchPage) focusPageInput();
    else openModal(document.querySelector("[data-rc-search-open]"));
  });

  if (searchPage) buildSearchPage(searchPage);
})();
