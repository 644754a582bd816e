// results.js — the results page's chart: composite scores per township
// type as horizontal bars, from the data-chart attribute the server wrote
// (JSON, attribute-escaped).  ECharts is served by kaohe itself; animation
// is off so a printed page or a screenshot shows the final state.
(function () {
  'use strict';
  function draw() {
    var el = document.getElementById('chart');
    if (!el || typeof echarts === 'undefined') return;
    var data = JSON.parse(el.getAttribute('data-chart') || '[]');
    if (!data.length) return;
    var rows = 0;
    data.forEach(function (s) { rows += s.units.length; });
    el.style.height = Math.max(240, 22 * rows + 40 * data.length) + 'px';
    var chart = echarts.init(el, null, { renderer: 'svg' });
    var grids = [], xs = [], ys = [], series = [], top = 30, total = Math.max(rows, 1);
    data.forEach(function (s, i) {
      var h = Math.max(60, (el.clientHeight - 40 * data.length) * s.units.length / total);
      grids.push({ left: 140, right: 30, top: top, height: h });
      xs.push({ gridIndex: i, type: 'value', min: 0, max: 100 });
      ys.push({ gridIndex: i, type: 'category', data: s.units.slice().reverse(), name: s.category,
                nameLocation: 'start', axisLabel: { fontSize: 11 } });
      series.push({ type: 'bar', xAxisIndex: i, yAxisIndex: i, data: s.scores.slice().reverse(),
                    label: { show: true, position: 'right', fontSize: 10 } });
      top += h + 40;
    });
    chart.setOption({ animation: false, title: { text: el.getAttribute('data-title') || '', textStyle: { fontSize: 14 } },
                      tooltip: {}, grid: grids, xAxis: xs, yAxis: ys, series: series });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
