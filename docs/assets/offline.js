/* Rencana offline: the plan stays readable without a connection (guide/offline.md).
 *
 * Loaded only by a published build (never by `mkdocs serve`), and does nothing where the
 * browser has no service workers: then the site is exactly as without this file.
 * - Registers the site's service worker (sw.js, at the site's root), once the page has
 *   loaded, so that it never competes with the first visit on a slow connection.
 * - On a page shown from the cache: a quiet note saying when it was saved.
 * - On the offline page (luring/): the list of this site's saved pages.
 * - On the home page and Cetak: "Simpan untuk dibaca luring", which saves every page and the
 *   search index (offline.json lists them), with its progress, and removes them again.
 */
(() => {
  "use strict";

  if (!("serviceWorker" in navigator) || !window.caches) return;

  // This file is <site>/assets/offline.js.
  const site = new URL("../", document.currentScript.src);
  const PREFIX = `rencana:${site.pathname}:`; // the worker's caches of this site (sw.js)
  const MANIFEST = new URL("offline.json", site).href;
  const SAVED_ALL = new URL("offline.json?tersimpan", site).href; // set once the whole plan is saved
  const OFFLINE_PAGE = new URL("luring/", site).href;
  const PARALLEL = 4;

  let registering = null;
  function register() {
    registering = navigator.serviceWorker.register(new URL("sw.js", site).href, { scope: site.pathname });
    registering.catch(() => {
      // A private window or a browser that refuses: the site works as before.
    });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  function when(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? ""
      : date.toLocaleString("id-ID", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
  }

  async function siteCaches() {
    const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
    return Promise.all(names.map((name) => caches.open(name)));
  }

  /* A page shown from the cache says so, quietly. */

  const saved = document.querySelector('meta[name="rencana-saved"]');
  const list = document.querySelector("[data-rc-offline-list]");
  const content = document.querySelector(".md-content__inner");
  if (saved && !list && content) {
    content.prepend(
      element("p", { class: "rc-offline-note", role: "note" }, [
        `Salinan luring, disimpan di perangkat ini pada ${when(saved.content)}. Isinya mungkin sudah berubah.`,
      ]),
    );
  }

  /* The offline page: every page of this site saved on the device. */

  // Titles come as the page's <title> (HTML, escaped): read as text, never as markup.
  function plain(html) {
    return new DOMParser().parseFromString(html, "text/html").documentElement.textContent.trim();
  }

  async function showSaved(container) {
    const pages = new Map();
    for (const cache of await siteCaches()) {
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const title = response && response.headers.get("X-Rencana-Title");
        if (title === null || !response || request.url === OFFLINE_PAGE || pages.has(request.url)) continue;
        const name = plain(decodeURIComponent(title)).replace(/ - [^-]*$/, "") || request.url;
        pages.set(request.url, { name, saved: response.headers.get("X-Rencana-Saved") });
      }
    }
    const status = container.querySelector("[data-rc-offline-count]");
    const sorted = [...pages].sort((a, b) => a[1].name.localeCompare(b[1].name, "id"));
    status.textContent = sorted.length
      ? `${sorted.length.toLocaleString("id-ID")} halaman tersimpan di perangkat ini:`
      : "Belum ada halaman rencana ini yang tersimpan di perangkat ini.";
    container.append(
      element(
        "ul",
        { class: "rc-offline-list" },
        sorted.map(([url, page]) =>
          element("li", {}, [
            element("a", { href: url }, [page.name]),
            " ",
            element("span", { class: "rc-offline-list__when" }, [`disimpan ${when(page.saved)}`]),
          ]),
        ),
      ),
    );
  }

  if (list) {
    list.hidden = false;
    // Opened by its link rather than shown by the worker in place of a page never saved (which
    // gives it a <base>): it is the list of saved pages, not news of being offline.
    if (!document.querySelector("base")) {
      const heading = document.querySelector(".md-content h1");
      if (heading) heading.textContent = "Halaman tersimpan";
      document.querySelector("[data-rc-offline-intro]")?.setAttribute("hidden", "");
      list.querySelector("h2")?.setAttribute("hidden", ""); // the title says it now
    }
    const retry = document.querySelector("[data-rc-offline-retry]");
    if (retry) {
      retry.hidden = false;
      retry.addEventListener("click", () => window.location.reload());
    }
    showSaved(list);
  }

  /* "Simpan untuk dibaca luring". */

  // Saving goes through the worker: wait until it controls this page (just installed, it claims
  // the page when it activates; asked again in case the page was loaded past it).
  async function controlled() {
    await registering; // refused: saving fails at once, and says so
    const registration = await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    const claimed = new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
    );
    registration.active?.postMessage("claim");
    await claimed;
  }

  async function isSavedAll() {
    for (const cache of await siteCaches()) if (await cache.match(SAVED_ALL)) return true;
    return false;
  }

  // Each address through the worker, which saves it; false if it did not come from the network.
  async function save(address, isPage) {
    try {
      const response = await fetch(address, isPage ? { headers: { "X-Rencana-Save": "1" } } : {});
      await response.arrayBuffer();
      return response.ok && !response.headers.has("X-Rencana-Offline");
    } catch {
      return false;
    }
  }

  function setUpSaving(section) {
    const start = section.querySelector("[data-rc-offline-start]");
    const remove = section.querySelector("[data-rc-offline-remove]");
    const progress = section.querySelector("[data-rc-offline-progress]");
    const status = section.querySelector("[data-rc-offline-status]");
    const show = (savedAll) => {
      start.hidden = savedAll;
      remove.hidden = !savedAll;
    };
    section.hidden = false;
    isSavedAll().then((savedAll) => {
      show(savedAll);
      if (savedAll) status.textContent = "Seluruh rencana ini tersimpan di perangkat ini dan bisa dibaca tanpa internet.";
    });

    start.addEventListener("click", async () => {
      start.disabled = true;
      status.textContent = "Menyiapkan…";
      try {
        await controlled();
        const manifest = await (await fetch(MANIFEST, { cache: "no-cache" })).json();
        const queue = [
          ...manifest.pages.map((path) => [new URL(path, site).href, true]),
          ...manifest.search.map((path) => [new URL(path, site).href, false]),
        ];
        const total = queue.length;
        let done = 0;
        let failed = 0;
        progress.max = total;
        progress.value = 0;
        progress.hidden = false;
        status.textContent = `Menyimpan ${total.toLocaleString("id-ID")} berkas (${manifest.size})…`;
        navigator.storage?.persist?.().catch(() => undefined); // ask the browser not to clear it when space is short
        const worker = async () => {
          while (queue.length) {
            const [address, isPage] = queue.shift();
            if (!(await save(address, isPage))) failed += 1;
            done += 1;
            progress.value = done;
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        progress.hidden = true;
        if (failed) {
          status.textContent = `${failed.toLocaleString("id-ID")} berkas belum tersimpan. Periksa sambungan internet, lalu tekan Simpan lagi.`;
        } else {
          for (const cache of await siteCaches()) await cache.put(SAVED_ALL, new Response(manifest.build));
          status.textContent = "Seluruh rencana ini tersimpan di perangkat ini dan bisa dibaca tanpa internet.";
          show(true);
          remove.focus();
        }
      } catch {
        progress.hidden = true;
        status.textContent = "Rencana tidak dapat disimpan. Periksa sambungan internet, lalu coba lagi.";
      } finally {
        start.disabled = false;
      }
    });

    // Everything but the shell the worker needs (home, Cari, the offline page) goes.
    remove.addEventListener("click", async () => {
      for (const cache of await siteCaches()) {
        const manifest = await (await cache.match(MANIFEST))?.json();
        const kept = new Set([MANIFEST, ...(manifest?.shell || []).map((path) => new URL(path, site).href)]);
        for (const request of await cache.keys()) {
          if (!kept.has(request.url)) await cache.delete(request);
        }
      }
      status.textContent = "Salinan luring rencana ini sudah dihapus dari perangkat ini.";
      show(false);
      start.focus();
    });
  }

  const section = document.querySelector("[data-rc-offline-save]");
  if (section) setUpSaving(section);
})();
