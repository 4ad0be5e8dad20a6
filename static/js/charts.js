// Draws every <canvas data-chart="ID"> with the vendored Chart.js, from the JSON the server wrote beside it
// (Django's json_script, element ID). Labels come translated from the server; numbers are written in the page's
// language. Each chart's table, the same numbers, is its text alternative: nothing here is needed to read them.
(function () {
  "use strict";

  var COLOURS = ["#a50f15", "#1f4e79", "#8a6100"];
  // A bar takes this many pixels, a label line that many: a horizontal chart grows with its rows, so no bar and no
  // name is squeezed.
  var BAR_HEIGHT = 24;
  var LINE_HEIGHT = 15;
  var LABEL_CHARS = 22;
  var LABEL_LINES = 4;  // a longer name ends in "…": the table under the chart and the tooltip give it whole

  // Long names (a movement, a unit) on several lines, broken between words.
  function lines(label) {
    var words = String(label).split(" ");
    var result = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > LABEL_CHARS) {
        result.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      result.push(line);
    }
    if (result.length > LABEL_LINES) {
      result = result.slice(0, LABEL_LINES);
      result[LABEL_LINES - 1] += "…";
    }
    return result;
  }

  // Dashed vertical lines at the marked labels (the plan's deadlines), each with its name.
  var markers = {
    id: "portalMarkers",
    afterDatasetsDraw: function (chart, _args, options) {
      var marks = options.marks || [];
      var x = chart.scales.x;
      var area = chart.chartArea;
      var context = chart.ctx;
      marks.forEach(function (mark, i) {
        var left = x.getPixelForValue(mark.index);
        context.save();
        context.strokeStyle = "#212529";
        context.setLineDash([4, 4]);
        context.beginPath();
        context.moveTo(left, area.top);
        context.lineTo(left, area.bottom);
        context.stroke();
        context.setLineDash([]);
        context.fillStyle = "#212529";
        context.font = "12px system-ui, sans-serif";
        context.textAlign = left > (area.left + area.right) / 2 ? "right" : "left";
        context.fillText(mark.label, left + (context.textAlign === "left" ? 4 : -4), area.top + 12 + 14 * i);
        context.restore();
      });
    }
  };

  function options(spec, language) {
    var horizontal = Boolean(spec.horizontal);
    var value = horizontal ? "x" : "y";
    var category = horizontal ? "y" : "x";
    var scales = {};
    scales[value] = { beginAtZero: true, ticks: { precision: 0 } };
    if (spec.max) {
      scales[value].suggestedMax = spec.max;
    }
    scales[category] = { ticks: { autoSkip: !horizontal } };
    return {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: language,
      spanGaps: true,
      scales: scales,
      plugins: {
        legend: { position: "bottom", display: spec.datasets.length > 1 },  // which period a colour is, as in the table
        portalMarkers: { marks: spec.markers || [] },
        tooltip: {
          callbacks: {
            title: function (items) {
              return items.length ? String(spec.labels[items[0].dataIndex]) : "";  // the whole name, not its lines
            },
            label: function (item) {
              var shown = item.formattedValue + (spec.unit || "");
              return item.dataset.label ? item.dataset.label + ": " + shown : shown;
            }
          }
        }
      }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || canvas.dataset.drawn) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var language = document.documentElement.lang || "vi";
    // A series with no value yet (the year-end results in July) is left out of the chart; its table says "—".
    var datasets = spec.datasets.filter(function (dataset) {
      return dataset.data.some(function (value) { return value !== null; });
    });
    var labels = spec.horizontal ? spec.labels.map(lines) : spec.labels;
    if (spec.horizontal) {
      // Chart.js gives every row the same band: the tallest name sets it for all, or long names overlap.
      var tallest = labels.reduce(function (most, label) { return Math.max(most, label.length); }, 1);
      var height = labels.length * (Math.max(datasets.length * BAR_HEIGHT, tallest * LINE_HEIGHT) + 8);
      canvas.parentElement.style.height = Math.max(200, height + 80) + "px";
    }
    var chart = new window.Chart(canvas, {
      type: spec.kind,
      data: {
        labels: labels,
        datasets: datasets.map(function (dataset) {
          var colour = COLOURS[spec.datasets.indexOf(dataset) % COLOURS.length];  // a period keeps its colour
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: colour,
            borderColor: colour,
            pointRadius: spec.kind === "line" ? 2 : undefined,
            stepped: spec.kind === "line" ? "before" : undefined
          };
        })
      },
      options: options(spec, language),
      plugins: [markers]
    });
    if (chart) {
      canvas.dataset.drawn = "true";
    }
  }

  // A chart's table opens inside <details>: once shown, a table wider than a phone scrolls in its own region, which
  // must then join the tab order (portal.js does it for what is shown when the page loads).
  document.addEventListener("toggle", function (event) {
    if (event.target.open && typeof window.focusableScrollRegions === "function") {
      window.focusableScrollRegions(event.target);
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) {
      return;  // the tables beside the canvases still say everything
    }
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
