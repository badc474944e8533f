// guihua serve: the page's compare view — indicator and district pickers (the chosen ones above a
// filter box), the table with verdicts in Chinese, the charts of the HTML export and the downloads.
// Loaded before app.js, whose helpers (esc, api, hashOf, loadListings…) it calls at run time.
'use strict';

// The Chinese words of rules/labels.tsv (labels.js, compiled in): the verdicts and kinds are the
// words of the CLI's tables, from the one file.
const LABELS = Object.fromEntries(LABELS_TSV.split('\n').filter((l) => l && !l.startsWith('#'))
    .slice(1).map((l) => l.split('\t').slice(0, 2)));
const VERDICTS = ['stricter', 'same', 'looser', 'no_number', 'missing', 'extra'];
const VERDICT_NAMES = Object.fromEntries(VERDICTS.map((v) => [v, LABELS['verdict.' + v]]));
const VERDICT_HINTS = Object.fromEntries(VERDICTS.map((v) => [v, LABELS['verdict_hint.' + v]]));

function compareParams(state) {
  const o = {};
  for (const k of ['indicator', 'district', 'against', 'ifilter', 'dfilter']) o[k] = state.get(k) || '';
  return o;
}

// Does `filter` (as typed: id, Chinese name or English label, any case) match the option?
function matches(option, filter) {
  const f = filter.trim().toLowerCase();
  return !f || option.keys.some((k) => String(k || '').toLowerCase().includes(f));
}

// A picker: the chosen ones listed above a filter box and the options it lets through; `options`
// are {id, label, group, keys}.
function pickerHtml(name, title, options, chosen, filter) {
  const chips = chosen.map((id) => {
    const o = options.find((x) => x.id === id);
    return `<li><button type="button" class="chip" data-remove="${esc(id)}" title="移除">` +
        `${esc(o ? o.label : id)} ✕</button></li>`;
  }).join('');
  // Options by group (a plan, a province), the groups in the order they first come.
  const groups = [];
  for (const o of options) {
    let g = groups.find((x) => x.name === o.group);
    if (!g) groups.push(g = {name: o.group, options: []});
    g.options.push(o);
  }
  const list = groups.map((g) => {
    const labels = g.options.map((o) => `<label class="${matches(o, filter) ? '' : 'hidden'}">` +
        `<input type="checkbox" name="${name}" value="${esc(o.id)}"${chosen.includes(o.id) ? ' checked' : ''}> ` +
        `${esc(o.label)}</label>`).join('');
    const shown = g.options.some((o) => matches(o, filter));
    return `<div class="group-box${shown ? '' : ' hidden'}">` +
        (g.name ? `<div class="group">${esc(g.name)}</div>` : '') + labels + '</div>';
  }).join('');
  return `<fieldset class="picker" id="picker-${name}"><legend>${esc(title)}</legend>` +
      `<ul class="chosen" id="chosen-${name}">${chips || '<li class="muted none">（未选）</li>'}</ul>` +
      `<input type="search" class="filter" id="filter-${name}" value="${esc(filter)}" ` +
      `placeholder="输入名称或编号筛选" autocomplete="off">` +
      `<div class="options" id="options-${name}">${list}</div></fieldset>`;
}

function indicatorOptions(opts) {
  const rank = (plan) => (plan === 'women' ? 0 : plan === 'children' ? 1 : 2);
  return opts.indicators.slice().sort((a, b) => rank(a.plan) - rank(b.plan)).map((i) =>
    ({id: i.id, label: i.name, group: PLAN_NAMES[i.plan] || '两类规划', keys: [i.id, i.name, i.label]}));
}

function districtOptions(opts) {
  return opts.districts.map((d) => {
    const doc = opts.documents.find((x) => (x.district || x.city || x.province || x.id) === d &&
        (!x.kind || x.kind === 'plan')) || {};
    return {id: d, label: d, group: doc.province || '', keys: [d, doc.city, doc.province, doc.id]};
  });
}

function compareFormHtml(opts, p) {
  const split = (v) => v.split(',').filter(Boolean);
  const refs = ['<option value="">（不设参照）</option>'].concat(opts.districts.map((d) =>
      `<option value="${esc(d)}"${p.against === d ? ' selected' : ''}>${esc(d)}</option>`)).join('');
  return `<form id="compare-form" class="pick">` +
      pickerHtml('indicator', '指标', indicatorOptions(opts), split(p.indicator), p.ifilter) +
      `<div>` + pickerHtml('district', '区县（不选即全部）', districtOptions(opts), split(p.district), p.dfilter) +
      `<fieldset><legend>参照区县</legend><select name="against">${refs}</select></fieldset></div>` +
      `</form><div class="actions"><button class="btn" form="compare-form" type="submit">对比</button>` +
      `<span id="downloads"></span></div>`;
}

// The form's state as a hash: what is checked, the reference and the filter boxes.
function compareFormHash(form) {
  const checked = (name) => Array.from(form.querySelectorAll(`input[name=${name}]:checked`))
      .map((i) => i.value).join(',');
  return hashOf({view: 'compare', indicator: checked('indicator'), district: checked('district'),
                 against: form.against.value, ifilter: $('#filter-indicator').value.trim(),
                 dfilter: $('#filter-district').value.trim()});
}

// Typing filters the options at once; checking or removing updates the chosen list above them.
// The URL follows without reloading the table.
function wirePickers(opts) {
  const form = $('#compare-form');
  const all = {indicator: indicatorOptions(opts), district: districtOptions(opts)};
  const refresh = (name) => {
    const chosen = Array.from(form.querySelectorAll(`input[name=${name}]:checked`)).map((i) => i.value);
    const box = $(`#chosen-${name}`);
    box.innerHTML = chosen.map((id) => {
      const o = all[name].find((x) => x.id === id);
      return `<li><button type="button" class="chip" data-remove="${esc(id)}" title="移除">${esc(o ? o.label : id)} ✕</button></li>`;
    }).join('') || '<li class="muted none">（未选）</li>';
    history.replaceState(null, '', compareFormHash(form));
  };
  for (const name of Object.keys(all)) {
    const filter = $(`#filter-${name}`);
    filter.addEventListener('input', () => {
      const byId = new Map(all[name].map((o) => [o.id, o]));
      $(`#options-${name}`).querySelectorAll('.group-box').forEach((box) => {
        let any = false;
        box.querySelectorAll('label').forEach((label) => {
          const on = matches(byId.get(label.querySelector('input').value), filter.value);
          label.classList.toggle('hidden', !on);
          any = any || on;
        });
        box.classList.toggle('hidden', !any);
      });
      history.replaceState(null, '', compareFormHash(form));
    });
    filter.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') ev.preventDefault(); });
    $(`#options-${name}`).addEventListener('change', () => refresh(name));
    $(`#chosen-${name}`).addEventListener('click', (ev) => {
      const b = ev.target.closest('[data-remove]');
      if (!b) return;
      const box = Array.from(form.querySelectorAll(`input[name=${name}]`)).find((i) => i.value === b.dataset.remove);
      if (box) box.checked = false;
      refresh(name);
    });
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = compareFormHash(form);
  });
}

function valuesHtml(values) {
  return (values || []).map((v) =>
    `<span class="val" title="${esc((v.quote || '') + ' — ' + baseName(v.file) + ':' + v.line)}">` +
    `${esc(v.value_text || v.value)}</span>`).join('');
}

// A cell: its numbers; or the plan's goal without a number, in its words; or nothing.
function cellHtml(cell, isRef) {
  if (!cell) return `<td class="${isRef ? 'ref' : ''}"></td>`;
  const verdict = cell.verdict;
  const cls = [isRef ? 'ref' : '', verdict ? 'v-' + verdict : ''].filter(Boolean).join(' ');
  let body = valuesHtml(cell.values);
  if (cell.state === 'no_number' && cell.directions && cell.directions.length) {
    const d = cell.directions[0];
    body = `<span class="val no-number" title="${esc((d.quote || '') + ' — ' + baseName(d.file) + ':' + d.line)}">` +
        `${esc(d.value_text)}（无数值）</span>`;
  }
  const shown = verdict && verdict !== 'no_number';
  return `<td class="${cls}" data-verdict="${esc(verdict || '')}" data-state="${esc(cell.state || '')}">${body}` +
      (shown ? `<span class="verdict">${esc(VERDICT_NAMES[verdict] || verdict)}</span>` : '') + '</td>';
}

function tableHtml(t) {
  const ref = t.reference;
  const cols = t.columns.filter((c) => !ref || c.document !== ref.document);
  const head = `<tr><th class="ind">指标</th>` +
      (ref ? `<th class="ref">参照：${esc(ref.district)}</th>` : '') +
      cols.map((c) => `<th>${esc(c.district)}<br><span class="muted">${c.period && c.period.start ? esc(c.period.start + '–' + c.period.end) : ''}</span></th>`).join('') +
      '</tr>';
  const rows = t.rows.map((r) => {
    const byDoc = {};
    for (const c of r.cells || []) if (c) byDoc[c.document] = c;
    return `<tr><th class="ind">${esc(r.indicator)}<br><span class="muted">${esc(r.direction === 'lower' ? '越低越好' : r.direction === 'higher' ? '越高越好' : '')}</span></th>` +
        (ref ? cellHtml(r.reference, true) : '') +
        cols.map((c) => cellHtml(byDoc[c.document], false)).join('') + '</tr>';
  }).join('');
  const legend = ref ? `<ul class="legend" id="legend">${Object.entries(VERDICT_NAMES).map(([k, v]) =>
      `<li class="v-${k}" style="background: var(--${k})" title="${esc(VERDICT_HINTS[k])}">${esc(v)}：${esc(VERDICT_HINTS[k])}</li>`).join('')}</ul>` : '';
  return legend + `<div class="table-wrap"><table class="compare" id="compare-table"><thead>${head}</thead>` +
      `<tbody>${rows}</tbody></table></div>`;
}

// The SVG charts of the HTML export (the same renderer as `guihua compare --format html`), moved
// into the page: parsed inert, scripts and handlers dropped, each chart scaled to fit.
function showCharts(html) {
  const box = $('#charts');
  if (!box) return;
  const doc = new DOMParser().parseFromString(html || '', 'text/html');
  const charts = doc.querySelector('section.charts');
  if (!charts) {
    box.innerHTML = '<p class="muted">没有可画的数值。</p>';
    return;
  }
  charts.querySelectorAll('script, foreignObject').forEach((n) => n.remove());
  charts.querySelectorAll('*').forEach((n) => {
    for (const a of Array.from(n.attributes)) if (/^on/i.test(a.name)) n.removeAttribute(a.name);
  });
  charts.querySelectorAll('svg').forEach((svg) => {
    const w = parseFloat(svg.getAttribute('width')), h = parseFloat(svg.getAttribute('height'));
    if (w && h && !svg.getAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  });
  box.replaceChildren(document.importNode(charts, true));
}

async function renderCompare(state) {
  const p = compareParams(state);
  $('#main').innerHTML = '<p class="muted">载入中…</p>';
  let opts;
  try {
    opts = await loadListings();
  } catch (e) {
    return showError(e, '载入指标和区县');
  }
  $('#main').innerHTML = compareFormHtml(opts, p) + '<div id="compare-out"></div>';
  wirePickers(opts);
  if (!p.indicator) {
    $('#compare-out').innerHTML = '<p class="muted">选择指标和区县，然后点“对比”。</p>';
    return;
  }
  const query = apiQuery({indicator: p.indicator, district: p.district, against: p.against});
  try {
    const t = await api('/api/compare?' + query);
    $('#downloads').innerHTML = ['csv', 'xlsx', 'html'].map((f) =>
      `<a class="btn plain" download href="/api/export/compare.${f}?${esc(query)}">下载 ${f.toUpperCase()}</a>`).join(' ');
    $('#compare-out').innerHTML = tableHtml(t) +
        '<h3>图表</h3><div class="charts" id="charts"><p class="muted">图表载入中…</p></div>';
    fetch('/api/export/compare.html?' + query).then((r) => (r.ok ? r.text() : ''))
        .then(showCharts, () => showCharts(''));
  } catch (e) {
    $('#compare-out').innerHTML = errorHtml('对比', e);
  }
}

