/** The /api/qa/assistance/* routes (registered in pb_hooks/qa.pb.js). */
import { route } from '../http.ts';
import { createBody, listBodies, setAdmission } from './bodies.ts';
import { act, apply, assign, propose, setCertifier, setFindings } from './lifecycle.ts';
import { assign as assignLearning, listAssignments, removeAssignment, saveMeasure } from './plan.ts';
import { confirmVisit, logVisit } from './visits.ts';
import { expertHome, getAssistance, managerHome } from './views.ts';
import { assistanceStats, helpedList } from './numbers.ts';

export const assistanceRoutes = {
  bodies: route(listBodies),
  createBody: route(createBody),
  admission: route(setAdmission),
  apply: route(apply),
  propose: route(propose),
  assignBody: route(assign),
  accept: route(act('accept')),
  decline: route(act('decline')),
  end: route(act('end')),
  close: route(act('close')),
  certifier: route(setCertifier),
  findings: route(setFindings),
  measure: route(saveMeasure),
  visit: route(logVisit),
  confirmVisit: route(confirmVisit),
  assignLearning: route(assignLearning),
  assignments: route(listAssignments),
  removeAssignment: route(removeAssignment),
  enterpriseHome: route(managerHome),
  expertHome: route(expertHome),
  detail: route(getAssistance),
  stats: route(assistanceStats),
  list: route(helpedList),
};
