// A talk's time in the visitor's own time zone, beside the site's time.
// The page is complete without this file.
for (const line of document.querySelectorAll(".local-time[data-start]")) {
  const start = new Date(line.dataset.start);
  const end = new Date(line.dataset.end);
  const lang = document.documentElement.lang;
  const day = new Intl.DateTimeFormat(lang, { dateStyle: "full" }).format(start);
  const hours = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  line.querySelector(".local-value").textContent =
    `${day} ${hours.format(start)}–${hours.format(end)} (${zone})`;
  line.hidden = false;
}
