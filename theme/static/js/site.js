// Progressive enhancement only: every page is complete without this file.

// "Copy link": the button stays hidden unless the clipboard can be used.
for (const button of document.querySelectorAll(".copy-link")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const status = button.parentElement.querySelector(".copy-status");
    await navigator.clipboard.writeText(button.dataset.url);
    if (status) status.textContent = status.dataset.done;
  });
}
