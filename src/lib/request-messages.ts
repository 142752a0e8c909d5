/** The Chinese messages for a request body the server cannot read (docs/security.md, rule 6). */
export const BODY_MESSAGES = {
  contentType: '请求格式不对：请以 JSON 发送（Content-Type: application/json）',
  malformed: '请求内容不是有效的 JSON（可能不完整，或含有 NaN、超出范围的数字）',
  notObject: '请求内容应当是一个 JSON 对象 {…}',
  tooLarge: '请求内容太大',
} as const;

/** The answer when a signed-in learner is required and the request has none. */
export const LOGIN_MESSAGE = '请先登录';

/** The answer to an unexpected failure: nothing already saved is lost. */
export const SERVER_ERROR_MESSAGE = '服务器出错了，请稍后再试。您已保存的内容不受影响。';

/** A Content-Type the routes read as JSON (application/json, application/…+json, with or without parameters). */
export const isJsonContentType = (type: string) => /^application\/(.+\+)?json\s*(;|$)/.test(type.toLowerCase());
