// guihua serve: the page's script — search with facets, a document view and a compare view over
// the JSON API. The location hash carries the whole state, so every view can be linked and reloaded.
'use strict';

const PLAN_NAMES = {women: '妇女发展规划', children: '儿童发展规划'};
const BLOCK_NAMES = {goal: '主要目标', measure: '策略措施', other: '其他'};
const DOMAIN_NAMES = {
  'women.health': '妇女与健康', 'women.education': '妇女与教育', 'women.economy': '妇女与经济',
  'women.decision': '妇女参与决策和管理', 'women.social_security': '妇女与社会保障',
  'women.family': '妇女与家庭建设', 'women.environment': '妇女与环境', 'women.law': '妇女与法律',
  'children.health': '儿童与健康', 'children.safety': '儿童与安全',
  'children.education': '儿童与教育', 'children.welfare': '儿童与福利',
  'children.family': '儿童与家庭', 'children.environment': '儿童与环境',
  'children.law': '儿童与法律保护',
};
const VERDICT_NAMES = {
  stricter: '更严', same: '相同', looser: '更松', missing: '缺失', extra: '新增',
};
const FILTERS = ['district', 'plan', 'domain', 'block'];
const PAGE = 20;

const $ = (sel) => document.querySelector(sel);

function esc(s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

// ---- state in the hash ----

function readState() {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}

function hashOf(params) {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') out.set(k, v);
  }
  const s = out.toString();
  return s ? '#' + s : '#';
}

function searchState(state) {
  const o = {q: state.get('q') || ''};
  for (const f of FILTERS) o[f] = state.get(f) || '';
  o.offset = parseInt(state.get('offset') || '0', 10) || 0;
  return o;
}

function searchHash(s) {
  return hashOf({q: s.q, district: s.district, plan: s.plan, domain: s.domain, block: s.block,
                 offset: s.offset || ''});
}

async function api(path) {
  const res = await fetch(path);
  const body = await res.json().catch(() => ({error: res.statusText}));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function apiQuery(params) {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') out.set(k, v);
  }
  return out.toString();
}

function showError(e) {
  $('#main').innerHTML = `<p class="error">出错了：${esc(e.message)}</p>`;
}

function baseName(path) {
  return String(path || '').split('/').pop();
}

function domainName(id, fallback) {
  return DOMAIN_NAMES[id] || fallback || id || '（未归入领域）';
}

// ---- search ----

function facetLabel(name, key) {
  if (name === 'plan') return PLAN_NAMES[key] || key;
  if (name === 'block') return BLOCK_NAMES[key] || key;
  if (name === 'domain') return domainName(key);
  return key;
}

function facetSection(title, name, counts, s) {
  const keys = Object.keys(counts || {});
  if (s[name] && !keys.includes(s[name])) keys.unshift(s[name]);
  if (!keys.length) return '';
  const items = keys.map((key) => {
    const on = s[name] === key;
    const next = Object.assign({}, s, {[name]: on ? '' : key, offset: 0});
    const n = counts && counts[key] !== undefined ? counts[key] : 0;
    return `<li><a class="${on ? 'on' : ''}" data-facet="${esc(name)}" href="${esc(searchHash(next))}">` +
        `<span>${esc(facetLabel(name, key))}${on ? ' ✕' : ''}</span>` +
        `<span class="count">${n}</span></a></li>`;
  });
  return `<section class="facet facet-${esc(name)}"><h3>${esc(title)}</h3><ul>${items.join('')}</ul></section>`;
}

function hitHtml(h) {
  const docHash = hashOf({view: 'doc', id: h.document, line: h.line, q: ''});
  const block = h.block ? `<span class="badge ${esc(h.block)}">${esc(BLOCK_NAMES[h.block] || h.block)}</span>` : '';
  const lines = h.end_line && h.end_line !== h.line ? `${h.line}-${h.end_line}` : `${h.line}`;
  return `<li class="hit" data-district="${esc(h.district)}">` +
      `<div class="snippet">${h.snippet}</div>` +
      `<div class="meta"><span class="district">${esc(h.district)}</span>` +
      `<span class="domain">${esc(PLAN_NAMES[h.plan] || h.plan || '')} · ${esc(h.domain || domainName(h.domain_id))}</span>` +
      `${block}<a class="loc" href="${esc(docHash)}">${esc(baseName(h.file))}:${esc(lines)}</a></div></li>`;
}

async function renderSearch(state) {
  const s = searchState(state);
  $('#q').value = s.q;
  const filters = {district: s.district, plan: s.plan, domain: s.domain, block: s.block};
  const base = Object.assign({q: s.q}, filters);
  const planCount = (plan) => api('/api/search?' + apiQuery(Object.assign({}, base, {plan, limit: 0})))
      .then((r) => r.total, () => 0);
  $('#main').innerHTML = '<p class="muted">检索中…</p>';
  try {
    const [r, women, children] = await Promise.all([
      api('/api/search?' + apiQuery(Object.assign({}, base, {limit: PAGE, offset: s.offset, facets: 1}))),
      planCount('women'), planCount('children'),
    ]);
    const plans = {};
    if (women) plans.women = women;
    if (children) plans.children = children;
    const facets = r.facets || {};
    const chips = FILTERS.filter((f) => s[f]).map((f) =>
      `<a class="chip" href="${esc(searchHash(Object.assign({}, s, {[f]: '', offset: 0})))}">` +
      `${esc(facetLabel(f, s[f]))} ✕</a>`).join('');
    const from = r.total ? s.offset + 1 : 0, to = s.offset + r.hits.length;
    const prev = s.offset > 0 ? `<a href="${esc(searchHash(Object.assign({}, s, {offset: Math.max(0, s.offset - PAGE)})))}">‹ 上一页</a>` : '';
    const next = to < r.total ? `<a href="${esc(searchHash(Object.assign({}, s, {offset: s.offset + PAGE})))}">下一页 ›</a>` : '';
    $('#main').innerHTML =
      `<div class="results"><aside class="facets">` +
      facetSection('区县', 'district', facets.district, s) +
      facetSection('规划', 'plan', plans, s) +
      facetSection('领域', 'domain', facets.domain, s) +
      facetSection('部分', 'block', facets.block, s) +
      `</aside><section>` +
      (chips ? `<div class="chips">${chips}</div>` : '') +
      `<p class="summary" id="summary">${s.q ? `“${esc(s.q)}”：` : ''}共 ${r.total_exact === false ? "至少 " : ""}${r.total} 条` +
      (r.total ? `，第 ${from}–${to} 条` : '') + `</p>` +
      (r.hits.length ? `<ol class="hits" id="hits">${r.hits.map(hitHtml).join('')}</ol>`
                     : '<p class="muted">没有找到匹配的条目。</p>') +
      `<div class="pager">${prev}${next}</div></section></div>`;
    document.title = (s.q ? s.q + ' · ' : '') + '规划检索';
  } catch (e) {
    showError(e);
  }
}

// ---- document ----

// `text` with each target's quote (or value) inside it wrapped in <mark class="target">.
function markTargets(text, targets) {
  const spans = [];
  for (const t of targets) {
    for (const needle of [t.quote, t.value_text]) {
      const at = needle ? text.indexOf(needle) : -1;
      if (at >= 0) {
        spans.push({at, end: at + needle.length, t});
        break;
      }
    }
  }
  spans.sort((a, b) => a.at - b.at || b.end - a.end);
  let out = '', pos = 0;
  for (const sp of spans) {
    if (sp.at < pos) continue;
    const t = sp.t;
    const title = `${t.indicator || ''}${t.indicator_id ? ' (' + t.indicator_id + ')' : ''}：` +
        `${t.kind === 'baseline' ? '基线 ' : '目标 '}${t.value_text || ''}`;
    out += esc(text.slice(pos, sp.at)) +
        `<mark class="target" title="${esc(title)}">${esc(text.slice(sp.at, sp.end))}</mark>`;
    pos = sp.end;
  }
  return out + esc(text.slice(pos));
}

async function renderDocument(state) {
  const id = state.get('id') || '';
  const focus = parseInt(state.get('line') || '0', 10);
  $('#main').innerHTML = '<p class="muted">载入中…</p>';
  try {
    const d = await api('/api/documents/' + encodeURIComponent(id));
    const toc = [], body = [];
    d.plans.forEach((plan, pi) => {
      const pid = `p${pi}`;
      toc.push(`<li><a href="#" data-jump="${pid}">${esc(PLAN_NAMES[plan.plan] || plan.plan)}</a><ul>`);
      body.push(`<h2 id="${pid}">${esc(PLAN_NAMES[plan.plan] || plan.plan)}</h2>`);
      plan.domains.forEach((dom, di) => {
        const did = `${pid}d${di}`;
        const name = dom.domain || domainName(dom.domain_id);
        toc.push(`<li><a href="#" data-jump="${did}">${esc(name)}</a></li>`);
        body.push(`<h3 id="${did}">${esc(name)}</h3>`);
        let block = null;
        for (const item of dom.items) {
          if (item.block !== block) {
            if (block !== null) body.push('</ol>');
            block = item.block;
            body.push(`<h4>${esc(BLOCK_NAMES[block] || block)}</h4><ol>`);
          }
          const ts = d.targets.filter((t) => t.line >= item.line && t.line <= item.end_line);
          const on = focus && focus >= item.line && focus <= item.end_line;
          body.push(`<li id="L${item.line}" class="${on ? 'focus' : ''}"><span class="ln">${item.line}</span>` +
                    `<span class="text">${markTargets(item.text, ts)}</span></li>`);
        }
        if (block !== null) body.push('</ol>');
      });
      toc.push('</ul></li>');
    });
    const period = d.period && d.period.start ? `${d.period.start}–${d.period.end}` : '';
    $('#main').innerHTML =
      `<div class="doc-head"><p><a href="javascript:history.back()">‹ 返回</a></p>` +
      `<h1>${esc(d.district)} ${esc(period)}</h1>` +
      `<p class="muted">${esc(d.province)} ${esc(d.city)} · ${esc(baseName(d.file))} · ` +
      `${d.items} 条 · ${d.targets.length} 个指标值（<mark class="target">蓝色</mark>标出）</p></div>` +
      `<div class="doc-layout"><nav class="toc"><ul>${toc.join('')}</ul></nav>` +
      `<article class="doc" id="doc">${body.join('')}</article></div>`;
    document.title = `${d.district} · 规划检索`;
    $('#main').querySelectorAll('[data-jump]').forEach((a) => a.addEventListener('click', (ev) => {
      ev.preventDefault();
      document.getElementById(a.dataset.jump).scrollIntoView();
    }));
    const target = $('#doc li.focus');
    if (target) target.scrollIntoView({block: 'center'});
  } catch (e) {
    showError(e);
  }
}

// ---- compare ----

let compareOptions = null;  // {indicators: [{id, name, plan}], districts: [name]}

async function loadCompareOptions() {
  if (compareOptions) return compareOptions;
  const [all, stats] = await Promise.all([api('/api/compare'), api('/api/stats')]);
  compareOptions = {
    indicators: all.rows.map((r) => ({id: r.indicator_id, name: r.indicator, plan: r.plan})),
    districts: stats.districts.map((d) => d.district),
  };
  return compareOptions;
}

function compareParams(state) {
  return {
    indicator: state.get('indicator') || '',
    district: state.get('district') || '',
    against: state.get('against') || '',
  };
}

function pickerHtml(opts, p) {
  const chosen = new Set(p.indicator.split(',').filter(Boolean));
  const districts = new Set(p.district.split(',').filter(Boolean));
  let plan = null;
  const inds = opts.indicators.map((i) => {
    const head = i.plan !== plan ? `<div class="plan">${esc(PLAN_NAMES[i.plan] || i.plan)}</div>` : '';
    plan = i.plan;
    return head + `<label><input type="checkbox" name="indicator" value="${esc(i.id)}"` +
        `${chosen.has(i.id) ? ' checked' : ''}> ${esc(i.name)}</label>`;
  }).join('');
  const dists = opts.districts.map((d) => `<label><input type="checkbox" name="district" value="${esc(d)}"` +
      `${districts.has(d) ? ' checked' : ''}> ${esc(d)}</label>`).join('');
  const refs = ['<option value="">（不设参照）</option>'].concat(opts.districts.map((d) =>
      `<option value="${esc(d)}"${p.against === d ? ' selected' : ''}>${esc(d)}</option>`)).join('');
  return `<form id="compare-form" class="pick">` +
      `<fieldset><legend>指标</legend><div class="options">${inds}</div></fieldset>` +
      `<div><fieldset><legend>区县（不选即全部）</legend><div class="options">${dists}</div></fieldset>` +
      `<fieldset><legend>参照区县</legend><select name="against">${refs}</select></fieldset></div>` +
      `</form><div class="actions"><button class="btn" form="compare-form" type="submit">对比</button>` +
      `<span id="downloads"></span></div>`;
}

function valuesHtml(values) {
  return (values || []).map((v) =>
    `<span class="val" title="${esc((v.quote || '') + ' — ' + baseName(v.file) + ':' + v.line)}">` +
    `${esc(v.value_text || v.value)}</span>`).join('');
}

function cellHtml(cell, isRef) {
  if (!cell) return `<td class="${isRef ? 'ref' : ''}"></td>`;
  const verdict = cell.verdict;
  const cls = [isRef ? 'ref' : '', verdict ? 'v-' + verdict : ''].filter(Boolean).join(' ');
  return `<td class="${cls}" data-verdict="${esc(verdict || '')}">${valuesHtml(cell.values)}` +
      (verdict ? `<span class="verdict">${esc(VERDICT_NAMES[verdict] || verdict)}</span>` : '') + '</td>';
}

function tableHtml(t) {
  const ref = t.reference;
  const cols = t.columns.filter((c) => !ref || c.document !== ref.document);
  const head = `<tr><th class="ind">指标</th>` +
      (ref ? `<th class="ref">参照：${esc(ref.district)}</th>` : '') +
      cols.map((c) => `<th>${esc(c.district)}<br><span class="muted">${c.period ? esc(c.period.start + '–' + c.period.end) : ''}</span></th>`).join('') +
      '</tr>';
  const rows = t.rows.map((r) => {
    const byDoc = {};
    for (const c of r.cells || []) if (c) byDoc[c.document] = c;
    return `<tr><th class="ind">${esc(r.indicator)}<br><span class="muted">${esc(r.direction === 'lower' ? '越低越好' : r.direction === 'higher' ? '越高越好' : '')}</span></th>` +
        (ref ? cellHtml(r.reference, true) : '') +
        cols.map((c) => cellHtml(byDoc[c.document], false)).join('') + '</tr>';
  }).join('');
  const legend = ref ? `<ul class="legend">${Object.entries(VERDICT_NAMES).map(([k, v]) =>
      `<li class="v-${k}" style="background: var(--${k})">${esc(v)}（${k}）</li>`).join('')}</ul>` : '';
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
  try {
    const opts = await loadCompareOptions();
    $('#main').innerHTML = pickerHtml(opts, p) + '<div id="compare-out"></div>';
    $('#compare-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const form = ev.target;
      const checked = (name) => Array.from(form.querySelectorAll(`input[name=${name}]:checked`))
          .map((i) => i.value).join(',');
      location.hash = hashOf({view: 'compare', indicator: checked('indicator'),
                              district: checked('district'), against: form.against.value});
    });
    if (!p.indicator) {
      $('#compare-out').innerHTML = '<p class="muted">选择指标和区县，然后点“对比”。</p>';
      return;
    }
    const query = apiQuery(p);
    const t = await api('/api/compare?' + query);
    $('#downloads').innerHTML = ['csv', 'xlsx', 'html'].map((f) =>
      `<a class="btn plain" download href="/api/export/compare.${f}?${esc(query)}">下载 ${f.toUpperCase()}</a>`).join(' ');
    $('#compare-out').innerHTML = tableHtml(t) +
        '<h3>图表</h3><div class="charts" id="charts"><p class="muted">图表载入中…</p></div>';
    fetch('/api/export/compare.html?' + query).then((r) => (r.ok ? r.text() : ''))
        .then(showCharts, () => showCharts(''));
  } catch (e) {
    showError(e);
  }
}

// ---- wiring ----

function render() {
  const state = readState();
  const view = state.get('view') || 'search';
  document.body.className = 'view-' + view;
  $('#nav-search').classList.toggle('active', view !== 'compare');
  $('#nav-compare').classList.toggle('active', view === 'compare');
  if (view === 'compare') return renderCompare(state);
  if (view === 'doc') return renderDocument(state);
  return renderSearch(state);
}

$('#search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const s = searchState(readState().get('view') ? new URLSearchParams() : readState());
  s.q = $('#q').value.trim();
  s.offset = 0;
  location.hash = searchHash(s);
});

window.addEventListener('hashchange', render);
api('/api/stats').then((st) => {
  $('#stats').textContent = `${st.documents} 份文件 · ${st.plans} 个规划 · ${st.items} 条 · ${st.targets} 个指标值`;
}, () => {});
render();
