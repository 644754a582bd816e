// values.js — the reporting grid: pasting a block copied from Excel into
// a cell fills the cells to its right and below (tab- and line-separated),
// as a spreadsheet user expects; the server still checks every value.
(function () {
  'use strict';
  function init() {
    var grid = document.getElementById('grid');
    if (!grid) return;
    grid.addEventListener('paste', function (ev) {
      var t = ev.target;
      if (!t || t.tagName !== 'INPUT') return;
      var text = (ev.clipboardData || window.clipboardData).getData('text');
      if (text.indexOf('\t') < 0 && text.indexOf('\n') < 0) return;
      ev.preventDefault();
      var td = t.parentNode, tr = td.parentNode;
      var col = Array.prototype.indexOf.call(tr.children, td);
      var lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
      for (var i = 0; i < lines.length && tr; i++, tr = tr.nextElementSibling) {
        var cells = lines[i].split('\t');
        for (var j = 0; j < cells.length; j++) {
          var cell = tr.children[col + j];
          var input = cell && cell.querySelector('input');
          if (input && !input.readOnly) { input.value = cells[j].trim(); cell.classList.remove('missing'); }
        }
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
