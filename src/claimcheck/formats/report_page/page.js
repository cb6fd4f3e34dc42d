// claimcheck report: draws the evidence map from the JSON block above, with DOM calls only.
// Every string from the registry or a document reaches the page through a text node or
// setAttribute, never through innerHTML, so a quote holding markup shows as text.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('claimcheck-data').textContent);
  var SYMBOLS = { 'agree': '✓', 'not-comparable': '⊘', 'tension': '≈', 'conflict': '✗', 'single-source': '•',
                  'none': '–', 'not-checked': '!' };
  var WORDS = { 'agree': 'agree', 'not-comparable': 'not comparable', 'tension': 'tension', 'conflict': 'conflict',
                'single-source': 'single source', 'none': 'not compared', 'not-checked': 'not checked' };
  var SEVERITY = { 'agree': 0, 'single-source': 0, 'not-comparable': 1, 'tension': 2, 'conflict': 3, 'not-checked': 4 };
  var NOT_CHECKED = 'not-checked';
  var GRADES = ['high', 'moderate', 'low', 'very-low'];
  var MARKS = { 'high': '●●●●', 'moderate': '●●●○', 'low': '●●○○', 'very-low': '●○○○' };
  var STATUS_ORDER = ['conflict', 'tension', 'not-comparable', 'agree', 'single-source'];

  // el('p', {class: 'x'}, 'text', child): an element; strings become text nodes.
  function el(tag, attributes) {
    var node = document.createElement(tag);
    var name;
    for (name in attributes || {}) {
      if (attributes[name] !== null && attributes[name] !== undefined && attributes[name] !== false) {
        node.setAttribute(name, attributes[name] === true ? '' : String(attributes[name]));
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (typeof child === 'string' || typeof child === 'number') {
      node.appendChild(document.createTextNode(String(child)));
    } else {
      node.appendChild(child);
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function plural(n, word, many) {
    return n + ' ' + (n === 1 ? word : (many || word + 's'));
  }

  function verdictKey(verdict) {
    return verdict === null || verdict === undefined ? 'none' : verdict;
  }

  function badge(verdict, accepted) {
    var key = verdictKey(verdict);
    return [
      el('span', { 'class': 'badge v-' + key }, el('span', { 'class': 'sym', 'aria-hidden': 'true' }, SYMBOLS[key]),
         ' ', WORDS[key]),
      accepted ? [' ', el('span', { 'class': 'accepted-mark' }, '(accepted)')] : null
    ];
  }

  // A claim with errors of its own (or naming a source with errors) has no verdict nor grade: a badge says why.
  function whyNotChecked(claim) {
    var parts = [];
    if (claim.errors || !claim.error_sources.length) parts.push(plural(claim.errors, 'error'));
    if (claim.error_sources.length) {
      parts.push((claim.error_sources.length === 1 ? 'source ' : 'sources ') + claim.error_sources.join(', ') +
                 (claim.error_sources.length === 1 ? ' has errors' : ' have errors'));
    }
    return parts.join(', ');
  }

  function notCheckedBadge(claim) {
    return [badge(NOT_CHECKED, false), el('br'),
            el('span', { 'class': 'errors', 'title': 'claimcheck validate lists them' }, whyNotChecked(claim))];
  }

  function statusKey(claim) {
    return claim.checked ? claim.status : NOT_CHECKED;
  }

  function gradeBadge(grade) {
    return el('span', { 'class': 'grade g-' + grade, 'title': 'grade of the evidence: ' + grade },
              el('span', { 'class': 'marks', 'aria-hidden': 'true' }, MARKS[grade]), ' ', grade);
  }

  // ------------------------------------------------------------------ summary

  function drawSummary() {
    var summary = data.summary;
    var statuses = Object.assign({ 'not-checked': summary.not_checked }, summary.statuses);
    function card(count, what, verdict) {
      return el('li', { 'class': verdict ? 'v-' + verdict : null }, el('span', { 'class': 'count' }, count),
                el('span', { 'class': 'what' }, what));
    }
    // A status card is a button that shows only the claims of that status.
    function statusCard(status, one, many) {
      var n = statuses[status];
      var button = el('button', { 'type': 'button', 'title': 'Show only these claims' },
                      el('span', { 'class': 'count' }, n), el('span', { 'class': 'what' }, n === 1 ? one : many));
      button.addEventListener('click', function () {
        controls.status.value = status;
        applyFilters();
      });
      return el('li', { 'class': 'v-' + status }, button);
    }
    var grades = GRADES.filter(function (g) { return summary.grades[g]; }).map(function (g) {
      return summary.grades[g] + ' ' + g;
    }).join(' · ') || 'none';
    append(document.getElementById('summary'), [
      card(summary.claims, (summary.claims === 1 ? 'claim' : 'claims') + ' in ' +
           plural(data.documents.length, 'document')),
      statusCard('conflict', 'conflict', 'conflicts'),
      statusCard('tension', 'tension', 'tensions'),
      statuses['not-comparable'] ? statusCard('not-comparable', 'not comparable', 'not comparable') : null,
      statusCard('agree', 'agrees', 'agree'),
      statusCard('single-source', 'single source', 'single source'),
      summary.not_checked ? statusCard(NOT_CHECKED, 'not checked (has errors)', 'not checked (have errors)') : null,
      card(summary.accepted, 'accepted (explained in the registry)'),
      el('li', { 'class': 'grades' }, el('span', { 'class': 'count' }, grades),
         el('span', { 'class': 'what' }, 'claims by grade'))
    ]);
  }

  // ---------------------------------------------------------------------- map

  var rows = [];  // {claim, tr, search}

  function drawHead() {
    var tr = el('tr', null,
      el('th', { 'scope': 'col', 'class': 'claim' }, 'Claim'),
      el('th', { 'scope': 'col', 'class': 'status' }, 'Status and grade'));
    var sources = {};
    data.sources.forEach(function (s) { sources[s.source] = s; });
    data.documents.forEach(function (id) {
      var source = sources[id];
      var kind = [source.type].concat(source.flags).join(' · ');
      tr.appendChild(el('th', { 'scope': 'col', 'class': 'doc', 'title': source.title },
                        el('span', { 'class': 'doc-id' }, breakable(id)), el('span', { 'class': 'doc-kind' }, kind)));
    });
    document.querySelector('#map thead').appendChild(tr);
  }

  // An id with a break opportunity after each hyphen, so long ids wrap at their words.
  function breakable(id) {
    var parts = id.split('-');
    var nodes = [];
    parts.forEach(function (part, i) {
      nodes.push(i < parts.length - 1 ? part + '-' : part);
      if (i < parts.length - 1) nodes.push(el('wbr'));
    });
    return nodes;
  }

  function drawRow(claim, position) {
    var open = el('button', { 'type': 'button', 'class': 'claim-open', 'aria-haspopup': 'dialog',
                              'aria-controls': 'panel', 'data-claim': claim.claim },
      el('span', { 'class': 'claim-id' }, breakable(claim.claim)),
      el('span', { 'class': 'statement' }, claim.statement));
    var tags = claim.tags.length ? el('div', { 'class': 'tags' }, claim.tags.map(function (t) {
      return el('span', { 'class': 'tag' }, t);
    })) : null;
    var tr = el('tr', { 'data-claim': claim.claim },
      el('th', { 'scope': 'row', 'class': 'claim' }, open, tags),
      el('td', { 'class': 'status' }, claim.checked
        ? [badge(claim.status, claim.status_accepted), el('br'), gradeBadge(claim.grade)] : notCheckedBadge(claim)));
    data.documents.forEach(function (id) {
      var cell = claim.cells[id];
      if (!cell) {
        tr.appendChild(el('td', { 'class': 'cell empty' }, el('span', { 'class': 'visually-hidden' }, 'not stated')));
        return;
      }
      if (!claim.checked) {
        tr.appendChild(el('td', { 'class': 'cell stated v-' + NOT_CHECKED },
          el('ul', { 'class': 'says' }, cell.says.map(function (s) { return el('li', null, s); })),
          el('span', { 'class': 'verdict' }, el('span', { 'class': 'sym', 'aria-hidden': 'true' }, SYMBOLS[NOT_CHECKED]),
             ' ', WORDS[NOT_CHECKED])));
        return;
      }
      // Each value coloured and marked by its own verdicts, not by the worst of its document's.
      tr.appendChild(el('td', { 'class': 'cell stated values' },
        el('ul', { 'class': 'says' }, cell.values.map(valueItem))));
    });
    tr.addEventListener('click', function (event) {
      // A click anywhere on the row opens the claim, unless it selects text.
      if (event.target.closest('button') || String(window.getSelection())) return;
      openPanel(claim.claim, open);
    });
    open.addEventListener('click', function () { openPanel(claim.claim, open); });
    var words = [claim.claim, claim.statement].concat(claim.tags);
    Object.keys(claim.cells).forEach(function (id) { words = words.concat(claim.cells[id].says); });
    rows.push({ claim: claim, tr: tr, position: position, search: words.join('\n').toLowerCase() });
    return tr;
  }

  function valueItem(value) {
    var key = verdictKey(value.verdict);
    return el('li', { 'class': 'value v-' + key },
      el('span', { 'class': 'value-says' }, value.says),
      el('span', { 'class': 'verdict' }, el('span', { 'class': 'sym', 'aria-hidden': 'true' }, SYMBOLS[key]),
         ' ', WORDS[key], value.accepted ? ' (accepted)' : ''),
      value.silenced.length ? silencedMark(value.silenced) : null);
  }

  function silencedMark(codes) {
    return el('span', { 'class': 'silenced-mark', 'title': 'findings silenced by the registry\'s ignore' },
      '⊝ silenced: ' + codes.join(', '));
  }

  function drawMap() {
    drawHead();
    var body = document.querySelector('#map tbody');
    var fragment = document.createDocumentFragment();
    data.claims.forEach(function (claim, i) { fragment.appendChild(drawRow(claim, i)); });
    body.appendChild(fragment);
  }

  // ------------------------------------------------------------------ filters

  var controls = {
    status: document.getElementById('filter-status'),
    grade: document.getElementById('filter-grade'),
    tag: document.getElementById('filter-tag'),
    source: document.getElementById('filter-source'),
    text: document.getElementById('filter-text'),
    sort: document.getElementById('sort')
  };

  function fillFilters() {
    function options(select, values, label) {
      values.forEach(function (v) { select.appendChild(el('option', { 'value': v }, label ? label(v) : v)); });
    }
    var present = function (field) {
      var seen = {};
      data.claims.forEach(function (c) { seen[field === 'status' ? statusKey(c) : c[field]] = true; });
      return seen;
    };
    var statuses = present('status');
    options(controls.status, STATUS_ORDER.concat([NOT_CHECKED]).filter(function (s) { return statuses[s]; }),
            function (s) { return SYMBOLS[s] + ' ' + WORDS[s]; });
    var grades = present('grade');
    options(controls.grade, GRADES.filter(function (g) { return grades[g]; }),
            function (g) { return MARKS[g] + ' ' + g; });
    var tags = {};
    data.claims.forEach(function (c) { c.tags.forEach(function (t) { tags[t] = true; }); });
    options(controls.tag, Object.keys(tags).sort());
    options(controls.source, data.documents);
  }

  function matches(row) {
    var claim = row.claim;
    var text = controls.text.value.trim().toLowerCase();
    return (!controls.status.value || statusKey(claim) === controls.status.value) &&
      (!controls.grade.value || claim.grade === controls.grade.value) &&
      (!controls.tag.value || claim.tags.indexOf(controls.tag.value) >= 0) &&
      (!controls.source.value || Object.prototype.hasOwnProperty.call(claim.cells, controls.source.value)) &&
      (!text || row.search.indexOf(text) >= 0);
  }

  function order(a, b) {
    var by = controls.sort.value;
    var diff = 0;
    function rank(claim) { return claim.checked ? GRADES.indexOf(claim.grade) : GRADES.length; }
    if (by === 'worst') diff = SEVERITY[statusKey(b.claim)] - SEVERITY[statusKey(a.claim)];
    if (by === 'grade') diff = rank(a.claim) - rank(b.claim);
    return diff || a.position - b.position;
  }

  var drawnOrder = 'registry';

  function applyFilters() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = matches(row);
      row.tr.hidden = !keep;
      if (keep) shown++;
    });
    if (controls.sort.value !== drawnOrder) {
      var body = document.querySelector('#map tbody');
      rows.slice().sort(order).forEach(function (row) { body.appendChild(row.tr); });
      drawnOrder = controls.sort.value;
    }
    document.getElementById('shown').value = shown === rows.length
      ? 'Showing all ' + plural(rows.length, 'claim')
      : 'Showing ' + shown + ' of ' + plural(rows.length, 'claim');
    document.getElementById('no-match').hidden = shown > 0;
  }

  function wireFilters() {
    var form = document.getElementById('filters');
    form.addEventListener('input', applyFilters);
    form.addEventListener('change', applyFilters);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    document.getElementById('filter-reset').addEventListener('click', function () {
      ['status', 'grade', 'tag', 'source', 'text'].forEach(function (name) { controls[name].value = ''; });
      controls.sort.value = data.order || 'registry';
      applyFilters();
    });
  }

  // -------------------------------------------------------------------- panel

  var panel = document.getElementById('panel');
  var opener = null;

  function section(title, content) {
    return [el('h3', null, title), content];
  }

  function evidenceSection(detail) {
    var bySource = {};
    var sources = [];
    detail.evidence.forEach(function (entry) {
      if (!bySource[entry.source]) { bySource[entry.source] = []; sources.push(entry.source); }
      bySource[entry.source].push(entry);
    });
    return sources.map(function (source) {
      var cell = detail.checked ? findClaim(detail.claim).cells[source] : null;
      return el('div', { 'class': 'doc-block' },
        el('h4', null, source, ' ', cell ? badge(cell.verdict, cell.accepted) : null),
        bySource[source].map(function (entry) {
          var value = entry.value && entry.value !== entry.says ? ' = ' + entry.value : '';
          var where = entry.line ? (entry.location || 'line ' + entry.line) + ' of the document'
            : entry.quote_status === 'no text' ? 'no text of the document to find the quote in'
              : 'quote not found in the document';
          var own = cell ? cell.values.filter(function (v) { return v.says === entry.says; })[0] : null;
          return el('div', { 'class': 'entry' },
            el('div', { 'class': 'entry-head' }, 'says ', el('b', null, entry.says), value,
               ' ', el('span', { 'class': 'where' }, '(' + where + ')'),
               own ? [' ', badge(own.verdict, own.accepted)] : null),
            own && own.silenced.length ? silencedMark(own.silenced) : null,
            el('blockquote', null, entry.quote),
            el('div', { 'class': 'rests' }, 'rests on: ' + entry.rests_on.join(', ')));
        }));
    });
  }

  function pairsSection(detail) {
    if (!detail.pairs.length) return el('p', { 'class': 'muted' }, 'No pairs to compare: one value only.');
    return el('ul', { 'class': 'pairs' }, detail.pairs.map(function (pair) {
      return el('li', null,
        badge(pair.verdict, pair.accepted),
        pair.internal ? [' ', el('span', { 'class': 'accepted-mark' }, '(internal)')] : null,
        el('span', { 'class': 'between' }, pair.a + ' says ', el('b', null, pair.a_says), ' / ',
           pair.b + ' says ', el('b', null, pair.b_says)),
        el('p', { 'class': 'reason' }, pair.reason));
    }));
  }

  function gradeSection(detail) {
    return [
      el('p', null, gradeBadge(detail.grade)),
      detail.plain_language ? el('p', { 'class': 'plain-language' }, detail.plain_language) : null,
      el('ol', { 'class': 'reasons' }, detail.reasons.map(function (r) { return el('li', null, r); })),
      el('p', { 'class': 'muted' }, 'documents: ' + detail.documents + ', independent studies: ' +
         detail.independent_studies)
    ];
  }

  // The pooled estimate of independent studies, as `show` prints it: one line a figure.
  function pooledSection(detail) {
    return [
      el('ul', { 'class': 'pooled' }, detail.pooled.summary.map(function (line) { return el('li', null, line); })),
      // The forest plot: SVG drawn by claimcheck, as a data: image (an image runs no script).
      detail.forest ? el('img', { 'class': 'forest', 'src': detail.forest,
                                  'alt': 'Forest plot of ' + detail.claim + ': ' + detail.pooled.k +
                                         ' independent studies, ' + detail.pooled.name }) : null
    ];
  }

  // Each chain is a list of {depth, source}: a source, then what it rests on, one level deeper each.
  function provenanceSection(detail) {
    var tree = el('ul', { 'class': 'tree' });
    Object.keys(detail.provenance).forEach(function (source) {
      var stack = [tree];
      detail.provenance[source].forEach(function (link) {
        var item = el('li', null, link.source);
        stack.length = link.depth + 1;
        (stack[link.depth] || tree).appendChild(item);
        var children = el('ul');
        item.appendChild(children);
        stack[link.depth + 1] = children;
      });
    });
    tree.querySelectorAll('ul').forEach(function (ul) { if (!ul.firstChild) ul.remove(); });
    return tree;
  }

  function facts(detail) {
    var list = el('dl', { 'class': 'facts' });
    [['population', detail.population], ['note', detail.note],
     ['tags', detail.tags.join(', ')]].forEach(function (fact) {
      if (fact[1]) append(list, [el('dt', null, fact[0]), el('dd', null, fact[1])]);
    });
    return list.firstChild ? list : null;
  }

  function findClaim(id) {
    for (var i = 0; i < data.claims.length; i++) if (data.claims[i].claim === id) return data.claims[i];
    return null;
  }

  function fillPanel(id) {
    var detail = data.details[id];
    var claim = findClaim(id);
    var title = document.getElementById('panel-title');
    clear(title);
    append(title, id);
    document.getElementById('panel-statement').textContent = detail.statement;
    var badges = document.getElementById('panel-badges');
    clear(badges);
    var body = document.getElementById('panel-body');
    clear(body);
    if (!detail.checked) {
      append(badges, badge(NOT_CHECKED, false));
      append(body, [
        facts(detail),
        el('p', { 'class': 'not-checked-note' }, 'Not checked: ' + whyNotChecked(detail) +
           '. No verdict nor grade until they are fixed; claimcheck validate lists them.'),
        detail.evidence.length ? section('What each document says', evidenceSection(detail)) : null,
        section('Provenance', provenanceSection(detail))
      ]);
      body.scrollTop = 0;
      return;
    }
    append(badges, [badge(detail.status, claim.status_accepted), ' ', gradeBadge(detail.grade)]);
    append(body, [
      facts(detail),
      section('What each document says', evidenceSection(detail)),
      section('Pairwise verdicts', pairsSection(detail)),
      detail.pooled ? section('Pooled (' + detail.pooled.k + ' independent studies, ' + detail.pooled.name + ')',
                              pooledSection(detail)) : null,
      section('Grade', gradeSection(detail)),
      section('Provenance', provenanceSection(detail))
    ]);
    body.scrollTop = 0;
  }

  function openPanel(id, from) {
    opener = from || document.activeElement;
    fillPanel(id);
    if (!panel.open) panel.showModal();
    panel.scrollTop = 0;
    document.getElementById('panel-close').focus();
  }

  function wirePanel() {
    document.getElementById('panel-close').addEventListener('click', function () { panel.close(); });
    panel.addEventListener('click', function (event) {
      if (event.target === panel) panel.close();  // a click on the backdrop
    });
    panel.addEventListener('close', function () {
      if (opener && opener.focus) opener.focus();
    });
  }

  // Printing with a claim open: the claim's details print after the map, and the modal panel not at all.
  function wirePrint() {
    var target = document.getElementById('print-panel');
    window.addEventListener('beforeprint', function () {
      clear(target);
      if (!panel.open) return;
      var copy = el('section', { 'class': 'print-panel' });
      append(copy, [panel.querySelector('.panel-head').cloneNode(true), panel.querySelector('.panel-body').cloneNode(true)]);
      var button = copy.querySelector('button');
      if (button) button.remove();
      copy.querySelectorAll('[id]').forEach(function (node) { node.removeAttribute('id'); });
      target.appendChild(copy);
    });
    window.addEventListener('afterprint', function () { clear(target); });
  }

  // ------------------------------------------------------------------ sources

  function drawSources() {
    var body = document.querySelector('#documents tbody');
    data.sources.forEach(function (s) {
      var kind = s.type + (s.design ? ' (' + s.design + ')' : '');
      var quotes = s.quotes_found === null ? 'no text' : s.quotes_found ? plural(s.quotes, 'quote') + ' found'
        : 'some not found';
      body.appendChild(el('tr', null,
        el('td', { 'class': 'doc-id' }, s.source), el('td', null, s.title), el('td', { 'class': 'nowrap' }, kind),
        el('td', { 'class': 'nowrap' }, s.flags.join(', ')), el('td', null, s.cites.join(', ')),
        el('td', { 'class': 'num' }, s.claims), el('td', { 'class': 'nowrap' }, quotes)));
    });
  }

  drawSummary();
  drawMap();
  fillFilters();
  controls.sort.value = data.order || 'registry';
  wireFilters();
  wirePanel();
  wirePrint();
  drawSources();
  applyFilters();
  document.documentElement.setAttribute('data-ready', 'true');
}());
