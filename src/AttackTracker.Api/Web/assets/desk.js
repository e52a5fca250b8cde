// The desk's review page (docs/desk.md), enhanced: take a passage from a selection in the text,
// search on Enter in the search field, and submit the report once. Without it the page works the
// same way (the words typed, the Search button, the server's idempotency key).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("review");
  const article = document.getElementById("article");
  if (!form || !article) {
    return;
  }

  // The offset of a point of the DOM in the article's text: the text nodes before it, counted in
  // UTF-16 code units as the server counts them (the page prints the text and nothing else).
  const offset = (node, within) => {
    const range = document.createRange();
    range.setStart(article, 0);
    range.setEnd(node, within);
    return range.toString().length;
  };
  const take = document.getElementById("take-selection");
  const words = document.getElementById("adding-words");
  const start = document.getElementById("adding-start");
  const end = document.getElementById("adding-end");
  if (take && words && start && end) {
    take.hidden = false;
    take.addEventListener("click", () => {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
        words.focus();
        return;
      }
      const range = selection.getRangeAt(0);
      if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) {
        words.focus();
        return;
      }
      start.value = String(offset(range.startContainer, range.startOffset));
      end.value = String(offset(range.endContainer, range.endOffset));
      words.value = range.toString();
      words.focus();
    });
    words.addEventListener("input", () => {
      start.value = "";
      end.value = "";
    });
  }

  const search = document.getElementById("search");
  const searchButton = form.querySelector("button[formaction*='handler=Search']");
  if (search && searchButton) {
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        searchButton.click();
      }
    });
  }

  let sent = false;
  form.addEventListener("submit", (event) => {
    if (sent) {
      event.preventDefault();
      return;
    }
    sent = true;
    const button = event.submitter;
    if (button && button.hasAttribute("data-once")) {
      button.setAttribute("aria-disabled", "true");
      button.textContent = "Submitting…";
    }
  });
});
