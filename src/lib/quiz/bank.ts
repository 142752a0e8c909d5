/**
 * The server-only view of the content: courses, lessons and their question banks with answer keys.
 * Built from content/ by scripts/build-server.ts into pb_hooks/lib/content.js; never part of dist/.
 */
import type { CompletionRule } from '../../schemas/content.ts';
import type { Question, QuizRules } from '../../schemas/quiz.ts';
import type { BankQuestion } from './draw.ts';

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
}

export interface ServerContent {
  version: string;
  courses: Record<string, ServerCourse>;
  lessons: Record<string, ServerLesson>;
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

function lessonBank(lesson: ServerLesson): BankQuestion[] {
  return lesson.quiz.questions.map((question) => ({ ref: questionRef(lesson.id, question.id), question }));
}

export function quizDefinition(content: ServerContent, quizId: string): QuizDefinition | null {
  const [courseId, slug] = quizId.split('/');
  const course = content.courses[courseId];
  if (!course || !slug) return null;
  if (slug === FINAL_QUIZ_SLUG) {
    const bank = course.lessons.flatMap((s) => (content.lessons[`${courseId}/${s}`] ? lessonBank(content.lessons[`${courseId}/${s}`]) : []));
    return { id: quizId, kind: 'final', course, title: `${course.title} · 结业测验`, rules: course.finalQuiz, bank };
  }
  const lesson = content.lessons[quizId];
  if (!lesson) return null;
  const { questions: _questions, ...rules } = lesson.quiz;
  return { id: quizId, kind: 'lesson', course, title: lesson.title, rules, bank: lessonBank(lesson) };
}

export function questionByRef(content: ServerContent, ref: string): Question | undefined {
  const [lessonId, questionId] = ref.split('#');
  return content.lessons[lessonId]?.quiz.questions.find((q) => q.id === questionId);
}
