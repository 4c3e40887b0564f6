// suggestions.json against schema/suggestions.schema.json (JSON Schema
// draft 2020-12, checked by ajv): every test that makes suggestions can
// assert they are what the schema promises. Not a test file itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

import { REPO_DIR } from './helpers.mjs';

export const SCHEMA_PATH = join(REPO_DIR, 'schema/suggestions.schema.json');

let validate = null;

function validator() {
  if (!validate) {
    // Strict (unknown keywords and formats are errors), except that the
    // schema's if/then/else names `required` fields its branches leave to
    // the enclosing `properties`, and that a field may be string-or-null.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    // The one format the schema uses; ajv knows none without ajv-formats.
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  return validate;
}

// The schema's complaints about `doc` ([] when it is valid), as
// "instancePath: message" lines.
export function schemaErrors(doc) {
  const v = validator();
  return v(doc) ? [] : v.errors.map((e) => `${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
}

export function assertValidSuggestions(doc, what = 'suggestions') {
  const errors = schemaErrors(doc);
  assert.deepEqual(errors, [], `${what} do not match ${SCHEMA_PATH}:\n${errors.slice(0, 20).join('\n')}`);
}
