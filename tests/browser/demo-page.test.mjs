// Browser test of the request-builder page (www-demo/) served by scripts/serve-demo.mjs,
// in headless Chromium through playwright-core. Needs `make pkg` first (make test-browser).
// Prints one line per check and `browser: N passed, M failed`; exits 1 on any failure.
// Screenshots: target/screenshots/demo-page.png (1280 wide), demo-page-narrow.png (375 wide).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../scripts/serve-demo.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const TOKEN = 'emulator-token';
const PASSWORD = 'es-pass-canary';
const TIMEOUT = 10_000;

let passed = 0;
let failed = 0;
const problems = []; // console errors and page errors, checked at the end

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(err?.message ?? err).split('\n').join('\n     ')}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** The text of `selector`, once `predicate(text)` holds (or the last text after TIMEOUT). */
async function waitText(page, selector, predicate, what) {
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  while (Date.now() < deadline) {
    text = (await page.locator(selector).textContent()) ?? '';
    if (predicate(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`${what}: timed out; ${selector} has ${JSON.stringify(text.slice(0, 400))}`);
}

let server;
try {
  server = await startDemoServer({ port: 0 });
} catch (err) {
  console.log(`FAIL cannot start the demo server: ${err.message}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}
const profile = await mkdtemp(path.join(tmpdir(), 'wx-demo-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));

  await check('page loads the wasm build and finds the emulator', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-state="ready"]');
    assert(await page.locator('#send-section').isVisible(), 'the send section is hidden although the page is served by the demo server');
    const status = await page.locator('#load-status').textContent();
    assert(/loaded/i.test(status), `load status says ${JSON.stringify(status)}`);
  });

  await check('every form control has a label', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type !== 'hidden' && !el.closest('template'))
        .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
        .map((el) => el.id || el.name));
    assert(unlabelled.length === 0, `unlabelled controls: ${unlabelled.join(', ')}`);
  });

  await page.fill('#f-env_id', 'prod-1a2b3c4d5e6f7a8b');
  await page.fill('#f-service_name', 'order-api');
  await page.check('#f-is_public');
  await page.fill('#f-accessToken', TOKEN);
  await page.selectOption('#f-log_type', 'es');
  await page.fill('#f-es_info-ip', '10.0.0.12');
  await page.fill('#f-es_info-password', PASSWORD);

  await check('es_info.port 70000: an error next to the port field, with its path', async () => {
    await page.fill('#f-es_info-port', '70000');
    const item = page.locator('#m-es_info-port .issue.error[data-path="es_info.port"]');
    await item.waitFor();
    const text = await item.textContent();
    assert(/65535/.test(text), `the message does not explain the range: ${text}`);
    const input = page.locator('#f-es_info-port');
    assert((await input.getAttribute('aria-invalid')) === 'true', 'aria-invalid is not "true" on the port field');
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    assert(describedBy.split(' ').includes('m-es_info-port'), `aria-describedby is ${JSON.stringify(describedBy)}`);
    await waitText(page, '#out-curl', (t) => /^Not built/.test(t), 'curl while invalid');
  });

  await check('port 9200: the error is gone and the request is built', async () => {
    await page.fill('#f-es_info-port', '9200');
    await page.locator('#m-es_info-port .issue').waitFor({ state: 'detached' });
    const input = page.locator('#f-es_info-port');
    assert((await input.getAttribute('aria-invalid')) === null, 'aria-invalid is still set');
    const body = JSON.parse(await waitText(page, '#out-body', (t) => t.startsWith('{'), 'JSON body'));
    assert(body.es_info.port === 9200, `es_info.port in the body is ${JSON.stringify(body.es_info.port)}, not the number 9200`);
    const summary = await page.locator('#summary-text').textContent();
    assert(/^Valid/.test(summary), `summary says ${JSON.stringify(summary)}`);
  });

  await check('warnings are shown apart from errors: subnet_ids[1] maps to its row', async () => {
    await page.click('#add-subnet');
    await page.fill('#f-vpc_info-subnet_ids-0', 'subnet-a1b2c3d4');
    await page.click('#add-subnet');
    await page.fill('#f-vpc_info-subnet_ids-1', 'oops');
    const warning = page.locator('#m-vpc_info-subnet_ids-1 .issue.warning[data-path="vpc_info.subnet_ids[1]"]');
    await warning.waitFor();
    assert((await warning.locator('.sev').textContent()).trim() === 'Warning', 'the warning is not labelled "Warning"');
    assert((await page.locator('#m-vpc_info-subnet_ids-1 .issue.error').count()) === 0, 'a warning is shown as an error');
    assert((await page.locator('#f-vpc_info-subnet_ids-1').getAttribute('aria-invalid')) === null, 'a warning set aria-invalid');
    assert(/warning/.test(await page.locator('#summary-text').textContent()), 'the summary does not count the warning');
    // Remove the bad row with the keyboard: focus moves to a remaining field.
    await page.focus('#f-vpc_info-subnet_ids-1 ~ button.remove');
    await page.keyboard.press('Enter');
    await page.locator('#f-vpc_info-subnet_ids-1').waitFor({ state: 'detached' });
    assert((await page.locator('#subnet-list > li').count()) === 1, 'the row was not removed');
    await page.locator('.issue.warning[data-path^="vpc_info.subnet_ids"]').waitFor({ state: 'detached' });
  });

  await check('curl is redacted by default, revealed on request, redacted again', async () => {
    const redacted = await page.locator('#out-curl').textContent();
    assert(redacted.includes('access_token=***'), `curl lacks access_token=***: ${redacted}`);
    assert(!redacted.includes(TOKEN) && !redacted.includes(PASSWORD), 'redacted curl holds a secret');
    const http = await page.locator('#out-http').textContent();
    const body = await page.locator('#out-body').textContent();
    assert(!http.includes(TOKEN) && !body.includes(PASSWORD), 'the HTTP or body view holds a secret');
    await page.check('#reveal');
    const revealed = await waitText(page, '#out-curl', (t) => t.includes(TOKEN), 'revealed curl');
    assert(revealed.includes(`access_token=${TOKEN}`) && revealed.includes(PASSWORD), 'revealed curl lacks the token or password');
    await page.uncheck('#reveal');
    const again = await waitText(page, '#out-curl', (t) => !t.includes(TOKEN), 'redacted again');
    assert(again.includes('access_token=***') && !again.includes(PASSWORD), 'curl not redacted after toggling back');
  });

  await check('send creates the service on the emulator: errcode 0', async () => {
    const before = server.emulator.state().services.length;
    await page.click('#send');
    const text = await waitText(page, '#response', (t) => /errcode/.test(t) && !/Sending/.test(t), 'response');
    assert(/"errcode": 0/.test(text), `the response area shows: ${text}`);
    const after = server.emulator.state();
    assert(after.services.length === before + 1, `emulator services ${before} → ${after.services.length}`);
    assert(after.services.at(-1).service_name === 'order-api', 'the emulator recorded another service');
  });

  await check('a second send shows the typed WxApiError (already exists)', async () => {
    await page.click('#send');
    const text = await waitText(page, '#response', (t) => /WxApiError/.test(t), 'error response');
    assert(/40097/.test(text) && /invalid_args/.test(text) && /hint/.test(text), `the error lacks errcode/errname/hint: ${text}`);
    assert(!text.includes(TOKEN) && !text.includes(PASSWORD), 'the error display holds a secret');
  });

  await mkdir(SHOTS, { recursive: true });
  // Back to a state worth a screenshot: reset the emulator, then a successful send.
  await page.click('#reset-emulator');
  await waitText(page, '#response', (t) => /reset/.test(t), 'reset');
  await page.click('#send');
  await waitText(page, '#response', (t) => /"errcode": 0/.test(t), 'response after reset');
  await page.screenshot({ path: path.join(SHOTS, 'demo-page.png'), fullPage: true });

  await check('375px wide: one column, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.fill('#f-es_info-port', '70000'); // show an error in the narrow shot too
    await page.locator('#m-es_info-port .issue.error').waitFor();
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((el) => !el.closest('.visually-hidden, .skip'))
        .map((el) => el.id || el.className || el.tagName);
      return { scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 5) };
    });
    assert(overflow.scroll <= 375 && overflow.wide.length === 0, `wider than 375px: ${JSON.stringify(overflow)}`);
    const [form, output] = await Promise.all(['#form', '.output'].map((s) => page.locator(s).boundingBox()));
    assert(output.y >= form.y + form.height - 1, 'the output is not below the form');
    await page.screenshot({ path: path.join(SHOTS, 'demo-page-narrow.png'), fullPage: true });
  });

  await check('no console errors, page errors or failed requests', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
} catch (err) {
  failed++;
  console.log(`FAIL the run stopped: ${err?.stack ?? err}`);
} finally {
  await context?.close().catch(() => {});
  await server.close();
  await rm(profile, { recursive: true, force: true });
}

console.log(`screenshots: ${path.relative(ROOT, path.join(SHOTS, 'demo-page.png'))}, ${path.relative(ROOT, path.join(SHOTS, 'demo-page-narrow.png'))}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
