// Reading a file in steps: a form marked data-doorgaan submits itself for the next step, as its own button would.
document.querySelectorAll("form[data-doorgaan]").forEach(function (form) {
  form.requestSubmit(form.querySelector("button[type=submit]"));
});
