/* sitroom report: evidence panel, offline map, filters; in the web room also search and article view.
   Article text only ever reaches the page through textContent / text nodes, never as markup. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('sitroom-data').textContent);
  var panel = document.getElementById('evidence-body');
  var token = new URLSearchParams(window.location.search).get('token');

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function api(path) {
    var headers = token ? { 'Authorization': 'Bearer ' + token } : {};
    return fetch(path, { headers: headers, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  // ------------------------------------------------------------------ evidence
  // The label shown is the clicked item's own text without its citation and tags.
  function labelOf(node) {
    var c = node.cloneNode(true);
    Array.prototype.forEach.call(c.querySelectorAll('.cite, .tag, .ev-text'), function (x) { x.remove(); });
    return c.textContent.replace(/\s+/g, ' ').trim();
  }

  function showFact(id, label) {
    var fact = D.facts[id];
    if (!fact) return;
    var f = { kind: fact.kind, label: label || '', evidence: fact.evidence.map(function (k) { return D.sentences[k]; }) };
    Array.prototype.forEach.call(document.querySelectorAll('.selected'), function (n) { n.classList.remove('selected'); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-fact]'), function (n) {
      if (n.getAttribute('data-fact') === id) n.classList.add('selected');
    });
    panel.textContent = '';
    panel.appendChild(el('div', 'ev-kind', f.kind));
    panel.appendChild(el('div', 'ev-label', f.label));
    if (!f.evidence.length) panel.appendChild(el('p', 'muted', 'No evidence recorded for this item.'));
    f.evidence.forEach(function (ev) {
      var box = el('blockquote', 'ev');
      var d = D.docs[ev.doc] || {};
      box.appendChild(el('div', 'ev-src', [d.source || ev.doc, d.published || 'undated', d.title || '', 'sentence ' + ev.sentence].join(' · ')));
      box.appendChild(el('div', 'ev-text', ev.text));
      if (D.live) {
        var b = el('button', 'open', 'Show in article');
        b.addEventListener('click', function () { openDoc(ev.doc, f.evidence); });
        box.appendChild(b);
      }
      panel.appendChild(box);
    });
    // In the web room one click is enough: the first source opens with the fact's sentences highlighted.
    if (D.live && f.evidence.length) openDoc(f.evidence[0].doc, f.evidence);
    var aside = document.getElementById('evidence');
    aside.classList.add('active');
    aside.setAttribute('data-shown', id);
  }

  document.addEventListener('click', function (e) {
    var t = e.target.closest ? e.target.closest('[data-fact]') : null;
    if (t) showFact(t.getAttribute('data-fact'), labelOf(t));
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    var t = e.target.closest ? e.target.closest('[data-fact]') : null;
    if (t) showFact(t.getAttribute('data-fact'), labelOf(t));
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-fact]'), function (n) {
    n.setAttribute('tabindex', '0');
    n.setAttribute('role', 'button');
  });

  // ------------------------------------------------------------------ article view (web room)
  function openDoc(docId, spans, query) {
    var box = document.getElementById('article');
    if (!box) return;
    api('api/documents/' + encodeURIComponent(docId)).then(function (r) {
      var text = r.document.text || '';
      var marks = (spans || []).filter(function (s) { return s.doc === docId; })
        .map(function (s) { return [s.start, s.end]; });
      if (query) {
        var low = text.toLowerCase();
        query.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (w) {
          var i = low.indexOf(w);
          if (i >= 0) marks.push([i, i + w.length]);
        });
      }
      marks.sort(function (a, b) { return a[0] - b[0]; });
      box.textContent = '';
      box.appendChild(el('h3', null, (r.document.title || docId)));
      var pos = 0, first = null;
      marks.forEach(function (m) {
        if (m[0] < pos) return;
        box.appendChild(document.createTextNode(text.slice(pos, m[0])));
        var mk = el('mark', null, text.slice(m[0], m[1]));
        box.appendChild(mk);
        if (!first) first = mk;
        pos = m[1];
      });
      box.appendChild(document.createTextNode(text.slice(pos)));
      box.classList.remove('hidden');
      if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
    }).catch(function (err) { box.textContent = 'Could not load the article: ' + err.message; });
  }

  var searchForm = document.getElementById('search-form');
  if (searchForm) {
    searchForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = document.getElementById('q').value.trim();
      var out = document.getElementById('search-results');
      out.textContent = '';
      if (!q) return;
      api('api/search?q=' + encodeURIComponent(q)).then(function (r) {
        if (!r.results.length) out.appendChild(el('li', 'muted', 'Nothing found.'));
        r.results.forEach(function (hit) {
          var li = el('li', 'hit');
          var d = D.docs[hit.doc] || {};
          li.appendChild(el('div', 'ev-src', (d.source || hit.doc) + ' · ' + (d.title || '')));
          // The snippet marks matches with [ ]: rebuild it as text nodes and <b> elements.
          var snip = el('div', 'snippet');
          String(hit.snippet).split(/(\[[^\]]*\])/).forEach(function (part) {
            if (/^\[[^\]]*\]$/.test(part)) snip.appendChild(el('b', null, part.slice(1, -1)));
            else snip.appendChild(document.createTextNode(part));
          });
          li.appendChild(snip);
          li.addEventListener('click', function () { openDoc(hit.doc, hit.start != null ? [{ doc: hit.doc, start: hit.start, end: hit.end }] : [], q); });
          out.appendChild(li);
        });
      }).catch(function (err) { out.appendChild(el('li', 'muted', 'Search failed: ' + err.message)); });
    });
  }

  // ------------------------------------------------------------------ map
  var markers = [];
  function domLabel(text) { return el('span', null, text); }
  if (window.L && D.bbox && document.getElementById('map')) {
    var b = D.bbox;
    var map = L.map('map', { zoomSnap: 0.25, attributionControl: true });
    // Fit first: adding the GeoJSON layer to a map without a view throws in Leaflet 1.9.
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Leaflet | Natural Earth');
    var countryLabels = [];
    L.geoJSON(D.borders, {
      style: { color: '#8c8577', weight: 1, fillColor: '#f4f1ea', fillOpacity: 1 },
      interactive: false,
      onEachFeature: function (feat, layer) {
        layer.bindTooltip(domLabel(feat.properties.name), { permanent: true, direction: 'center', className: 'country-label' });
        countryLabels.push(layer);
      }
    }).addTo(map);
    // Place names, heaviest first (D.labels is sorted so); a name whose box would overlap one already
    // shown is hidden until a zoom makes room, and its dot shows it on hover.
    var placeLabels = (D.labels || []).map(function (p) {
      var dot = L.circleMarker([p[1], p[2]], { radius: 3, color: '#444', weight: 1, fillOpacity: 1 })
        .bindTooltip(domLabel(p[0]), { permanent: true, direction: 'left', offset: [-10, 0], className: 'place-label' })
        .addTo(map);
      return dot;
    });
    // Where a place name may sit by its dot: west first, then east, above, below; a name that fits on no
    // side without covering another name or an event or control mark waits for a zoom (or a hover).
    var SIDES = [{ direction: 'left', offset: [-10, 0] }, { direction: 'right', offset: [10, 0] },
                 { direction: 'top', offset: [0, -6] }, { direction: 'bottom', offset: [0, 6] }];
    function overlaps(r, o) { return r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom; }
    function markBoxes() {
      var boxes = [];
      markers.forEach(function (x) {
        var node = window.sitroomMap && window.sitroomMap.hasLayer(x.layer) && x.layer.getElement();
        if (!node) return;
        var r = node.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) boxes.push(r);
      });
      return boxes;
    }
    function declutter() {
      var marks = markBoxes(), shown = [];
      function free(r) { return !shown.concat(marks).some(function (o) { return overlaps(r, o); }); }
      placeLabels.forEach(function (dot) {
        var tip = dot.getTooltip(), node = tip && tip.getElement();
        if (!node) return;
        node.classList.remove('label-hidden');
        var placed = SIDES.some(function (side) {
          tip.options.direction = side.direction;
          tip.options.offset = side.offset;
          tip.update();
          var r = node.getBoundingClientRect();
          if (!free(r)) return false;
          shown.push(r);
          return true;
        });
        if (!placed) {
          tip.options.direction = SIDES[0].direction;
          tip.options.offset = SIDES[0].offset;
          tip.update();
          node.classList.add('label-hidden');
        }
      });
      // Country names after the towns: a country's name gives way to a town's name and to the marks.
      countryLabels.forEach(function (layer) {
        var tip = layer.getTooltip(), node = tip && tip.getElement();
        if (!node) return;
        node.classList.remove('label-hidden');
        var r = node.getBoundingClientRect();
        if (free(r)) shown.push(r);
        else node.classList.add('label-hidden');
      });
    }
    placeLabels.forEach(function (dot) {
      dot.on('mouseover', function () { var n = dot.getTooltip().getElement(); if (n) n.classList.add('label-hover'); });
      dot.on('mouseout', function () { var n = dot.getTooltip().getElement(); if (n) n.classList.remove('label-hover'); });
    });
    map.on('zoomend', declutter);
    window.sitroomDeclutter = declutter;
    D.markers.forEach(function (m) {
      var layer, area = null;
      if (m.approx && m.area_km) {
        // The report names only a province, a country or a vicinity: a dashed area, never an exact point.
        area = L.circle([m.lat, m.lon], { radius: m.area_km * 1000, color: m.color, weight: 1, dashArray: '4 4',
          fillColor: m.color, fillOpacity: 0.06, interactive: false, className: 'approx-area' }).addTo(map);
      }
      if (m.kind === 'control') {
        var cls = 'ctl-icon' + (m.approx ? ' approx' : '');
        layer = L.marker([m.lat, m.lon], { icon: L.divIcon({ className: cls, html: '', iconSize: [12, 12], iconAnchor: [-5, 16] }), keyboard: true });
      } else {
        layer = L.circleMarker([m.lat, m.lon], m.approx
          ? { radius: 7, color: m.color, weight: 3, dashArray: '3 2', fillOpacity: 0, className: 'event-marker approx' }
          : { radius: 7, color: '#222', weight: 1, fillColor: m.color, fillOpacity: 0.9, className: 'event-marker' });
      }
      layer.bindTooltip(domLabel(m.label));
      layer.on('click', function () { showFact(m.id, m.label); });
      layer.addTo(map);
      if (m.kind === 'control' && layer.getElement()) {
        if (m.approx) layer.getElement().style.borderColor = m.color;
        else layer.getElement().style.background = m.color;
        layer.getElement().setAttribute('data-marker', m.id);
      }
      markers.push({ m: m, layer: layer, area: area });
    });
    window.sitroomMap = map;
    declutter();
  }

  // ------------------------------------------------------------------ filters
  var F = {};
  function docMatches(docId) {
    var d = D.docs[docId] || {};
    return F.source === 'd:' + docId || F.source === 'o:' + (d.source || '');
  }
  function matches(a) {
    // A filter applies to the facts that carry its dimension; an unknown value is filtered out.
    if ((F.from || F.to) && a.date !== undefined) {
      var d = (a.date || '').slice(0, 10);
      if (!d || (F.from && d < F.from) || (F.to && d > F.to)) return false;
    }
    if (F.place && a.place !== undefined && a.place !== F.place) return false;
    if (F.type && a.type !== undefined && a.type !== F.type) return false;
    if (F.actor && a.actors !== undefined && JSON.parse(a.actors).indexOf(F.actor) < 0) return false;
    if (F.speaker && a.speakers !== undefined && JSON.parse(a.speakers).indexOf(F.speaker) < 0) return false;
    // The actor filter is about parties on the ground, the speaker filter about voices: each hides the other kind.
    if (F.actor && a.actors === undefined && a.speakers !== undefined) return false;
    if (F.speaker && a.speakers === undefined && a.actors !== undefined) return false;
    if (F.until && a.date && a.date.slice(0, 10) > F.until) return false;
    if (F.source && a.docs !== undefined && !a.docs.split(' ').some(docMatches)) return false;
    return true;
  }
  function applyFilters() {
    ['from', 'to', 'place', 'actor', 'speaker', 'type', 'source'].forEach(function (k) {
      var n = document.getElementById('f-' + k);
      F[k] = n ? n.value : '';
    });
    var slider = document.getElementById('f-until');
    F.until = '';
    if (slider) {
      var days = slider.getAttribute('data-days').split(' ');
      var day = days[Number(slider.value)] || '';
      document.getElementById('f-until-day').textContent = day;
      if (Number(slider.value) < days.length - 1) F.until = day;  // at the end: everything, undated facts too
    }
    Array.prototype.forEach.call(document.querySelectorAll('[data-fact], [data-docs]'), function (n) {
      n.classList.toggle('hidden', !matches(n.dataset));
    });
    markers.forEach(function (x) {
      var on = matches(x.m.attrs);
      [x.layer, x.area].forEach(function (layer) {
        if (!layer) return;
        if (on && !window.sitroomMap.hasLayer(layer)) layer.addTo(window.sitroomMap);
        if (!on && window.sitroomMap.hasLayer(layer)) layer.remove();
      });
    });
    if (window.sitroomDeclutter) window.sitroomDeclutter();  // a hidden mark gives its room back to a name
  }
  var form = document.getElementById('filters');
  if (form) {
    form.addEventListener('change', applyFilters);
    form.addEventListener('input', applyFilters);  // the time slider moves the map as it is dragged
    form.addEventListener('reset', function () { setTimeout(applyFilters, 0); });
  }
  window.sitroomReady = true;
})();
