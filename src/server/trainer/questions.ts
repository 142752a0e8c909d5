/**
 * Questions and answers on lessons: learners ask, the course's trainers answer; answered questions are shown to
 * everyone under the lesson with the asker's name masked; trainers can hide abusive posts. Text is stored and
 * shown as plain text (the page renders it as text, never as HTML).
 */
import { maskName } from '../../lib/privacy.ts';
import { toPbDate } from '../../lib/beijing-time.ts';
import { QaError, badRequest, body, findById, notFound, requireAuth } from '../http.ts';
import { content } from '../content.ts';
import { isCourseTrainer, lessonFromPath, requireCourseTrainer } from './access.ts';

export const QUESTION_LIMITS = { minChars: 5, maxChars: 500, answerMaxChars: 2000, perDay: 10, gapSeconds: 30 } as const;

export interface QuestionView {
  id: string;
  course: string;
  lesson: string;
  lessonTitle: string;
  body: string;
  asker: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
  /** only in the asker's and the trainers' views */
  hidden?: boolean;
  mine?: boolean;
}

export interface LessonQuestions {
  answered: QuestionView[];
  mine: QuestionView[];
  /** the course's trainers see the questions waiting for an answer and can hide posts */
  canModerate: boolean;
  waiting: QuestionView[];
}

const chars = (s: string) => Array.from(s).length;
/** Plain text: no control characters except line breaks, trimmed; the page shows it as text. */
const cleanText = (v: unknown) =>
  typeof v === 'string'
    ? v
        .replace(/\r\n?/g, '\n')
        .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
        .trim()
    : '';

function view(r: PbRecord, viewerId: string | null, asker: string): QuestionView {
  const lessonId = `${r.getString('course')}/${r.getString('lesson')}`;
  const mine = viewerId !== null && r.getString('author') === viewerId;
  return {
    id: r.id,
    course: r.getString('course'),
    lesson: r.getString('lesson'),
    lessonTitle: content().lessons[lessonId]?.title ?? lessonId,
    body: r.getString('body'),
    asker: mine ? '我' : maskName(asker),
    askedAt: r.getString('created'),
    answer: r.getString('answer') || null,
    answeredAt: r.getString('answered_at') || null,
    ...(mine ? { mine: true, hidden: r.getBool('hidden') } : {}),
  };
}

function askerNames(app: PbApp, records: PbRecord[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const id of new Set(records.map((r) => r.getString('author'))))
    names.set(id, findById(app, 'users', id)?.getString('name') ?? '学员');
  return names;
}

/** GET /api/qa/lessons/{course}/{lesson}/questions: answered questions for everyone; one's own; trainers' queue. */
export function lessonQuestions(e: PbRequestEvent): LessonQuestions {
  const { course, lesson } = lessonFromPath(e);
  const viewer = e.auth && e.auth.collection().name === 'users' ? e.auth : null;
  const canModerate = isCourseTrainer(e.app, viewer, course);
  const all = e.app.findRecordsByFilter('lesson_questions', 'course = {:course} && lesson = {:lesson}', '-created', 200, 0, {
    course,
    lesson,
  });
  const names = askerNames(e.app, all);
  const asView = (r: PbRecord) => ({
    ...view(r, viewer?.id ?? null, names.get(r.getString('author')) ?? '学员'),
    ...(canModerate ? { hidden: r.getBool('hidden') } : {}),
  });
  return {
    answered: all.filter((r) => r.getString('answer') && !r.getBool('hidden')).map(asView),
    mine: viewer ? all.filter((r) => r.getString('author') === viewer.id).map(asView) : [],
    canModerate,
    waiting: canModerate ? all.filter((r) => !r.getString('answer') && !r.getBool('hidden')).map(asView) : [],
  };
}

/** POST /api/qa/lessons/{course}/{lesson}/questions {body}: a learner asks (length- and rate-limited). */
export function askQuestion(e: PbRequestEvent): QuestionView {
  const user = requireAuth(e);
  const { course, lesson } = lessonFromPath(e);
  const text = cleanText(body(e).body);
  if (chars(text) < QUESTION_LIMITS.minChars || chars(text) > QUESTION_LIMITS.maxChars) {
    throw badRequest(`问题请写 ${QUESTION_LIMITS.minChars} 到 ${QUESTION_LIMITS.maxChars} 个字`, {
      body: { code: 'invalid_length', message: `${QUESTION_LIMITS.minChars}-${QUESTION_LIMITS.maxChars} 个字` },
    });
  }
  const since = (seconds: number) => toPbDate(Date.now() - seconds * 1000);
  const recent = arrayOf(new DynamicModel({ day: 0, gap: 0 }));
  e.app
    .db()
    .newQuery(
      'SELECT COUNT(*) AS day, COALESCE(SUM(created > {:gap}), 0) AS gap FROM lesson_questions WHERE author = {:author} AND created > {:day}',
    )
    .bind({ author: user.id, day: since(86_400), gap: since(QUESTION_LIMITS.gapSeconds) })
    .all(recent);
  if (recent[0]?.gap > 0) throw new QaError(429, 'rate_limited', `提问太快了，请 ${QUESTION_LIMITS.gapSeconds} 秒后再问`);
  if (recent[0]?.day >= QUESTION_LIMITS.perDay)
    throw new QaError(429, 'rate_limited', `每人每天最多提 ${QUESTION_LIMITS.perDay} 个问题，明天再来吧`);
  const record = new Record(e.app.findCachedCollectionByNameOrId('lesson_questions'));
  record.set('course', course);
  record.set('lesson', lesson);
  record.set('author', user.id);
  record.set('body', text);
  e.app.save(record);
  return view(record, user.id, user.getString('name'));
}

function questionOf(e: PbRequestEvent): PbRecord {
  const record = findById(e.app, 'lesson_questions', e.request.pathValue('id'));
  if (!record) throw notFound('没有找到这个问题');
  return record;
}

/** POST /api/qa/questions/{id}/answer {answer}: a trainer of the course answers (or corrects an answer). */
export function answerQuestion(e: PbRequestEvent): QuestionView {
  const record = questionOf(e);
  const trainer = requireCourseTrainer(e, record.getString('course'));
  const answer = cleanText(body(e).answer);
  if (chars(answer) < 2 || chars(answer) > QUESTION_LIMITS.answerMaxChars) {
    throw badRequest(`回答请写 2 到 ${QUESTION_LIMITS.answerMaxChars} 个字`, {
      answer: { code: 'invalid_length', message: `2-${QUESTION_LIMITS.answerMaxChars} 个字` },
    });
  }
  record.set('answer', answer);
  record.set('answered_by', trainer.id);
  record.set('answered_at', toPbDate(new Date()));
  e.app.save(record);
  return view(record, trainer.id, findById(e.app, 'users', record.getString('author'))?.getString('name') ?? '学员');
}

/** POST /api/qa/questions/{id}/hide {hidden, reason}: a trainer of the course hides (or shows again) a post. */
export function hideQuestion(e: PbRequestEvent): { id: string; hidden: boolean } {
  const record = questionOf(e);
  requireCourseTrainer(e, record.getString('course'));
  const b = body(e);
  const hidden = b.hidden !== false;
  record.set('hidden', hidden);
  record.set('hidden_reason', hidden ? cleanText(b.reason).slice(0, 200) : '');
  e.app.save(record);
  return { id: record.id, hidden };
}

/** GET /api/qa/me/questions: the learner's own questions, newest first, answered or not. */
export function myQuestions(e: PbRequestEvent): { questions: QuestionView[] } {
  const user = requireAuth(e);
  const records = e.app.findRecordsByFilter('lesson_questions', 'author = {:author}', '-created', 50, 0, { author: user.id });
  return { questions: records.map((r) => view(r, user.id, user.getString('name'))) };
}
