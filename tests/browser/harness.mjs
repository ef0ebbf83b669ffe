// What the browser test needs besides its steps: headless Chromium with a fresh profile,
// the problem log (console errors, page errors, failed requests), named checks that count,
// and the page probes (fields by issue path, waits, overflow, focus).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const TIMEOUT = 10_000;

export const tally = { passed: 0, failed: 0 };

/** Runs one named check; a failure is counted and printed, and the run goes on. */
export async function check(name, fn) {
  try {
    await fn();
    tally.passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    tally.failed++;
    console.log(`FAIL ${name}\n     ${String(err?.message ?? err).split('\n').join('\n     ')}`);
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * Chromium as the project runs it: the system binary, headless, no sandbox (containers),
 * a throwaway profile (Playwright passes it as --user-data-dir), and nothing that talks to
 * the network on its own.
 * @returns {Promise<{ page: import('playwright-core').Page, problems: string[], close(): Promise<void> }>}
 */
export async function launch() {
  const profile = await mkdtemp(path.join(tmpdir(), 'wx-demo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    page,
    problems,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** CSS for the wrapper of the field whose issue path is `p` (`es_info.port`, `data[0].env`). */
export const fieldAt = (p) => `[data-path=${JSON.stringify(p)}]`;
/** CSS for that field's own control (not the controls of the fields inside it). */
export const controlAt = (p) => `${fieldAt(p)} > .inline > :is(input, select, textarea)`;

/** The text of `selector`, once `predicate(text)` holds (or throws after TIMEOUT). */
export async function waitText(page, selector, predicate, what) {
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  while (Date.now() < deadline) {
    text = (await page.locator(selector).first().textContent()) ?? '';
    if (predicate(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`${what}: timed out; ${selector} has ${JSON.stringify(text.slice(0, 400))}`);
}

/** The page's error and warning counts. */
export async function counts(page) {
  const [errors, warnings] = await Promise.all(['#count-errors', '#count-warnings'].map((s) => page.locator(s).textContent()));
  return { errors: Number(errors), warnings: Number(warnings) };
}

/** The package's own verdict on `input`, computed in the page by the same build. */
export function expectedCounts(page, call, input) {
  return page.evaluate(async ([c, i]) => {
    const wx = await import('/pkg/entry.js');
    const r = wx.validateRequest(c, i);
    return { errors: r.errors.length, warnings: r.warnings.length };
  }, [call, input]);
}

/** Elements wider than the viewport, and the document's scroll width. */
export function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.visually-hidden, .skip, [hidden]'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
}

/** The focused element's focus ring, as computed. */
export function focusRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return { id: el.id, tag: el.tagName, visible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
}
