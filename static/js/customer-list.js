// The customer list: rows selected for a bulk action show the action bar and its count;
// "select all" covers the rows of the shown page. After a re-sort or a page change swaps
// the results, focus returns to the heading or link that asked for it.
(function () {
  function sync() {
    var form = document.getElementById("bulk-form");
    if (!form) return;
    var rows = form.querySelectorAll("[data-select-row]");
    var checked = form.querySelectorAll("[data-select-row]:checked").length;
    var all = form.querySelector("[data-select-all]");
    if (all) {
      all.checked = rows.length > 0 && checked === rows.length;
      all.indeterminate = checked > 0 && checked < rows.length;
    }
    var bar = form.querySelector("[data-bulk-bar]");
    if (bar) bar.hidden = checked === 0;
    var count = form.querySelector("[data-bulk-count]");
    if (count) {
      count.textContent = checked === 1 ? "1 customer selected" : checked + " customers selected";
    }
  }

  if (!window.portalCustomerList) {
    window.portalCustomerList = true;
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("#bulk-form [data-select-all], #bulk-form [data-select-row]")) return;
      if (box.matches("[data-select-all]")) {
        box.form.querySelectorAll("[data-select-row]").forEach(function (row) {
          row.checked = box.checked;
        });
      }
      sync();
    });
    var refocus = null;
    document.addEventListener("htmx:beforeRequest", function (event) {
      var source = event.detail.elt;
      refocus = source && source.getAttribute ? source.getAttribute("data-refocus") : null;
    });
    document.addEventListener("htmx:afterSettle", function () {
      sync();
      if (refocus) {
        var target = document.querySelector('[data-refocus="' + refocus + '"]');
        if (target) target.focus();
        refocus = null;
      }
    });
    document.addEventListener("htmx:historyRestore", sync);
    window.addEventListener("pageshow", sync);
  }
  sync();
})();
