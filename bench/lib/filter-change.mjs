// The warm filter-change measurement shared by the app and delivery
// benchmarks: from the click on a country box to the changed result count
// painted on screen.

/** Clicks the country box `code` in `page` and resolves with the ms from
 * the click until the result count has changed and a frame has painted. */
export function timeFilterChange(page, code) {
  return page.evaluate(async (code) => {
    const count = document.querySelector('.result-count');
    const before = count.textContent;
    const input = document.querySelector(`.filters input[name="country"][value="${code}"]`);
    const t0 = performance.now();
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (count.textContent !== before) {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe(count, { childList: true, characterData: true, subtree: true });
    });
    input.click();
    await changed;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, code);
}
