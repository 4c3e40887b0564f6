// Prepended outside the module factory (--extern-pre-js). Emscripten 3.1.6's
// ES module output still uses the CommonJS globals `require` and `__dirname`
// when it runs under node; define them there without a static import of a
// node: module, so the same file loads unchanged in browsers and workers.
/* eslint-disable no-var */
var __gemrollNodeModule =
  typeof process === 'object' && process !== null && typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('module')
    : null;
var require = __gemrollNodeModule ? __gemrollNodeModule.createRequire(import.meta.url) : undefined;
var __dirname = __gemrollNodeModule
  ? process.getBuiltinModule('path').dirname(process.getBuiltinModule('url').fileURLToPath(import.meta.url))
  : '';
