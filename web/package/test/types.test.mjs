// The declarations (src/index.d.ts re-exporting src/types/*.d.ts) against the
// JS: index.js exports exactly the values they declare, and they compile, with
// the examples, under every strict check a user's project may have on.
// (`tsc --noEmit` checks the JS files that start with `// @ts-check` against
// the declarations: see tsconfig.json.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

import * as gemroll from '../src/index.js';
import { PACKAGE_DIR } from './helpers.mjs';

const ts = createRequire(import.meta.url)('typescript');
const INDEX_DTS = join(PACKAGE_DIR, 'src', 'index.d.ts');

// tsconfig.json's program without the JS, with the two checks it turns off
// for the JS (un-annotated parameters and catch variables are `any` there).
function strictDeclarationsProgram() {
  const { config, error } = ts.readConfigFile(join(PACKAGE_DIR, 'tsconfig.json'), ts.sys.readFile);
  assert.equal(error, undefined);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, PACKAGE_DIR);
  const options = { ...parsed.options, allowJs: false, checkJs: false, noImplicitAny: true, useUnknownInCatchVariables: true };
  return ts.createProgram(parsed.fileNames.filter((f) => /\.ts$/.test(f)), options);
}

const program = strictDeclarationsProgram();

test('the declarations and examples compile with noImplicitAny and unknown catch variables', () => {
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => PACKAGE_DIR, getNewLine: () => '\n' };
  assert.equal(diagnostics.length, 0, ts.formatDiagnostics(diagnostics, host));
  assert.ok(program.getRootFileNames().some((f) => f.endsWith('/examples/node-usage.ts')));
});

test('index.js exports exactly the values index.d.ts declares', () => {
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(INDEX_DTS)));
  const resolve = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const values = exported.filter((s) => resolve(s).flags & ts.SymbolFlags.Value).map((s) => s.name).sort();
  assert.ok(values.length > 20 && exported.length > values.length);
  assert.deepEqual(Object.keys(gemroll).sort(), values);
});

test('index.d.ts re-exports every file of src/types', () => {
  const index = readFileSync(INDEX_DTS, 'utf8');
  for (const f of readdirSync(join(PACKAGE_DIR, 'src', 'types'))) {
    assert.ok(index.includes(`export * from './types/${f.replace(/\.d\.ts$/, '.js')}';`), `index.d.ts re-exports types/${f}`);
  }
});

// What tsc cannot see: the prototype's dispose method is set where the
// runtime has the symbol (Node 20 and later here, not every browser).
test('Gemroll has [Symbol.asyncDispose] where the runtime has the symbol', () => {
  if (typeof Symbol.asyncDispose !== 'symbol') return;
  assert.equal(typeof gemroll.Gemroll.prototype[Symbol.asyncDispose], 'function');
});
