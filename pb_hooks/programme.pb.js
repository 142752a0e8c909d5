/// <reference path="../pb_data/types.d.ts" />
// Routes for running the programme: the policy library, good-practice cases, organising records and the
// 7-indicator provincial assessment. Logic: src/server/programme/ (bundled into pb_hooks/lib/qa.js).

routerAdd('GET', '/api/qa/policies', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.listPolicies(e));
routerAdd('GET', '/api/qa/policies/mine', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.myPolicies(e));
routerAdd('GET', '/api/qa/policies/manage', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.managedPolicies(e));
routerAdd('POST', '/api/qa/policies', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.createPolicy(e));
routerAdd('POST', '/api/qa/policies/{id}', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.updatePolicy(e));
routerAdd('DELETE', '/api/qa/policies/{id}', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.deletePolicy(e));

routerAdd('GET', '/api/qa/cases/mine', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.myCases(e));
routerAdd('GET', '/api/qa/cases/review', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.reviewCases(e));
routerAdd('GET', '/api/qa/cases/selected', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.selectedCases(e));
routerAdd('POST', '/api/qa/cases', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.createCase(e));
routerAdd('GET', '/api/qa/cases/{id}', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.getCase(e));
routerAdd('POST', '/api/qa/cases/{id}', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.saveCase(e));
routerAdd('POST', '/api/qa/cases/{id}/actions', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.caseAction(e));

routerAdd('GET', '/api/qa/programme-records', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.listRecords(e));
routerAdd('POST', '/api/qa/programme-records', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.createRecord(e));
routerAdd('DELETE', '/api/qa/programme-records/{id}', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.deleteRecord(e));

routerAdd('GET', '/api/qa/assessment', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.assessment(e));
routerAdd('GET', '/api/qa/assessment/regions', (e) => require(`${__hooks}/lib/qa.js`).programmeRoutes.assessmentRegions(e));
