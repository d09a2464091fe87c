/* Rencana search: the header control of every page and the Cari page, on Pagefind.
 *
 * A citizen can type at once. The search field is ours and is there from the start:
 * a tap on the control or `/` opens a small dialog of this file with its field
 * focused; the Cari page has its field in its HTML. Pagefind loads only then, while
 * the citizen types, and what was typed meanwhile is searched as soon as it is ready.
 * The field is never swapped for another, so a phone's keyboard stays open and no
 * keystroke is lost.
 *
 * The dialog drives Pagefind's engine (pagefind.js, 13 KB compressed, and its
 * WebAssembly) directly and draws the results itself; the Cari page adds Pagefind's
 * Component UI (about 45 KB more) for its filters. Every address is worked out from
 * this file's own URL, so search works wherever the site is served: at a domain's
 * root, under a GitHub Pages sub-path (/<repo>/) or under `mkdocs serve`.
 */
(() => {
  "use strict";

  // This file is <site>/assets/search.js.
  const site = new URL("../", document.currentScript.src);
  const bundle = new URL("pagefind/", site);
  const DEBOUNCE_MS = 300;
  // The build's id, written here by a published build (macros/publish/offline.py): Pagefind asks
  // for its entry file under it, so that the offline worker can keep it; a deploy changes it.
  // `mkdocs serve` leaves the mark, and Pagefind asks afresh every time.
  const BUILD = "@rencana-build@";
  const cacheTag = BUILD.startsWith("@") ? {} : { metaCacheTag: BUILD };

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  /* Loading Pagefind. Its pieces would otherwise come one after another (the engine,
     then its WebAssembly, then the index): on a slow connection each waits for the
     last. What can be asked for at once is. The engine runs in the page (`noWorker`):
     a worker would fetch the WebAssembly again for itself instead of this copy. */

  let engine = null;
  let components = null;

  function preload(href, as) {
    const link = element("link", { href: new URL(href, bundle).href });
    if (as === "module") {
      link.rel = "modulepreload";
    } else {
      link.rel = "preload";
      link.as = as;
      link.crossOrigin = "anonymous"; // as Pagefind's own fetch() asks for it
    }
    document.head.append(link);
  }

  function preloadEngine() {
    const language = (document.documentElement.lang || "unknown").toLowerCase();
    preload("pagefind.js", "module");
    preload(`wasm.${language}.pagefind`, "fetch");
  }

  function loadEngine() {
    if (!engine) {
      preloadEngine();
      engine = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: site.pathname, excerptLength: 18, noWorker: true, ...cacheTag });
        await pagefind.init();
        return pagefind;
      });
      engine.catch(() => {
        engine = null; // the next keystroke or opening tries again (a phone back online)
      });
    }
    return engine;
  }

  function stylesheet(href) {
    return new Promise((resolve, reject) => {
      const link = element("link", { rel: "stylesheet", href });
      link.onload = resolve;
      link.onerror = () => reject(new Error(`cannot load ${href}`));
      document.head.append(link);
    });
  }

  function loadComponents() {
    if (!components) {
      preloadEngine();
      components = Promise.all([
        stylesheet(new URL("pagefind-component-ui.css", bundle).href),
        stylesheet(new URL("assets/search.css", site).href),
        new Promise((resolve, reject) => {
          const script = element("script", { src: new URL("pagefind-component-ui.js", bundle).href });
          script.onload = resolve;
          script.onerror = () => reject(new Error("cannot load Pagefind"));
          document.head.append(script);
        }),
      ]).then(configure);
      components.catch(() => {
        components = null;
      });
    }
    return components;
  }

  // Must be in the document before any other Pagefind element: it configures the
  // instance they share. Absolute paths, because result links are built from them.
  function configure() {
    document.body.append(element("pagefind-config", {
      "bundle-path": bundle.pathname,
      "base-url": site.pathname,
      "excerpt-length": "18",
      "no-worker": "",
      faceted: "", // a filter alone, without a word, lists every page that matches it
      ...(cacheTag.metaCacheTag ? { "meta-cache-tag": cacheTag.metaCacheTag } : {}),
    }));
    const search = instance();
    // Pagefind announces a filter value as "selected" or "deselected", in English whatever the language.
    const announceRaw = search.announceRaw.bind(search);
    search.announceRaw = (text, mode) =>
      announceRaw(text.replace(/ (de)?selected$/, (_, de) => (de ? " tidak dipilih lagi" : " dipilih")), mode);
    return search;
  }

  function instance() {
    return window.PagefindComponents.getInstanceManager().getInstance("default");
  }

  // A result: the title as its link; for a program its id, dimension and status, then its
  // lead agency and years (the page's data-pagefind-meta, see macros/render/search.py);
  // then the excerpt. Text goes in as text; only the excerpt is HTML, escaped by Pagefind
  // but for its <mark>s.
  function renderResult(result) {
    const meta = result.meta || {};
    const item = element("li", { class: "rc-result md-typeset" }, [
      element("a", { class: "rc-result__title", href: result.url }, [meta.title || result.url]),
    ]);
    if (meta.program) {
      item.append(
        element("p", { class: "rc-result__meta" }, [
          element("span", { class: "rc-id" }, [meta.program]), " ",
          element("span", {}, [meta.dimension || ""]), " ",
          element("span", { class: `rc-status rc-status--${meta.status_key}` }, [meta.status || ""]),
        ]),
        element("p", { class: "rc-result__meta rc-result__who" }, [
          element("span", {}, [meta.lead || ""]), " · ",
          element("span", { class: "rc-nowrap" }, [meta.years || ""]),
        ]),
      );
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
    shimmerOnlyInView(list);
    return list;
  }

  // Pagefind draws a shimmering placeholder for each result not loaded yet, and loads a result
  // as it scrolls into view. Off screen, its placeholders shimmered for as long as the page
  // stayed open: on the Cari page of 57 results, 54 of them kept 0.7 of a core busy in
  // Chromium (a phone's battery, and its typing, pay for that). A placeholder now shimmers
  // only while it is in view, where its result is loading (search.css stops the others).
  function shimmerOnlyInView(list) {
    if (!("IntersectionObserver" in window)) return; // the placeholders then stay still
    const PLACEHOLDER = "li.pf-result";
    const inView = new IntersectionObserver((entries) => {
      for (const entry of entries) entry.target.toggleAttribute("data-rc-in-view", entry.isIntersecting);
    });
    // Each new search draws its list anew: a placeholder may come alone or inside its list.
    const placeholders = (node) => (node instanceof Element
      ? [...(node.matches(PLACEHOLDER) ? [node] : []), ...node.querySelectorAll(PLACEHOLDER)]
      : []);
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) placeholders(node).forEach((item) => inView.observe(item));
        for (const node of change.removedNodes) placeholders(node).forEach((item) => inView.unobserve(item));
      }
    }).observe(list, { childList: true, subtree: true });
  }

  function searchPageUrl(term, filters = {}) {
    const url = new URL("cari/", site);
    if (term) url.searchParams.set("q", term);
    for (const [name, values] of Object.entries(filters)) {
      for (const value of values) url.searchParams.append(name, value);
    }
    return url;
  }

  const LOADING = "Memuat pencarian…";
  const FAILED = "Pencarian tidak dapat dimuat. Periksa sambungan internet Anda, lalu coba lagi.";

  // A search field of ours: `load` starts when the citizen opens search or types; once it
  // is done, `search` runs with what the field holds, then again as it changes (after a
  // pause, as Pagefind's own field does).
  function connectField(input, status, load, search) {
    let timer = null;
    let ready = false;
    const start = () => {
      if (!ready) status.textContent = LOADING;
      return load().then(() => {
        if (ready) return;
        ready = true;
        status.textContent = "";
        search(input.value);
      }, () => {
        status.textContent = FAILED;
      });
    };
    input.addEventListener("input", () => {
      if (!ready) {
        start();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => search(input.value), DEBOUNCE_MS);
    });
    return start;
  }

  /* The dialog opened from the header: the engine alone, results drawn here. */

  const PAGE_SIZE = 10;
  let dialog = null;
  let openField = null;
  let returnFocus = null;

  function buildDialog() {
    const input = element("input", {
      type: "search", id: "rc-search-dialog-input", class: "rc-search-field",
      placeholder: "Cari program, kegiatan, OPD…", autocomplete: "off", autocapitalize: "none",
      spellcheck: "false", enterkeyhint: "search",
    });
    const status = element("p", { class: "rc-search-status", role: "status" });
    const list = element("ol", { class: "rc-results", "aria-label": "Hasil pencarian" });
    const moreResults = element("button", { type: "button", class: "rc-results__more", hidden: "" }, [
      "Tampilkan hasil berikutnya",
    ]);
    const body = element("div", { class: "rc-search-dialog__body" }, [status, list, moreResults]);
    const close = element("button", { type: "button", class: "rc-search-dialog__close" }, ["Tutup"]);
    const cari = element("a", { class: "rc-search-more", href: searchPageUrl("").href }, [
      "Saring hasil menurut dimensi, status, OPD atau tahun di halaman Cari",
    ]);
    dialog = element("dialog", { class: "rc-search-dialog", "aria-labelledby": "rc-search-dialog-title" }, [
      element("div", { class: "rc-search-dialog__bar", role: "search" }, [
        element("label", { for: input.id, id: "rc-search-dialog-title", class: "rc-visually-hidden" }, [
          "Cari di situs ini",
        ]),
        input,
        close,
      ]),
      body,
      cari,
    ]);
    document.body.append(dialog);

    let latest = 0;
    let found = [];
    async function show(count) {
      const shown = list.children.length;
      const items = await Promise.all(found.slice(shown, count).map((result) => result.data()));
      list.append(...items.map(renderResult));
      moreResults.hidden = list.children.length >= found.length;
    }
    // Offline, only the pages saved on the device can be shown: the others' text cannot load.
    async function reachable(results) {
      if (navigator.onLine) return results;
      const loaded = await Promise.allSettled(results.map((result) => result.data()));
      return results.filter((_, index) => loaded[index].status === "fulfilled");
    }
    openField = connectField(input, status, loadEngine, async (term) => {
      const asked = ++latest;
      cari.href = searchPageUrl(term.trim()).href;
      if (!term.trim()) {
        found = [];
        list.replaceChildren();
        moreResults.hidden = true;
        status.textContent = "";
        return;
      }
      list.setAttribute("aria-busy", "true");
      const pagefind = await loadEngine();
      const search = await pagefind.search(term);
      if (asked !== latest) return; // the citizen has typed on meanwhile
      found = await reachable(search.results);
      if (asked !== latest) return;
      list.replaceChildren();
      await show(PAGE_SIZE);
      if (asked !== latest) return;
      list.removeAttribute("aria-busy");
      const where = navigator.onLine ? "" : " di halaman yang tersimpan";
      status.textContent = found.length
        ? `Ditemukan ${found.length.toLocaleString("id-ID")} hasil untuk ${term.trim()}${where}`
        : `${term.trim()} tidak ditemukan${where}`;
    });

    moreResults.addEventListener("click", async () => {
      const next = list.children.length;
      await show(next + PAGE_SIZE);
      list.children[next]?.querySelector("a")?.focus();
    });
    close.addEventListener("click", () => dialog.close());
    // A tap on the backdrop (the dialog element itself, around its content) closes it.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("keydown", (event) => resultKeys(event, input, list));
    // Back to where the citizen was (or to the control) when the dialog closes. The event
    // comes a task after close(): if the dialog has been opened again since, it is stale.
    dialog.addEventListener("close", () => {
      if (dialog.open) return;
      document.documentElement.classList.remove("rc-search-open");
      const target = returnFocus?.isConnected ? returnFocus : document.querySelector("[data-rc-search-open]");
      returnFocus = null;
      target?.focus();
    });
  }

  // Escape closes the dialog. Between the field and the results: Enter or ↓ goes to the first result (on a phone this
  // also puts the keyboard away to show them), ↑ and ↓ move between results, and typing
  // on a result goes back to the field.
  function resultKeys(event, input, list) {
    if (event.key === "Escape") {
      // A search field would first only clear itself.
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const links = [...list.querySelectorAll("a.rc-result__title")];
    const at = links.indexOf(event.target);
    if (event.target === input) {
      if ((event.key === "ArrowDown" || event.key === "Enter") && links.length) {
        event.preventDefault();
        links[0].focus();
      }
    } else if (at >= 0 && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      (links[at + (event.key === "ArrowDown" ? 1 : -1)] || (event.key === "ArrowUp" ? input : links[at])).focus();
    } else if (at >= 0 && (event.key.length === 1 || event.key === "Backspace") && event.key !== " ") {
      event.preventDefault();
      input.focus();
      if (event.key !== "/") {
        input.value = event.key === "Backspace" ? input.value.slice(0, -1) : input.value + event.key;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  }

  // Synchronous up to the focused field: what is typed from now on lands in it.
  function openDialog(opener) {
    if (!dialog) buildDialog();
    if (dialog.open) return;
    const active = document.activeElement;
    returnFocus = active && active !== document.body ? active : opener;
    document.documentElement.classList.add("rc-search-open");
    dialog.showModal();
    const input = dialog.querySelector("input");
    input.focus();
    input.select();
    openField();
  }

  /* The Cari page: the full interface, with filters, addressable by URL
     (cari/?q=sampah&Dimensi=Smart+Environment). */

  const searchPage = document.querySelector("[data-rc-search-page]");

  function buildSearchPage(container) {
    const filters = JSON.parse(container.dataset.filters);
    const input = container.querySelector("input[type=search]");
    const status = container.querySelector("[data-rc-search-status]");
    const params = new URLSearchParams(window.location.search);
    container.querySelector("[data-rc-search-form]").hidden = false;
    if (params.get("q") && !input.value) input.value = params.get("q");
    // Straight to typing, unless the address already asked for something (a phone's
    // keyboard would then cover the results).
    if (!params.toString()) input.focus();

    container.setAttribute("aria-busy", "true");
    let started = false;
    const open = connectField(input, status, loadComponents, async (term) => {
      const search = instance();
      if (started) {
        search.triggerSearch(term);
        return;
      }
      started = true;
      container.removeAttribute("aria-busy");
      const dropdowns = filters.map((name) =>
        element("pagefind-filter-dropdown", {
          filter: name, label: name, sort: "alphabetical", "single-select": "", "hide-clear": "",
        }));
      // One value per filter (a program has one dimension, status…; "Tahun" asks "running
      // in that year"); filters combine, each narrowing the results.
      speakIndonesian(container);
      container.append(
        element("div", { class: "rc-search-filters" }, dropdowns),
        element("pagefind-summary"),
        results(),
      );

      const selected = {};
      for (const name of filters) {
        if (params.getAll(name).length) selected[name] = params.getAll(name);
      }
      // The address follows the search, to share it or come back to it.
      search.on("search", (searched, chosen) => {
        const url = searchPageUrl(searched, chosen || {});
        window.history.replaceState(null, "", url.pathname + url.search);
        showChosen(container, chosen || {});
      }, container);
      // Dropdowns draw their buttons once the filters have loaded, and again on updates.
      search.on("filters", () => showChosen(container, search.searchFilters || {}), container);
      // Loading runs the faceted empty search; what the address or the field asks for comes after it.
      await search.triggerLoad();
      if (term || Object.keys(selected).length) search.triggerSearchWithFilters(term, selected);
    });
    open().then(() => {
      if (!started) container.removeAttribute("aria-busy"); // failed: the status says so
    });
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

  // Pagefind names each option of a filter "Smart Living, 5 results" for screen readers,
  // in English whatever the language: say it in Indonesian, whenever it draws them.
  function speakIndonesian(container) {
    const fix = (node) => {
      const label = node.getAttribute?.("aria-label");
      const english = label && /, (\d+) results?$/.exec(label);
      if (english) node.setAttribute("aria-label", `${label.slice(0, english.index)}, ${english[1]} hasil`);
    };
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") fix(change.target);
        for (const node of change.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE) continue;
          fix(node);
          node.querySelectorAll("[aria-label]").forEach(fix);
        }
      }
    }).observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"] });
  }

  /* Wiring. */

  const focusPageInput = () => searchPage.querySelector("input[type=search]")?.focus();

  for (const control of document.querySelectorAll("[data-rc-search-open]")) {
    control.setAttribute("role", "button");
    control.setAttribute("aria-haspopup", "dialog");
    control.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return; // new tab: the Cari page
      event.preventDefault();
      if (searchPage) focusPageInput();
      else openDialog(control);
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

  // The theme's own single-key shortcuts (p and n go to the previous and next page,
  // s and f to its search, which is off) listen on `window`: keys pressed in search, or
  // while the search dialog is open, stop here on the document and never reach them.
  document.addEventListener("keydown", (event) => {
    const inSearch = dialog?.open || event.target.closest?.(".rc-search-dialog, [data-rc-search-page]");
    if (inSearch) {
      event.stopPropagation();
      return;
    }
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    if (searchPage) focusPageInput();
    else openDialog(document.querySelector("[data-rc-search-open]"));
  });

  if (searchPage) buildSearchPage(searchPage);
})();
