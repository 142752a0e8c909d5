/// <reference path="../pb_data/types.d.ts" />
// Exam integrity (docs/quiz-integrity.md): a quiz attempt's per-question grades are read only through
// /api/qa/attempts, which explains practice questions and never final-exam ones. Hidden from the generic
// record API, they cannot be pooled across attempts or accounts, and attempts graded before this change
// (whose results still carry right answers and explanations) leak nothing.

migrate(
  (app) => {
    const attempts = app.findCollectionByNameOrId('quiz_attempts');
    attempts.fields.getByName('results').hidden = true;
    app.save(attempts);
  },
  (app) => {
    const attempts = app.findCollectionByNameOrId('quiz_attempts');
    attempts.fields.getByName('results').hidden = false;
    app.save(attempts);
  },
);
