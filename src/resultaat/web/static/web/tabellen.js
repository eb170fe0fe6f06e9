// A table wider than its container scrolls sideways (on a phone, a wide list): such a container is made
// reachable by keyboard (tabindex) and named after its table's caption, so that keyboard users can
// scroll it too (WCAG 2.1.1). Containers that do not scroll are left alone.
(function () {
  "use strict";
  function markeer() {
    document.querySelectorAll(".utrecht-table-container, .resultaat-tabel-scroll").forEach(function (bak) {
      if (bak.scrollWidth > bak.clientWidth + 1) {
        bak.setAttribute("tabindex", "0");
        bak.setAttribute("role", "region");
        var bijschrift = bak.querySelector("caption");
        bak.setAttribute("aria-label", bijschrift ? bijschrift.textContent.trim() : "Tabel");
      } else if (bak.getAttribute("role") === "region") {
        bak.removeAttribute("tabindex");
        bak.removeAttribute("role");
        bak.removeAttribute("aria-label");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markeer);
  } else {
    markeer();
  }
  window.addEventListener("resize", markeer);
})();
