import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionsFromMigrations } from '../../scripts/lib/pb-collections.ts';
import { renderPbTypes } from '../../scripts/lib/pb-types.ts';
import { ROOT } from '../../scripts/lib/pocketbase.ts';

describe('generated record types', () => {
  it('src/server/pb-types.ts matches the schema the migrations build', () => {
    const expected = renderPbTypes(collectionsFromMigrations());
    const actual = readFileSync(join(ROOT, 'src', 'server', 'pb-types.ts'), 'utf8');
    if (actual !== expected) throw new Error('src/server/pb-types.ts is out of date with pb_migrations: run npm run gen:types');
    expect(actual).toContain('export interface QuizAttemptsRecord');
  });
});
