// The report request form shows only the fields the chosen kind uses (quarter, last year, unit).
(function () {
  var FIELDS = { quarterly: ["quarter"], term: ["last_year"], unit: ["unit"] };
  var OPTIONAL = ["quarter", "last_year", "unit"];

  function update(form) {
    var kind = form.querySelector("[name=kind]").value;
    var shown = FIELDS[kind] || [];
    OPTIONAL.forEach(function (name) {
      var wrapper = form.querySelector("[data-field=" + name + "]");
      if (wrapper) {
        wrapper.hidden = shown.indexOf(name) === -1;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-report-request]");
    if (!form) {
      return;
    }
    form.querySelector("[name=kind]").addEventListener("change", function () { update(form); });
    update(form);
  });
})();
