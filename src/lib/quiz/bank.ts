/**
 * The server-only view of the content: courses, lessons and their question banks with answer keys.
 * Built from content/ by scripts/build-server.ts into pb_hooks/lib/content.js; never part of dist/.
 */
import type { CompletionRule } from '../../schemas/content.ts';
import type { Question, QuizRules } from '../../schemas/quiz.ts';
import type { BankQuestion } from './draw.ts';
import { inFinalPool, inLessonPool } from './pools.ts';
import type { AssessmentContent } from '../assessment/types.ts';

export interface ServerCourse {
  id: string;
  title: string;
  issuer: string;
  lessons: string[];
  /** the lessons' study time, for the certificate's 学时 (src/lib/study-hours.ts) */
  minutes: number;
  completion: CompletionRule;
  finalQuiz: QuizRules;
}

export interface ServerLesson {
  id: string;
  course: string;
  slug: string;
  title: string;
  video?: { durationSeconds: number; watchThreshold: number };
  quiz: QuizRules & { questions: Question[] };
  /** practice question id → heading of the lesson section to re-read (src/lib/quiz/sections.ts) */
  sections?: Record<string, string>;
}

export interface ServerContent {
  version: string;
  courses: Record<string, ServerCourse>;
  lessons: Record<string, ServerLesson>;
  /** Case studies by id (titles only): plans link to them. */
  cases?: Record<string, { id: string; title: string }>;
  /** the self-assessment (content/assessment/), added by scripts/build-server.ts */
  assessment?: AssessmentContent;
}

export const FINAL_QUIZ_SLUG = 'final';
export const finalQuizId = (courseId: string) => `${courseId}/${FINAL_QUIZ_SLUG}`;
export const questionRef = (lessonId: string, questionId: string) => `${lessonId}#${questionId}`;

export interface QuizDefinition {
  id: string;
  kind: 'lesson' | 'final';
  course: ServerCourse;
  title: string;
  rules: QuizRules;
  bank: BankQuestion[];
}

/** The questions of one pool of a lesson: practice questions for its quiz, final-only ones for the exam. */
function bankOf(lesson: ServerLesson, inPool: (q: Question) => boolean): BankQuestion[] {
  return lesson.quiz.questions.filter(inPool).map((question) => ({ ref: questionRef(lesson.id, question.id), question }));
}

export function quizDefinition(content: ServerContent, quizId: string): QuizDefinition | null {
  const [courseId, slug] = quizId.split('/');
  const course = content.courses[courseId];
  if (!course || !slug) return null;
  if (slug === FINAL_QUIZ_SLUG) {
    // Only final-pool questions: their keys are never shown, so lesson-quiz feedback cannot reveal them.
    const bank = course.lessons.flatMap((s) =>
      content.lessons[`${courseId}/${s}`] ? bankOf(content.lessons[`${courseId}/${s}`], inFinalPool) : [],
    );
    return { id: quizId, kind: 'final', course, title: `${course.title} · 结业测验`, rules: course.finalQuiz, bank };
  }
  const lesson = content.lessons[quizId];
  if (!lesson) return null;
  const { questions: _questions, ...rules } = lesson.quiz;
  return { id: quizId, kind: 'lesson', course, title: lesson.title, rules, bank: bankOf(lesson, inLessonPool) };
}

/** The lesson id of a question reference ("<course>/<slug>#<id>" -> "<course>/<slug>"). */
export const lessonOfRef = (ref: string) => ref.split('#')[0];

export function sectionByRef(content: ServerContent, ref: string): string | undefined {
  const [lessonId, questionId] = ref.split('#');
  return content.lessons[lessonId]?.sections?.[questionId];
}

const questionIndexes = new WeakMap<ServerContent, Map<string, Question>>();

/** The question a reference names; looked up in an index built once per content (a start and a submit ask ten times each). */
export function questionByRef(content: ServerContent, ref: string): Question | undefined {
  let index = questionIndexes.get(content);
  if (!index) {
    index = new Map();
    for (const [lessonId, lesson] of Object.entries(content.lessons))
      for (const q of lesson.quiz.questions) if (!index.has(questionRef(lessonId, q.id))) index.set(questionRef(lessonId, q.id), q);
    questionIndexes.set(content, index);
  }
  return index.get(ref);
}
