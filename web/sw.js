// Keeps the web game working offline once loaded: the page, its script and the game are
// kept in the browser's cache, named after this build (web/build fills in the version),
// and served from there first. A new build's version replaces the old cache.
const CACHE = "terawatt-__VERSION__";
const FILES = [
  "./", "./index.html", "./terawatt.js", "./terawatt_bg.wasm.gz",
  "./assets/shaders/earth.wgsl", "./assets/shaders/satellite.wgsl",
  "./assets/textures/earth_day.png", "./assets/textures/earth_night.png", "./assets/textures/moon.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))),
  );
  self.clients.claim();
});

self.addEventListener("fetch", (event) => {
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit || fetch(event.request)));
});
