/**
 * Demo data for trainers: the demo trainer looks after every course, and one course (production control) has
 * learners' progress, graded quiz attempts, questions and ratings, so the analytics page shows real figures.
 * Deterministic and idempotent; demo only.
 */
import { drawQuestions } from '../../lib/quiz/draw.ts';
import { scoreQuiz } from '../../lib/quiz/scoring.ts';
import { questionByRef } from '../../lib/quiz/bank.ts';
import { content, quiz } from '../content.ts';
import { findOne, inTransaction } from '../http.ts';
import { toPbDate as pbTime } from '../../lib/beijing-time.ts';

export const DEMO_TRAINER_EMAIL = 'trainer@example.com';
export const DEMO_ANALYTICS_COURSE = 'production-control';
const QUESTIONS = [
  {
    lesson: 'release',
    body: '我们厂只有老板一个人能签放行，他出差的时候怎么办？',
    answer: '事先书面指定一位代理放行人（比如车间主任），写进放行规定里，并让他熟悉检验标准。代理人签的放行记录和老板签的一样有效。',
  },
  {
    lesson: 'release',
    body: '客户微信里说“先发吧”，这算客户同意吗？',
    answer: '算，但要把聊天截图和这批货的放行记录放在一起保存，写清是哪一批、差哪些检查、什么时候补完。',
  },
  { lesson: 'nonconforming-outputs', body: '返工以后还要再检验一遍吗？', answer: null },
];

export function seedTrainerDemo(app: PbApp, created: string[]): void {
  const trainer = findOne(app, 'users', 'email = {:email}', { email: DEMO_TRAINER_EMAIL });
  if (!trainer || findOne(app, 'course_trainers', 'trainer = {:trainer}', { trainer: trainer.id })) return;
  const learners = app.findRecordsByFilter('users', "role = 'learner' && email ~ 'demo.%'", 'email', 60, 0, {});
  const course = content().courses[DEMO_ANALYTICS_COURSE];
  if (!course || learners.length < 10) return;
  let seed = 7;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const now = Date.now();

  inTransaction(app, (tx) => {
    for (const id of Object.keys(content().courses)) {
      const row = new Record(tx.findCachedCollectionByNameOrId('course_trainers'));
      row.set('course', id);
      row.set('trainer', trainer.id);
      tx.save(row);
    }
    learners.forEach((learner, i) => {
      const ability = 0.35 + 0.6 * rand();
      // fewer learners reach each later lesson: a drop-off the trainer can see
      const reached = Math.max(1, course.lessons.length - Math.floor(i / (learners.length / course.lessons.length)));
      course.lessons.slice(0, reached).forEach((slug, k) => {
        if (
          findOne(tx, 'lesson_progress', 'user = {:user} && course = {:course} && lesson = {:lesson}', {
            user: learner.id,
            course: course.id,
            lesson: slug,
          })
        )
          return;
        const progress = new Record(tx.findCachedCollectionByNameOrId('lesson_progress'));
        progress.set('user', learner.id);
        progress.set('course', course.id);
        progress.set('lesson', slug);
        progress.set('read_at', pbTime(new Date(now - (40 - k) * 86_400_000)));
        tx.save(progress);
        const def = quiz(`${course.id}/${slug}`);
        if (!def) return;
        const drawn = drawQuestions(def.bank, { count: def.rules.draw, shuffleOptions: def.rules.shuffleOptions });
        const answers: Record<string, number | number[] | boolean | null> = {};
        for (const d of drawn) {
          const q = questionByRef(content(), d.ref)!;
          const knows = rand() < ability;
          // answers in shown positions, as the page sends them
          const shown = (original: number) => d.order.indexOf(original);
          if (q.type === 'truefalse') answers[d.ref] = knows ? q.answer : !q.answer;
          else if (q.type === 'single')
            answers[d.ref] = shown(knows ? q.answer : (q.answer + 1 + Math.floor(rand() * (q.options.length - 1))) % q.options.length);
          else
            answers[d.ref] = knows
              ? q.answer.map(shown)
              : [shown(q.answer[0]), shown(q.options.findIndex((_, o) => !q.answer.includes(o)))];
        }
        const result = scoreQuiz(drawn, (ref) => questionByRef(content(), ref), answers, def.rules.passMark);
        const at = new Date(now - (39 - k) * 86_400_000);
        const attempt = new Record(tx.findCachedCollectionByNameOrId('quiz_attempts'));
        attempt.set('user', learner.id);
        attempt.set('course', course.id);
        attempt.set('quiz', def.id);
        attempt.set('kind', 'lesson');
        attempt.set('status', 'submitted');
        attempt.set('questions', drawn);
        attempt.set('answers', Object.fromEntries(result.questions.map((q) => [q.ref, q.given])));
        attempt.set('results', result.questions);
        attempt.set('score', result.percent);
        attempt.set('passed', result.passed);
        attempt.set('pass_mark', def.rules.passMark);
        attempt.set('started', pbTime(at));
        attempt.set('submitted', pbTime(new Date(at.getTime() + 300_000)));
        tx.save(attempt);
      });
      if (i < 12) {
        const rating = new Record(tx.findCachedCollectionByNameOrId('lesson_ratings'));
        rating.set('user', learner.id);
        rating.set('course', course.id);
        rating.set('lesson', course.lessons[i % 3]);
        rating.set('stars', 3 + Math.floor(rand() * 3));
        rating.set('comment', i % 4 === 0 ? '例子很实在，车间里马上能用。' : '');
        tx.save(rating);
      }
    });
    QUESTIONS.forEach((q, i) => {
      const record = new Record(tx.findCachedCollectionByNameOrId('lesson_questions'));
      record.set('course', course.id);
      record.set('lesson', q.lesson);
      record.set('author', learners[i].id);
      record.set('body', q.body);
      if (q.answer) {
        record.set('answer', q.answer);
        record.set('answered_by', trainer.id);
        record.set('answered_at', pbTime(new Date(now - (5 - i) * 86_400_000)));
      }
      tx.save(record);
    });
  });
  created.push(
    `trainer demo: ${DEMO_TRAINER_EMAIL} looks after every course; questions, ratings and ${learners.length} learners' quiz attempts in ${DEMO_ANALYTICS_COURSE}`,
  );
}
