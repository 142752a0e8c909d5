import { describe, expect, it } from 'vitest';
import { formatStudyHours, studyHours } from '../../src/lib/study-hours.ts';

describe('学时 from study minutes (45 minutes each, to the nearest half)', () => {
  it('counts 45 minutes as one 学时 and rounds to halves', () => {
    expect(studyHours(45)).toBe(1);
    expect(studyHours(90)).toBe(2);
    expect(studyHours(60)).toBe(1.5); // 1.33 → 1.5
    expect(studyHours(50)).toBe(1); // 1.11 → 1
    expect(studyHours(10)).toBe(0.5); // never less than half a 学时
    expect(studyHours(0)).toBe(0);
  });
  it('prints without a trailing .0', () => {
    expect(formatStudyHours(2)).toBe('2');
    expect(formatStudyHours(1.5)).toBe('1.5');
  });
});
