// Progressive enhancement only: every page is complete without this file.

// "Copy link": the button stays hidden unless the clipboard can be used.
for (const button of document.querySelectorAll(".copy-link")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const status = button.parentElement.querySelector(".copy-status");
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      status.textContent = status.dataset.done;
    } catch {
      // The browser refused: show the address so it can be copied by hand.
      status.textContent = button.dataset.url;
    }
  });
}
