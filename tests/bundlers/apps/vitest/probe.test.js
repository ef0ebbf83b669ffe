// Vitest runs this in Node against the installed package, with no configuration.
import { writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import * as lib from 'wx-cloudbase-service';
import { probe } from '../shared/probe.js';

test('the package works under Vitest', () => {
  const result = probe(lib);
  writeFileSync(process.env.BUNDLER_RESULT, JSON.stringify(result));
  expect(result.ok).toBe(false);
});
