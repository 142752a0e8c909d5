import { describe, expect, it } from 'vitest';
import { afterSent } from '../../src/client/assessment-draft.ts';

describe('answers waiting on the phone', () => {
  it('drop what the server confirmed, keep what changed while the save was on its way', () => {
    const sent = { a: 1, b: 2, c: null };
    expect(afterSent({ a: 1, b: 3, c: null, d: 0 }, sent)).toEqual({ b: 3, d: 0 });
    expect(afterSent(sent, sent)).toEqual({});
  });
});
