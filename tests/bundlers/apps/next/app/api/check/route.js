// A Next.js App Router route handler (Node runtime) using the package with no Next.js
// configuration; `next build` bundles it into the server output.
import * as lib from 'wx-cloudbase-service';
import { probe } from '../../../../shared/probe.js';

export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(probe(lib));
}
