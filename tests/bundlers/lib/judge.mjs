// Judges what an app reported (apps/shared/probe.js): returns the problems, none when right.
import { TOKEN } from '../apps/shared/probe.js';

export function judge(result, { created = false } = {}) {
  if (!result || typeof result !== 'object') return [`no result (got ${JSON.stringify(result)})`];
  if (result.error) return [`the app threw: ${result.error.split('\n').slice(0, 3).join(' | ')}`];
  const problems = [];
  if (result.ok !== false) problems.push('validateCreateServiceRequest({ env_id: 1 }) was not refused');
  if (!result.errors?.some((e) => e.path === 'env_id')) problems.push(`no issue at env_id (issues: ${JSON.stringify(result.errors)})`);
  if (typeof result.curl !== 'string' || !result.curl.includes('access_token=***')) problems.push(`toCurl shows no access_token=*** (${JSON.stringify(result.curl)?.slice(0, 120)})`);
  if (String(result.curl).includes(TOKEN)) problems.push('toCurl shows the token');
  if (created && result.created !== 0) problems.push(`createService against the emulator gave ${JSON.stringify(result.created)}, not errcode 0`);
  return problems;
}

/** `RESULT {json}` out of a process's output. */
export function resultLine(output) {
  const line = output.split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (!line) return null;
  try {
    return JSON.parse(line.slice('RESULT '.length));
  } catch {
    return null;
  }
}
