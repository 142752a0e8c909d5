import { describe, expect, it } from 'vitest';
import zh from '../../src/i18n/zh-CN.json' with { type: 'json' };
import en from '../../src/i18n/en.json' with { type: 'json' };
import { t } from '../../src/i18n/index.ts';

describe('UI strings', () => {
  it('fills placeholders and falls back to Chinese for missing English', () => {
    expect(t('course.progress', { done: 2, total: 5 })).toBe('已学 2/5 课');
    expect(t('nav.courses', {}, 'en')).toBe('Courses');
    expect(t('lesson.goals', {}, 'en')).toBe(zh['lesson.goals']);
  });
  it('has no English key that Chinese lacks, and no empty string', () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
    expect(Object.entries(zh).filter(([, v]) => !v.trim())).toEqual([]);
  });
});
