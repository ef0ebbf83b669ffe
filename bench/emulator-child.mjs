// The emulator for the end-to-end benchmark, in its own process so that its CPU is not the
// client's: prints `{"url": …}` once listening, stops on SIGTERM.
import { startEmulator } from '../emulator/index.mjs';

const emu = await startEmulator({ quiet: true });
process.stdout.write(`${JSON.stringify({ url: emu.url })}\n`);
process.on('SIGTERM', () => emu.close().then(() => process.exit(0)));
