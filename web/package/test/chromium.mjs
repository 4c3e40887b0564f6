// The Chromium every browser test and benchmark drives: Debian's
// /usr/bin/chromium ($GEMROLL_CHROMIUM elsewhere) through playwright-core
// (browsers cannot be downloaded here), with one set of flags: no sandbox
// (root in CI), no QUIC, no first-run, background or component traffic (the
// privacy tests count every request). Callers pass their own playwright
// `chromium` so each folder resolves playwright-core from its own modules.
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.GEMROLL_CHROMIUM || '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// webgpu: ask for an adapter (SwiftShader without a GPU; the GPU process must
// stay on, so never --disable-gpu).
export function chromiumArgs({ webgpu = false } = {}) {
  return webgpu ? [...ARGS, '--enable-unsafe-webgpu'] : [...ARGS];
}

// A skip reason when this machine has no Chromium (scripts/test.sh counts
// such a skip as a failure), else false.
export function chromiumMissing() {
  return existsSync(CHROMIUM) ? false : `no ${CHROMIUM} (apt-get install chromium; scripts/setup.sh installs it)`;
}

// chromium.launch with the shared executable and flags; `options` adds to them.
export function launchChromium(chromium, { webgpu = false, args = [], ...options } = {}) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...chromiumArgs({ webgpu }), ...args], ...options });
}
