// browser-walk.js — a year of the assessment cycle in a real browser (Debian's chromium driven by
// playwright-core from web/node_modules), as the people who use kaohe would walk it: the office
// opens the agreement, a township proposes a target, the office approves it, a bureau pastes
// year-end values from Excel, a rater drafts and submits its form for one ratee, the office computes and publishes, the
// township sees only its own results and files an appeal with two files, the office accepts it and
// the township's composite changes, the office chooses what 公示 shows and the public page follows.  Every page is screenshotted into OUT; any console error or page error
// (a CSP violation, a script failure) fails the walk.
//
// usage: node browser-walk.js BASE OUT KH_SRC CYCLE
'use strict';
const path = require('path');
const fs = require('fs');
const [base, out, src, cycle] = process.argv.slice(2);
const { chromium } = require(path.join(src, 'web/node_modules/playwright-core'));

let failures = 0, shots = 0;
function check(what, ok) {
  if (ok) return;
  failures++;
  console.error('FAIL: ' + what);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  const problems = [];
  async function as(user, password) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    // the sanitizer build is several times slower: give each step room
    page.setDefaultTimeout(120000);
    page.setDefaultNavigationTimeout(120000);
    page.on('console', m => { if (m.type() === 'error') problems.push(user + ': ' + m.text()); });
    page.on('pageerror', e => problems.push(user + ': ' + e.message));
    await page.goto(base + '/login');
    await page.fill('input[name=user]', user);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check(user + ' signs in (at ' + page.url() + ')', page.url().endsWith('/cycles'));
    return page;
  }
  async function shot(page, name) {
    shots++;
    const file = path.join(out, String(shots).padStart(2, '0') + '-' + name);
    await page.screenshot({ path: file + '.png', fullPage: true });
    // long pages also as the first screen, as a person sees them on opening
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    if (h > 1400) await page.screenshot({ path: file + '-top.png' });
  }
  // a chart is drawn when its SVG has shapes in it (ECharts' svg renderer; an empty chart has none)
  async function drawn(page, selector) {
    await page.waitForSelector(selector + ' svg');
    return page.$$eval(selector, es => es.length > 0 &&
      es.every(e => { const s = e.querySelector('svg'); return s && s.querySelectorAll('path, rect').length > 5; }));
  }
  async function submit(page, selector) {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }
  async function notice(page) {
    const ok = await page.$('.notice.ok'), err = await page.$('.notice.err');
    return { ok: ok ? await ok.innerText() : null, err: err ? await err.innerText() : null };
  }
  const c = '/cycles/' + cycle;

  // the office: overview, then open the agreement
  const admin = await as('office', 'office-pass-1');
  await shot(admin, 'admin-cycles');
  await admin.goto(base + c);
  await shot(admin, 'admin-overview-setup');
  // the scheme editor: type a weight, preview what it moves, save it
  await admin.goto(base + c + '/scheme');
  await shot(admin, 'admin-scheme');
  await admin.fill('input[name="w:EC:E"]', '40');
  await submit(admin, '#scheme button[type=submit]:not([formaction])');
  const moved = await admin.$$eval('#preview-units tr.moved', rows => rows.length);
  check('the preview shows units that move (' + moved + ')', moved > 0);
  check('the typed weight is kept', (await admin.inputValue('input[name="w:EC:E"]')) === '40');
  await shot(admin, 'admin-scheme-preview');
  await (await admin.$('#preview')).screenshot({ path: path.join(out, 'admin-scheme-preview-table.png') });
  await submit(admin, '#scheme button[formaction]');
  check('saved: ' + JSON.stringify(await admin.textContent('#saved')), /已保存 1 个权重/.test(await admin.textContent('#saved')));
  await admin.goto(base + c);
  await submit(admin, '#advance');
  check('advance to agreement: ' + JSON.stringify(await notice(admin)), (await notice(admin)).ok);

  // a township proposes a target
  const unit = await as('bj001', 'town-pass-1');
  await unit.goto(base + c + '/targets');
  await unit.selectOption('#propose select[name=leaf]', 'EC4');
  await unit.fill('#propose input[name=target]', '105');
  await unit.fill('#propose textarea[name=note]', '新开工项目三个，预计完成率 105%');
  await submit(unit, '#propose button[type=submit]');
  check('the unit proposes: ' + JSON.stringify(await notice(unit)), (await notice(unit)).ok);
  const unitRows = await unit.$$eval('#targets tbody tr', rows => rows.map(r => r.innerText));
  check('a unit sees only its own targets', unitRows.length > 0 && unitRows.every(t => t.includes('BJ001')));
  await shot(unit, 'unit-targets-proposed');

  // the office approves it and moves on to tracking
  await admin.goto(base + c + '/targets');
  await shot(admin, 'admin-targets');
  const row = admin.locator('#targets tr', { hasText: '新开工项目三个' });
  await Promise.all([admin.waitForNavigation(), row.locator('button[value=approve]').click()]);
  check('the office approves: ' + JSON.stringify(await notice(admin)), (await notice(admin)).ok);
  await admin.goto(base + c);
  await submit(admin, '#advance');
  check('advance to tracking', (await notice(admin)).ok);
  await submit(admin, '#advance');
  check('advance to evaluation', (await notice(admin)).ok);

  // a bureau pastes year-end values from Excel
  const bureau = await as('tjj', 'bureau-pass-1');
  await bureau.goto(base + c + '/values?period=Y');
  await shot(bureau, 'reporter-grid');
  const heads = await bureau.$$eval('#grid thead th', t => t.map(x => x.innerText));
  check('the reporter grid shows only its department\'s leaves', heads.some(h => h.includes('EC4')) && !heads.some(h => h.includes('EC1')));
  await bureau.fill('#paste', 'BJ001\tEC4\tY\t1,234');
  await submit(bureau, '#paste-form button[type=submit]');
  const bad = await notice(bureau);
  check('a Chinese thousands separator is refused with a clear message: ' + JSON.stringify(bad), bad.err && bad.err.includes('千分位'));
  await bureau.fill('#paste', 'BJ001\tEC4\tY\t131\nBJ002\tEC4\tY\t97.5');
  await submit(bureau, '#paste-form button[type=submit]');
  check('the paste is saved: ' + JSON.stringify(await notice(bureau)), (await notice(bureau)).ok);
  await shot(bureau, 'reporter-pasted');

  // a rater drafts its form for one ratee, confirms and submits it: then it is read-only
  const rater = await as('panel01', 'rater-pass-1');
  await rater.goto(base + c + '/ratings');
  const first = rater.locator('section.rater-form').first();
  const ratee = (await first.getAttribute('id')).slice('form-'.length);
  const sel = first.locator('select').first();
  const options = await sel.locator('option').allInnerTexts();
  await sel.selectOption({ index: options.length - 1 });
  const chosen = await sel.inputValue();
  await submit(rater, `[id="draft-${ratee}"]`);
  check('the rater saves a draft: ' + JSON.stringify(await notice(rater)), (await notice(rater)).ok);
  check('the section is a draft', (await rater.innerText(`[id="status-${ratee}"]`)).includes('草稿'));
  check('the draft is kept in the form', (await rater.locator(`[id="form-${ratee}"] select`).first().inputValue()) === chosen);
  await shot(rater, 'rater-form');
  await submit(rater, `[id="submit-${ratee}"]`);
  check('submit asks for confirmation first', (await rater.innerText(`[id="confirm-${ratee}"]`)).includes('只读'));
  await shot(rater, 'rater-confirm');
  await submit(rater, `[id="confirm-submit-${ratee}"]`);
  check('the rater submits: ' + JSON.stringify(await notice(rater)), (await notice(rater)).ok);
  const done = rater.locator(`[id="form-${ratee}"]`);
  check('the submitted section is read-only', (await done.locator('select, input[name^="r:"], button').count()) === 0);
  check('… shows the submitted score', (await done.innerText()).includes(chosen));
  check('… and says submitted', (await rater.innerText(`[id="status-${ratee}"]`)).includes('已提交'));
  check('other ratees stay editable', (await rater.locator('section.rater-form select').count()) > 0);
  await shot(rater, 'rater-submitted');

  // the office computes and publishes
  await admin.goto(base + c);
  await submit(admin, '#compute');
  check('compute: ' + JSON.stringify(await notice(admin)), (await notice(admin)).ok);
  await submit(admin, '#advance');
  await submit(admin, '#advance');
  check('advance to publicity', (await admin.innerText('.cyclebar')).includes('公示'));
  await shot(admin, 'admin-overview-publicity');
  await admin.goto(base + c + '/results');
  await admin.waitForSelector('#chart svg');
  await shot(admin, 'admin-results');
  check('the grade counts stand next to their quota', (await admin.$$('#grades td.quota')).length > 1);
  check('the ranking page counts tracking levels per period', (await admin.$$('#tracking-summary tr[data-period]')).length > 0);
  const nunits = (await admin.$$('table.ranking tbody tr')).length;
  await Promise.all([admin.waitForNavigation(), admin.click('#stability-link a')]);
  check('the rank-stability chart of every township type is drawn', await drawn(admin, '.stability-chart'));
  check('… one table row per unit of the ranking', (await admin.$$('table.stability tbody tr')).length === nunits);
  await shot(admin, 'admin-stability');
  await admin.goto(base + c + '/results?unit=BJ001');
  const before = await admin.innerText('.tiles .tile:first-child .v');
  check('the unit card\'s tracking chart is drawn', await drawn(admin, '#tracking'));
  check('… beside its table of levels', (await admin.$$('#tracking-table span[data-level]')).length > 0);
  await shot(admin, 'admin-unit-card');

  // the township reads its own results and appeals
  await unit.goto(base + c + '/results');
  await shot(unit, 'unit-results');
  const other = await unit.goto(base + c + '/results?unit=BJ002');
  check('a unit cannot read another unit\'s card', !(await unit.content()).includes('BJ002</span></h2>'));
  await unit.goto(base + c + '/appeals');
  await unit.selectOption('#appeal-form select[name=leaf]', 'EC4');
  await unit.fill('#appeal-form textarea[name=reason]', '统计口径有误，实际完成率应为 60%');
  // with its evidence: a PDF and a scan (the store decides the type from the bytes)
  const evidence = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7)]);
  const scan = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 1)]);
  await unit.setInputFiles('#appeal-form input[type=file]', [
    { name: '统计局证明.pdf', mimeType: 'application/pdf', buffer: evidence },
    { name: 'scan.png', mimeType: 'image/png', buffer: scan }]);
  await shot(unit, 'unit-appeal-form-with-attachments');
  await submit(unit, '#appeal-form button[type=submit]');
  check('the unit files an appeal: ' + JSON.stringify(await notice(unit)), (await notice(unit)).ok);
  check('the filed appeal lists its two files', (await unit.locator('#appeals ul.attachments li').count()) === 2);
  const dl = await unit.locator('#appeals ul.attachments a', { hasText: '统计局证明.pdf' }).getAttribute('href');
  const got = await unit.request.get(base + dl);
  check('the download is the file, byte for byte', Buffer.compare(await got.body(), evidence) === 0);
  check('… served as application/pdf', got.headers()['content-type'] === 'application/pdf');
  await shot(unit, 'unit-appeal-filed');

  // the office accepts it with the corrected value: the composite changes
  await admin.goto(base + c + '/appeals');
  await shot(admin, 'admin-appeals');
  const arow = admin.locator('#appeals tr', { hasText: '统计口径有误' });
  await arow.locator('input[name=value]').fill('60');
  await arow.locator('input[name=reason]').fill('经核实予以更正');
  await Promise.all([admin.waitForNavigation(), arow.locator('button[value=accept]').click()]);
  check('the office accepts: ' + JSON.stringify(await notice(admin)), (await notice(admin)).ok);
  await admin.goto(base + c + '/results?unit=BJ001');
  const after = await admin.innerText('.tiles .tile:first-child .v');
  check('the accepted appeal changed the composite (' + before + ' → ' + after + ')', before !== after);
  await shot(admin, 'admin-unit-card-after-appeal');

  // what 公示 shows: the office turns the dimension scores off; the public page has no such column
  await admin.goto(base + c + '/publicity');
  await admin.uncheck('#publicity-form input[name=show_dimensions]');
  await admin.fill('#publicity-form input[name=contact]', '区考核办 010-12345678');
  await shot(admin, 'admin-publicity-form');
  await submit(admin, '#publicity-form button[type=submit]');
  check('the office saves what publicity shows: ' + JSON.stringify(await notice(admin)), (await notice(admin)).ok);
  const pubctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const pub = await pubctx.newPage();
  pub.on('console', m => { if (m.type() === 'error') problems.push('public: ' + m.text()); });
  await pub.goto(base + '/public/' + cycle);
  check('the public page shows the ranking', (await pub.content()).includes('排名'));
  // rank, unit, composite, grade: no dimension column in any type's table
  check('the public page has no dimension columns',
        await pub.$$eval('table.grid', ts => ts.length > 0 && ts.every(t => t.querySelectorAll('thead th').length === 4)));
  check('the public page gives the contact', (await pub.content()).includes('区考核办 010-12345678'));
  await shot(pub, 'public-results');
  await pubctx.close();

  // the rest of the office's pages, and the viewer, in English too
  await admin.goto(base + '/audit?verify=1');
  check('the audit chain verifies', (await admin.innerText('#verify')).includes('完整'));
  await shot(admin, 'admin-audit');
  await admin.goto(base + '/users');
  await shot(admin, 'admin-users');
  await admin.goto(base + c + '/values?period=Y');
  await shot(admin, 'admin-values');
  const viewer = await as('leader', 'viewer-pass-1');
  await viewer.goto(base + c);
  check('a viewer sees no buttons that change data', (await viewer.$('#advance')) === null && (await viewer.$('#compute')) === null);
  await viewer.click('a.lang');
  await viewer.goto(base + c + '/results');
  check('English on request', (await viewer.innerText('h1')).includes('Results'));
  await shot(viewer, 'viewer-results-en');
  await viewer.goto(base + c + '/results/stability?runs=200');
  check('the stability page in English', (await viewer.innerText('h1')).includes('Rank stability'));
  check('… its charts drawn', await drawn(viewer, '.stability-chart'));
  await shot(viewer, 'viewer-stability-en');
  await viewer.goto(base + c + '/results?unit=BJ002');
  check('a unit card in English, tracking drawn', await drawn(viewer, '#tracking'));
  await shot(viewer, 'viewer-unit-card-en');

  check('no console or page errors: ' + problems.join(' | '), problems.length === 0);
  await browser.close();
  fs.writeFileSync(path.join(out, 'shots.txt'), String(shots));
  console.log(shots + ' screenshots, ' + failures + ' failures');
  process.exit(failures ? 1 : 0);
})().catch(e => { console.error('FAIL: ' + (e.stack || e)); process.exit(1); });
