// The search page: Pagefind's index of this page's language, run on the
// query in the address (?q=...), with filters and highlighted excerpts.
// Without this script the page says search needs it and links elsewhere.

const ui = document.querySelector(".search-ui");
const form = document.querySelector(".search-form");
const input = form.querySelector('input[name="q"]');
const status = ui.querySelector(".search-status");
const list = ui.querySelector(".search-results");
const filterBox = ui.querySelector(".search-filters");
const FILTERS = ["kind", "type", "country", "level", "status"];
const chosen = new Map(FILTERS.map((name) => [name, new Set()]));
const moreButton = Object.assign(document.createElement("button"), {
  type: "button",
  className: "search-more",
  textContent: ui.dataset.more,
});

document.querySelector(".search-needs-script").hidden = true;
ui.hidden = false;

// Under `make serve` the index follows the pages by some seconds: say so
// while it is older than they are (the build writes data-status's file).
async function watchIndex() {
  const notice = ui.querySelector(".search-stale");
  let wasStale = false;
  for (;;) {
    let stale;
    try {
      const response = await fetch(ui.dataset.status, { cache: "no-store" });
      ({ stale } = await response.json());
    } catch {
      return; // no status to show: the server went away, or the build removed it
    }
    if (stale || wasStale) {
      notice.textContent = stale ? ui.dataset.stale : ui.dataset.fresh;
      notice.hidden = false;
    }
    if (!stale) return;
    wasStale = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
if (ui.dataset.status) watchIndex();

performance.mark("search-start");
const bundle = ui.dataset.bundle;
const pagefind = await import(`${bundle}pagefind.js`);
const OPTIONS = { excerptLength: 24 };
await pagefind.options(OPTIONS);
// A large site's languages are indexed in parts (the build lists them in
// parts.json, checked anew each time: a new build may have others): the
// first is in the bundle, the others are merged into it. A part that cannot
// be loaded leaves search to the others.
async function mergeParts() {
  const response = await fetch(`${bundle}parts.json`, { cache: "no-cache" });
  const parts = response.ok ? await response.json() : {};
  for (const part of parts[ui.dataset.lang] || []) {
    try {
      await pagefind.mergeIndex(`${bundle}${part}`, OPTIONS);
    } catch (error) {
      console.warn(`Search index part ${part} could not be loaded`, error);
    }
  }
}
await mergeParts().catch((error) => console.warn("Search index parts unknown", error));
// Searches count results per filter only once the filters are loaded; they
// load beside the first search, which draws its results before its filters.
const allFilters = pagefind.filters();

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function renderFilters(counts) {
  filterBox.replaceChildren();
  for (const name of FILTERS) {
    const values = Object.entries(counts[name] || {}).filter(
      ([value, count]) => count > 0 || chosen.get(name).has(value),
    );
    if (values.length === 0) continue;
    const group = element("fieldset", { className: "search-filter" }, [
      element("legend", { textContent: ui.dataset[`label${name[0].toUpperCase()}${name.slice(1)}`] }),
    ]);
    for (const [value, count] of values) {
      const box = element("input", { type: "checkbox", checked: chosen.get(name).has(value) });
      box.addEventListener("change", () => {
        if (box.checked) chosen.get(name).add(value);
        else chosen.get(name).delete(value);
        run();
      });
      group.append(element("label", {}, [box, ` ${value} (${count})`]));
    }
    filterBox.append(group);
  }
}

// Searches overlap (one on load, with what was typed while the index
// loaded, and one on submit): only the latest may show its results.
let latest = 0;

async function run() {
  const mine = ++latest;
  const query = input.value.trim();
  const filters = {};
  for (const [name, values] of chosen) if (values.size) filters[name] = { any: [...values] };
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = "";
    list.replaceChildren();
    moreButton.remove();
    const counts = await allFilters;
    if (mine === latest) renderFilters(counts);
    return;
  }
  let search = await pagefind.search(query || null, { filters });
  if (mine !== latest) return;
  const count = search.results.length;
  status.textContent = count === 0 ? ui.dataset.none : (count === 1 ? ui.dataset.one : ui.dataset.many).replace("{n}", count);
  list.replaceChildren();
  if (!(await showResults(search.results, 0, mine))) return;
  ui.dataset.searched = query; // for tests and benchmarks: this query's results are shown
  performance.measure("search", "search-start");
  if (Object.keys(search.filters).length === 0) {
    await allFilters; // the first search ran before the filters had loaded
    search = await pagefind.search(query || null, { filters });
  }
  if (mine === latest) renderFilters(search.filters);
}

// Results come PAGE at a time; "More results" loads the next ones. Returns
// whether they were shown: not once a later search has begun (`mine`).
const PAGE = 10;

async function showResults(results, from, mine) {
  moreButton.remove();
  const shown = await Promise.all(results.slice(from, from + PAGE).map((result) => result.data()));
  if (mine !== latest) return false;
  list.append(
    ...shown.map((result) => {
      const excerpt = element("p", { className: "search-excerpt" });
      excerpt.innerHTML = result.excerpt; // Pagefind escapes the text and adds <mark>
      const meta = [result.meta.kind, result.meta.date].filter(Boolean).join(" · ");
      return element("li", { className: "search-result" }, [
        element("h2", {}, [element("a", { href: result.url, textContent: result.meta.title })]),
        element("p", { className: "meta", textContent: meta }),
        excerpt,
      ]);
    }),
  );
  if (from + PAGE < results.length) {
    moreButton.onclick = () => showResults(results, from + PAGE, mine);
    list.after(moreButton);
  }
  return true;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value.trim());
  history.pushState(null, "", url);
  run();
});

window.addEventListener("popstate", () => {
  input.value = new URLSearchParams(location.search).get("q") || "";
  run();
});

// What was typed while the index loaded stays, unless the address has a query.
const asked = new URLSearchParams(location.search).get("q");
if (asked !== null) input.value = asked;
run();
