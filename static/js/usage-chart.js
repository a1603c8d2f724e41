// Draws the usage chart from the JSON the page embeds; one chart per fragment load.
// Units follow the portal's one rule (decimal GB/TB, portal/units.py): the server puts each
// axis in one unit (data.units) and formats every value for the tooltips (data.text).
(function () {
  var data = JSON.parse(document.getElementById("usage-data").textContent);
  var canvas = document.getElementById("usage-chart");
  if (!canvas || !window.Chart) return;
  var css = getComputedStyle(document.documentElement);
  var units = data.units || { stored: "GB", transfer: "GB" };
  var text = data.text || {};
  // Days arrive as ISO dates ("2026-11-29"); the axis shows them as the portal does: "29 Nov".
  var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function day(label) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
    return parts ? parseInt(parts[3], 10) + " " + months[parseInt(parts[2], 10) - 1] : label;
  }
  // An axis tick in its unit, as the rule writes numbers: one decimal below 100, "3.5 TB".
  function tick(unit) {
    return function (value) {
      var digits = Math.abs(value) < 100 ? 1 : 0;
      var shown = Number(value).toLocaleString("en", { maximumFractionDigits: digits });
      return shown + " " + unit;
    };
  }
  function series(label, key, unit, colour, axis) {
    return { label: label, data: data[key], text: text[key] || [], unit: unit, borderColor: colour, yAxisID: axis, tension: 0.2 };
  }
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels.map(day),
      datasets: [
        series("Stored", "disk_used", units.stored, css.getPropertyValue("--tblr-primary").trim(), "stored"),
        series("Uploaded", "uploads", units.transfer, css.getPropertyValue("--portal-accent").trim(), "transfer"),
        series("Downloaded", "downloads", units.transfer, "#667085", "transfer")
      ]
    },
    options: {
      // The canvas fills its fixed-height wrapper and follows its width, on phones too.
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: function (item) {
              var set = item.dataset;
              var shown = set.text[item.dataIndex] || tick(set.unit)(item.parsed.y);
              return set.label + ": " + shown;
            }
          }
        }
      },
      scales: {
        stored: { position: "left", beginAtZero: true, ticks: { callback: tick(units.stored) }, title: { display: true, text: "Stored (" + units.stored + ")" } },
        transfer: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { callback: tick(units.transfer) }, title: { display: true, text: "Transfer (" + units.transfer + ")" } }
      }
    }
  });
})();
