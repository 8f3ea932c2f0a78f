// bantin's service worker, turned off by the operator (`[offline] enabled = false`
// in site.toml): it removes the site's caches and unregisters itself, so readers
// who had the offline worker get plain network pages again. Pages no longer register one.
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const k of await caches.keys()) if (k.startsWith("bantin-")) await caches.delete(k);
      await self.registration.unregister();
    })(),
  );
});
