// The main menu on a phone: closed behind a "Menu" button that opens and closes it (aria-expanded).
// Without this script the menu simply stays open.
(function () {
  "use strict";
  function start() {
    var nav = document.querySelector(".resultaat-nav");
    var knop = nav && nav.querySelector(".resultaat-menuknop");
    if (!knop) {
      return;
    }
    document.documentElement.classList.add("resultaat-js");
    knop.hidden = false;
    knop.addEventListener("click", function () {
      var open = knop.getAttribute("aria-expanded") !== "true";
      knop.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("resultaat-nav--open", open);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
