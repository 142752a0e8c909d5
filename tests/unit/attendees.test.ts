import { describe, expect, it } from 'vitest';
import { normalisePhone, parseAttendees } from '../../src/lib/attendees.ts';

describe('attendees typed by a trainer', () => {
  it('reads e-mails, mobile numbers and names, one a line or separated', () => {
    const { keys, rejected } = parseAttendees('Wang@Example.com\n138 0013 8000，张三、+86 139-0013-9000\nwang@example.com 李四');
    expect(keys).toEqual([
      { kind: 'email', value: 'wang@example.com', input: 'Wang@Example.com' },
      { kind: 'phone', value: '13800138000', input: '138 0013 8000' },
      { kind: 'name', value: '张三', input: '张三' },
      { kind: 'phone', value: '13900139000', input: '+86 139-0013-9000' },
      { kind: 'name', value: '李四', input: '李四' },
    ]);
    expect(rejected).toEqual([]);
  });

  it('takes numbers written without spaces, with dashes or +86', () => {
    const { keys, rejected } = parseAttendees(['13800138000', '+86 139-0013-9000', '张三', '𠮷田花子', 'li@example.com']);
    expect(keys.map((k) => `${k.kind}:${k.value}`)).toEqual([
      'phone:13800138000',
      'phone:13900139000',
      'name:张三',
      'name:𠮷田花子',
      'email:li@example.com',
    ]);
    expect(rejected).toEqual([]);
  });

  it('says why an entry cannot be used', () => {
    const { rejected } = parseAttendees('li@example\n1380013\n??');
    expect(rejected).toEqual([
      { input: 'li@example', reason: '邮箱格式不对' },
      { input: '1380013', reason: '不是 11 位手机号' },
      { input: '??', reason: '看不出是邮箱、手机号还是姓名' },
    ]);
  });

  it('normalises mainland mobile numbers only', () => {
    expect(normalisePhone('139-0013-9000')).toBe('13900139000');
    expect(normalisePhone('8613900139000')).toBe('13900139000');
    expect(normalisePhone('12345678901')).toBeNull();
  });
});
