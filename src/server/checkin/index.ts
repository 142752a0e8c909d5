/** Routes of live in-person sessions with rotating QR check-in (pb_hooks/qa.pb.js registers them). */
import { route } from '../http.ts';
import { closeLiveSession, correctAttendees, createLiveSession, listLiveSessions, liveSession } from './trainer.ts';
import { confirmCheckin, openCheckin } from './attend.ts';

export const checkinRoutes = {
  list: route(listLiveSessions),
  create: route(createLiveSession),
  live: route(liveSession),
  attendees: route(correctAttendees),
  close: route(closeLiveSession),
  open: route(openCheckin),
  confirm: route(confirmCheckin),
};
