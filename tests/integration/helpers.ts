import { inject } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { beijingDateKey } from '../../src/lib/beijing-time.ts';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../src/lib/demo-accounts.ts';
import { answersFor, content, randomUscc } from '../support/content.ts';

export { answersFor, content, randomUscc };

export const baseUrl = () => inject('pbUrl');

/** The test server's data.db opened read-only (node:sqlite), to check what the server stored; close it after use. */
export const readDataDb = () => new DatabaseSync(join(inject('pbDataDir'), 'data.db'), { readOnly: true });

/** The Beijing calendar day `days` days ago ("YYYY-MM-DD"; 0 is today). */
export const beijingDaysAgo = (days: number) => beijingDateKey(Date.now() - days * 86_400_000);

export interface Reply<T = any> {
  status: number;
  body: T;
}

export async function api<T = any>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: init.token } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let counter = 0;
export const uniqueEmail = (prefix = 'learner') => `${prefix}.${Date.now()}.${counter++}@example.com`;

export async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
  const reply = await api<{ token: string }>('/api/collections/users/auth-with-password', { body: { identity: email, password } });
  if (reply.status !== 200) throw new Error(`login ${email} failed: ${JSON.stringify(reply.body)}`);
  return reply.body.token;
}

export async function superuserToken(): Promise<string> {
  const reply = await api<{ token: string }>('/api/collections/_superusers/auth-with-password', {
    body: { identity: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  });
  return reply.body.token;
}

export interface Learner {
  id: string;
  email: string;
  token: string;
  enterpriseId: string;
  uscc: string;
}

/** A new national regulator (no jurisdiction), created by the superuser; its token. */
export async function makeNationalRegulator(): Promise<string> {
  const admin = await superuserToken();
  const email = `reg.national.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const created = await api('/api/collections/users/records', {
    token: admin,
    body: { email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: '监管', role: 'regulator', jurisdiction: '' },
  });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  return login(email, 'secret-pass-1');
}

export async function registerLearner(options: { county?: string; uscc?: string; sector?: string; name?: string } = {}): Promise<Learner> {
  const email = uniqueEmail();
  const uscc = options.uscc ?? randomUscc(options.county);
  const reply = await api('/api/qa/register', {
    body: {
      name: options.name ?? '测试学员',
      email,
      password: 'secret-pass-1',
      uscc,
      enterpriseName: '测试企业有限公司',
      countyCode: options.county ?? '330502',
      sector: options.sector ?? '04',
      consent: true,
    },
  });
  if (reply.status !== 200) throw new Error(`register failed: ${JSON.stringify(reply.body)}`);
  // Registration does not answer with ids (it answers the same for a taken email); the login does.
  const auth = await api<{ token: string; record: { id: string; enterprise: string } }>('/api/collections/users/auth-with-password', {
    body: { identity: email, password: 'secret-pass-1' },
  });
  if (auth.status !== 200) throw new Error(`login ${email} failed: ${JSON.stringify(auth.body)}`);
  return { id: auth.body.record.id, email, uscc, enterpriseId: auth.body.record.enterprise, token: auth.body.token };
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

/**
 * Every record of a collection through the records API (as a superuser), page by page. Completions for `recount`
 * must come in completion order (`sort = 'completed_at,id'`): it decides where a person's first counts.
 */
export async function allRecords(collection: string, token: string, sort = 'id'): Promise<any[]> {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const reply = await api(`/api/collections/${collection}/records?perPage=500&page=${page}&sort=${sort}`, { token });
    items.push(...reply.body.items);
    if (page >= reply.body.totalPages) return items;
  }
}
