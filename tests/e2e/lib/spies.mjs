// Functions to install in a page before its scripts run (`initScript(fn)`,
// i.e. playwright's addInitScript), recording what the page does.

/** Records each service worker registration attempt in
 * `window.__swRegistrations` (in every frame it is installed in). */
export function spyOnServiceWorkerRegistration() {
  window.__swRegistrations = [];
  const proto = globalThis.ServiceWorkerContainer?.prototype;
  if (!proto) return;
  const register = proto.register;
  proto.register = function (url, ...rest) {
    window.__swRegistrations.push(String(url));
    return register.call(this, url, ...rest);
  };
}
