// Reads the service models bundled in the pinned @aws-sdk/client-* packages (AWS SDK for JavaScript v3): operations,
// input members and the API Reference text of each operation. Used by generate.mjs; see docs/iamdata.md.
//
// Format (checked on client-sts, client-s3, client-ec2, client-dynamodb, client-cognito-identity-provider): the
// packages generated with Smithy schemas carry dist-es/schemas/schemas_*.js, where
//   export var AssumeRoot$ = [9, n0, _ARs, 0, () => AssumeRootRequest$, () => AssumeRootResponse$]   (operation)
//   export var AssumeRootRequest$ = [3, n0, _ARRss, 0, [memberNames], [memberSchemas], requiredCount] (structure)
// and the string constants (const _ARs = "AssumeRoot") are at the top of each file. The members of a structure are
// ordered required first, so the first requiredCount names are the required ones. The files are evaluated, not
// parsed with regular expressions: imports are replaced by inert stubs and nothing else runs (no network, no fs).
// dist-types/commands/<Op>Command.d.ts carry the operation's documentation (the API Reference text) in the JSDoc
// comment of the command class. Older packages (before the schema code generator) have no schemas directory; for
// them generate.mjs keeps the aws-sdk v2 model.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NEEDED = ['package/package.json', 'package/dist-es/schemas/*', 'package/dist-types/commands/*Command.d.ts',
  'package/dist-es/runtimeConfig.shared.js', 'package/dist-es/auth/httpAuthSchemeProvider.js'];

/** Downloads (npm pack, no dependencies, no install scripts) and unpacks the files this reader needs. */
export function fetchClients(cacheDir, packages) {
  const tarballs = path.join(cacheDir, 'v3');
  const unpacked = path.join(cacheDir, 'v3-unpacked');
  fs.mkdirSync(tarballs, { recursive: true });
  const tgz = (name, version) => path.join(tarballs, name.replace('@', '').replace('/', '-') + '-' + version + '.tgz');
  const missing = Object.entries(packages).filter(([n, v]) => !fs.existsSync(tgz(n, v)));
  for (let i = 0; i < missing.length; i += 40) {
    execFileSync('npm', ['pack', '--silent', ...missing.slice(i, i + 40).map(([n, v]) => `${n}@${v}`)],
      { cwd: tarballs, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const dirs = {};
  for (const [name, version] of Object.entries(packages)) {
    const dir = path.join(unpacked, name.replace('@aws-sdk/', '') + '@' + version);
    if (!fs.existsSync(path.join(dir, 'package/package.json'))) {
      fs.mkdirSync(dir, { recursive: true });
      try {
        execFileSync('tar', ['xzf', tgz(name, version), '-C', dir, '--wildcards', ...NEEDED], { stdio: 'ignore' });
      } catch (e) {
        // tar fails when a pattern matches nothing (an old package without schemas); what it found is extracted.
      }
    }
    dirs[name] = path.join(dir, 'package');
  }
  return dirs;
}

/** A value that stands for anything the schema files import: callable, constructible, every property itself. */
const STUB = new Proxy(function stub() {}, {
  get: (t, k) => (k === Symbol.toPrimitive ? () => '' : STUB),
  apply: () => STUB,
  construct: () => STUB,
});

/** Evaluates the schema files of one package; returns every exported schema by name. */
function evaluateSchemas(dir) {
  const schemaDir = path.join(dir, 'dist-es/schemas');
  if (!fs.existsSync(schemaDir)) {
    return null;
  }
  const exports = {};
  const files = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.js')).sort();
  for (const f of files) {
    let src = fs.readFileSync(path.join(schemaDir, f), 'utf8');
    src = src.replace(/^import[\s\S]*?from\s*["'][^"']+["'];?\s*$/gm, '');
    const exported = [...src.matchAll(/^export\s+(?:var|const|let)\s+([\w$]+)/gm)].map((m) => m[1]);
    src = src.replace(/^export\s+(var|const|let)\s/gm, '$1 ');
    const declared = new Set([...src.matchAll(/\b(?:var|const|let|function|class)\s+([\w$]+)/g)].map((m) => m[1]));
    // Names neither declared here nor global: another schema file's exports (resolved lazily, schemas refer to each
    // other through thunks) or an import (a stub).
    const scope = new Proxy({}, {
      has: (t, k) => typeof k === 'string' && !declared.has(k) && !(k in globalThis),
      get: (t, k) => (k === Symbol.unscopables ? undefined : (k in exports ? exports[k] : STUB)),
    });
    const body = `with (scope) {\n${src}\nreturn { ${exported.map((n) => `${JSON.stringify(n)}: ${n}`).join(', ')} };\n}`;
    // eslint-disable-next-line no-new-func
    Object.assign(exports, new Function('scope', body)(scope));
  }
  return exports;
}

function resolve(v) {
  return typeof v === 'function' ? v() : v;
}

/** The documentation of each command, from dist-types/commands/*Command.d.ts, as plain text. */
function commandDocs(dir) {
  const cmdDir = path.join(dir, 'dist-types/commands');
  const docs = {};
  if (!fs.existsSync(cmdDir)) {
    return docs;
  }
  for (const f of fs.readdirSync(cmdDir).filter((x) => x.endsWith('Command.d.ts')).sort()) {
    const op = f.slice(0, -'Command.d.ts'.length);
    const text = fs.readFileSync(path.join(cmdDir, f), 'utf8');
    const at = text.indexOf(`export declare class ${op}Command`);
    const end = text.lastIndexOf('*/', at);
    const start = text.lastIndexOf('/**', end);
    if (at < 0 || end < 0 || start < 0) {
      continue;
    }
    let doc = text.slice(start + 3, end).split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    const example = doc.indexOf('@example');
    doc = (example >= 0 ? doc.slice(0, example) : doc).replace(/@public/g, '');
    docs[op] = doc.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ').trim();
  }
  return docs;
}

/** One client package: serviceId, signing name, version and operations (or null when it has no schemas). */
export function readClient(name, version, dir) {
  const schemas = evaluateSchemas(dir);
  if (!schemas) {
    return null;
  }
  const shared = fs.existsSync(path.join(dir, 'dist-es/runtimeConfig.shared.js'))
    ? fs.readFileSync(path.join(dir, 'dist-es/runtimeConfig.shared.js'), 'utf8') : '';
  const serviceId = (shared.match(/serviceId:\s*config\?\.serviceId\s*\?\?\s*"([^"]+)"/) || [])[1] || null;
  const auth = fs.existsSync(path.join(dir, 'dist-es/auth/httpAuthSchemeProvider.js'))
    ? fs.readFileSync(path.join(dir, 'dist-es/auth/httpAuthSchemeProvider.js'), 'utf8') : '';
  const signingName = (auth.match(/signingProperties:\s*\{\s*name:\s*"([^"]+)"/) || [])[1] || null;
  const docs = commandDocs(dir);
  const ops = [];
  for (const value of Object.values(schemas)) {
    if (!Array.isArray(value) || value[0] !== 9 || typeof value[2] !== 'string') {
      continue;
    }
    const input = resolve(value[4]);
    let members = [];
    let required = [];
    if (Array.isArray(input) && input[0] === 3 && Array.isArray(input[4])) {
      members = input[4].map(String);
      const count = typeof input[6] === 'number' ? input[6] : 0;
      required = members.slice(0, count);
    }
    ops.push({ name: value[2], members, required, doc: docs[value[2]] || '' });
  }
  ops.sort((a, b) => a.name.localeCompare(b.name));
  return { package: name, version, serviceId, signingName, ops };
}
