// Campaigns page: the campaign report with budgets, pacing and the learner's estimates.
'use strict';
QM.page('campaigns', 'campaigns', (c, box) => {
  const { t, el, num, money, pct } = QM;
  if (c.campaigns.length === 0) { box.replaceChildren(el('div', { class: 'notice', text: t('noCampaignsConfigured') })); return; }
  const est = e => e ? pct(e.mean, 2) + ' ' + QM.interval(e.ci, v => pct(v, 2)) : '–';
  box.replaceChildren(
    el('div', { class: 'grid' },
      el('div', { class: 'card' }, el('h2', { text: t('impressionsByCampaign') }), el('div', { class: 'chart', id: 'chart-impressions' })),
      el('div', { class: 'card' }, el('h2', { text: t('estimateByCampaign') }), el('div', { class: 'chart', id: 'chart-estimates' }))),
    ...c.campaigns.map(k => el('div', { class: 'card campaign', 'data-campaign-id': k.campaignId },
      el('h2', { text: k.name + ' · ' + k.campaignId }),
      el('div', { class: 'sub' },
        t('budget') + ': ' + (k.budgetUnit ? num(k.budgetUsed) + ' / ' + num(k.budgetTotal) + ' ' + k.budgetUnit.toLowerCase() + ' (' + pct(k.budgetUsedShare) + ')' : '–'),
        k.pacing ? ' · ' + t('pacing') + ': ' + num(k.pacing.usedToday) + ' / ' + (k.pacing.daily ? num(k.pacing.daily) : '∞') + ' (' + k.pacing.mode.toLowerCase() + ')' : '',
        ' · ' + t('controlShare') + ': ' + pct(k.controlShare),
        k.channels && k.channels.length ? ' · ' + t('channel') + ': ' + k.channels.join(', ') : ''),
      QM.table([
        [t('segment'), r => r.segment], [t('impressions'), r => num(r.impressions), 'num'], [t('clicks'), r => num(r.clicks), 'num'],
        [t('conversions'), r => num(r.conversions), 'num'], [t('revenue'), r => money(r.revenue), 'num'],
        [t('estimate'), r => est(r.estimate), 'num'],
        [t('uplift'), r => r.uplift === null ? '–' : (r.uplift >= 0 ? '+' : '') + pct(r.uplift, 2) + ' (' + pct(r.treatedRate, 1) + ' vs ' + pct(r.controlRate, 1) + ')', 'num'],
      ], [Object.assign({}, k.total, { estimate: null })].concat(k.segments)))));

  const names = c.campaigns.map(k => k.name);
  QM.chart('chart-impressions', { grid: { left: 150, right: 24, top: 10, bottom: 30 }, xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t('impressions'), data: c.campaigns.map(k => k.total.impressions) }] });
  const rates = c.campaigns.map(k => k.total.impressions ? k.total.conversions / k.total.impressions : 0);
  QM.chart('chart-estimates', { grid: { left: 150, right: 24, top: 10, bottom: 30 },
    xAxis: { type: 'value', axisLabel: { formatter: v => pct(v, 1) } },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 140, overflow: 'truncate' } },
    tooltip: { trigger: 'axis', valueFormatter: v => pct(v, 2) },
    series: [{ type: 'bar', name: t('conversionRate'), data: rates }] });
});
