// A Cloudflare Worker: the package's `workerd` entry imports the .wasm as a module.
import * as lib from 'wx-cloudbase-service';
import { probe } from '../shared/probe.js';

export default {
  fetch() {
    try {
      return Response.json(probe(lib));
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e) });
    }
  },
};
