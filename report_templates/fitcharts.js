/* Charts on a narrow screen (evalkit): on a screen narrower than a chart, scale the chart
   (drawing and labels) down to fit its frame; without scripts it scrolls sideways in its frame
   instead. Print and PDF are not affected. report.html inlines this file, the dashboard loads
   it from assets/fitcharts.js; it runs where the page loads it, after the charts. */
(function () {
  function fit() {
    document.querySelectorAll(".chart").forEach(function (chart) {
      chart.style.zoom = "";
      var room = chart.parentElement.clientWidth, wide = chart.offsetWidth;
      if (room > 0 && wide > room) chart.style.zoom = String(Math.floor((room / wide) * 1000) / 1000);
    });
  }
  window.addEventListener("resize", fit);
  fit();
})();
