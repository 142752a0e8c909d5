/**
 * Demo data: the demo trainer has one live session whose check-in is open, so that `npm start` shows the
 * projector view and the phone page at once. Checked at every demo start: when the trainer has no session open
 * for check-in now (the last one ended), a new one starting now and lasting eight hours is planned.
 */
import { toPbDate } from '../../lib/beijing-time.ts';
import { findOne } from '../http.ts';
import { DEMO_ANALYTICS_COURSE, DEMO_TRAINER_EMAIL } from '../trainer/demo.ts';
import { content } from '../content.ts';
import { GRACE_AFTER_MS } from '../../lib/checkin/rules.ts';

export function seedCheckinDemo(app: PbApp, created: string[]): void {
  const trainer = findOne(app, 'users', 'email = {:email}', { email: DEMO_TRAINER_EMAIL });
  if (!trainer || !content().courses[DEMO_ANALYTICS_COURSE]) return;
  const now = Date.now();
  if (
    findOne(app, 'live_sessions', "trainer = {:t} && closed_at = '' && ends_at >= {:from} && starts_at <= {:now}", {
      t: trainer.id,
      from: toPbDate(now - GRACE_AFTER_MS),
      now: toPbDate(now),
    })
  )
    return;
  const s = new Record(app.findCachedCollectionByNameOrId('live_sessions'));
  s.set('trainer', trainer.id);
  s.set('course', DEMO_ANALYTICS_COURSE);
  s.set('title', '产品放行与不合格品控制 · 织里镇童装企业现场班');
  s.set('format', 'small_class');
  s.set('starts_at', toPbDate(now - 10 * 60_000));
  s.set('ends_at', toPbDate(now + 8 * 3_600_000));
  s.set('location', '湖州市吴兴区织里镇童装商会三楼会议室');
  s.set('capacity', 40);
  s.set('secret', $security.randomString(48));
  app.save(s);
  created.push(`live session: ${s.getString('title')}`);
}
