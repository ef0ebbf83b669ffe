// Browser test of the request-builder page (www-demo/) served by scripts/serve-demo.mjs,
// in headless Chromium through playwright-core. Needs `make pkg` first (make test-browser).
// Three calls of different shapes: one with an empty body, createCloudbaseService (nested
// objects, an array, a secret), and a version update (nested objects, numbers the docs type
// as strings); a fourth, the version create, only sets up the update's version.
// Prints one line per check and `browser: N passed, M failed`; exits 1 on any failure.
// Screenshots in target/screenshots/: demo-page.png and demo-page-error.png (1280 wide),
// demo-page-narrow.png and demo-page-narrow-empty.png (375 wide).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../scripts/serve-demo.mjs';
import { assert, check, controlAt, counts, expectedCounts, fieldAt, focusRing, launch, overflow, tally, waitText } from './harness.mjs';
import { describedTextInPage } from './source-scan.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const TOKEN = 'emulator-token';
const PASSWORD = 'es-pass-canary';
const EMPTY = 'getWxCloudBaseRunEnvs';
const SERVICE = 'createCloudbaseService';
const VERSION_CREATE = 'createCloudbaseServiceVersion';
const VERSION = 'updateCloudbaseServiceVersion';
const shots = [];

let server;
try {
  server = await startDemoServer({ port: 0 });
} catch (err) {
  console.log(`FAIL cannot start the demo server: ${err.message}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}
const browser = await launch();
const { page } = browser;
let calls = [];

async function pick(name) {
  await page.selectOption('#call', name);
  await page.locator(`[data-call="${name}"]`).waitFor();
}

async function fillExample(name) {
  await page.click(`[data-call="${name}"] button:text("Fill in the example")`);
}

/** Sends the picked call and returns the response area's text once it has an answer. */
async function send(name) {
  await page.click('#send');
  return waitText(page, '#response', (t) => t.includes(name) && !/Sending/.test(t), `${name} answer`);
}

const example = (name) => structuredClone(calls.find((c) => c.name === name).example);
const body = async () => JSON.parse(await waitText(page, '#out-body', (t) => t.startsWith('{'), 'JSON body'));

async function expectCounts(call, input) {
  const want = await expectedCounts(page, call, input);
  const deadline = Date.now() + 2000;
  let got = await counts(page);
  while (Date.now() < deadline && (got.errors !== want.errors || got.warnings !== want.warnings)) {
    await page.waitForTimeout(50);
    got = await counts(page);
  }
  assert(got.errors === want.errors && got.warnings === want.warnings, `the page counts ${JSON.stringify(got)}, the package says ${JSON.stringify(want)}`);
}

/** A screenshot of the whole page. The wide layout's output column is sticky and scrolls
 * on its own within one screen height, so a plain full-page capture would show it cut at
 * wherever it was scrolled: the viewport is made as tall as the page for the capture. */
async function shot(name) {
  await mkdir(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
  shots.push(path.relative(ROOT, file));
}

try {
  await check('the page loads the package from its exports entry, lists every described call, finds the emulator', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-state="ready"]');
    calls = await page.evaluate(async () => (await import('/pkg/entry.js')).describeCalls());
    const offered = await page.$$eval('#call option', (os) => os.map((o) => o.value));
    assert(JSON.stringify(offered) === JSON.stringify(calls.map((c) => c.name)), `picker ${offered} vs described ${calls.map((c) => c.name)}`);
    for (const name of [EMPTY, SERVICE, VERSION_CREATE, VERSION]) assert(offered.includes(name), `the package describes no ${name}`);
    assert(await page.locator('#send-section').isVisible(), 'the send section is hidden although the emulator is on this origin');
  });

  await check('the page code writes no call name, field name or rule of the descriptions', async () => {
    const hits = await describedTextInPage(path.join(ROOT, 'www-demo'), calls);
    assert(hits.length === 0, hits.map((x) => `${x.file}: ${x.what}`).join('\n'));
  });

  await page.fill('#opt-accessToken', TOKEN);

  await check(`the picker works by keyboard with a visible focus ring: to ${EMPTY}`, async () => {
    await page.focus('#opt-accessToken');
    await page.keyboard.press('Shift+Tab');
    const ring = await focusRing(page);
    assert(ring.id === 'call' && ring.visible && ring.style !== 'none' && ring.width >= 2, `focus ring: ${JSON.stringify(ring)}`);
    // Away from the first call and back again, so that both directions are used.
    const target = calls.findIndex((c) => c.name === EMPTY);
    const away = target === 0 ? 1 : 0;
    for (const [from, to] of [[await page.$eval('#call', (s) => s.selectedIndex), away], [away, target]]) {
      for (let i = from; i !== to; i += Math.sign(to - from)) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
      await page.locator(`[data-call="${calls[to].name}"]`).waitFor();
    }
    assert(new URL(page.url()).hash === `#${EMPTY}`, `the URL does not name the call: ${page.url()}`);
  });

  await check(`${EMPTY}: no fields, body {}, 0 errors and 0 warnings, redacted curl, sent: errcode 0`, async () => {
    assert(/no fields/.test(await page.locator(`[data-call="${EMPTY}"] fieldset.body`).textContent()), 'no "no fields" note');
    assert(JSON.stringify(await body()) === '{}', 'the body is not {}');
    await expectCounts(EMPTY, {});
    const curl = await page.locator('#out-curl').textContent();
    assert(curl.includes('access_token=***') && !curl.includes(TOKEN), `curl: ${curl}`);
    const answer = await send(EMPTY);
    assert(answer.includes(`${EMPTY}: errcode 0`) && /"errcode": 0/.test(answer) && /env_list/.test(answer), `answer: ${answer}`);
  });

  await pick(SERVICE);
  await check(`${SERVICE}: its rules across fields are listed, worded as describeCalls() words them, with their severity`, async () => {
    const want = calls.find((c) => c.name === SERVICE).crossRules;
    assert(want.length >= 1, 'describeCalls() lists no rule across fields');
    const shown = await page.$$eval(`[data-call="${SERVICE}"] .cross-rules li`, (lis) => lis.map((li) => ({ name: li.dataset.rule, text: li.textContent })));
    assert(shown.length === want.length, `shown: ${JSON.stringify(shown)}`);
    for (const [i, r] of want.entries()) {
      const severity = r.source === 'documented' ? '(error if broken)' : '(convention: a warning)';
      assert(shown[i].name === r.name && shown[i].text.includes(r.rule) && shown[i].text.includes(severity), `${r.name}: ${JSON.stringify(shown[i])}`);
    }
    const none = await page.$$(`[data-call="${EMPTY}"] .cross-rules`);
    assert(none.length === 0, `${EMPTY} has no rules across fields but shows a list`);
  });
  await check(`${SERVICE}: "required" beside a required field once it is visited; counts as the package says`, async () => {
    const required = `${fieldAt('env_id')} > .msgs .issue.error[data-code="required"]`;
    assert((await page.locator(required).count()) === 0, 'required shown before the field was visited');
    await page.focus(controlAt('env_id'));
    await page.keyboard.press('Tab');
    await page.locator(required).waitFor();
    await expectCounts(SERVICE, {});
  });

  await fillExample(SERVICE);
  await check(`${SERVICE}: es_info.port 70000 is an error beside the port field, with its path; not built`, async () => {
    await page.fill(controlAt('es_info.port'), '70000');
    const item = page.locator(`${fieldAt('es_info.port')} > .msgs .issue.error[data-issue-path="es_info.port"]`);
    await item.waitFor();
    assert(/65535/.test(await item.textContent()), `the message does not give the range: ${await item.textContent()}`);
    const input = page.locator(controlAt('es_info.port'));
    assert((await input.getAttribute('aria-invalid')) === 'true', 'aria-invalid is not set');
    const msgsId = await page.locator(`${fieldAt('es_info.port')} > .msgs`).getAttribute('id');
    assert((await input.getAttribute('aria-describedby')).split(' ').includes(msgsId), 'the message does not describe the input');
    assert((await page.locator(`${fieldAt('es_info.port')} > .msgs`).getAttribute('aria-live')) === 'polite', 'the message is not announced');
    const listed = page.locator('#summary-list .issue.error[data-issue-path="es_info.port"] .path');
    assert((await listed.textContent()) === 'es_info.port', 'the summary does not name the path');
    await expectCounts(SERVICE, { ...example(SERVICE), es_info: { port: 70000 } });
    await waitText(page, '#out-curl', (t) => /^Not built/.test(t), 'curl while invalid');
    await shot('demo-page-error.png');
  });

  await check(`${SERVICE}: port 9200 clears the error; the body has the number 9200`, async () => {
    await page.fill(controlAt('es_info.port'), '9200');
    await page.locator(`${fieldAt('es_info.port')} > .msgs .issue`).waitFor({ state: 'detached' });
    assert((await page.locator(controlAt('es_info.port')).getAttribute('aria-invalid')) === null, 'aria-invalid is still set');
    assert((await body()).es_info.port === 9200, 'es_info.port is not the number 9200');
    await expectCounts(SERVICE, { ...example(SERVICE), es_info: { port: 9200 } });
  });

  await check(`${SERVICE}: array entries: a warning on subnet_ids[1], apart from errors; removed by keyboard`, async () => {
    const add = `${fieldAt('vpc_info.subnet_ids')} button.add`;
    await page.click(add);
    await page.fill(controlAt('vpc_info.subnet_ids[0]'), 'subnet-a1b2c3d4');
    await page.click(add);
    await page.fill(controlAt('vpc_info.subnet_ids[1]'), 'oops');
    const warning = page.locator(`${fieldAt('vpc_info.subnet_ids[1]')} > .msgs .issue.warning[data-issue-path="vpc_info.subnet_ids[1]"]`);
    await warning.waitFor();
    assert((await warning.locator('.sev').textContent()) === 'Warning', 'not labelled "Warning"');
    assert((await page.locator(controlAt('vpc_info.subnet_ids[1]')).getAttribute('aria-invalid')) === null, 'a warning set aria-invalid');
    await expectCounts(SERVICE, { ...example(SERVICE), es_info: { port: 9200 }, vpc_info: { subnet_ids: ['subnet-a1b2c3d4', 'oops'] } });
    await page.focus(`${fieldAt('vpc_info.subnet_ids[1]')} button.remove`);
    await page.keyboard.press('Enter');
    await page.locator(fieldAt('vpc_info.subnet_ids[1]')).waitFor({ state: 'detached' });
    const focused = await page.evaluate(() => document.activeElement.closest('[data-path]')?.dataset.path);
    assert(focused === 'vpc_info.subnet_ids[0]', `focus went to ${focused}`);
    await expectCounts(SERVICE, { ...example(SERVICE), es_info: { port: 9200 }, vpc_info: { subnet_ids: ['subnet-a1b2c3d4'] } });
  });

  await check(`${SERVICE}: a secret is a password input; curl redacted (access_token=***, no password) until revealed`, async () => {
    assert((await page.locator(controlAt('es_info.password')).getAttribute('type')) === 'password', 'the secret is not a password input');
    await page.fill(controlAt('es_info.password'), PASSWORD);
    const curl = await waitText(page, '#out-curl', (t) => t.includes('***'), 'curl');
    const views = curl + (await page.locator('#out-http').textContent()) + (await page.locator('#out-body').textContent());
    assert(curl.includes('access_token=***'), `curl lacks access_token=***: ${curl}`);
    assert(!views.includes(TOKEN) && !views.includes(PASSWORD), 'a view holds a secret');
    await page.check('#reveal');
    const revealed = await waitText(page, '#out-curl', (t) => t.includes(TOKEN), 'revealed curl');
    assert(revealed.includes(`access_token=${TOKEN}`) && revealed.includes(PASSWORD), 'revealed curl lacks a secret');
    await page.uncheck('#reveal');
    const again = await waitText(page, '#out-curl', (t) => !t.includes(TOKEN), 'redacted again');
    assert(again.includes('access_token=***') && !again.includes(PASSWORD), 'not redacted after hiding');
  });

  await check(`${SERVICE}: sent to the emulator: errcode 0, the service exists`, async () => {
    const before = server.emulator.state().services.length;
    const answer = await send(SERVICE);
    assert(/"errcode": 0/.test(answer) && !answer.includes(PASSWORD) && !answer.includes(TOKEN), `answer: ${answer}`);
    assert(server.emulator.state().services.length === before + 1, 'the emulator has no new service');
  });

  await check(`${VERSION_CREATE} (the update's precondition) from its own form: errcode 0`, async () => {
    await pick(VERSION_CREATE);
    await fillExample(VERSION_CREATE);
    assert(/"errcode": 0/.test(await send(VERSION_CREATE)), 'the version was not created');
  });

  await pick(VERSION);
  await fillExample(VERSION);
  await check(`${VERSION}: numbers the docs type as strings stay strings; nested objects are fieldsets`, async () => {
    const sent = await body();
    const stringly = calls.find((c) => c.name === VERSION).fields.filter((f) => f.type === 'string (number)' && f.name in sent);
    assert(stringly.length > 0 && stringly.every((f) => typeof sent[f.name] === 'string'), `not strings: ${JSON.stringify(sent)}`);
    for (const p of ['image_info', 'code_detail', 'code_detail.name']) {
      assert((await page.locator(fieldAt(p)).evaluate((el) => el.tagName)) === 'FIELDSET', `${p} is not a fieldset`);
    }
    await page.fill(controlAt('code_detail.name.full_name'), 'org/repo');
    await waitText(page, '#out-body', (t) => t.includes('org/repo'), 'nested value');
    assert((await body()).code_detail.name.full_name === 'org/repo', 'code_detail.name.full_name is not nested in the body');
  });

  const versionInput = (patch) => ({ ...example(VERSION), code_detail: { name: { full_name: 'org/repo' } }, ...patch });
  await check(`${VERSION}: cpu "abc" is an error beside cpu; "0" a warning; counts as the package says`, async () => {
    await page.fill(controlAt('cpu'), 'abc');
    await page.locator(`${fieldAt('cpu')} > .msgs .issue.error[data-issue-path="cpu"]`).waitFor();
    await expectCounts(VERSION, versionInput({ cpu: 'abc' }));
    await page.fill(controlAt('cpu'), '0');
    await page.locator(`${fieldAt('cpu')} > .msgs .issue.warning[data-issue-path="cpu"]`).waitFor();
    await expectCounts(VERSION, versionInput({ cpu: '0' }));
    assert((await body()).cpu === '0', 'a warning blocked the build or cpu is not the string "0"');
  });

  await check('switching calls keeps each call\'s values and its own last answer', async () => {
    await pick(SERVICE);
    assert((await page.inputValue(controlAt('es_info.port'))) === '9200', `${SERVICE}'s port was lost`);
    assert((await page.locator('#response').textContent()).includes(`${SERVICE}: errcode 0`), `${SERVICE}'s answer was lost`);
    assert(await page.locator('#response-stale').isHidden(), 'an unchanged form is called stale');
    await pick(VERSION);
    assert((await page.inputValue(controlAt('cpu'))) === '0', `${VERSION}'s cpu was lost`);
    assert((await page.locator('#response').textContent()) === '', `${VERSION} shows another call's answer`);
    assert(await page.locator('#response-stale').isHidden(), 'a stale note without an answer');
  });

  await check(`${VERSION}: sent: errcode 0; the emulator stored the strings as sent`, async () => {
    await page.fill(controlAt('cpu'), '0.5');
    const answer = await send(VERSION);
    assert(/"errcode": 0/.test(answer), `answer: ${answer}`);
    const version = server.emulator.state().versions.at(-1);
    assert(version.updates === 1 && version.body.cpu === '0.5', `the emulator holds ${JSON.stringify(version)}`);
  });
  await shot('demo-page.png');

  await page.setViewportSize({ width: 375, height: 800 });
  for (const name of [EMPTY, SERVICE, VERSION]) {
    await check(`375 px, ${name}: one column, nothing wider than the screen, every control labelled`, async () => {
      await pick(name);
      const o = await overflow(page);
      assert(o.scroll <= o.width && o.wide.length === 0, `wider than ${o.width}px: ${JSON.stringify(o)}`);
      const [form, output] = await Promise.all(['#form', '.output'].map((s) => page.locator(s).boundingBox()));
      assert(output.y >= form.y + form.height - 1, 'the output is not below the form');
      const unlabelled = await page.$$eval('input, select, textarea', (els) =>
        els.filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label')).map((el) => el.id));
      assert(unlabelled.length === 0, `unlabelled: ${unlabelled}`);
    });
  }

  await check('375 px: keyboard focus inside a nested fieldset is visible', async () => {
    await pick(SERVICE);
    await page.fill(controlAt('es_info.port'), '70000'); // an error in the narrow shot too
    await page.locator(`${fieldAt('es_info.port')} > .msgs .issue.error`).waitFor();
    await page.focus(controlAt('es_info.ip'));
    await page.keyboard.press('Tab');
    const ring = await focusRing(page);
    const at = await page.evaluate(() => document.activeElement.closest('[data-path]')?.dataset.path);
    assert(at === 'es_info.port' && ring.visible && ring.style !== 'none' && ring.width >= 2, `focus on ${at}: ${JSON.stringify(ring)}`);
    await shot('demo-page-narrow.png');
    await pick(EMPTY);
    await shot('demo-page-narrow-empty.png');
  });

  await check('no console errors, page errors, failed requests or HTTP errors', async () => {
    assert(browser.problems.length === 0, browser.problems.join('\n'));
  });
} catch (err) {
  tally.failed++;
  console.log(`FAIL the run stopped: ${err?.stack ?? err}`);
} finally {
  await browser.close();
  await server.close();
}

if (shots.length) console.log(`screenshots: ${shots.join(', ')}`);
console.log(`browser: ${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
