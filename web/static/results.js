// results.js — the results pages' charts, drawn from data the server wrote into data-* attributes
// (JSON, attribute-escaped; never inline script, which the CSP forbids):
//   #chart      composite scores per township type, horizontal bars
//   #histogram  the composite's distribution per township type, bins of 2 points
//   #radar      a unit's dimension scores against its type's mean
//   .stability-chart  per township type, each unit's 5%–95% rank interval under perturbed weights
//               (a bar; accent colour where it overlaps a neighbour's, the `*` of the table) and its
//               base rank (a dot)
//   #tracking   a unit's tracked leaves: expected against actual per period
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

  function stability(el) {
    var d = data(el, 'data-stability');
    if (!d || !d.units || !d.units.length) return;
    var n = d.units.length;
    el.style.height = Math.max(200, 20 * n + 90) + 'px';
    var names = d.units.slice().reverse(), lo = d.lo.slice().reverse(), hi = d.hi.slice().reverse();
    var ov = d.overlap.slice().reverse(), base = d.base.slice().reverse(), med = d.median.slice().reverse();
    var chart = init(el);
    chart.setOption({ animation: false, title: { text: el.getAttribute('data-title') || '', textStyle: { fontSize: 14 } },
                      legend: { top: 4, right: 10, data: [d.interval_label, d.base_label, d.median_label] },
                      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                                 formatter: function (ps) {
                                   var i = ps[0].dataIndex, esc = echarts.format.encodeHTML;
                                   return esc(names[i]) + '<br>' + d.interval_label + ': ' + lo[i] + '–' + hi[i] +
                                          '<br>' + d.median_label + ': ' + med[i] + '<br>' + d.base_label + ': ' + base[i];
                                 } },
                      grid: { left: 150, right: 30, top: 50, bottom: 30 },
                      xAxis: { type: 'value', min: 0.5, max: Math.max.apply(null, d.hi) + 0.5, minInterval: 1,
                               axisLabel: { formatter: function (v) { return v === Math.round(v) ? v : ''; } } },
                      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 11 } },
                      series: [
                        { type: 'bar', stack: 'iv', silent: true, itemStyle: { color: 'transparent' },
                          data: lo.map(function (v) { return v - 0.5; }) },
                        { type: 'bar', stack: 'iv', name: d.interval_label, barMaxWidth: 14,
                          data: lo.map(function (v, i) {
                            return { value: hi[i] - v + 1, itemStyle: { color: ov[i] ? '#e8853d' : '#6b8fd6' } };
                          }) },
                        { type: 'scatter', name: d.median_label, symbol: 'diamond', symbolSize: 7, itemStyle: { color: '#444' },
                          data: med.map(function (v, i) { return [v, names[i]]; }) },
                        { type: 'scatter', name: d.base_label, symbolSize: 9, itemStyle: { color: '#c0392b' },
                          data: base.map(function (v, i) { return [v, names[i]]; }) }
                      ] });
    return chart;
  }

  // one small chart per tracked leaf (their scales differ by orders of magnitude), three to a row
  function tracking(el) {
    var d = data(el, 'data-tracking');
    if (!d || !d.periods || !d.periods.length || !d.leaves.length) return;
    var cols = Math.min(3, d.leaves.length), rows = Math.ceil(d.leaves.length / cols), cell = 190;
    el.style.height = (40 + rows * cell) + 'px';
    var colour = { green: '#1b7f3b', yellow: '#e0a100', red: '#c62828' };
    var grids = [], xs = [], ys = [], titles = [], series = [];
    d.leaves.forEach(function (l, i) {
      var left = (i % cols) * (100 / cols), top = 40 + Math.floor(i / cols) * cell;
      grids.push({ left: (left + 6) + '%', width: (100 / cols - 9) + '%', top: top + 28, height: cell - 70 });
      titles.push({ text: l.name, left: (left + 6) + '%', top: top + 4, textStyle: { fontSize: 12, fontWeight: 'normal' } });
      xs.push({ gridIndex: i, type: 'category', data: d.periods, axisLabel: { fontSize: 10 } });
      ys.push({ gridIndex: i, type: 'value', scale: false, axisLabel: { fontSize: 10 } });
      series.push({ type: 'bar', name: d.actual_label, xAxisIndex: i, yAxisIndex: i, barMaxWidth: 18,
                    data: l.actual.map(function (v, k) { return { value: v, itemStyle: { color: colour[l.level[k]] || '#999' } }; }) });
      series.push({ type: 'line', name: d.expected_label, xAxisIndex: i, yAxisIndex: i, data: l.expected,
                    lineStyle: { type: 'dashed', color: '#555' }, itemStyle: { color: '#555' }, symbolSize: 5 });
    });
    titles.unshift({ text: el.getAttribute('data-title') || '', textStyle: { fontSize: 14 } });
    var chart = init(el);
    chart.setOption({ animation: false, title: titles, tooltip: { trigger: 'axis' },
                      grid: grids, xAxis: xs, yAxis: ys, series: series });
    return chart;
  }

  function draw() {
    if (typeof echarts === 'undefined') return;
    var charts = [];
    [['chart', bars], ['histogram', histogram], ['radar', radar], ['tracking', tracking]].forEach(function (p) {
      var el = document.getElementById(p[0]);
      if (el) { var c = p[1](el); if (c) charts.push(c); }
    });
    Array.prototype.forEach.call(document.querySelectorAll('.stability-chart'), function (el) {
      var c = stability(el); if (c) charts.push(c);
    });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
