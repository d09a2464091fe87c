/* Rencana's service worker: the plan stays readable offline after one visit (guide/offline.md).
 *
 * Written by the build as sw.js at the site's root (a region alone, a region at /<slug>/ of a
 * portal, the portal itself), so that its scope is that site and nothing above it. The build
 * fills in BUILD (a hash of every file of the site) and ELSEWHERE (the portal's regions, each
 * with a worker of its own). A new build is a new sw.js, so the browser installs the new worker
 * on the next online visit; it takes over at once and deletes the caches of older builds.
 *
 * - Pages: from the network first; if it has not answered within TIMEOUT_MS (or fails), the
 *   copy saved when the page was last seen. Each page seen is saved, with the time and its title.
 *   A page never seen, offline: the offline page (luring/), which lists the saved ones.
 * - The theme's files, our assets and Pagefind's files: from the cache, else from the network
 *   and saved (they never change within a build, and the cache is per build).
 * - At install: the shell (home, Cari, the offline page, what they load, the search engine and
 *   its index), from offline.json.
 */
"use strict";

const BUILD = "@build@";
const ELSEWHERE = [];
const TIMEOUT_MS = 3000;

const ROOT = new URL("./", self.location.href);
const PREFIX = `rencana:${ROOT.pathname}:`;
const CACHE = PREFIX + BUILD;
const MANIFEST = new URL("offline.json", ROOT).href;
const OFFLINE_PAGE = new URL("luring/", ROOT).href;
// Headers of a saved page: when it was saved and its title (for the offline page's list).
const SAVED = "X-Rencana-Saved";
const TITLE = "X-Rencana-Title";

/* Which requests are ours. */

function elsewhere(url) {
  return ELSEWHERE.some((folder) => url.pathname.startsWith(new URL(folder, ROOT).pathname));
}

// A page of the site: a folder's index.html, asked for as the folder.
function pageKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/index.html")) key.pathname = key.pathname.slice(0, -"index.html".length);
  return key.pathname.endsWith("/") && key.pathname.startsWith(ROOT.pathname) ? key.href : null;
}

// Files that never change within a build: the theme's, our assets, Pagefind's.
function isStatic(url) {
  return /\/(assets|pagefind)\//.test(url.pathname);
}

/* Saving. */

// A page is saved with a <meta> saying when: a page shown from the cache finds it there.
async function stamped(response) {
  const text = await response.text();
  const now = new Date().toISOString();
  const title = (/<title>([^<]*)<\/title>/.exec(text) || [, ""])[1];
  const headers = new Headers(response.headers);
  headers.set(SAVED, now);
  headers.set(TITLE, encodeURIComponent(title));
  headers.delete("Content-Length");
  const body = text.replace(/<head>/i, `<head><meta name="rencana-saved" content="${now}">`);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

function isPage(response) {
  return response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html");
}

async function savePage(cache, key, response) {
  if (isPage(response)) await cache.put(key, await stamped(response.clone()));
  return response;
}

// A saved page's Pagefind fragment too, so that search offline finds it (offline.json maps them).
let fragments = null;
async function saveFragment(cache, key) {
  if (!fragments) fragments = (await (await cache.match(MANIFEST))?.json())?.fragments || {};
  const name = fragments[key.slice(ROOT.href.length)];
  if (name) await staticFile(new Request(new URL(name, ROOT).href), cache);
}

/* Install: the shell. */

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const answer = await fetch(MANIFEST, { cache: "no-cache" });
      const manifest = await answer.clone().json();
      if (manifest.build !== BUILD) throw new Error("offline.json is of another build: a deploy is under way");
      await cache.put(MANIFEST, answer);
      await Promise.all(
        manifest.shell.map(async (path) => {
          const url = new URL(path, ROOT).href;
          const response = await fetch(url, { cache: "no-cache" });
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          const key = pageKey(url);
          if (key && !isStatic(new URL(url))) {
            await savePage(cache, key, response);
            await saveFragment(cache, key);
          } else {
            await cache.put(url, response);
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

/* Activate: the caches of older builds go; the pages they had saved are kept, as saved then. */

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const name of await caches.keys()) {
        if (!name.startsWith(PREFIX) || name === CACHE) continue;
        const old = await caches.open(name);
        for (const request of await old.keys()) {
          const response = await old.match(request);
          if (response && response.headers.has(SAVED) && !(await cache.match(request))) {
            await cache.put(request, response);
          }
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The save button (offline.js) asks, when its page is not controlled yet.
self.addEventListener("message", (event) => {
  if (event.data === "claim") event.waitUntil(self.clients.claim());
});

/* Fetch. */

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || elsewhere(url)) return;
  if (url.href === self.location.href) return;
  if (isStatic(url)) {
    event.respondWith(staticFile(request));
    return;
  }
  const key = pageKey(url);
  // A page asked for by the browser, or by the "save" button of the home page (offline.js).
  if (key && (request.mode === "navigate" || request.headers.get("X-Rencana-Save"))) {
    event.respondWith(page(event, key));
  }
});

// This build's cache, or null once a newer worker or the kill switch has deleted it: opening it by
// name would bring it back, and the pages this worker still controls would fill it again (seen when
// the kill switch ran while a page loaded: the phone kept a cache that nothing would ever delete).
async function ownCache() {
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

// `cache`: the one a save in progress opened (see ownCache).
async function staticFile(request, cache = null) {
  cache = cache || (await ownCache());
  if (!cache) return fetch(request);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function later(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

async function page(event, key) {
  const cache = await ownCache();
  if (!cache) return fetch(event.request);
  // Past the HTTP cache (GitHub Pages lets it keep a page 10 minutes): a deploy shows at once.
  const network = fetch(event.request.url, { cache: "no-cache" }).then((response) =>
    response.redirected ? response : savePage(cache, key, response),
  );
  // A late answer is still saved, with the page's search fragment.
  event.waitUntil(network.then((response) => isPage(response) && saveFragment(cache, key)).catch(() => undefined));
  const saved = () => cache.match(key);
  try {
    const slow = later(TIMEOUT_MS).then(async () => (await saved()) || network);
    return await Promise.race([network, slow]);
  } catch {
    return (await saved()) || (await offlinePage(cache)) || Response.error();
  }
}

// The offline page in place of a page never seen: the address stays (a reload online shows the
// page), and a <base> makes the offline page's own links work from there.
async function offlinePage(cache) {
  const response = await cache.match(OFFLINE_PAGE);
  if (!response) return null;
  const text = (await response.text()).replace(/<head>/i, `<head><base href="${OFFLINE_PAGE}">`);
  return new Response(text, { headers: { "Content-Type": "text/html; charset=utf-8", "X-Rencana-Offline": "1" } });
}
