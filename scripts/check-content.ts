/**
 * `npm run check`: validates every file in content/ and prints one line per problem as
 * `file:line field: message`. Exit code 1 when anything is wrong.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { formatProblem, readContent } from './lib/content-source.ts';
import { checkContentRules } from './lib/content-rules.ts';
import { readAssessment } from './lib/assessment-source.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// npm run check [-- <content root>]
const set = readContent(parseArgs({ allowPositionals: true }).positionals[0] ?? root);
const assessment = readAssessment(set);
const problems = [...set.problems, ...checkContentRules(set), ...assessment.problems];
const questions = set.lessons.reduce((n, l) => n + l.data.quiz.questions.length, 0);

console.log(
  `content: ${set.courses.length} courses, ${set.lessons.length} lessons, ${questions} questions, ` +
    `${set.cases.length} cases, ${set.glossary.length} glossary terms, ${set.assessmentRules.length} assessment rule sets, ` +
    `${assessment.content?.areas.reduce((n, a) => n + a.questions.length, 0) ?? 0} self-assessment questions`,
);
if (problems.length) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\n${problems.length} problem(s) found.`);
  process.exit(1);
}
console.log('content check passed');
