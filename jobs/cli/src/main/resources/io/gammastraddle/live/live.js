'use strict';
// The demo's live page: polls /api/snapshot (the job's live cache in Redis) and shows it. Values
// from Redis reach the page only through textContent, never as HTML: alerts carry free text.
(function () {
  const POLL_MS = 1000;
  const HISTORY = 900; // points per chart: 15 minutes at one poll a second
  const CHARTS = [
    {key: 'pnl', title: 'P&L (USD)', series: [
      {label: 'realized', stroke: '#2563eb', value: u => u.pnl.realized_usd},
      {label: 'unrealized', stroke: '#ea580c', value: u => u.pnl.unrealized_usd}]},
    {key: 'delta', title: 'Portfolio delta (coin)', series: [
      {label: 'delta', stroke: '#16a34a', value: u => u.greeks.delta}]},
    {key: 'vol', title: 'Realized vs implied volatility', series: [
      {label: 'realized (1 h)', stroke: '#7c3aed', value: u => u.features.realized_vol},
      {label: 'ATM implied', stroke: '#db2777', value: u => u.chain.implied_vol}]},
    {key: 'size', title: 'Size (share of equity)', series: [
      {label: 'size', stroke: '#0891b2', value: u => u.prediction.size}]},
  ];
  const CARDS = [
    {key: 'prediction', title: 'Prediction and model health'},
    {key: 'positions', title: 'Positions'},
    {key: 'greeks', title: 'Greeks'},
    {key: 'pnl', title: 'P&L (USD)'},
    {key: 'features', title: 'Features'},
    {key: 'chain', title: 'ATM straddle'},
  ];
  // Fields holding epoch milliseconds, shown as UTC times.
  const TIMES = new Set(['ts', 'quote_ts', 'expiry', 'trained_at', 'expires_at', 'trained_from',
    'trained_to']);

  // What the tests (and a curious reader in the console) can look at.
  const live = {charts: {}, history: {}, polls: 0};
  window.gsbLive = live;

  const status = document.getElementById('status');

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function utc(millis) {
    const date = new Date(millis);
    return isNaN(date) ? String(millis) : date.toISOString().slice(0, 19).replace('T', ' ');
  }

  function number(text) {
    if (text === undefined || text === null || text === '') return null;
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
  }

  function format(name, text) {
    if (TIMES.has(name) && number(text) !== null) return utc(number(text));
    if (text === 'NaN') return '\u2014'; // the job writes NaN for a value not known yet
    const value = number(text);
    if (value === null) return text;
    if (Math.abs(value) >= 1000) return value.toLocaleString('en-US', {maximumFractionDigits: 2});
    return String(Number(value.toPrecision(4)));
  }

  /** Fills a two-column table with the fields of one hash; cell ids are prefix-field. */
  function fillFields(table, prefix, fields, empty) {
    const names = Object.keys(fields);
    if (names.length === 0) {
      const row = element('tr');
      row.append(element('td', 'muted', empty));
      table.replaceChildren(row);
      return;
    }
    table.replaceChildren(...names.map(name => {
      const row = element('tr');
      const value = element('td', null, format(name, fields[name]));
      value.id = prefix + '-' + name;
      if (name === 'fallback' && fields[name] === 'true') value.className = 'warn';
      row.append(element('th', null, name), value);
      return row;
    }));
  }

  function chartWidth(container) {
    return Math.max(300, container.clientWidth);
  }

  function makeChart(container, spec) {
    const options = {
      title: spec.title,
      width: chartWidth(container),
      height: 200,
      tzDate: seconds => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      series: [{}].concat(spec.series.map(s => ({
        label: s.label, stroke: s.stroke, width: 1.5, spanGaps: true}))),
      axes: [{}, {size: 70}],
    };
    return new uPlot(options, [[]].concat(spec.series.map(() => [])), container);
  }

  function addUnderlying(name) {
    const section = element('section', 'underlying');
    section.id = 'underlying-' + name;
    section.append(element('h2', null, name));
    const charts = element('div', 'charts');
    section.append(charts);
    const cards = element('div', 'cards');
    section.append(cards);
    document.getElementById('underlyings').append(section);

    live.charts[name] = {};
    live.history[name] = {};
    for (const spec of CHARTS) {
      const container = element('div', 'chart');
      charts.append(container);
      live.charts[name][spec.key] = makeChart(container, spec);
      live.history[name][spec.key] = [[]].concat(spec.series.map(() => []));
    }
    for (const card of CARDS) {
      const box = element('div');
      const table = element('table', 'fields');
      table.id = name + '-' + card.key;
      box.append(element('h3', null, card.title), table);
      cards.append(box);
    }
  }

  function showUnderlying(name, view, seconds) {
    if (!live.charts[name]) addUnderlying(name);
    for (const card of CARDS) {
      fillFields(document.getElementById(name + '-' + card.key), name + '-' + card.key,
        view[card.key], 'not written yet');
    }
    for (const spec of CHARTS) {
      const data = live.history[name][spec.key];
      data[0].push(seconds);
      spec.series.forEach((s, i) => data[i + 1].push(number(s.value(view))));
      if (data[0].length > HISTORY) data.forEach(column => column.shift());
      live.charts[name][spec.key].setData(data);
    }
  }

  function showAlerts(alerts) {
    const body = document.querySelector('#alerts tbody');
    if (alerts.length === 0) {
      const row = element('tr');
      const cell = element('td', 'muted', 'No alerts yet.');
      cell.colSpan = 4;
      row.append(cell);
      body.replaceChildren(row);
      return;
    }
    body.replaceChildren(...alerts.map(alert => {
      const row = element('tr');
      row.dataset.id = alert.id;
      const f = alert.fields;
      row.append(element('td', null, number(f.ts) === null ? '' : utc(number(f.ts))),
        element('td', null, f.type || ''), element('td', null, f.subject || ''),
        element('td', null, f.message || ''));
      return row;
    }));
  }

  function showStatus(snapshot) {
    const heartbeat = snapshot.heartbeat;
    const updated = ' Updated ' + utc(snapshot.time) + ' UTC.';
    if (heartbeat) {
      status.className = 'status ok';
      status.textContent = 'Job alive: latest feature vector at ' + utc(heartbeat.eventTime)
        + ' UTC (heartbeat expires in ' + heartbeat.expiresInSeconds + ' s).' + updated;
    } else {
      status.className = 'status warn';
      status.textContent = 'No heartbeat: the job or its market feed has stopped, or has not'
        + ' started yet.' + updated;
    }
  }

  /** The bundle's description and metrics; its many feature importances folded away. */
  function showModel(model) {
    const described = {};
    const importance = {};
    for (const [name, value] of Object.entries(model)) {
      (name.startsWith('importance.') ? importance : described)[name] = value;
    }
    fillFields(document.getElementById('model'), 'model', described,
      'No model yet: predictions use the fallback parameters.');
    fillFields(document.getElementById('importance'), 'model', importance, '');
    document.getElementById('model-importance').hidden = Object.keys(importance).length === 0;
  }

  function show(snapshot) {
    showStatus(snapshot);
    showModel(snapshot.model);
    const seconds = snapshot.time / 1000;
    for (const [name, view] of Object.entries(snapshot.underlyings)) {
      showUnderlying(name, view, seconds);
    }
    showAlerts(snapshot.alerts);
    live.polls++;
  }

  async function poll() {
    try {
      const response = await fetch('api/snapshot', {cache: 'no-store'});
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      show(body);
    } catch (error) {
      status.className = 'status error';
      status.textContent = 'Cannot read the live cache: ' + error.message;
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  window.addEventListener('resize', () => {
    for (const charts of Object.values(live.charts)) {
      for (const chart of Object.values(charts)) {
        chart.setSize({width: chartWidth(chart.root.parentNode), height: 200});
      }
    }
  });

  poll();
})();
