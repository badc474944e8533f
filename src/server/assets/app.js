// guihua serve: the page's script — a start page of what the index holds, search with controls and
// facets, a document view, and the wiring of every view (the compare view is compare.js, loaded
// first) over the JSON API, the pickers filled from the listings (/api/indicators, /api/documents,
// /api/domains). The location hash carries the whole state, so every view can be linked and reloaded.
'use strict';

const PLAN_NAMES = {women: '妇女发展规划', children: '儿童发展规划'};
const BLOCK_NAMES = {goal: '主要目标', measure: '策略措施', other: '其他'};
const KIND_NAMES = {plan: '发展规划', report: '监测报告', text: '其他文本'};
const SORT_NAMES = {
  relevance: '按相关度', period: '按规划期（新→旧）', value: '按指标值（低→高）',
  'value-desc': '按指标值（高→低）',
};
// What a hit shows of the key it was sorted by.
const SORT_KEYS = {period: '规划期', value: '指标值', 'value-desc': '指标值'};
const FILTERS = ['district', 'plan', 'kind', 'domain', 'block'];
// The search controls kept in the hash beside the facets.
const CONTROLS = ['indicator', 'year', 'vmin', 'vmax', 'sort', 'collapse'];
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
  for (const f of FILTERS.concat(CONTROLS)) o[f] = state.get(f) || '';
  o.offset = parseInt(state.get('offset') || '0', 10) || 0;
  return o;
}

function searchHash(s) {
  const o = {q: s.q};
  for (const f of FILTERS.concat(CONTROLS)) o[f] = s[f];
  o.offset = s.offset || '';
  return hashOf(o);
}

// The API's parameters of a search state: vmin/vmax as the value range "LO..HI".
function searchFilters(s) {
  const o = {};
  for (const f of FILTERS) o[f] = s[f];
  o.indicator = s.indicator;
  o.year = s.year;
  if (s.vmin || s.vmax) o.value = (s.vmin || '') + '..' + (s.vmax || '');
  if (s.sort && s.sort !== 'relevance') o.sort = s.sort;
  if (s.collapse === '0') o.collapse = '0';  // same texts are one hit unless asked
  return o;
}

// Nothing asked yet: the start page.
function isStart(s) {
  return !s.q && FILTERS.concat(CONTROLS).every((f) => !s[f]);
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

// The API's one-line message as a sentence: first letter up, a full stop at the end.
function sentence(message) {
  const m = String(message || '').trim();
  if (!m) return '未知原因。';
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.?!。？！]$/.test(s) ? s : s + '.';
}

function errorHtml(what, e) {
  return `<p class="error" id="error">${esc(what)}未能完成。服务器的说明：<q>${esc(sentence(e.message))}</q></p>`;
}

function showError(e, what) {
  $('#main').innerHTML = errorHtml(what || '请求', e);
}

function baseName(path) {
  return String(path || '').split('/').pop();
}

// A domain's Chinese name from /api/domains (rules/names.tsv), once the listings are loaded.
function domainName(id, fallback) {
  const d = listings && listings.domains.find((x) => x.id === id);
  return (d && d.name) || fallback || id || '（未归入领域）';
}

// ---- listings (the pickers' options) ----

let listings = null;  // {indicators (with values in the index), documents, districts with a plan, domains}

async function loadListings() {
  if (listings) return listings;
  const [indicators, documents, domains] = await Promise.all(
      [api('/api/indicators'), api('/api/documents'), api('/api/domains')]);
  // The compare pickers' districts: those with a plan (a report is never a reference or a column
  // unless named by its id; an index of an earlier ingest has no kinds).
  const districts = [];
  for (const d of documents) {
    if (d.kind && d.kind !== 'plan') continue;
    const name = d.district || d.city || d.province || d.id;
    if (!districts.includes(name)) districts.push(name);
  }
  listings = {indicators: indicators.filter((i) => i.documents > 0), documents, districts, domains};
  return listings;
}

function indicatorName(id) {
  const i = listings && listings.indicators.find((x) => x.id === id);
  return i ? i.name : id;
}

// ---- search ----

function facetLabel(name, key) {
  if (name === 'plan') return PLAN_NAMES[key] || key;
  if (name === 'block') return BLOCK_NAMES[key] || key;
  if (name === 'domain') return domainName(key);
  if (name === 'kind') return KIND_NAMES[key] || key;
  if (name === 'indicator') return indicatorName(key);
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

function hitHtml(h, sortedBy) {
  const docHash = hashOf({view: 'doc', id: h.document, line: h.line, q: ''});
  const block = h.block ? `<span class="badge ${esc(h.block)}">${esc(BLOCK_NAMES[h.block] || h.block)}</span>` : '';
  const lines = h.end_line && h.end_line !== h.line ? `${h.line}-${h.end_line}` : `${h.line}`;
  return `<li class="hit" data-district="${esc(h.district)}">` +
      `<div class="snippet">${h.snippet}</div>` +
      `<div class="meta"><span class="district">${esc(h.district)}</span>` +
      `<span class="domain">${esc(PLAN_NAMES[h.plan] || h.plan || '')} · ${esc(h.domain || domainName(h.domain_id))}</span>` +
      `${block}${sortedBy && h.sort_key ? `<span class="badge key">${esc(sortedBy)} ${esc(h.sort_key)}</span>` : ''}` +
      `<a class="loc" href="${esc(docHash)}">${esc(baseName(h.file))}:${esc(lines)}</a></div>` +
      sameTextHtml(h) + `</li>`;
}

// Under a hit whose text other plans print alike: how many and where, long lists cut.
function sameTextHtml(h) {
  if (!h.same_text || h.same_text < 2) return '';
  const d = h.same_text_districts || [];
  const shown = d.slice(0, 12).join(' ') + (d.length > 12 ? ' 等' : '');
  const items = h.same_text !== d.length ? `${h.same_text} 条 · ` : '';
  return `<div class="same-text" title="${esc(d.join(' '))}">同文 ${items}${d.length} 个区县：${esc(shown)}</div>`;
}

// The controls over the hits: indicator, year, value range (of that indicator) and sort. Each
// change is a new hash, so the URL holds them.
function controlsHtml(s, opts) {
  let plan = null;
  const inds = ['<option value="">（全部指标）</option>'].concat(opts.indicators.map((i) => {
    const group = i.plan !== plan ? (plan ? '</optgroup>' : '') +
        `<optgroup label="${esc(PLAN_NAMES[i.plan] || i.plan || '两类规划')}">` : '';
    plan = i.plan;
    return group + `<option value="${esc(i.id)}"${s.indicator === i.id ? ' selected' : ''}>${esc(i.name)}</option>`;
  })).join('') + (plan ? '</optgroup>' : '');
  const sorts = Object.entries(SORT_NAMES).map(([k, v]) =>
    `<option value="${k}"${(s.sort || 'relevance') === k ? ' selected' : ''}${k.startsWith('value') && !s.indicator ? ' disabled' : ''}>${v}</option>`).join('');
  const noInd = s.indicator ? '' : ' disabled title="先选择指标"';
  return `<form id="search-controls" class="controls">` +
      `<label>指标 <select name="indicator" id="c-indicator">${inds}</select></label>` +
      `<label>年份 <input name="year" id="c-year" type="number" min="1990" max="2100" step="1" placeholder="如 2025" value="${esc(s.year)}"></label>` +
      `<label>指标值 <input name="vmin" id="c-vmin" type="number" step="any" placeholder="下限" value="${esc(s.vmin)}"${noInd}>` +
      ` – <input name="vmax" id="c-vmax" type="number" step="any" placeholder="上限" value="${esc(s.vmax)}"${noInd}></label>` +
      `<label>排序 <select name="sort" id="c-sort">${sorts}</select></label>` +
      `<label>同文 <select name="collapse" id="c-collapse"><option value="">合并为一条</option>` +
      `<option value="0"${s.collapse === '0' ? ' selected' : ''}>逐条列出</option></select></label>` +
      `</form>`;
}

function wireControls(s) {
  const form = $('#search-controls');
  if (!form) return;
  form.addEventListener('change', () => {
    const next = Object.assign({}, s, {offset: 0});
    for (const f of CONTROLS) next[f] = form.elements[f].value.trim();
    if (!next.indicator) {
      next.vmin = next.vmax = '';
      if (next.sort.startsWith('value')) next.sort = '';
    }
    if (next.sort === 'relevance') next.sort = '';
    location.hash = searchHash(next);
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());
}

// Counts of one more filter's values, each by a request for the total alone (the index has no
// facet for plans and document kinds).
async function countsOf(name, keys, params) {
  const totals = await Promise.all(keys.map((key) =>
    api('/api/search?' + apiQuery(Object.assign({}, params, {[name]: key, limit: 0})))
        .then((r) => r.total, () => 0)));
  const out = {};
  keys.forEach((key, i) => { if (totals[i]) out[key] = totals[i]; });
  return out;
}

async function renderSearch(state) {
  const s = searchState(state);
  $('#q').value = s.q;
  if (isStart(s)) return renderStart();
  const base = Object.assign({q: s.q}, searchFilters(s));
  $('#main').innerHTML = '<p class="muted">检索中…</p>';
  try {
    const [r, plans, kinds, opts] = await Promise.all([
      api('/api/search?' + apiQuery(Object.assign({}, base, {limit: PAGE, offset: s.offset, facets: 1}))),
      countsOf('plan', Object.keys(PLAN_NAMES), Object.assign({}, base, {plan: ''})),
      countsOf('kind', Object.keys(KIND_NAMES), Object.assign({}, base, {kind: ''})),
      loadListings(),
    ]);
    const facets = r.facets || {};
    const chips = FILTERS.concat(['indicator']).filter((f) => s[f]).map((f) =>
      `<a class="chip" href="${esc(searchHash(Object.assign({}, s, {[f]: '', offset: 0})))}">` +
      `${esc(facetLabel(f, s[f]))} ✕</a>`).join('');
    const from = r.total ? s.offset + 1 : 0, to = s.offset + r.hits.length;
    // Collapsed, the pages go through the different texts (a bound when not every match was seen).
    const listed = r.collapsed ? r.wordings : r.total;
    const more = to < listed || (r.collapsed && !r.wordings_exact && r.hits.length === PAGE);
    const wordings = r.collapsed && r.wordings !== r.total ?
        `，合并同文后${r.wordings_exact ? '' : '至少 '} ${r.wordings} 条` : '';
    const prev = s.offset > 0 ? `<a href="${esc(searchHash(Object.assign({}, s, {offset: Math.max(0, s.offset - PAGE)})))}">‹ 上一页</a>` : '';
    const next = more ? `<a href="${esc(searchHash(Object.assign({}, s, {offset: s.offset + PAGE})))}">下一页 ›</a>` : '';
    const csv = r.total ? `<a class="btn plain" id="download-csv" download="检索结果.csv" ` +
        `href="/api/export/search.csv?${esc(apiQuery(base))}">下载全部${r.collapsed && !r.wordings_exact ? '' : ` ${listed} 条`}（CSV）</a>` : '';
    $('#main').innerHTML =
      `<div class="results"><aside class="facets">` +
      facetSection('区县', 'district', facets.district, s) +
      facetSection('规划', 'plan', plans, s) +
      facetSection('文件类型', 'kind', kinds, s) +
      facetSection('领域', 'domain', facets.domain, s) +
      facetSection('部分', 'block', facets.block, s) +
      `</aside><section>` + controlsHtml(s, opts) +
      (chips ? `<div class="chips">${chips}</div>` : '') +
      `<div class="summary-row"><p class="summary" id="summary">${s.q ? `“${esc(s.q)}”：` : ''}共 ${r.total_exact === false ? "至少 " : ""}${r.total} 条${wordings}` +
      (r.total ? `，第 ${from}–${to} 条` : '') + `</p>${csv}</div>` +
      (r.hits.length ? `<ol class="hits" id="hits">${r.hits.map((h) => hitHtml(h, SORT_KEYS[s.sort])).join('')}</ol>`
                     : '<p class="muted">没有找到匹配的条目。</p>') +
      `<div class="pager">${prev}${next}</div></section></div>`;
    wireControls(s);
    document.title = (s.q ? s.q + ' · ' : '') + '规划检索';
  } catch (e) {
    showError(e, '检索');
  }
}

// ---- start page: what the index holds ----

function countBy(list, key) {
  const out = {};
  for (const x of list) {
    const k = key(x);
    out[k] = (out[k] || 0) + 1;
  }
  return out;
}

async function renderStart() {
  $('#main').innerHTML = '<p class="muted">载入中…</p>';
  try {
    const opts = await loadListings();
    const docs = opts.documents;
    const kinds = countBy(docs, (d) => d.kind || 'plan');
    const kindLine = Object.entries(kinds).map(([k, n]) =>
      `<a href="${esc(searchHash({kind: k}))}">${esc(KIND_NAMES[k] || k)} ${n} 份</a>`).join(' · ');
    // Documents by province, then district, each with its kind and period.
    const byProvince = {};
    for (const d of docs) (byProvince[d.province || '（未知省份）'] ||= []).push(d);
    const regions = Object.entries(byProvince).map(([province, list]) =>
      `<li><span class="province">${esc(province)}</span> ` + list.map((d) =>
        `<a class="doc-link" href="${esc(hashOf({view: 'doc', id: d.id}))}" title="${esc(d.title || baseName(d.file))}">` +
        `${esc(d.district || d.city || d.id)}<span class="muted">（${esc(KIND_NAMES[d.kind] || d.kind)} ${esc(d.period || '')}）</span></a>`)
          .join('、') + '</li>').join('');
    // Targets by domain: each indicator's values counted under its first domain.
    const byDomain = {};
    for (const i of opts.indicators) {
      const dom = (i.domains && i.domains[0]) || '';
      byDomain[dom] = (byDomain[dom] || 0) + (i.targets || 0);
    }
    const domainRows = Object.entries(byDomain).sort((a, b) => b[1] - a[1]).map(([d, n]) =>
      `<tr><th><a href="${esc(searchHash({domain: d}))}">${esc(domainName(d))}</a></th><td>${n}</td></tr>`).join('');
    const common = opts.indicators.slice().sort((a, b) =>
      b.documents - a.documents || b.targets - a.targets).slice(0, 12);
    const commonList = common.map((i) =>
      `<li><a href="${esc(hashOf({view: 'compare', indicator: i.id}))}">${esc(i.name)}</a>` +
      ` <span class="muted">${i.documents} 份 · ${i.targets} 个值</span></li>`).join('');
    const examples = ['家庭教育指导服务站点', '孕产妇死亡率', '儿童友好', '托育'].map((q) =>
      `<a href="${esc(searchHash({q}))}">${esc(q)}</a>`).join('、');
    $('#main').innerHTML =
      `<div class="start" id="start">` +
      `<section><h2>索引收录</h2><p>${docs.length} 份文件：${kindLine}</p>` +
      `<ul class="regions">${regions}</ul></section>` +
      `<section><h2>各领域的指标值</h2><table class="counts" id="domain-counts"><thead><tr><th>领域</th><th>指标值</th></tr></thead>` +
      `<tbody>${domainRows}</tbody></table></section>` +
      `<section><h2>最常见的指标</h2><ol class="common" id="common-indicators">${commonList}</ol>` +
      `<p class="muted">点指标名即看各区县的目标对比。</p></section>` +
      `<section><h2>检索</h2><p>在上方输入词语，例如：${examples}。</p></section></div>`;
    document.title = '规划检索';
  } catch (e) {
    showError(e, '载入索引概况');
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
    const [d] = await Promise.all([api('/api/documents/' + encodeURIComponent(id)),
                                   loadListings().catch(() => null)]);
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
      `${d.items} 条 · ${d.targets.length} 个指标值（<mark class="target">蓝色</mark>标出）` +
      ` · <a id="doc-progress" href="${esc(hashOf({view: 'progress', district: d.district || id}))}">规划进展</a></p></div>` +
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
    showError(e, '载入文件');
  }
}

// ---- wiring ----

function render() {
  const state = readState();
  const view = state.get('view') || 'search';
  document.body.className = 'view-' + view;
  $('#nav-search').classList.toggle('active', view !== 'compare' && view !== 'progress');
  $('#nav-compare').classList.toggle('active', view === 'compare');
  $('#nav-progress').classList.toggle('active', view === 'progress');
  if (view === 'compare') return renderCompare(state);
  if (view === 'doc') return renderDocument(state);
  if (view === 'progress') return renderProgress(state);  // progress.js
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
// The header: documents by kind and values by kind (a goal without a number is no target value).
function statsText(st) {
  const order = ['plan', 'report', 'text', 'target', 'direction', 'baseline', 'actual', 'change'];
  const rank = (k) => (order.indexOf(k) + order.length + 1) % (order.length + 1);
  const counts = (prefix, byKind) => Object.entries(byKind || {}).filter(([, n]) => n > 0)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([k, n]) => `${LABELS[prefix + k] || k} ${n}`).join(' · ');
  const docs = counts('document_kind.', st.document_kinds);
  const values = counts('kind.', st.value_kinds);
  return `${st.documents} 份文件${docs ? `（${docs}）` : ''} · ${st.items} 条` + (values ? ` · ${values}` : '');
}

api('/api/stats').then((st) => {
  $('#stats').textContent = statsText(st);
}, () => {});
render();
