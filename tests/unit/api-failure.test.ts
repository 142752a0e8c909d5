import { describe, expect, it } from 'vitest';
import { ResponseError, toFailure } from '../../src/client/api.ts';

describe('the UI message for refused requests', () => {
  it('turns PocketBase 429 and 413 answers into Chinese', () => {
    const limited = toFailure(new ResponseError(429, { status: 429, message: 'Too Many Requests.', data: {} }));
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.message).toMatch(/太频繁/);
    const large = toFailure(new ResponseError(413, { status: 413, message: 'Request entity too large', data: {} }));
    expect(large.message).toMatch(/太大/);
  });

  it('keeps the platform’s own Chinese 429 message (a locked account)', () => {
    const own = toFailure(new ResponseError(429, { status: 429, code: 'rate_limited', message: '这个账号登录失败次数太多', data: {} }));
    expect(own.message).toBe('这个账号登录失败次数太多');
  });
});
