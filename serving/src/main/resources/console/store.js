// Store page: the store report's metrics.json.
'use strict';
QM.page('store', 'store', (m, box) => {
  const { t, el, num, money, pct } = QM;
  const days = m.daily.map(d => d.day);
  const tot = m.totals;
  const kpi = (key, value) => el('div', { class: 'kpi', id: 'kpi-' + key }, el('div', { class: 'label', text: t(key) }), el('div', { class: 'value', text: value }));
  box.replaceChildren(
    el('div', { class: 'sub', text: (m.period.from || '') + ' … ' + (m.period.to || '') + ' · ' + m.period.days + ' d · ' + m.period.timeZone + ' · ' + m.source }),
    el('div', { class: 'kpis' }, kpi('pv', num(tot.pv)), kpi('uv', num(tot.uv)), kpi('orders', num(tot.orders)),
      kpi('gmv', money(tot.gmv)), kpi('aov', money(tot.aov)), kpi('conversion', pct(tot['view-to-purchase-rate'], 2))),
    el('div', { class: 'grid' },
      card('trafficTrend', 'chart-traffic'), card('salesTrend', 'chart-sales'), card('valueTrend', 'chart-value'), card('funnel', 'chart-funnel')),
    el('div', { class: 'inline', style: 'margin-bottom:10px' }, el('label', { for: 'breakdown-metric', text: t('metric') + ' ' }), metricSelect()),
    el('div', { class: 'grid' }, card('byChannel', 'chart-channel'), card('bySegment', 'chart-segment'), card('byCategory', 'chart-category')),
    el('div', { class: 'card', id: 'alerts' }, el('h2', { text: t('alerts') })));

  function metricSelect() {
    const s = el('select', { id: 'breakdown-metric' }, [['gmv', 'gmv'], ['uv', 'uv'], ['orders', 'orders'], ['aov', 'aov'], ['view-to-purchase-rate', 'conversion']]
      .map(([key, label]) => el('option', { value: key, text: t(label) })));
    s.onchange = () => drawBreakdowns(s.value);
    return s;
  }
  function card(title, id) { return el('div', { class: 'card' }, el('h2', { text: t(title) }), el('div', { class: 'chart', id })); }
  const line = (name, key, axis = 0) => ({ name, type: 'line', yAxisIndex: axis, showSymbol: false, data: m.daily.map(d => d[key]) });
  const twoAxes = [{ type: 'value' }, { type: 'value', splitLine: { show: false } }];
  QM.chart('chart-traffic', { legend: {}, xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
    series: [line(t('pv'), 'pv'), line(t('uv'), 'uv')] });
  QM.chart('chart-sales', { legend: {}, xAxis: { type: 'category', data: days }, yAxis: twoAxes,
    series: [Object.assign(line(t('orders'), 'orders'), { type: 'bar' }), line(t('gmv'), 'gmv', 1)] });
  QM.chart('chart-value', { legend: {}, xAxis: { type: 'category', data: days },
    yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false }, axisLabel: { formatter: v => pct(v, 1) } }],
    series: [line(t('aov'), 'aov'), line(t('conversion'), 'view-to-purchase-rate', 1)] });

  const f = m.funnel;
  const stageNames = { view: t('stageView'), 'add-to-cart': t('stageCart'), purchase: t('stagePurchase') };
  QM.chart('chart-funnel', { tooltip: { trigger: 'item' }, series: [{
    type: 'funnel', left: '5%', width: '90%', sort: 'none', minSize: '55%',
    label: { position: 'inside', color: '#1f2933', formatter: p => p.name + ': ' + num(p.value) + (p.dataIndex > 0 ? '  (' + t('dropOff') + ' ' + pct(f.dropOff[p.dataIndex - 1]) + ')' : '') },
    data: f.stages.map((s, i) => ({ name: stageNames[s] || s, value: f.users[i] })) }] });

  // Breakdowns by channel, segment and category of one metric, largest first.
  function drawBreakdowns(metric) {
    const rate = metric.endsWith('-rate');
    const bars = (id, key) => {
      const rows = (m.breakdowns[key] || []).slice().sort((a, b) => (b.totals[metric] || 0) - (a.totals[metric] || 0));
      QM.chart(id, { grid: { left: 150, right: 24, top: 10, bottom: 30 }, tooltip: { trigger: 'axis', valueFormatter: v => rate ? pct(v, 2) : num(v, 2) },
        xAxis: { type: 'value', axisLabel: rate ? { formatter: v => pct(v, 0) } : {} },
        yAxis: { type: 'category', inverse: true, data: rows.map(r => r.value), axisLabel: { width: 140, overflow: 'truncate' } },
        series: [{ type: 'bar', name: metric, data: rows.map(r => r.totals[metric]) }] });
    };
    bars('chart-channel', 'channel');
    bars('chart-segment', 'segment');
    bars('chart-category', 'category');
  }
  drawBreakdowns('gmv');

  const alerts = document.getElementById('alerts');
  alerts.append(m.alerts.length === 0 ? el('div', { class: 'muted', text: t('noAlerts') }) : QM.table([
    [t('rule'), a => a.name], [t('metric'), a => a.metric], [t('value'), a => (a.breakdown ? a.breakdown + ' = ' + a.value : '—')],
    [t('day'), a => a.day || '—'], [t('actual'), a => String(a.actual), 'num'], [t('threshold'), a => a.direction + ' ' + a.threshold, 'num'],
  ], m.alerts));
});
