// Types for the gemroll package, one file per area under types/. Written by
// hand next to the JS; `tsc --noEmit` (tsconfig.json) compiles them with the
// examples and checks the JS that implements them (JSDoc in src/*.js).
export * from './types/gemroll.js';
export * from './types/scan.js';
export * from './types/records.js';
export * from './types/models.js';
export * from './types/suggestions.js';
export * from './types/engine.js';
export * from './types/edit.js';
export * from './types/collage.js';
export * from './types/recap.js';
export * from './types/errors.js';
