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

// A table wider than a phone's screen scrolls sideways inside .table-responsive: the scrolling region must be
// reachable with the keyboard too (WCAG 2.1.1), so it joins the tab order whenever it actually overflows.
function focusableScrollRegions(root) {
  root.querySelectorAll(".table-responsive").forEach(function (region) {
    if (region.scrollWidth > region.clientWidth) {
      region.setAttribute("tabindex", "0");
    } else if (region.getAttribute("tabindex") === "0") {
      region.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { focusableScrollRegions(document); });
window.addEventListener("resize", function () { focusableScrollRegions(document); });
document.addEventListener("htmx:afterSettle", function () { focusableScrollRegions(document); });
