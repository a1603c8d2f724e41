// Draws the usage chart from the JSON the page embeds; one chart per fragment load.
(function () {
  var data = JSON.parse(document.getElementById("usage-data").textContent);
  var canvas = document.getElementById("usage-chart");
  if (!canvas || !window.Chart) return;
  var css = getComputedStyle(document.documentElement);
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Stored (GB)", data: data.disk_used, borderColor: css.getPropertyValue("--tblr-primary").trim(), yAxisID: "stored", tension: 0.2 },
        { label: "Uploaded (GB)", data: data.uploads, borderColor: css.getPropertyValue("--portal-accent").trim(), yAxisID: "transfer", tension: 0.2 },
        { label: "Downloaded (GB)", data: data.downloads, borderColor: "#667085", yAxisID: "transfer", tension: 0.2 }
      ]
    },
    options: {
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        stored: { position: "left", beginAtZero: true, title: { display: true, text: "Stored" } },
        transfer: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "Transfer" } }
      }
    }
  });
})();
