/// <reference path="../pb_data/types.d.ts" />
// Account operations (docs/privacy.md, docs/deployment.md):
// - password_resets: one-time codes an enterprise manager issues to a staff member without email (stored hashed only);
// - audit_log: who did what to whose account (manager resets, code redemptions, self-deletions);
// - users.erased_at: set when a user deleted their own data (the record stays as an anonymous tombstone so that
//   completions and the statistics built on them stay consistent);
// - the users' reset-password mail: Chinese, linking to the site's own page /reset-password/?token=….
// All new collections are closed to the generic record API (null rules); only /api/qa routes use them.

const RESET_SUBJECT = '重置您在{APP_NAME}的密码';
const RESET_BODY = `<p>您好：</p>
<p>有人（希望是您本人）申请重置您在{APP_NAME}的登录密码。请在 30 分钟内点击下面的链接设置新密码：</p>
<p><a class="btn" href="{APP_URL}/reset-password/?token={TOKEN}" target="_blank" rel="noopener">设置新密码</a></p>
<p>如果链接无法点击，请把这个地址复制到浏览器打开：<br/>{APP_URL}/reset-password/?token={TOKEN}</p>
<p>如果不是您本人申请，请忽略这封邮件，您的密码不会改变。</p>
<p>{APP_NAME}</p>`;

// PocketBase's own default (core/collection_model_auth_templates.go), restored by the down migration.
const DEFAULT_SUBJECT = 'Reset your {APP_NAME} password';
const DEFAULT_BODY = `<p>Hello,</p>
<p>Click on the button below to reset your password.</p>
<p>
  <a class="btn" href="{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}" target="_blank" rel="noopener">Reset password</a>
</p>
<p><i>If you didn't ask to reset your password, please ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>`;

const LOCK = ' && @request.body.erased_at:isset = false';

migrate(
  (app) => {
    const users = app.findCollectionByNameOrId('users');
    const closed = { listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null };
    const created = { name: 'created', type: 'autodate', onCreate: true, onUpdate: false };

    app.save(
      new Collection(
        Object.assign(
          {
            type: 'base',
            name: 'password_resets',
            fields: [
              { name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
              { name: 'issued_by', type: 'relation', collectionId: users.id, maxSelect: 1 },
              // sha256 of "<user id>:<code>": the code itself is shown once to the manager and never stored
              { name: 'code_hash', type: 'text', required: true, max: 64 },
              { name: 'expires', type: 'date', required: true },
              { name: 'used_at', type: 'date' },
              { name: 'failures', type: 'number', min: 0 },
              created,
            ],
            indexes: ['CREATE INDEX idx_password_resets_user ON password_resets (user, created)'],
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
            name: 'audit_log',
            fields: [
              { name: 'action', type: 'text', required: true, max: 60 },
              { name: 'actor', type: 'relation', collectionId: users.id, maxSelect: 1 },
              { name: 'subject', type: 'relation', collectionId: users.id, maxSelect: 1 },
              { name: 'detail', type: 'json', maxSize: 4000 },
              created,
            ],
            indexes: [
              'CREATE INDEX idx_audit_log_subject ON audit_log (subject, created)',
              'CREATE INDEX idx_audit_log_actor ON audit_log (actor, created)',
            ],
          },
          closed,
        ),
      ),
    );

    users.fields.add(new Field({ name: 'erased_at', type: 'date' }));
    if (users.updateRule) users.updateRule = users.updateRule + LOCK;
    users.resetPasswordTemplate.subject = RESET_SUBJECT;
    users.resetPasswordTemplate.body = RESET_BODY;
    app.save(users);
  },
  (app) => {
    for (const name of ['audit_log', 'password_resets']) app.delete(app.findCollectionByNameOrId(name));
    const users = app.findCollectionByNameOrId('users');
    users.fields.removeByName('erased_at');
    if (users.updateRule) users.updateRule = users.updateRule.split(LOCK).join('');
    users.resetPasswordTemplate.subject = DEFAULT_SUBJECT;
    users.resetPasswordTemplate.body = DEFAULT_BODY;
    app.save(users);
  },
);
