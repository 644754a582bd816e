// results.js — the results pages' charts, drawn from data the server wrote into data-* attributes
// (JSON, attribute-escaped; never inline script, which the CSP forbids):
//   #chart      composite scores per township type, horizontal bars
//   #histogram  the composite's distribution per township type, bins of 2 points
//   #radar      a unit's dimension scores against its type's mean
// ECharts is served by kaohe itself; animation is off so prints and screenshots show the final state.
(function () {
  'use strict';
  function data(el, attr) { return JSON.parse(el.getAttribute(attr) || 'null'); }
  function init(el) { return echarts.init(el, null, { renderer: 'svg' }); }

  function bars(el) {
    var d = data(el, 'data-chart');
    if (!d || !d.length) return;
    var rows = 0;
    d.forEach(function (s) { rows += s.units.length; });
    el.style.height = Math.max(240, 22 * rows + 40 * d.length) + 'px';
    var chart = init(el), grids = [], xs = [], ys = [], series = [], top = 30, total = Math.max(rows, 1);
    d.forEach(function (s, i) {
      var h = Math.max(60, (el.clientHeight - 40 * d.length) * s.units.length / total);
      grids.push({ left: 140, right: 40, top: top, height: h });
      xs.push({ gridIndex: i, type: 'value', min: 0, max: 100 });
      ys.push({ gridIndex: i, type: 'category', data: s.units.slice().reverse(), name: s.category,
                nameLocation: 'start', axisLabel: { fontSize: 11 } });
      series.push({ type: 'bar', xAxisIndex: i, yAxisIndex: i, data: s.scores.slice().reverse(),
                    label: { show: true, position: 'right', fontSize: 10, formatter: function (p) { return p.value.toFixed(2); } } });
      top += h + 40;
    });
    chart.setOption({ animation: false, title: { text: el.getAttribute('data-title') || '', textStyle: { fontSize: 14 } },
                      tooltip: {}, grid: grids, xAxis: xs, yAxis: ys, series: series });
    return chart;
  }

  function histogram(el) {
    var d = data(el, 'data-chart');
    if (!d || !d.length) return;
    var lo = 100, hi = 0;
    d.forEach(function (s) { s.scores.forEach(function (v) { lo = Math.min(lo, v); hi = Math.max(hi, v); }); });
    lo = Math.floor(lo / 2) * 2; hi = Math.floor(hi / 2) * 2 + 2;
    var labels = [];
    for (var b = lo; b < hi; b += 2) labels.push(b + '–' + (b + 2));
    var series = d.map(function (s) {
      var counts = labels.map(function () { return 0; });
      s.scores.forEach(function (v) { counts[Math.min(labels.length - 1, Math.floor((v - lo) / 2))]++; });
      return { type: 'bar', name: s.category, data: counts };
    });
    el.style.height = '320px';
    var chart = init(el);
    chart.setOption({ animation: false, title: { text: el.getAttribute('data-title') || '', textStyle: { fontSize: 14 } },
                      legend: { top: 4, right: 10 }, tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 70, bottom: 40 },
                      xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', minInterval: 1 }, series: series });
    return chart;
  }

  function radar(el) {
    var d = data(el, 'data-radar');
    if (!d || !d.dims || d.dims.length < 3) return;
    el.style.height = '380px';
    var series = [{ value: d.unit, name: d.unit_label }];
    if (d.mean && d.mean.length === d.dims.length) series.push({ value: d.mean, name: d.mean_label });
    var chart = init(el);
    chart.setOption({ animation: false, title: { text: el.getAttribute('data-title') || '', textStyle: { fontSize: 14 } },
                      legend: { top: 4, right: 10 }, tooltip: {},
                      radar: { indicator: d.dims.map(function (n) { return { name: n, max: 100, min: 0 }; }), radius: '62%', center: ['50%', '58%'] },
                      series: [{ type: 'radar', data: series, areaStyle: { opacity: 0.12 } }] });
    return chart;
  }

  function draw() {
    if (typeof echarts === 'undefined') return;
    var charts = [];
    [['chart', bars], ['histogram', histogram], ['radar', radar]].forEach(function (p) {
      var el = document.getElementById(p[0]);
      if (el) { var c = p[1](el); if (c) charts.push(c); }
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
