// guihua serve: the page's progress view — a district's plan, its targets against the actuals of its
// monitoring reports (/api/progress): latest value, status colour, gap, trend, and a sparkline of the
// actuals by year against the target line. Uses the helpers of app.js ($, esc, api, apiQuery, hashOf).
'use strict';

const STATUS_NAMES = {achieved: '已实现', not_achieved: '未实现', no_data: '无数据'};

function progressParams(state) {
  return {district: state.get('district') || '', plan: state.get('plan') || ''};
}

function levelText(v) {
  if (!v) return '—';
  const unit = v.unit || '';
  return `${v.value}${unit}${v.year ? ` (${v.year})` : ''}`;
}

function targetText(t) {
  const sign = {'<=': '≤', '>=': '≥', '~': '约', '=': '', range: ''}[t.comparator] || '';
  const max = t.value_max != null ? `–${t.value_max}` : '';
  return `${sign}${t.value}${max}${t.unit || ''}`;
}

function signed(x, unit) {
  if (x == null) return '';
  return (x > 0 ? '+' : x < 0 ? '−' : '') + Math.abs(Math.round(x * 1e6) / 1e6) + (unit || '');
}

function trendText(r) {
  const t = r.trend;
  if (!t) return '';
  const pace = `${signed(t.per_year, r.target.unit)}/年`;
  if (t.reach_year === 'not at this pace') return pace + '，按此速度无法实现';
  return t.reach_year ? `${pace}，预计${t.reach_year}年实现` : pace;
}

// Actuals by year (dots and a line) against the target (a dashed line), on the plan's years.
function sparkline(r, period) {
  const W = 140, H = 34, pad = 4;
  const pts = r.actuals.filter((a) => a.value != null && (a.unit === r.target.unit || a.value === 0))
      .map((a) => [a.year, a.value]);
  const years = pts.map((p) => p[0]).concat([period.start, period.end].filter(Boolean));
  if (!years.length) return '';
  const y0 = Math.min(...years), y1 = Math.max(...years, y0 + 1);
  const vals = pts.map((p) => p[1]).concat([r.target.value, r.target.value_max].filter((v) => v != null));
  let lo = Math.min(...vals), hi = Math.max(...vals);
  const margin = hi > lo ? (hi - lo) * 0.15 : Math.max(1, Math.abs(hi) * 0.1);
  lo -= margin;
  hi += margin;
  const x = (y) => pad + (W - 2 * pad) * (y - y0) / (y1 - y0);
  const y = (v) => pad + (H - 2 * pad) * (hi - v) / (hi - lo);
  const ty = y(r.target.value).toFixed(1);
  let svg = `<svg class="spark" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img">` +
      `<line class="target" x1="${pad}" x2="${W - pad}" y1="${ty}" y2="${ty}"/>`;
  if (pts.length > 1) {
    svg += `<polyline points="${pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"/>`;
  }
  for (const p of pts) {
    svg += `<circle class="actual" cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="2.5">` +
        `<title>${p[0]}: ${p[1]}${esc(r.target.unit || '')}</title></circle>`;
  }
  return svg + '</svg>';
}

function saysHtml(s) {
  if (!s) return '';
  const word = STATUS_NAMES[s.says] || s.says;
  return `<span title="${esc(s.sentence)}">${esc(word)}（${esc(s.cue)}）</span>` +
      (s.disagrees ? ' <span class="disagree">与数据不符</span>' : '');
}

function progressPlanHtml(p) {
  const period = p.period && p.period.start ? `${p.period.start}–${p.period.end}` : '';
  const s = p.summary;
  const rate = s.rate == null ? '—' : `${(s.rate * 100).toFixed(1)}%`;
  const rows = p.rows.map((r) => {
    const latest = r.latest;
    const where = latest ? `${latest.quote || ''} — ${baseName(latest.file)}:${latest.line}` : '';
    return `<tr data-indicator="${esc(r.indicator_id)}"><th>${esc(r.indicator)}</th>` +
        `<td title="${esc(r.target.quote || '')}">${esc(targetText(r.target))}</td>` +
        `<td title="${esc(where)}">${esc(levelText(latest))}</td>` +
        `<td class="status s-${esc(r.status)}" data-status="${esc(r.status)}">${esc(STATUS_NAMES[r.status] || r.status)}</td>` +
        `<td>${esc(signed(r.gap, r.target.unit === 'ratio' ? '' : r.target.unit))}</td>` +
        `<td>${esc(trendText(r))}</td><td>${saysHtml(r.report_says)}</td>` +
        `<td>${sparkline(r, p.period || {})}</td></tr>`;
  }).join('');
  return `<section class="progress-plan" data-document="${esc(p.document)}">` +
      `<h2>${esc(p.title || `${p.district} ${PLAN_NAMES[p.plan] || p.plan}`)} <span class="muted">${esc(period)}</span></h2>` +
      `<p class="muted">达标率 <b class="rate">${esc(rate)}</b>：可监测 ${s.monitored} 项，已实现 ${s.achieved} 项` +
      `（共 ${s.targets} 项目标）</p>` +
      `<div class="table-wrap"><table class="progress"><thead><tr><th>指标</th><th>目标</th><th>最新值</th>` +
      `<th>状态</th><th>差距</th><th>趋势</th><th>报告表述</th><th>历年数值</th></tr></thead>` +
      `<tbody>${rows}</tbody></table></div></section>`;
}

async function progressPickerHtml(p) {
  const stats = await api('/api/stats');
  const districts = stats.districts.map((d) => d.district);
  const opts = ['<option value="">（选择区县）</option>'].concat(districts.map((d) =>
      `<option value="${esc(d)}"${p.district === d ? ' selected' : ''}>${esc(d)}</option>`)).join('');
  const plans = [['', '妇女和儿童'], ['women', PLAN_NAMES.women], ['children', PLAN_NAMES.children]]
      .map(([v, n]) => `<option value="${v}"${p.plan === v ? ' selected' : ''}>${esc(n)}</option>`).join('');
  return `<form id="progress-form" class="pick-inline"><select name="district">${opts}</select>` +
      `<select name="plan">${plans}</select><button class="btn" type="submit">查看进展</button>` +
      `<span id="progress-downloads"></span></form>`;
}

async function renderProgress(state) {
  const p = progressParams(state);
  $('#main').innerHTML = '<p class="muted">载入中…</p>';
  try {
    $('#main').innerHTML = (await progressPickerHtml(p)) + '<div id="progress-out"></div>';
    $('#progress-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      location.hash = hashOf({view: 'progress', district: ev.target.district.value, plan: ev.target.plan.value});
    });
    if (!p.district) {
      $('#progress-out').innerHTML = '<p class="muted">选择一个区县，查看其规划目标与历年监测数据的对照。</p>';
      return;
    }
    const query = apiQuery(p);
    const report = await api('/api/progress?' + query);
    $('#progress-downloads').innerHTML = ['csv', 'xlsx', 'html'].map((f) =>
      `<a class="btn plain" download href="/api/export/progress.${f}?${esc(query)}">下载 ${f.toUpperCase()}</a>`).join(' ');
    $('#progress-out').innerHTML = report.plans.length ? report.plans.map(progressPlanHtml).join('')
        : '<p class="muted">该区县没有带目标的规划。</p>';
    document.title = `${p.district} 规划进展 · 规划检索`;
  } catch (e) {
    showError(e, '进展查询');
  }
}
