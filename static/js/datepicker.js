// Date fields (emulation.widgets.DateInput, marked data-datepicker): typed as dd/mm/yyyy, or picked from a calendar
// (flatpickr, static/vendor/flatpickr/) in the page's language. Typing comes first: the calendar opens only from the
// button beside the field, so focusing or typing in the field never covers the form with it.
(function () {
  function attach(root) {
    if (!window.flatpickr) {
      return;
    }
    var names = document.documentElement.lang === "vi" ? window.flatpickr.l10ns.vn : {};
    // Monday first, as calendars are printed in Vietnam, in either language.
    var locale = Object.assign({}, names, { firstDayOfWeek: 1 });
    root.querySelectorAll("input[data-datepicker]").forEach(function (input) {
      if (input._flatpickr) {
        return;
      }
      var picker = window.flatpickr(input, {
        dateFormat: "d/m/Y",
        allowInput: true,
        clickOpens: false,
        // Phones would otherwise get the browser's own date box, in the browser's order of day and month.
        disableMobile: true,
        locale: locale,
      });
      var group = document.createElement("div");
      group.className = "input-group";
      input.parentNode.insertBefore(group, input);
      group.appendChild(input);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.setAttribute("aria-label", input.dataset.datepicker);
      button.title = input.dataset.datepicker;
      button.innerHTML = '<i class="bi bi-calendar3" aria-hidden="true"></i>';
      button.addEventListener("click", function () { picker.toggle(); });
      group.appendChild(button);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { attach(document); });
  document.addEventListener("htmx:afterSettle", function (event) { attach(event.target); });
})();
