import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { content } from './helpers.ts';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the built site (npm run build)', () => {
  const text = existsSync(dist)
    ? files(dist)
        .filter((f) => /\.(html|js|json|css|xml|txt)$/.test(f))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n')
    : '';

  it('exists', () => expect(text.length, 'run `npm run build` first').toBeGreaterThan(0));

  it('contains no answer key and no explanation', () => {
    const leaks: string[] = [];
    for (const lesson of Object.values(content.lessons)) {
      for (const q of lesson.quiz.questions) {
        // explanations are long, distinctive sentences: none may appear anywhere in the public output
        if (text.includes(q.explanation)) leaks.push(`${lesson.id}#${q.id}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(text).not.toMatch(/"answer"\s*:/);
  });

  it('loads nothing from another host', () => {
    const external = text.match(/(?:src|href)=["']https?:\/\/(?!127\.0\.0\.1|localhost)[^"']+/g) ?? [];
    expect(external).toEqual([]);
  });
});
