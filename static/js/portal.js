// Portal behaviour without inline scripts (a Content-Security-Policy can forbid them).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);

document.addEventListener("change", function (event) {
  // Filter forms submit themselves when a select changes.
  if (event.target.matches("form[data-autosubmit] select")) {
    event.target.form.requestSubmit();
  }
});
