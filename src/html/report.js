// orgraph report: pan, zoom, collapse and search of each org chart; the findings table's
// filters and keyboard; a finding's roles shown in the chart. Model text only ever reaches the
// page through textContent, never as markup.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var MANAGER = 1, VACANT = 2, FLAGGED = 4, EXTERNAL = 8;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function Chart(section) {
    var data = JSON.parse(section.querySelector('script.chart-data').textContent);
    this.section = section;
    this.data = data;
    this.box = section.querySelector('.chart');
    this.svg = this.box.querySelector('svg');
    // Built detached and attached once drawn: one layout of the page, not one per box.
    this.vp = el('g', {});
    this.linkLayer = el('g', {'class': 'links'}, this.vp);
    this.edgeLayer = el('g', {'class': 'edges'}, this.vp);
    this.nodeLayer = el('g', {'class': 'nodes'}, this.vp);
    this.status = section.querySelector('.chart-status');
    var n = data.id.length;
    this.n = n;
    this.children = [];
    for (var i = 0; i < n; i++) this.children.push([]);
    var roots = [];
    for (i = 0; i < n; i++) {
      if (data.parent[i] < 0) roots.push(i); else this.children[data.parent[i]].push(i);
    }
    this.roots = roots;
    // Top-down order, then subtree sizes bottom-up; a plain loop, never recursion.
    var order = roots.slice(), depth = new Int32Array(n);
    for (i = 0; i < order.length; i++) {
      var kids = this.children[order[i]];
      for (var k = 0; k < kids.length; k++) { depth[kids[k]] = depth[order[i]] + 1; order.push(kids[k]); }
    }
    var below = new Int32Array(n);
    for (i = order.length - 1; i >= 0; i--) {
      var p = data.parent[order[i]];
      if (p >= 0) below[p] += below[order[i]] + 1;
    }
    this.below = below;
    this.open = new Uint8Array(n);
    for (i = 0; i < n; i++) this.open[i] = data.open === 0 || depth[i] + 1 < data.open ? 1 : 0;
    this.shown = new Uint8Array(n);
    this.nodes = new Array(n);
    this.edges = new Array(n);
    this.marked = [];
    this.k = 1; this.tx = 0; this.ty = 0;
    this.search = new Array(n);
    for (i = 0; i < n; i++) {
      this.search[i] = (data.id[i] + '\n' + data.title[i] + '\n' + data.people[i]).toLowerCase();
    }
    this.drawExtras();
    for (i = 0; i < roots.length; i++) this.showFrom(roots[i]);
    this.updateLinks();
    this.svg.appendChild(this.vp);
    this.bind();
    this.home();
  }

  Chart.prototype.rect = function (i) {
    var d = this.data;
    return {x: d.x[i] / 10 - d.w[i] / 20, y: d.y[i] / 10, w: d.w[i] / 10, h: d.h[i] / 10};
  };

  Chart.prototype.label = function (i) {
    return this.data.title[i] + ' (' + this.data.id[i] + ')';
  };

  // Lines of text centred in a box, as the SVG painter draws them.
  function text(g, lines, r) {
    var t = el('text', {x: r.x + r.w / 2}, g);
    for (var j = 0; j < lines.length; j++) {
      var span = el('tspan', {x: r.x + r.w / 2, y: r.y + 7 + 11 + 14 * j - 2}, t);
      span.textContent = lines[j];
    }
  }

  Chart.prototype.drawExtras = function () {
    var extras = this.data.extras;
    for (var j = 0; j < extras.length; j++) {
      var x = extras[j];
      var r = {x: x.x / 10 - x.w / 20, y: x.y / 10, w: x.w / 10, h: x.h / 10};
      var g = el('g', {'class': x.kind, 'data-extra': j}, this.nodeLayer);
      el('title', {}, g).textContent = x.tip;
      if (x.kind === 'scope') {
        el('ellipse', {cx: r.x + r.w / 2, cy: r.y + r.h / 2, rx: r.w / 2, ry: r.h / 2}, g);
      } else {
        el('rect', {x: r.x, y: r.y, width: r.w, height: r.h, rx: 4}, g);
      }
      text(g, x.lines.split('\n'), r);
    }
  };

  // The box of role i, made the first time it is shown.
  Chart.prototype.node = function (i) {
    if (this.nodes[i]) return this.nodes[i];
    var d = this.data, r = this.rect(i), f = d.flags[i];
    var cls = 'role' + (f & MANAGER ? ' manager' : '') + (f & VACANT ? ' vacant' : '') +
      (f & FLAGGED ? ' flagged' : '') + (f & EXTERNAL ? ' external' : '');
    var g = el('g', {'class': cls, 'data-role': d.id[i]});
    el('title', {}, g).textContent = (d.tip[i] || d.title[i]) + '\nid: ' + d.id[i];
    el('rect', {x: r.x, y: r.y, width: r.w, height: r.h, rx: 4}, g);
    text(g, d.lines[i].split('\n'), r);
    if (this.children[i].length) {
      var t = el('g', {'class': 'toggle', tabindex: 0, role: 'button', 'data-toggle': i}, g);
      var cx = r.x + r.w / 2, cy = r.y + r.h;
      el('rect', {x: cx - 16, y: cy - 7, width: 32, height: 14, rx: 7}, t);
      el('text', {x: cx, y: cy + 4}, t);
      this.toggleText(i, t);
    }
    this.nodeLayer.appendChild(g);
    this.nodes[i] = g;
    if (d.edge[i]) this.edges[i] = el('path', {'class': 'reports', d: d.edge[i]}, this.edgeLayer);
    return g;
  };

  Chart.prototype.toggleText = function (i, t) {
    var open = this.open[i];
    t.lastChild.textContent = open ? '\u2212' : '+' + this.below[i];
    t.setAttribute('aria-expanded', open ? 'true' : 'false');
    t.setAttribute('aria-label', (open ? 'Collapse ' : 'Expand ') + this.label(i) +
      (open ? '' : ': ' + this.below[i] + ' roles below'));
  };

  Chart.prototype.setShown = function (i, on) {
    if (on) this.node(i);
    if (!this.nodes[i]) return;
    this.shown[i] = on ? 1 : 0;
    this.nodes[i].style.display = on ? '' : 'none';
    if (this.edges[i]) this.edges[i].style.display = on ? '' : 'none';
  };

  // Shows role i and every role below it whose managers are all expanded.
  Chart.prototype.showFrom = function (i) {
    var stack = [i];
    while (stack.length) {
      var v = stack.pop();
      this.setShown(v, true);
      if (this.open[v]) for (var k = 0; k < this.children[v].length; k++) stack.push(this.children[v][k]);
    }
  };

  Chart.prototype.hideBelow = function (i) {
    var stack = this.children[i].slice();
    while (stack.length) {
      var v = stack.pop();
      if (!this.shown[v]) continue;
      this.setShown(v, false);
      for (var k = 0; k < this.children[v].length; k++) stack.push(this.children[v][k]);
    }
  };

  Chart.prototype.setOpen = function (i, open) {
    if (!this.children[i].length || this.open[i] === (open ? 1 : 0)) return;
    this.open[i] = open ? 1 : 0;
    if (open) this.showFrom(i); else this.hideBelow(i);
    var t = this.nodes[i] && this.nodes[i].querySelector('.toggle');
    if (t) this.toggleText(i, t);
  };

  Chart.prototype.toggle = function (i) {
    this.setOpen(i, !this.open[i]);
    this.updateLinks();
  };

  Chart.prototype.all = function (open) {
    var depth = open ? Infinity : 1;
    var stack = this.roots.map(function (r) { return [r, 0]; });
    while (stack.length) {
      var top = stack.pop(), v = top[0];
      this.setOpen(v, top[1] + 1 < depth);
      for (var k = 0; k < this.children[v].length; k++) stack.push([this.children[v][k], top[1] + 1]);
    }
    this.updateLinks();
    this.fit(this.bounds());
  };

  // Lines closing a cycle and gap lines, drawn when both their ends are.
  Chart.prototype.updateLinks = function () {
    var links = this.data.links;
    if (!this.linkEls) {
      this.linkEls = [];
      for (var j = 0; j < links.length; j++) {
        var p = el('path', {'class': links[j].kind, d: links[j].d}, this.linkLayer);
        el('title', {}, p).textContent = links[j].tip;
        this.linkEls.push(p);
      }
    }
    for (j = 0; j < links.length; j++) {
      var on = (links[j].a < 0 || this.shown[links[j].a]) && (links[j].b < 0 || this.shown[links[j].b]);
      this.linkEls[j].style.display = on ? '' : 'none';
    }
  };

  // Expands every manager above role i, so that it is drawn.
  Chart.prototype.reveal = function (i) {
    var chain = [], p = this.data.parent[i];
    while (p >= 0) { chain.push(p); p = this.data.parent[p]; }
    for (var k = chain.length - 1; k >= 0; k--) this.setOpen(chain[k], true);
    this.node(i);
  };

  Chart.prototype.apply = function () {
    this.vp.setAttribute('transform', 'translate(' + this.tx + ',' + this.ty + ') scale(' + this.k + ')');
  };

  Chart.prototype.size = function () {
    return {w: this.box.clientWidth || 800, h: this.box.clientHeight || 600};
  };

  Chart.prototype.bounds = function (roles) {
    var b = {x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity};
    var add = function (r) {
      b.x0 = Math.min(b.x0, r.x); b.y0 = Math.min(b.y0, r.y);
      b.x1 = Math.max(b.x1, r.x + r.w); b.y1 = Math.max(b.y1, r.y + r.h);
    };
    var list = roles || [];
    if (!roles) for (var i = 0; i < this.n; i++) if (this.shown[i]) list.push(i);
    for (var j = 0; j < list.length; j++) add(this.rect(list[j]));
    if (!roles) {
      var extras = this.data.extras;
      for (j = 0; j < extras.length; j++) {
        var x = extras[j];
        add({x: x.x / 10 - x.w / 20, y: x.y / 10, w: x.w / 10, h: x.h / 10});
      }
    }
    return b;
  };

  Chart.prototype.fit = function (b, most) {
    if (!isFinite(b.x0)) return;
    var s = this.size(), pad = 24;
    var k = Math.min((s.w - 2 * pad) / (b.x1 - b.x0), (s.h - 2 * pad) / (b.y1 - b.y0), most || 1.25);
    this.k = Math.max(k, 0.05);
    this.tx = s.w / 2 - this.k * (b.x0 + b.x1) / 2;
    this.ty = s.h / 2 - this.k * (b.y0 + b.y1) / 2;
    this.apply();
  };

  // The first view: everything if it is readable, else the top of the chart at a readable size.
  Chart.prototype.home = function () {
    var b = this.bounds(), s = this.size();
    var k = Math.min(s.w / (b.x1 - b.x0 + 48), s.h / (b.y1 - b.y0 + 48));
    if (k >= 0.45 || !this.roots.length) { this.fit(b); return; }
    this.k = 0.75;
    var r = this.rect(this.roots[0]);
    this.tx = s.w / 2 - this.k * (r.x + r.w / 2);
    this.ty = 24 - this.k * r.y;
    this.apply();
  };

  Chart.prototype.zoom = function (factor, cx, cy) {
    var s = this.size();
    if (cx === undefined) { cx = s.w / 2; cy = s.h / 2; }
    var k = Math.min(4, Math.max(0.05, this.k * factor));
    this.tx = cx - (cx - this.tx) * k / this.k;
    this.ty = cy - (cy - this.ty) * k / this.k;
    this.k = k;
    this.apply();
  };

  // Marks roles (and gap boxes) with a class, draws them and brings them into view.
  Chart.prototype.mark = function (roles, extras, cls) {
    for (var j = 0; j < this.marked.length; j++) this.marked[j].classList.remove('hit', 'sel');
    this.marked = [];
    for (j = 0; j < roles.length; j++) this.reveal(roles[j]);
    this.updateLinks();
    var b = this.bounds(roles.slice());
    for (j = 0; j < roles.length; j++) {
      var g = this.nodes[roles[j]];
      g.classList.add(cls);
      this.marked.push(g);
    }
    for (j = 0; j < extras.length; j++) {
      var x = this.nodeLayer.querySelector('[data-extra="' + extras[j] + '"]');
      if (!x) continue;
      x.classList.add(cls);
      this.marked.push(x);
      var e = this.data.extras[extras[j]];
      b.x0 = Math.min(b.x0, e.x / 10 - e.w / 20); b.x1 = Math.max(b.x1, e.x / 10 + e.w / 20);
      b.y0 = Math.min(b.y0, e.y / 10); b.y1 = Math.max(b.y1, e.y / 10 + e.h / 10);
    }
    this.fit(b, Math.max(this.k, 1));
    this.box.scrollIntoView({block: 'nearest'});
  };

  Chart.prototype.find = function (query, limit) {
    var q = query.trim().toLowerCase(), hits = [];
    if (!q) return hits;
    for (var i = 0; i < this.n && hits.length < limit; i++) {
      if (this.data.id[i].toLowerCase() === q) hits.push(i);
    }
    for (i = 0; i < this.n && hits.length < limit; i++) {
      if (this.search[i].indexOf(q) >= 0 && hits.indexOf(i) < 0) hits.push(i);
    }
    return hits;
  };

  Chart.prototype.bind = function () {
    var chart = this, box = this.box, drag = null;
    box.addEventListener('pointerdown', function (e) {
      if (e.button !== 0 || e.target.closest('.toggle')) return;
      drag = {x: e.clientX, y: e.clientY, tx: chart.tx, ty: chart.ty};
      box.classList.add('dragging');
    });
    window.addEventListener('pointermove', function (e) {
      if (!drag) return;
      chart.tx = drag.tx + e.clientX - drag.x;
      chart.ty = drag.ty + e.clientY - drag.y;
      chart.apply();
    });
    window.addEventListener('pointerup', function () { drag = null; box.classList.remove('dragging'); });
    box.addEventListener('wheel', function (e) {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      var r = box.getBoundingClientRect();
      chart.zoom(Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
    }, {passive: false});
    box.addEventListener('click', function (e) {
      var t = e.target.closest('.toggle');
      if (t) chart.toggle(+t.getAttribute('data-toggle'));
    });
    box.addEventListener('keydown', function (e) {
      var t = e.target.closest('.toggle');
      if (t && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        chart.toggle(+t.getAttribute('data-toggle'));
        return;
      }
      var step = 60, moves = {ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step]};
      if (moves[e.key]) { chart.tx += moves[e.key][0]; chart.ty += moves[e.key][1]; chart.apply(); }
      else if (e.key === '+' || e.key === '=') chart.zoom(1.25);
      else if (e.key === '-') chart.zoom(0.8);
      else if (e.key === '0') chart.fit(chart.bounds());
      else return;
      e.preventDefault();
    });
    var actions = {
      'zoom-in': function () { chart.zoom(1.25); },
      'zoom-out': function () { chart.zoom(0.8); },
      'fit': function () { chart.fit(chart.bounds()); },
      'expand': function () { chart.all(true); },
      'collapse': function () { chart.all(false); }
    };
    this.section.querySelectorAll('[data-action]').forEach(function (b) {
      b.addEventListener('click', function () { actions[b.getAttribute('data-action')](); });
    });
    this.bindSearch();
  };

  Chart.prototype.bindSearch = function () {
    var chart = this, input = this.section.querySelector('.search input');
    var list = this.section.querySelector('.search [role=listbox]');
    var hits = [], active = -1;
    var close = function () { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; input.removeAttribute('aria-activedescendant'); };
    var choose = function (i) {
      close();
      chart.mark([i], [], 'hit');
      var people = chart.data.people[i];
      chart.status.textContent = 'Found ' + chart.label(i) + (people ? ', filled by ' + people : '') + '.';
    };
    var setActive = function (j) {
      var items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute('aria-selected', 'false');
      active = j;
      if (items[j]) {
        items[j].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', items[j].id);
        items[j].scrollIntoView({block: 'nearest'});
      }
    };
    input.addEventListener('input', function () {
      hits = chart.find(input.value, 30);
      list.textContent = '';
      hits.forEach(function (i, j) {
        var li = document.createElement('li');
        li.id = list.id + '-' + j;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var title = document.createElement('span');
        title.textContent = chart.data.title[i];
        var id = document.createElement('code');
        id.textContent = chart.data.id[i];
        li.appendChild(title);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(id);
        if (chart.data.people[i]) {
          var who = document.createElement('span');
          who.className = 'who';
          who.textContent = chart.data.people[i];
          li.appendChild(who);
        }
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      var open = hits.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      active = -1;
      chart.status.textContent = input.value.trim() ? hits.length ? '' : 'No role matches.' : '';
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && hits.length) { e.preventDefault(); setActive(Math.min(active + 1, hits.length - 1)); }
      else if (e.key === 'ArrowUp' && hits.length) { e.preventDefault(); setActive(Math.max(active - 1, 0)); }
      else if (e.key === 'Enter' && hits.length) { e.preventDefault(); choose(hits[Math.max(active, 0)]); }
      else if (e.key === 'Escape') close();
    });
    input.addEventListener('blur', close);
  };

  // The findings table: filters by check, level and text; arrow keys move between rows; a row
  // (click, Enter or Space) shows its roles in the chart.
  function Findings(section, chart) {
    var table = section.querySelector('table.findings');
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var check = section.querySelector('select.by-check'), level = section.querySelector('select.by-level');
    var textInput = section.querySelector('input.by-text'), count = section.querySelector('.shown-count');
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var filter = function () {
      var c = check.value, l = level.value, q = textInput.value.trim().toLowerCase(), shown = 0, first = null;
      rows.forEach(function (r, j) {
        var on = (!c || r.getAttribute('data-check') === c) && (!l || r.getAttribute('data-level') === l) &&
          (!q || texts[j].indexOf(q) >= 0);
        r.hidden = !on;
        r.tabIndex = -1;
        if (on) { shown++; if (!first) first = r; }
      });
      if (first) first.tabIndex = 0;
      count.textContent = shown + ' of ' + rows.length + ' findings shown';
    };
    [check, level].forEach(function (s) { s.addEventListener('change', filter); });
    textInput.addEventListener('input', filter);
    var show = function (row) {
      rows.forEach(function (r) { r.classList.remove('current'); r.removeAttribute('aria-current'); });
      row.classList.add('current');
      row.setAttribute('aria-current', 'true');
      var ids = (row.getAttribute('data-roles') || '').split(' ').filter(Boolean).map(Number);
      var gaps = (row.getAttribute('data-gaps') || '').split(' ').filter(Boolean).map(Number);
      if (chart && (ids.length || gaps.length)) {
        chart.mark(ids, gaps, 'sel');
        chart.status.textContent = 'Showing the ' + (ids.length === 1 ? 'role' : ids.length + ' roles') +
          ' of the finding: ' + row.querySelector('.message').textContent;
      }
    };
    table.addEventListener('click', function (e) {
      if (e.target.closest('a')) return;
      var row = e.target.closest('tbody tr');
      if (row) show(row);
    });
    table.addEventListener('keydown', function (e) {
      var row = e.target.closest('tbody tr');
      if (!row) return;
      var visible = rows.filter(function (r) { return !r.hidden; }), at = visible.indexOf(row), next = null;
      if (e.key === 'ArrowDown') next = visible[at + 1];
      else if (e.key === 'ArrowUp') next = visible[at - 1];
      else if (e.key === 'Home') next = visible[0];
      else if (e.key === 'End') next = visible[visible.length - 1];
      else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(row); return; }
      else return;
      e.preventDefault();
      if (next) { row.tabIndex = -1; next.tabIndex = 0; next.focus(); }
    });
    filter();
  }

  // A check's code links to its explanation: open it on the way there.
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a[href^="#"]');
    if (!a) return;
    var target = document.getElementById(a.getAttribute('href').slice(1));
    if (target && target.tagName === 'DETAILS') target.open = true;
  });

  var charts = [];
  document.querySelectorAll('section.model').forEach(function (section) {
    var chartSection = section.querySelector('section.org');
    var chart = chartSection ? new Chart(chartSection) : null;
    if (chart) charts.push(chart);
    var findings = section.querySelector('section.findings-section');
    if (findings) Findings(findings, chart);
  });

  // Print the whole drawn chart, scaled to the page, and every explanation.
  var saved = [];
  window.addEventListener('beforeprint', function () {
    saved = charts.map(function (c) {
      var b = c.bounds();
      c.svg.setAttribute('viewBox', [b.x0 - 10, b.y0 - 10, b.x1 - b.x0 + 20, b.y1 - b.y0 + 20].join(' '));
      c.vp.removeAttribute('transform');
      return c;
    });
    document.querySelectorAll('details').forEach(function (d) { d.setAttribute('data-was', d.open ? '1' : ''); d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    saved.forEach(function (c) { c.svg.removeAttribute('viewBox'); c.apply(); });
    document.querySelectorAll('details[data-was]').forEach(function (d) { d.open = d.getAttribute('data-was') === '1'; d.removeAttribute('data-was'); });
  });
  window.orgraphReport = {charts: charts, ready: true};
  // When the page was drawn, in milliseconds from the start of its navigation (for measuring).
  document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
  document.documentElement.setAttribute('data-ready', 'true');
})();
