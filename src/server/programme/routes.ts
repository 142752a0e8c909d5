/** The programme's /api/qa routes (registered in pb_hooks/programme.pb.js). */
import { respondError, route } from '../http.ts';

/**
 * For large answers: serialised by the JS VM's own JSON.stringify and sent as a string, instead of
 * e.json(), which converts every nested JS object to Go values first (several times slower for the
 * 32-province assessment or the whole policy library).
 */
function jsonRoute(handler: (e: PbRequestEvent) => unknown) {
  return (e: PbRequestEvent) => {
    try {
      const value = handler(e);
      const body = value instanceof RawJson ? value.json : JSON.stringify(value);
      e.response.header().set('Content-Type', 'application/json; charset=utf-8');
      e.string(200, body);
    } catch (err) {
      respondError(e, err);
    }
  };
}
import { assessment, assessmentRegions } from './assessment.ts';
import { RawJson } from './cache.ts';
import { caseAction, createCase, getCase, myCases, reviewCases, saveCase, selectedCases } from './cases.ts';
import { createPolicy, deletePolicy, listPolicies, managedPolicies, myPolicies, updatePolicy } from './policies.ts';
import { createRecord, deleteRecord, listRecords } from './records.ts';

export const programmeRoutes = {
  listPolicies: jsonRoute(listPolicies),
  myPolicies: jsonRoute(myPolicies),
  managedPolicies: jsonRoute(managedPolicies),
  createPolicy: route(createPolicy),
  updatePolicy: route(updatePolicy),
  deletePolicy: route(deletePolicy),
  myCases: route(myCases),
  createCase: route(createCase),
  getCase: jsonRoute(getCase),
  saveCase: route(saveCase),
  caseAction: route(caseAction),
  reviewCases: jsonRoute(reviewCases),
  selectedCases: jsonRoute(selectedCases),
  listRecords: route(listRecords),
  createRecord: route(createRecord),
  deleteRecord: route(deleteRecord),
  assessment: jsonRoute(assessment),
  assessmentRegions: jsonRoute(assessmentRegions),
};
