// Models page: the serving bundle's manifest and the bundles kept for rollback.
'use strict';
QM.page('models', 'models', (m, box) => {
  const { t, el, num } = QM;
  const cur = m.current;
  const metricRows = [];
  if (cur && cur.metrics) for (const [model, vals] of Object.entries(cur.metrics)) for (const [k, v] of Object.entries(vals)) metricRows.push({ model, k, v });
  box.replaceChildren(
    cur ? el('div', { class: 'two' },
      el('div', { class: 'card', id: 'manifest' }, el('h2', { text: t('version') + ' ' + cur.version }), QM.table([['', r => r[0]], ['', r => r[1]]], [
        [t('createdAt'), cur.createdAt], [t('dataWindow'), (cur.data.firstEvent || '–') + ' … ' + (cur.data.lastEvent || '–')],
        [t('events'), num(cur.data.events)], [t('users'), num(cur.users)], [t('items'), num(cur.items)], [t('rank'), String(cur.rank)],
        [t('candidateModels'), (cur.candidateModels || []).join(', ')],
      ]), el('h2', { text: t('parameters'), style: 'margin-top:14px' }), el('pre', { text: JSON.stringify(cur.parameters, null, 2) })),
      el('div', { class: 'card' }, el('h2', { text: t('offlineMetrics') }),
        metricRows.length ? el('div', { class: 'chart', id: 'chart-metrics' }) : el('div', { class: 'muted', text: '–' }),
        metricRows.length ? QM.table([['model', r => r.model], [t('metric'), r => r.k], [t('value'), r => num(r.v, 4), 'num']], metricRows) : null))
      : el('div', { class: 'notice', text: t('noModel') }),
    el('div', { class: 'card' }, el('h2', { text: t('keptBundles') + ' · ' + (m.modelsDir || '') }), QM.table([
      [t('version'), v => el('span', {}, v.version, v.current ? el('span', { class: 'badge ok', style: 'margin-left:6px', text: t('current') }) : null)],
      [t('createdAt'), v => v.createdAt || '–'], [t('dataWindow'), v => v.data ? (v.data.firstEvent || '–') + ' … ' + (v.data.lastEvent || '–') : '–'],
      [t('events'), v => v.data ? num(v.data.events) : '–', 'num'], [t('users'), v => num(v.users), 'num'], [t('items'), v => num(v.items), 'num'],
    ], m.versions, { id: 'versions' })));
  if (metricRows.length) {
    QM.chart('chart-metrics', { grid: { left: 60, right: 20, top: 30, bottom: 60 }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: metricRows.map(r => r.model + ' ' + r.k), axisLabel: { rotate: 30 } }, yAxis: { type: 'value' },
      series: [{ type: 'bar', data: metricRows.map(r => r.v) }] });
  }
});
