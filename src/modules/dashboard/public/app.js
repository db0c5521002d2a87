/* 领导驾驶舱: plain browser JavaScript, no build step. Talks only to the public API with a bearer token. */
(function () {
  'use strict';

  const API = '/api/v1';
  const STATUS_ZH = { AHEAD: '超前', ON_TRACK: '正常', BEHIND: '滞后', ACHIEVED: '已完成', MISSED: '未完成', NOT_ENTERED: '未填报' };
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem('heping.token');
  let current = null;
  const charts = {};

  function today() {
    // The district's calendar date (Asia/Shanghai), whatever the browser's zone.
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }

  async function api(path, options) {
    const res = await fetch(API + path, {
      ...options,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}), ...((options && options.headers) || {}) },
    });
    if (res.status === 401 && path !== '/auth/login') {
      logout();
      throw new Error('登录已过期，请重新登录');
    }
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error(body.message || res.statusText);
    }
    return res;
  }
  const json = async (path) => (await api(path)).json();

  /** Numbers as leaders read them: 亿元 / 万元, 万㎡, with the unit. */
  function formatValue(value, unit) {
    const n = Number(value);
    if (unit === 'CNY' || unit === 'USD') {
      const cur = unit === 'CNY' ? '元' : '美元';
      if (Math.abs(n) >= 1e8) return (n / 1e8).toFixed(2) + ' 亿' + cur;
      if (Math.abs(n) >= 1e4) return (n / 1e4).toFixed(2) + ' 万' + cur;
      return n.toFixed(2) + ' ' + cur;
    }
    if (unit === 'M2') return Math.abs(n) >= 1e4 ? (n / 1e4).toFixed(2) + ' 万㎡' : n.toLocaleString('zh-CN') + ' ㎡';
    const suffix = { PROJECTS: ' 个', COMPANIES: ' 家', ENTITIES: ' 户' }[unit] || '';
    return n.toLocaleString('zh-CN') + suffix;
  }
  /** Chart axis scale per unit: money in 万元 (or 万美元), areas in ㎡, counts as they are. */
  function chartScale(unit) {
    if (unit === 'CNY') return { div: 1e4, name: '万元' };
    if (unit === 'USD') return { div: 1e4, name: '万美元' };
    if (unit === 'M2') return { div: 1, name: '㎡' };
    return { div: 1, name: { PROJECTS: '个', COMPANIES: '家', ENTITIES: '户' }[unit] || '' };
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function showLogin(message) {
    $('login-view').hidden = false;
    $('dashboard-view').hidden = true;
    $('who').hidden = true;
    $('login-error').textContent = message || '';
  }

  function logout() {
    token = null;
    sessionStorage.removeItem('heping.token');
    showLogin();
  }

  async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const res = await api('/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: $('username').value, password: $('password').value }),
      });
      const body = await res.json();
      token = body.accessToken;
      sessionStorage.setItem('heping.token', token);
      await start();
    } catch (e) {
      $('login-error').textContent = e.message === 'Wrong username or password' ? '用户名或密码错误' : e.message;
    }
  }

  async function start() {
    const me = await json('/auth/me');
    $('user').textContent = me.displayName + '（' + me.username + '）';
    $('who').hidden = false;
    $('login-view').hidden = true;
    $('dashboard-view').hidden = false;
    const plans = await json('/plans');
    $('plan').innerHTML = plans.map((p) => '<option value="' + escapeHtml(p.code) + '">' + escapeHtml(p.name) + '</option>').join('');
    if (!$('as-of').value) $('as-of').value = today();
    await refresh();
  }

  async function refresh() {
    document.body.dataset.state = 'loading';
    const plan = $('plan').value;
    const asOf = $('as-of').value || today();
    $('status-line').textContent = '加载中…';
    current = await json('/progress?plan=' + encodeURIComponent(plan) + '&asOf=' + asOf);
    renderCards();
    const options = current.indicators.map((i) => '<option value="' + i.code + '">' + escapeHtml(i.nameZh) + '</option>').join('');
    const keep = (id) => $(id).value;
    const y = keep('year-indicator');
    const b = keep('breakdown-indicator');
    $('year-indicator').innerHTML = options;
    $('breakdown-indicator').innerHTML = current.indicators
      .filter((i) => i.code !== 'MARKET_ENTITIES')
      .map((i) => '<option value="' + i.code + '">' + escapeHtml(i.nameZh) + '</option>')
      .join('');
    if (y) $('year-indicator').value = y;
    if (b) $('breakdown-indicator').value = b;
    renderYears();
    await Promise.all([renderBreakdown(), renderFunnel()]);
    $('status-line').textContent = '数据截至 ' + current.asOf + '，规划期 ' + current.plan.startDate + ' 至 ' + current.plan.endDate;
    document.body.dataset.state = 'ready';
  }

  function renderCards() {
    $('cards').innerHTML = current.indicators
      .map((i) => {
        const pct = Math.min(100, Number(i.percent));
        return (
          '<article class="card ' + i.status + '" data-indicator="' + i.code + '" data-actual="' + escapeHtml(i.actual) + '" data-target="' + escapeHtml(i.target) + '">' +
          '<h3>' + escapeHtml(i.nameZh) + '<span class="badge ' + i.status + '">' + STATUS_ZH[i.status] + '</span></h3>' +
          '<div class="actual">' + formatValue(i.actual, i.unit) + '</div>' +
          '<div class="target">目标 ' + formatValue(i.target, i.unit) + ' · 完成 <span class="percent">' + i.percent + '</span>%</div>' +
          '<div class="bar"><span style="width:' + pct + '%"></span></div>' +
          '<dl>' +
          '<dt>应完成</dt><dd>' + formatValue(i.expectedByNow, i.unit) + '</dd>' +
          '<dt>预计期末</dt><dd>' + formatValue(i.forecast, i.unit) + '</dd>' +
          (i.verified !== undefined ? '<dt>已核实</dt><dd class="verified">' + formatValue(i.verified, i.unit) + '</dd>' : '') +
          '</dl>' +
          '<a href="#" class="drill" data-code="' + i.code + '">明细</a>' +
          '</article>'
        );
      })
      .join('');
  }

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id));
    return charts[id];
  }

  function renderYears() {
    const ind = current.indicators.find((i) => i.code === $('year-indicator').value) || current.indicators[0];
    if (!ind) return;
    const scale = chartScale(ind.unit);
    chart('chart-years').setOption(
      {
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: ind.byYear.map((y) => y.year + '年') },
        yAxis: { type: 'value', name: scale.name },
        series: [{ type: 'bar', name: ind.nameZh, data: ind.byYear.map((y) => Number(y.value) / scale.div), itemStyle: { color: '#b71c1c' } }],
      },
      true,
    );
  }

  async function renderBreakdown() {
    const code = $('breakdown-indicator').value;
    const by = $('breakdown-by').value;
    const ind = current.indicators.find((i) => i.code === code);
    if (!ind) return;
    const el = $('chart-breakdown');
    let data;
    try {
      data = await json('/progress/breakdown?plan=' + current.plan.code + '&indicator=' + code + '&by=' + by + '&asOf=' + current.asOf);
    } catch (e) {
      chart('chart-breakdown').clear();
      el.dataset.message = e.message;
      return;
    }
    const scale = chartScale(ind.unit);
    chart('chart-breakdown').setOption(
      {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: data.rows.map((r) => ({ name: r.labelZh, value: Number(r.value) / scale.div })),
            label: { formatter: '{b}\n{d}%' },
          },
        ],
      },
      true,
    );
  }

  async function renderFunnel() {
    const data = await json('/pipeline/funnel?to=' + current.asOf);
    chart('chart-funnel').setOption(
      {
        tooltip: { trigger: 'item', formatter: '{b}: {c} 个' },
        series: [{ type: 'funnel', sort: 'none', data: data.stages.map((s) => ({ name: s.nameZh, value: s.count })), label: { formatter: '{b} {c}' } }],
      },
      true,
    );
  }

  async function showRecords(code) {
    const ind = current.indicators.find((i) => i.code === code);
    $('records-title').textContent = ind ? ind.nameZh : code;
    const data = await json('/progress/records?plan=' + current.plan.code + '&indicator=' + code + '&asOf=' + current.asOf + '&limit=50');
    if (!data.items.length) {
      $('records').innerHTML = '<p class="muted">没有记录。</p>';
      return;
    }
    const cols = Object.keys(data.items[0]).filter((k) => k !== 'id' && !k.endsWith('Id'));
    $('records').innerHTML =
      '<table><thead><tr>' + cols.map((c) => '<th>' + escapeHtml(c) + '</th>').join('') + '</tr></thead><tbody>' +
      data.items.map((r) => '<tr>' + cols.map((c) => '<td>' + escapeHtml(r[c] === null ? '' : r[c]) + '</td>').join('') + '</tr>').join('') +
      '</tbody></table>' + (data.nextCursor ? '<p class="muted">仅显示前 50 条。</p>' : '');
  }

  async function download() {
    const res = await api('/reports/progress.xlsx?plan=' + current.plan.code + '&asOf=' + current.asOf);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = '规划进度-' + current.plan.code + '-' + current.asOf + '.xlsx';
    a.click();
    URL.revokeObjectURL(url);
  }

  const guard = (fn) => (...args) => fn(...args).catch((e) => ($('status-line').textContent = e.message));
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('refresh').addEventListener('click', guard(refresh));
  $('plan').addEventListener('change', guard(refresh));
  $('as-of').addEventListener('change', guard(refresh));
  $('download').addEventListener('click', guard(download));
  $('year-indicator').addEventListener('change', renderYears);
  $('breakdown-indicator').addEventListener('change', guard(renderBreakdown));
  $('breakdown-by').addEventListener('change', guard(renderBreakdown));
  $('cards').addEventListener('click', (e) => {
    const link = e.target.closest('a.drill');
    if (!link) return;
    e.preventDefault();
    guard(showRecords)(link.dataset.code);
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

  if (token) guard(start)();
  else showLogin();
})();
