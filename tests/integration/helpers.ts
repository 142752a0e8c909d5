import { inject } from 'vitest';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { usccCheckCharacter, USCC_ALPHABET } from '../../src/lib/uscc.ts';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';
import { readContent } from '../../scripts/lib/content-source.ts';
import { buildServerContent } from '../../scripts/lib/server-content.ts';
import { questionByRef } from '../../src/lib/quiz/bank.ts';

export const baseUrl = () => inject('pbUrl');
export const content = buildServerContent(readContent(fileURLToPath(new URL('../..', import.meta.url))));

export interface Reply<T = any> { status: number; body: T }

export async function api<T = any>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: init.token } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A valid, random unified social credit code registered in the given county. */
export function randomUscc(county = '330502'): string {
  const org = Array.from(randomBytes(9), (b) => USCC_ALPHABET[b % 31]).join('');
  const first17 = `91${county}${org}`;
  return first17 + usccCheckCharacter(first17);
}

let counter = 0;
export const uniqueEmail = (prefix = 'learner') => `${prefix}.${Date.now()}.${counter++}@example.com`;

export async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
  const reply = await api<{ token: string }>('/api/collections/users/auth-with-password', { body: { identity: email, password } });
  if (reply.status !== 200) throw new Error(`login ${email} failed: ${JSON.stringify(reply.body)}`);
  return reply.body.token;
}

export async function superuserToken(): Promise<string> {
  const reply = await api<{ token: string }>('/api/collections/_superusers/auth-with-password', { body: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password } });
  return reply.body.token;
}

export interface Learner { id: string; email: string; token: string; enterpriseId: string; uscc: string }

export async function registerLearner(options: { county?: string; uscc?: string; sector?: string; name?: string } = {}): Promise<Learner> {
  const email = uniqueEmail();
  const uscc = options.uscc ?? randomUscc(options.county);
  const reply = await api('/api/qa/register', {
    body: { name: options.name ?? '测试学员', email, password: 'secret-pass-1', uscc, enterpriseName: '测试企业有限公司', countyCode: options.county ?? '330502', sector: options.sector ?? '04' },
  });
  if (reply.status !== 200) throw new Error(`register failed: ${JSON.stringify(reply.body)}`);
  return { id: reply.body.user.id, email, uscc, enterpriseId: reply.body.enterprise.id, token: await login(email, 'secret-pass-1') };
}

/** Answers for a drawn attempt: right (from the server-side keys the test reads from content) or wrong. */
export function answersFor(attempt: { questions: { ref: string; type: string; options: string[] }[] }, right: boolean) {
  const answers: Record<string, unknown> = {};
  for (const q of attempt.questions) {
    const key = questionByRef(content, q.ref)!;
    if (key.type === 'truefalse') answers[q.ref] = right ? key.answer : !key.answer;
    else if (key.type === 'single') {
      const shown = q.options.indexOf(key.options[key.answer]);
      answers[q.ref] = right ? shown : (shown + 1) % q.options.length;
    } else {
      const shown = key.answer.map((i) => q.options.indexOf(key.options[i]));
      answers[q.ref] = right ? shown : q.options.map((_, i) => i).filter((i) => !shown.includes(i));
    }
  }
  return answers;
}

/** Reads every lesson of a course and passes its final quiz; returns the submit reply. */
export async function completeCourse(learner: Learner, courseId: string) {
  for (const slug of content.courses[courseId].lessons) {
    const read = await api('/api/qa/lessons/read', { token: learner.token, body: { lesson: `${courseId}/${slug}` } });
    if (read.status !== 200) throw new Error(JSON.stringify(read.body));
  }
  const attempt = await api('/api/qa/attempts', { token: learner.token, body: { quiz: `${courseId}/final` } });
  return api(`/api/qa/attempts/${attempt.body.id}/submit`, { token: learner.token, body: { answers: answersFor(attempt.body, true) } });
}
