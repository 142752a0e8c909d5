/** The programme's /api/qa routes (registered in pb_hooks/programme.pb.js). */
import { route } from '../http.ts';
import { assessment, assessmentRegions } from './assessment.ts';
import { caseAction, createCase, getCase, myCases, reviewCases, saveCase, selectedCases } from './cases.ts';
import { createPolicy, deletePolicy, listPolicies, managedPolicies, myPolicies, updatePolicy } from './policies.ts';
import { createRecord, deleteRecord, listRecords } from './records.ts';

export const programmeRoutes = {
  listPolicies: route(listPolicies),
  myPolicies: route(myPolicies),
  managedPolicies: route(managedPolicies),
  createPolicy: route(createPolicy),
  updatePolicy: route(updatePolicy),
  deletePolicy: route(deletePolicy),
  myCases: route(myCases),
  createCase: route(createCase),
  getCase: route(getCase),
  saveCase: route(saveCase),
  caseAction: route(caseAction),
  reviewCases: route(reviewCases),
  selectedCases: route(selectedCases),
  listRecords: route(listRecords),
  createRecord: route(createRecord),
  deleteRecord: route(deleteRecord),
  assessment: route(assessment),
  assessmentRegions: route(assessmentRegions),
};
