// Draws the usage chart from the JSON the page embeds; one chart per fragment load.
(function () {
  var data = JSON.parse(document.getElementById("usage-data").textContent);
  var canvas = document.getElementById("usage-chart");
  if (!canvas || !window.Chart) return;
  var css = getComputedStyle(document.documentElement);
  // Days arrive as ISO dates ("2026-11-29"); the axis shows them as the portal does: "29 Nov".
  var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function day(label) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
    return parts ? parseInt(parts[3], 10) + " " + months[parseInt(parts[2], 10) - 1] : label;
  }
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels.map(day),
      datasets: [
        { label: "Stored (GB)", data: data.disk_used, borderColor: css.getPropertyValue("--tblr-primary").trim(), yAxisID: "stored", tension: 0.2 },
        { label: "Uploaded (GB)", data: data.uploads, borderColor: css.getPropertyValue("--portal-accent").trim(), yAxisID: "transfer", tension: 0.2 },
        { label: "Downloaded (GB)", data: data.downloads, borderColor: "#667085", yAxisID: "transfer", tension: 0.2 }
      ]
    },
    options: {
      // The canvas fills its fixed-height wrapper and follows its width, on phones too.
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      scales: {
        stored: { position: "left", beginAtZero: true, title: { display: true, text: "Stored" } },
        transfer: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "Transfer" } }
      }
    }
  });
})();
