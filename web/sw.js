// Keeps the web game working offline once loaded: every file of the build (web/build fills
// in the list and a version made from all their contents) is kept in the browser's cache
// and served from there first. A new build is a new version: it is fetched whole, past the
// browser's HTTP cache, and takes over once no page of the old one is open, so a page never
// mixes the files of two builds.
const CACHE = "terawatt-__VERSION__";
const FILES = __FILES__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))),
  );
});

self.addEventListener("fetch", (event) => {
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit || fetch(event.request)));
});
