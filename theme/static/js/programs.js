// The program catalog, enhanced: combinable filters with counts kept in the
// URL, a shortlist kept in this browser, the comparison table, and programs
// whose deadline has passed since the site was built shown as closed.
// Every page is complete without this file.

const STORE = "program-shortlist";
// Today in the site's time zone, as the build decides "open" (YYYY-MM-DD).
const today = new Intl.DateTimeFormat("en-CA", { timeZone: document.body.dataset.timezone }).format(
  new Date(),
);

function readShortlist() {
  try {
    const ids = JSON.parse(localStorage.getItem(STORE));
    return Array.isArray(ids) ? ids : [];
  } catch {
    return [];
  }
}

function writeShortlist(ids) {
  localStorage.setItem(STORE, JSON.stringify(ids));
}

// A deadline that passed after the build closes the program here too.
for (const item of document.querySelectorAll("[data-program][data-deadline]")) {
  if (item.dataset.deadline >= today) continue;
  if (item.dataset.status) item.dataset.status = "closed";
  if (item.dataset.state) item.dataset.state = "closed";
  for (const badge of item.querySelectorAll(".badge[data-closed]")) {
    badge.textContent = badge.dataset.closed;
    badge.className = "badge badge-closed";
  }
  for (const actions of item.querySelectorAll(".apply-actions")) actions.remove();
  for (const note of item.querySelectorAll(".closed-note")) note.hidden = false;
  for (const days of item.querySelectorAll(".days-left")) days.remove();
}

// The shortlist stars.
for (const star of document.querySelectorAll(".star")) {
  const id = star.dataset.program;
  const status = star.nextElementSibling;
  star.hidden = false;
  star.setAttribute("aria-pressed", String(readShortlist().includes(id)));
  star.addEventListener("click", () => {
    let ids = readShortlist();
    if (ids.includes(id)) {
      ids = ids.filter((other) => other !== id);
    } else if (ids.length >= Number(star.dataset.max)) {
      status.textContent = star.dataset.full;
      return;
    } else {
      ids.push(id);
    }
    status.textContent = "";
    writeShortlist(ids);
    star.setAttribute("aria-pressed", String(ids.includes(id)));
  });
}

// The catalog's facets: the links become toggles that combine (any value
// within a facet, every facet at once) and the state goes into the URL.
const catalog = document.querySelector('[data-catalog="all"]');
if (catalog) {
  const cards = [...catalog.querySelectorAll(".program-card")];
  const results = document.querySelector(".results-count");
  const toggles = [];

  for (const link of document.querySelectorAll(".facet a[data-value]")) {
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "facet-toggle";
    toggle.dataset.facet = link.closest(".facet").dataset.facet;
    toggle.dataset.value = link.dataset.value;
    toggle.innerHTML = link.innerHTML;
    link.replaceWith(toggle);
    toggles.push(toggle);
    toggle.addEventListener("click", () => {
      const params = new URLSearchParams(location.search);
      const values = params.getAll(toggle.dataset.facet);
      params.delete(toggle.dataset.facet);
      const pressed = values.includes(toggle.dataset.value);
      for (const value of values) if (value !== toggle.dataset.value) params.append(toggle.dataset.facet, value);
      if (!pressed) params.append(toggle.dataset.facet, toggle.dataset.value);
      const query = params.toString();
      history.pushState(null, "", query ? `?${query}` : location.pathname);
      apply();
    });
  }

  const values = (card, facet) => (card.dataset[facet] || "").split(" ");

  function matches(card, selection, except) {
    for (const [facet, chosen] of selection) {
      if (facet === except || chosen.size === 0) continue;
      if (!values(card, facet).some((value) => chosen.has(value))) return false;
    }
    return true;
  }

  function apply() {
    const params = new URLSearchParams(location.search);
    const selection = new Map();
    for (const toggle of toggles) {
      selection.set(toggle.dataset.facet, new Set(params.getAll(toggle.dataset.facet)));
    }
    let shown = 0;
    for (const card of cards) {
      card.hidden = !matches(card, selection);
      if (!card.hidden) shown += 1;
    }
    for (const toggle of toggles) {
      const { facet, value } = toggle.dataset;
      const count = cards.filter((card) => matches(card, selection, facet) && values(card, facet).includes(value)).length;
      toggle.querySelector(".count").textContent = `(${count})`;
      toggle.setAttribute("aria-pressed", String(selection.get(facet).has(value)));
    }
    const template = shown === 1 ? results.dataset.one : results.dataset.many;
    results.textContent = template.replace("{n}", shown);
  }

  window.addEventListener("popstate", apply);
  apply();
}

// The comparison page: the shortlisted programs as columns.
const compare = document.querySelector(".compare-table-wrap");
if (compare) {
  document.querySelector(".compare-needs-script").hidden = true;
  const ids = readShortlist().slice(0, Number(compare.dataset.compareMax));
  const sources = ids
    .map((id) => document.querySelector(`.compare-sources dl[data-program="${CSS.escape(id)}"]`))
    .filter(Boolean);
  if (sources.length === 0) {
    document.querySelector(".compare-empty").hidden = false;
  } else {
    const head = compare.querySelector("thead tr");
    for (const source of sources) {
      const th = document.createElement("th");
      th.scope = "col";
      th.innerHTML = source.querySelector('[data-field="title"]').innerHTML;
      head.append(th);
    }
    for (const row of compare.querySelectorAll("tbody tr")) {
      for (const source of sources) {
        const td = document.createElement("td");
        td.innerHTML = source.querySelector(`[data-field="${row.dataset.row}"]`).innerHTML;
        row.append(td);
      }
    }
    compare.hidden = false;
  }
}
