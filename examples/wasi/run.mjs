// Runs a wasm32-wasip1 program under Node's built-in WASI (preview1): no filesystem (no
// preopens), an empty environment, stdout and stderr passed through; exits with its exit code.
//
//   node examples/wasi/run.mjs path/to/program.wasm [args...]
import { readFile } from 'node:fs/promises';
import { argv, exit } from 'node:process';
import { WASI } from 'node:wasi';

const [wasm, ...args] = argv.slice(2);
if (!wasm) {
  console.error('usage: node run.mjs <program.wasm> [args...]');
  exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [wasm, ...args], env: {}, preopens: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
