/// <reference path="../pb_data/types.d.ts" />
// Video credit follows wall-clock time across reports (docs/video.md): the credit a learner has left for a
// lesson's video is kept with its progress, so many reports at once share one allowance.

migrate(
  (app) => {
    const progress = app.findCollectionByNameOrId('lesson_progress');
    progress.fields.add(new Field({ name: 'video_credit', type: 'number', min: 0 }));
    app.save(progress);
  },
  (app) => {
    const progress = app.findCollectionByNameOrId('lesson_progress');
    progress.fields.removeByName('video_credit');
    app.save(progress);
  },
);
