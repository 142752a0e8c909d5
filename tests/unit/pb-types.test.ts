import { describe, expect, it } from 'vitest';
import { fieldType, recordTypeName, renderPbTypes } from '../../scripts/lib/pb-types.ts';
import type { Role } from '../../src/lib/roles.ts';
import type { UsersRecord } from '../../src/server/pb-types.ts';

// Type-level (npm run typecheck): the roles the code knows are exactly the schema's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatchSchema: Same<Role, UsersRecord['role']> = true;

describe('record types from the schema', () => {
  it('knows the same roles as the schema (checked by the typecheck)', () => {
    expect(rolesMatchSchema).toBe(true);
  });
  it('names record types after their collection', () => {
    expect(recordTypeName('quiz_attempts')).toBe('QuizAttemptsRecord');
    expect(recordTypeName('users')).toBe('UsersRecord');
  });
  it('types fields as PocketBase stores them', () => {
    expect(fieldType({ name: 'status', type: 'select', required: true, maxSelect: 1, values: ['open', 'submitted'] })).toBe(
      "'open' | 'submitted'",
    );
    expect(fieldType({ name: 'kind', type: 'select', maxSelect: 1, values: ['a'] })).toBe("'a' | ''");
    expect(fieldType({ name: 'tags', type: 'select', maxSelect: 3, values: ['a', 'b'] })).toBe("('a' | 'b')[]");
    expect(fieldType({ name: 'user', type: 'relation', maxSelect: 1 })).toBe('string');
    expect(fieldType({ name: 'users', type: 'relation', maxSelect: 5 })).toBe('string[]');
    expect(fieldType({ name: 'n', type: 'number' })).toBe('number');
    expect(fieldType({ name: 'ok', type: 'bool' })).toBe('boolean');
    expect(fieldType({ name: 'at', type: 'autodate' })).toBe('string');
    expect(fieldType({ name: 'data', type: 'json' })).toBe('unknown');
  });
  it("leaves PocketBase's own collections out and lists the rest by name", () => {
    const out = renderPbTypes([
      { name: 'surveys', type: 'base', system: false, fields: [{ name: 'id', type: 'text' }] },
      { name: '_superusers', type: 'auth', system: true, fields: [] },
      { name: 'completions', type: 'base', system: false, fields: [{ name: 'revoked', type: 'bool', hidden: true }] },
    ]);
    expect(out).not.toContain('Superusers');
    expect(out.indexOf('CompletionsRecord')).toBeLessThan(out.indexOf('SurveysRecord'));
    expect(out).toContain('  revoked: boolean; // hidden from the record API');
    expect(out).toContain('  surveys: SurveysRecord;');
  });
});
