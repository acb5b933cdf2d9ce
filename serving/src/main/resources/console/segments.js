// Segments page: the bundle's segments, the store's RFM grid, and the shopper lookup.
'use strict';
QM.page('segments', 'segments', (s, box) => {
  const { t, el, num, money, pct } = QM;
  box.replaceChildren(
    el('div', { class: 'card' }, el('h2', { text: t('segments') }), QM.table([
      [t('segment'), x => el('b', { text: x.name })], [t('kind'), x => x.kind], [t('size'), x => num(x.size), 'num'],
      [t('share'), x => pct(x.share), 'num'], [t('avgR'), x => num(x.averageR, 2), 'num'], [t('avgF'), x => num(x.averageF, 2), 'num'],
      [t('avgM'), x => num(x.averageM, 2), 'num'], [t('topCategories'), x => (x.topCategories || []).slice(0, 3).join(' · ')],
      [t('description'), x => x.description],
    ], s.segments, { id: 'segments-table' })),
    el('div', { class: 'grid' },
      el('div', { class: 'card' }, el('h2', { text: t('segmentSizes') }), el('div', { class: 'chart', id: 'chart-sizes' })),
      el('div', { class: 'card' }, el('h2', { text: t('rfmGrid') }), el('div', { class: 'chart tall', id: 'chart-rfm' }))),
    lookupCard());

  QM.chart('chart-sizes', { grid: { left: 110, right: 24, top: 10, bottom: 30 }, xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: s.segments.map(x => x.name) },
    series: [{ type: 'bar', name: t('size'), data: s.segments.map(x => x.size) }] });

  const rfm = s.rfm;
  if (rfm && rfm.levels) {
    const cells = [];
    let max = 0;
    for (let f = 0; f < rfm.levels; f++) {
      for (let r = 0; r < rfm.levels; r++) {
        const mv = rfm.meanMonetary[f][r];
        cells.push([r, f, mv === null ? 0 : mv, rfm.users[f][r]]);
        max = Math.max(max, mv || 0);
      }
    }
    const levels = Array.from({ length: rfm.levels }, (_, i) => String(i + 1));
    QM.chart('chart-rfm', { tooltip: { trigger: 'item', formatter: p => 'R' + (p.value[0] + 1) + ' F' + (p.value[1] + 1) + ': ' + num(p.value[3]) + ' · ' + t('avgM') + ' ' + money(p.value[2]) },
      grid: { left: 60, right: 20, top: 10, bottom: 80 },
      xAxis: { type: 'category', data: levels, name: t('recency'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: levels, name: t('frequency'), nameLocation: 'middle', nameGap: 36 },
      visualMap: { min: 0, max: max || 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fff7ed', '#c2410c'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: p => num(p.value[3]) } }] });
  } else {
    document.getElementById('chart-rfm').replaceWith(el('div', { class: 'muted', text: t('notInSnapshot') }));
  }
}, box => box.append(lookupCard()));

/** The shopper lookup: the profile and what the server would show the shopper now. */
function lookupCard() {
  const { t, el, num, money, pct } = QM;
  const lookup = el('div', { class: 'card', id: 'lookup' }, el('h2', { text: t('lookup') }), el('div', { class: 'sub', text: t('lookupHint') }));
  if (QM.offline) { lookup.append(el('div', { class: 'notice', text: t('lookupOffline') })); return lookup; }
  const input = el('input', { id: 'lookup-user', placeholder: t('userId'), value: new URLSearchParams(location.search).get('user') || '' });
  const channel = el('select', { id: 'lookup-channel' }, el('option', { value: '', text: t('anyChannel') }),
    ['app', 'web', 'mini-program', 'email', 'sms'].map(c => el('option', { value: c, text: c })));
  const result = el('div', { id: 'lookup-result' });
  const form = el('form', { class: 'inline', id: 'lookup-form' }, el('label', { text: t('userId') }), input, channel,
    el('button', { class: 'primary', type: 'submit', id: 'lookup-go', text: t('show') }));
  form.onsubmit = async ev => {
    ev.preventDefault();
    const id = input.value.trim();
    if (!id) return;
    result.replaceChildren(el('span', { class: 'muted', text: t('loading') }));
    try {
      const q = channel.value ? '?channel=' + encodeURIComponent(channel.value) : '';
      show(await QM.load('shoppers/' + encodeURIComponent(id) + q));
    } catch (e) { QM.fail(result, e); }
  };
  lookup.append(form, result);
  if (input.value) setTimeout(() => form.requestSubmit());

  function show(x) {
    const p = x.profile;
    const profile = p ? el('div', {},
      el('div', {}, el('b', { text: t('segment') + ': ' }), (p.segments || []).join(', ') || x.segment || '–', ' · ', el('b', { text: t('lifecycle') + ': ' }), p.lifecycle || '–'),
      el('div', {}, 'RFM: R', p.rfm.r, ' F', p.rfm.f, ' M', p.rfm.m, ' (', p.rfm.cell, ') · ', t('orders'), ' ', num(p.rfm.frequency), ' · ', t('revenue'), ' ', money(p.rfm.monetary),
        ' · ', t('aov'), ' ', money(p.aov), ' · ', t('channel'), ' ', p.channel || '–'),
      el('div', {}, el('b', { text: t('tags') + ': ' }), (p.tags || []).slice(0, 6).map(g => g.tag + ' ' + pct(g.weight, 0)).join(' · ')))
      : el('div', { class: 'muted', text: t('noProfile') + (x.segment ? ' ' + t('segment') + ': ' + x.segment : '') });
    const variants = (x.experiments || []).map(a => a.experimentId + ' → ' + a.variant).join(' · ');
    result.replaceChildren(
      el('div', { class: 'two' },
        el('div', {}, el('h2', { text: t('profile') + ' · ' + x.userId }), profile, variants ? el('div', { class: 'muted', text: t('experiments') + ': ' + variants }) : null,
          el('h2', { text: t('campaigns'), style: 'margin-top:14px' }),
          x.campaigns.length === 0 ? el('div', { class: 'muted', text: t('noCampaigns') }) : QM.table([
            [t('campaigns'), c => el('b', { text: c.name })], [t('probability'), c => pct(c.probability), 'num'],
            [t('why'), c => c.why.rule + (c.why.segment ? ' · ' + c.why.segment : '') + ' · ' + t('score') + ' ' + num(c.why.score, 3)],
            [t('title'), c => c.creative && c.creative.title ? c.creative.title + (c.creative.couponCode ? ' (' + c.creative.couponCode + ')' : '') : '–'],
          ], x.campaigns, { id: 'lookup-campaigns' })),
        el('div', {}, el('h2', { text: t('recommendations') + ' · ' + x.modelVersion }), QM.table([
          ['#', (r) => String(r.__rank)], [t('item'), r => r.itemId], [t('title'), r => r.title], [t('category'), r => r.category],
          [t('price'), r => money(r.price), 'num'], [t('score'), r => num(r.score, 4), 'num'], [t('reason'), r => r.reason],
        ], x.items.map((r, i) => Object.assign({ __rank: i + 1, __attrs: { 'data-item-id': r.itemId } }, r)), { id: 'lookup-items' }))));
  }
  return lookup;
}
