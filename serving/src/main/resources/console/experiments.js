// Experiments page: the analysis of each experiment, from the live log or a report file.
'use strict';
QM.page('experiments', 'experiments', (x, box) => {
  const { t, el, num, money, pct } = QM;
  if (x.experiments.length === 0) { box.replaceChildren(el('div', { class: 'notice', text: t('noExperiments') })); return; }
  box.replaceChildren(...x.experiments.map((e, i) => card(e, i)));
  x.experiments.forEach((e, i) => { if (e.report) liftChart(e.report, 'chart-lift-' + i); });

  function card(e, i) {
    const r = e.report;
    const head = el('h2', { text: e.id + (e.description ? ' — ' + e.description : '') });
    const src = el('div', { class: 'sub', text: t('source') + ': ' + e.source + (e.offPolicySource ? ' · offPolicy: ' + e.offPolicySource : '') });
    if (!r) return el('div', { class: 'card experiment', 'data-experiment-id': e.id }, head, src, el('div', { class: 'notice', text: t('noReport') + ': ' + (e.error || '') }));
    const srm = r.srm ? el('span', { class: 'badge ' + (r.srm.flagged ? 'bad' : 'ok'), id: 'srm-' + i,
      text: t('srm') + ': ' + (r.srm.flagged ? t('srmBad') : t('srmOk')) + ' (p = ' + num(r.srm.pValue, 4) + ')' }) : null;
    const conv = r.comparisons.filter(c => c.metric === 'conversionRate' || c.metric === 'revenuePerUser' || c.metric === 'ctr');
    return el('div', { class: 'card experiment', 'data-experiment-id': e.id }, head, src, el('div', {}, srm),
      el('div', { class: 'two', style: 'margin-top:10px' },
        el('div', {},
          QM.table([
            [t('variant'), v => el('b', { text: v.name + (v.name === r.control ? ' (control)' : '') })], [t('units'), v => num(v.units), 'num'],
            [t('exposures'), v => num(v.exposures), 'num'], [t('conversionRate'), v => pct(v.conversionRate, 2) + ' ' + QM.interval(v.ci, y => pct(y, 2)), 'num'],
            [t('revenuePerUser'), v => money(v.revenuePerUser) + ' ' + QM.interval(v.revenuePerUserCi, money), 'num'],
          ], r.variants, { class: 'variants' }),
          el('div', { style: 'height:10px' }),
          QM.table([
            [t('variant'), c => c.variant + ' vs ' + c.control], [t('metric'), c => c.metric],
            [t('lift'), c => el('span', { class: c.significant ? (c.lift >= 0 ? 'badge ok' : 'badge bad') : '', text: (c.lift >= 0 ? '+' : '') + pct(c.lift, 2) }), 'num'],
            [t('ci'), c => QM.interval(c.ci, y => pct(y, 1)), 'num'], [t('pValue'), c => num(c.pValue, 4), 'num'],
          ], conv),
          r.offPolicy ? offPolicy(r.offPolicy) : null,
          (r.warnings || []).map(w => el('div', { class: 'muted', text: '⚠ ' + w }))),
        el('div', {}, el('h2', { text: t('cumulativeLift') }), el('div', { class: 'chart', id: 'chart-lift-' + i }))));
  }

  function offPolicy(o) {
    return el('div', { class: 'offpolicy', style: 'margin-top:12px' }, el('h2', { text: t('offPolicy') + (o.candidate ? ': ' + o.candidate : '') }), QM.table([
      ['', r => r[0]], [t('clicksPerRequest'), r => num(r[1], 4), 'num'], [t('ci'), r => QM.interval(r[2], y => num(y, 4)), 'num'],
    ], [[t('logged'), o.logged, o.loggedCi], [t('ips'), o.ips, o.ipsCi], [t('snips'), o.snips, o.snipsCi]]),
    el('div', { class: 'muted', text: t('ess') + ' ' + num(o.effectiveSampleSize) + ' · ' + num(o.matchedSlots) + ' / ' + num(o.slots) + ' slots' }));
  }

  function liftChart(r, id) {
    const byVariant = {};
    for (const p of r.timeline || []) (byVariant[p.variant] = byVariant[p.variant] || []).push(p);
    const series = [];
    for (const [v, pts] of Object.entries(byVariant)) {
      series.push({ name: v, type: 'line', showSymbol: pts.length < 30, data: pts.map(p => [p.until, p.lift]) });
      series.push({ name: v + ' ' + t('ci'), type: 'line', showSymbol: false, lineStyle: { opacity: 0 }, stack: 'ci-' + v,
        data: pts.map(p => [p.until, p.ci ? p.ci[0] : null]), tooltip: { show: false } });
      series.push({ name: v + ' ' + t('ci'), type: 'line', showSymbol: false, lineStyle: { opacity: 0 }, stack: 'ci-' + v, areaStyle: { opacity: 0.15 },
        data: pts.map(p => [p.until, p.ci ? p.ci[1] - p.ci[0] : null]), tooltip: { show: false } });
    }
    QM.chart(id, { legend: { data: Object.keys(byVariant) }, xAxis: { type: 'time' },
      yAxis: { type: 'value', axisLabel: { formatter: v => pct(v, 0) } }, tooltip: { trigger: 'axis', valueFormatter: v => pct(v, 2) }, series });
  }
});
