/* Rencana's kill switch (guide/offline.md): the service worker that removes itself.
 *
 * Written as sw.js when offline reading is off (`offline: false` under `extra:` in mkdocs.yml)
 * and by `mkdocs serve`. A phone that had the worker of an earlier build fetches this one on its
 * next online visit: it deletes every cache of this site, unregisters, and reloads the open
 * pages, which then come from the network as if there had never been a worker.
 */
"use strict";

const PREFIX = `rencana:${new URL("./", self.location.href).pathname}:`;

self.addEventListener("install", () => self.skipWaiting());

async function removeCaches() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX)) await caches.delete(name);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await removeCaches();
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
      // A worker of an earlier build may still be answering a page's requests, and may open its cache
      // again by name (those before ownCache in offline_worker.js did): look again for a while.
      for (let round = 0; round < 5; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await removeCaches();
      }
    })(),
  );
});
