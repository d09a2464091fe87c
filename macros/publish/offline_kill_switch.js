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

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX)) await caches.delete(name);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
    })(),
  );
});
