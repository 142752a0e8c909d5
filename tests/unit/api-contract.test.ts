import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** "GET me", "POST attempts/{id}/submit": every /api/qa route PocketBase registers (pb_hooks/*.pb.js). */
function registeredRoutes(): string[] {
  const out: string[] = [];
  for (const file of readdirSync(join(root, 'pb_hooks')).filter((f) => f.endsWith('.pb.js'))) {
    const text = readFileSync(join(root, 'pb_hooks', file), 'utf8');
    for (const m of text.matchAll(/routerAdd\(\s*["']([A-Z]+)["'],\s*["']\/api\/qa\/([^"']+)["']/g)) out.push(`${m[1]} ${m[2]}`);
  }
  return out.sort();
}

function contractRoutes(): string[] {
  const text = readFileSync(join(root, 'src', 'server', 'api-contract.ts'), 'utf8');
  const body = text.slice(text.indexOf('export interface QaRoutes {'), text.indexOf('\n}', text.indexOf('export interface QaRoutes {')));
  return [...body.matchAll(/^\s+'([A-Z]+ [^']+)':/gm)].map((m) => m[1]).sort();
}

describe('API contract (src/server/api-contract.ts)', () => {
  it('lists exactly the routes PocketBase registers, so every page call is typed by its handler', () => {
    const registered = registeredRoutes();
    expect(registered.length).toBeGreaterThan(50);
    const missing = registered.filter((r) => !contractRoutes().includes(r));
    const stale = contractRoutes().filter((r) => !registered.includes(r));
    expect({ missing, stale }, 'add new routes to QaRoutes in src/server/api-contract.ts, remove dropped ones').toEqual({
      missing: [],
      stale: [],
    });
  });
});
