/// <reference path="../pb_data/types.d.ts" />
// Trainers: which courses each trainer looks after (assigned by a superuser in the admin UI), learners'
// questions on lessons with the trainers' answers, and learners' ratings of lessons. All reads and writes go
// through /api/qa/* routes (src/server/trainer/), which apply the course-trainer rule; the generic record API
// is closed (null rules), so nobody can list or filter these rows directly.

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const text = (name, opts) => Object.assign({ name, type: 'text' }, opts || {});
    const closed = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };
    const created = { name: 'created', type: 'autodate', onCreate: true, onUpdate: false };
    const updated = { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true };

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'course_trainers',
            fields: [
              text('course', { required: true, pattern: '^[a-z0-9-]+$' }),
              { name: 'trainer', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
              created,
            ],
            indexes: [
              'CREATE UNIQUE INDEX idx_course_trainers ON course_trainers (course, trainer)',
              'CREATE INDEX idx_course_trainers_trainer ON course_trainers (trainer)',
            ],
          },
          closed,
        ),
      ),
    );

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'lesson_questions',
            fields: [
              text('course', { required: true }),
              text('lesson', { required: true }),
              { name: 'author', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
              text('body', { required: true, max: 500 }),
              text('answer', { max: 2000 }),
              { name: 'answered_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
              { name: 'answered_at', type: 'date' },
              { name: 'hidden', type: 'bool' },
              text('hidden_reason', { max: 200 }),
              created,
              updated,
            ],
            indexes: [
              'CREATE INDEX idx_lesson_questions_lesson ON lesson_questions (course, lesson, created)',
              'CREATE INDEX idx_lesson_questions_author ON lesson_questions (author, created)',
            ],
          },
          closed,
        ),
      ),
    );

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'lesson_ratings',
            fields: [
              text('course', { required: true }),
              text('lesson', { required: true }),
              { name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
              { name: 'stars', type: 'number', onlyInt: true, min: 1, max: 5, required: true },
              text('comment', { max: 300 }),
              created,
              updated,
            ],
            indexes: [
              'CREATE UNIQUE INDEX idx_lesson_ratings_user ON lesson_ratings (user, course, lesson)',
              'CREATE INDEX idx_lesson_ratings_lesson ON lesson_ratings (course, lesson)',
            ],
          },
          closed,
        ),
      ),
    );
  },
  (app) => {
    for (const name of ['lesson_ratings', 'lesson_questions', 'course_trainers']) app.delete(app.findCollectionByNameOrId(name));
  },
);
