import { describe, expect, it } from 'vitest';
import { clauseScore, relatedLessons } from '../../src/lib/related-lessons.ts';

describe('lessons related to a case', () => {
  const lessons = [
    { id: 'a', clauses: ['4.1'] },
    { id: 'b', clauses: ['8.4.2'] },
    { id: 'c', clauses: ['8.4.2', '8.6'] },
    { id: 'd', clauses: ['8.5'] },
  ];
  it('ranks lessons by shared clauses, exact matches above parent or child clauses', () => {
    expect(clauseScore(['8.5.1'], ['8.5'])).toBe(1);
    expect(clauseScore(['8.5.1'], ['8.5.1'])).toBe(2);
    expect(clauseScore(['7.1.5'], ['7.1.5.1'])).toBe(1.5);
    expect(clauseScore(['8.5.1'], ['8.5.2'])).toBe(0);
    // an overview of many clauses ranks below a lesson about the case's clause
    expect(clauseScore(['8.5.1'], ['8.5.1', '8.1', '8.2', '8.3'])).toBeLessThan(clauseScore(['8.5.1'], ['8.5.1']));
    expect(relatedLessons(['8.4.2', '8.6', '8.5.1'], lessons).map((l) => l.id)).toEqual(['c', 'b', 'd']);
  });
  it('leaves out lessons that share nothing and keeps to the limit', () => {
    expect(relatedLessons(['9.2'], lessons)).toEqual([]);
    expect(relatedLessons(['8.4.2', '8.6', '8.5.1'], lessons, 1).map((l) => l.id)).toEqual(['c']);
  });
});
