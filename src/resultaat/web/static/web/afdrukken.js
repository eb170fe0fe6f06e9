// A button with data-afdrukken opens the browser's print dialog (no inline script: see the CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-afdrukken]")) {
    window.print();
  }
});
