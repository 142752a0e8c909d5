/**
 * The roles a person's account has (the `role` field of `users`). Kept in step with the schema: a type check
 * in tests/unit/pb-types.test.ts compares it with the generated UsersRecord['role'].
 */
export const ROLES = ['learner', 'enterprise_manager', 'trainer', 'regulator', 'expert'] as const;
export type Role = (typeof ROLES)[number];
