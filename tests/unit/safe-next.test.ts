import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/safe-next.ts';

describe('post-login redirect', () => {
  it('allows same-site paths only', () => {
    expect(safeNext('/courses/x/', '/me/')).toBe('/courses/x/');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', '', null]) expect(safeNext(bad, '/me/')).toBe('/me/');
  });
});
