/**
 * Files written by `npm run new` mark what the trainer still has to write; each remaining mark is a problem
 * with its line, so a half-written lesson cannot be built and published by accident.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentProblem } from './content-source.ts';
import { PLACEHOLDER } from './templates.ts';
import { splitFrontmatter } from './frontmatter.ts';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(mdx|ya?ml)$/.test(name) ? [path] : [];
  });
}

const KEY = /^\s*(?:-\s*)?([A-Za-z][\w]*):/;

export function placeholderProblems(root: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const file of files(join(root, 'content')).sort()) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const parts = file.endsWith('.mdx') ? splitFrontmatter(text) : null;
    // index of the closing fence's line (the YAML's lines, then the fence); -1 when there is no frontmatter
    const fenceEnd = !file.endsWith('.mdx') ? lines.length : parts ? parts.bodyLine - 2 : -1;
    let key = '';
    lines.forEach((line, i) => {
      const own = KEY.exec(line);
      if (own) key = own[1];
      if (!line.includes(PLACEHOLDER) || /^\s*#/.test(line)) return;
      // a list item without a key of its own (an option, a goal) belongs to the key above it
      const field = i > fenceEnd ? 'body' : key;
      problems.push({
        file: relative(root, file),
        line: i + 1,
        field,
        message: `还没填写：把“${PLACEHOLDER}”换成你的内容（npm run new 生成的模板里有说明）`,
      });
    });
  }
  return problems;
}
