// Qianmian console: shared by every page. Plain JavaScript, no build step.
// Data comes from the server's /console/api/..., or, in an offline export, from data.js
// (window.QIANMIAN_SNAPSHOT), which holds the same JSON.
'use strict';

const QM = (() => {
  const STRINGS = {
    en: {
      store: 'Store', segments: 'Segments', campaigns: 'Campaigns', experiments: 'Experiments', models: 'Models', api: 'API',
      logout: 'Log out', offline: 'Offline snapshot', loading: 'Loading…',
      storeTitle: 'Store', storeSub: 'Daily traffic, orders and conversion from the store report',
      pv: 'Page views', uv: 'Visitors', orders: 'Orders', gmv: 'GMV', aov: 'AOV', conversion: 'Conversion',
      trafficTrend: 'Traffic (PV, UV)', salesTrend: 'Orders and GMV', valueTrend: 'AOV and conversion',
      funnel: 'Funnel view → cart → purchase', dropOff: 'drop-off', stageView: 'Viewed', stageCart: 'Added to cart', stagePurchase: 'Bought', byChannel: 'By channel', bySegment: 'By segment',
      byCategory: 'By category', alerts: 'Alerts fired', noAlerts: 'No alert fired.', rule: 'Rule', metric: 'Metric',
      day: 'Day', value: 'Value', actual: 'Actual', threshold: 'Threshold',
      segmentsTitle: 'Segments', segmentsSub: 'Who the shoppers are: rule and learned segments of the serving bundle',
      segment: 'Segment', kind: 'Kind', size: 'Users', share: 'Share', avgR: 'Avg R', avgF: 'Avg F', avgM: 'Avg M',
      topCategories: 'Top categories', description: 'In plain words', segmentSizes: 'Segment sizes',
      rfmGrid: 'RFM grid: users per R × F cell, coloured by mean monetary value', recency: 'R (recency)', frequency: 'F (frequency)',
      lookup: 'Look up a shopper', lookupHint: 'The profile, and what the server would show this shopper now (no exposure is logged, no budget spent).',
      userId: 'User id', channel: 'Channel', anyChannel: 'any channel', show: 'Show', profile: 'Profile', lifecycle: 'Lifecycle',
      tags: 'Interest tags', recommendations: 'Recommendations', item: 'Item', title: 'Title', category: 'Category', price: 'Price',
      score: 'Score', reason: 'Reason', why: 'Why', probability: 'Probability', noCampaigns: 'No campaign for this shopper now.',
      noProfile: 'No profile for this user (new or unknown shopper).', lookupOffline: 'The shopper lookup needs the running server.',
      campaignsTitle: 'Campaigns', campaignsSub: 'Delivery, response and uplift per campaign and segment',
      impressions: 'Impressions', clicks: 'Clicks', conversions: 'Conversions', revenue: 'Revenue', budget: 'Budget used',
      pacing: 'Today / daily cap', estimate: 'Learned conversion (95% interval)', uplift: 'Uplift vs control', controlShare: 'Control share',
      impressionsByCampaign: 'Impressions by campaign', estimateByCampaign: 'Learned conversion rate by campaign (all segments)',
      noCampaignsConfigured: 'No campaigns configured.',
      experimentsTitle: 'Experiments', experimentsSub: 'Variants, lift with confidence intervals, sample-ratio check, off-policy estimates',
      variant: 'Variant', units: 'Units', exposures: 'Exposures', conversionRate: 'Conversion rate', revenuePerUser: 'Revenue per user',
      lift: 'Lift', pValue: 'p-value', ci: '95% interval', srm: 'Sample ratio', srmOk: 'no mismatch', srmBad: 'MISMATCH',
      cumulativeLift: 'Cumulative lift of conversion over time', offPolicy: 'Off-policy estimate of the candidate bundle',
      logged: 'Logged policy', clicksPerRequest: 'Clicks per request', ips: 'IPS', snips: 'Self-normalized IPS', ess: 'Effective sample size', noReport: 'No analysis yet',
      noExperiments: 'No experiments configured.', source: 'Source',
      modelsTitle: 'Models', modelsSub: 'The serving bundle and the bundles kept for rollback',
      version: 'Version', createdAt: 'Created', dataWindow: 'Data window', events: 'Events', users: 'Users', items: 'Items',
      rank: 'Factor rank', parameters: 'Training parameters', offlineMetrics: 'Offline metrics', keptBundles: 'Bundles kept',
      current: 'serving', noModel: 'No model loaded.', candidateModels: 'Candidate models',
      apiTitle: 'API', apiSub: 'The OpenAPI document of the server, browsable', notInSnapshot: 'Not in this snapshot.',
    },
    zh: {
      store: '店铺', segments: '人群', campaigns: '营销活动', experiments: '实验', models: '模型', api: '接口',
      logout: '退出', offline: '离线快照', loading: '加载中…',
      storeTitle: '店铺概览', storeSub: '来自店铺报表的每日流量、订单与转化',
      pv: '浏览量', uv: '访客数', orders: '订单数', gmv: '成交额', aov: '客单价', conversion: '转化率',
      trafficTrend: '流量（PV、UV）', salesTrend: '订单与成交额', valueTrend: '客单价与转化率',
      funnel: '漏斗：浏览 → 加购 → 购买', dropOff: '流失', stageView: '浏览', stageCart: '加购', stagePurchase: '购买', byChannel: '按渠道', bySegment: '按人群',
      byCategory: '按类目', alerts: '已触发的告警', noAlerts: '没有告警。', rule: '规则', metric: '指标',
      day: '日期', value: '维度值', actual: '实际值', threshold: '阈值',
      segmentsTitle: '人群', segmentsSub: '当前模型包中的规则人群与聚类人群',
      segment: '人群', kind: '类型', size: '人数', share: '占比', avgR: '平均R', avgF: '平均F', avgM: '平均M',
      topCategories: '偏好类目', description: '特征描述', segmentSizes: '人群规模',
      rfmGrid: 'RFM 网格：每个 R × F 格子的人数，颜色为平均消费金额', recency: 'R（最近购买）', frequency: 'F（购买频次）',
      lookup: '查询顾客', lookupHint: '顾客画像，以及服务器此刻会向其展示的内容（不记录曝光，不消耗预算）。',
      userId: '用户 ID', channel: '渠道', anyChannel: '全部渠道', show: '查询', profile: '画像', lifecycle: '生命周期',
      tags: '兴趣标签', recommendations: '推荐商品', item: '商品', title: '名称', category: '类目', price: '价格',
      score: '得分', reason: '来源', why: '原因', probability: '概率', noCampaigns: '此刻没有适合该顾客的活动。',
      noProfile: '该用户没有画像（新顾客或未知顾客）。', lookupOffline: '顾客查询需要运行中的服务器。',
      campaignsTitle: '营销活动', campaignsSub: '各活动、各人群的投放、响应与增量',
      impressions: '曝光', clicks: '点击', conversions: '转化', revenue: '收入', budget: '预算使用',
      pacing: '今日 / 每日上限', estimate: '学习到的转化率（95% 区间）', uplift: '相对对照组增量', controlShare: '对照组比例',
      impressionsByCampaign: '各活动曝光', estimateByCampaign: '各活动学习到的转化率（全部人群）',
      noCampaignsConfigured: '没有配置营销活动。',
      experimentsTitle: '实验', experimentsSub: '各实验组、带置信区间的提升、样本比例检验、离线策略评估',
      variant: '实验组', units: '用户数', exposures: '曝光', conversionRate: '转化率', revenuePerUser: '人均收入',
      lift: '提升', pValue: 'p 值', ci: '95% 区间', srm: '样本比例', srmOk: '无偏差', srmBad: '比例失衡',
      cumulativeLift: '转化率累计提升随时间变化', offPolicy: '候选模型包的离线策略评估',
      logged: '线上策略', clicksPerRequest: '每次请求点击数', ips: 'IPS', snips: '自归一化 IPS', ess: '有效样本量', noReport: '暂无分析',
      noExperiments: '没有配置实验。', source: '来源',
      modelsTitle: '模型', modelsSub: '正在服务的模型包与保留用于回滚的模型包',
      version: '版本', createdAt: '创建时间', dataWindow: '数据时间窗', events: '事件数', users: '用户数', items: '商品数',
      rank: '因子维度', parameters: '训练参数', offlineMetrics: '离线评估指标', keptBundles: '保留的模型包',
      current: '服务中', noModel: '尚未加载模型。', candidateModels: '候选模型',
      apiTitle: '接口', apiSub: '服务器的 OpenAPI 文档', notInSnapshot: '此快照中没有该数据。',
    },
  };
  const PAGES = ['store', 'segments', 'campaigns', 'experiments', 'models', 'api'];
  let lang = localStorage.getItem('qianmian.lang') || ((navigator.language || '').startsWith('zh') ? 'zh' : 'en');
  const offline = typeof window.QIANMIAN_SNAPSHOT === 'object';
  const charts = {};

  function t(key) { return (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key; }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function header(page) {
    const nav = el('nav', {}, PAGES.filter(p => !(offline && p === 'api'))
      .map(p => el('a', { href: p + '.html', class: p === page ? 'active' : null, text: t(p) })));
    const toggle = el('button', { id: 'lang', type: 'button', text: lang === 'zh' ? 'English' : '中文' });
    toggle.onclick = () => { localStorage.setItem('qianmian.lang', lang === 'zh' ? 'en' : 'zh'); location.reload(); };
    const tools = el('div', { class: 'tools' }, toggle);
    if (offline) {
      tools.append(el('span', { class: 'badge', text: t('offline') + ' · ' + (window.QIANMIAN_SNAPSHOT.createdAt || '') }));
    } else {
      const out = el('form', { method: 'post', action: '/console/logout' }, el('button', { type: 'submit', id: 'logout', text: t('logout') }));
      tools.append(out);
    }
    document.body.prepend(el('header', {}, el('div', { class: 'brand', text: '千人千面 Qianmian' }), nav, tools));
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
    document.title = t(page) + ' · Qianmian';
  }

  /** The JSON of one console endpoint (or its snapshot offline); rejects with a readable message. */
  async function load(name) {
    if (offline) {
      const v = window.QIANMIAN_SNAPSHOT[name];
      if (v === undefined || v === null) throw new Error(t('notInSnapshot'));
      return v;
    }
    const r = await fetch('api/' + name, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (r.status === 401) { location.href = '/console/login?next=' + encodeURIComponent(location.pathname); throw new Error('401'); }
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(body.detail || (r.status + ' ' + r.statusText));
    return body;
  }

  /** An ECharts chart in the element with this id; kept by id so that tests and resizes find it. */
  function chart(id, option) {
    const node = document.getElementById(id);
    const c = echarts.getInstanceByDom(node) || echarts.init(node);
    c.setOption(Object.assign({ animation: false, grid: { left: 56, right: 56, top: 36, bottom: 40 }, tooltip: { trigger: 'axis' } }, option), true);
    charts[id] = c;
    return c;
  }
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

  const nf = (d) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: d });
  function num(x, d = 0) { return x === null || x === undefined || Number.isNaN(x) ? '–' : nf(d).format(x); }
  function money(x) { return x === null || x === undefined ? '–' : nf(2).format(x); }
  function pct(x, d = 1) { return x === null || x === undefined || Number.isNaN(x) ? '–' : nf(d).format(x * 100) + '%'; }
  function interval(ci, f) { return ci && ci.length === 2 && ci[0] !== null ? '[' + f(ci[0]) + ', ' + f(ci[1]) + ']' : '–'; }

  /** A table: columns are [label, value function, 'num' for right-aligned]. */
  function table(columns, rows, attrs) {
    return el('table', attrs || {},
      el('thead', {}, el('tr', {}, columns.map(c => el('th', { class: c[2] || null, text: c[0] })))),
      el('tbody', {}, rows.map(r => el('tr', c0(r), columns.map(c => el('td', { class: c[2] || null }, c[1](r)))))));
  }
  function c0(r) { return r && r.__attrs ? r.__attrs : {}; }

  function fail(where, e) {
    const box = typeof where === 'string' ? document.getElementById(where) : where;
    box.replaceChildren(el('div', { class: 'notice error', text: e.message }));
  }

  /**
   * A page: the header, the title, then render(data, box) with the JSON of `source` (each page's
   * script is one call); a failed load shows its message instead.
   */
  async function page(name, source, render, onFail) {
    const box = el('div', { id: 'content' }, el('span', { class: 'muted', text: t('loading') }));
    document.body.prepend(el('main', {}, el('h1', { text: t(name + 'Title') }), el('div', { class: 'sub', text: t(name + 'Sub') }), box));
    header(name);
    let data;
    try { data = await load(source); } catch (e) { fail(box, e); if (onFail) onFail(box); return; }
    render(data, box);
  }

  return { t, el, header, page, load, chart, charts, num, money, pct, interval, table, fail, offline, lang: () => lang };
})();
window.QM = QM;
