/** Staff invitation tokens (src/server/manager/invites.ts): shape only, so forms and routes agree. */

/** Lower-case letters and digits without look-alikes (no i, l, o, 0, 1): 31 symbols. */
export const INVITE_TOKEN_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 24 symbols of 31: about 119 bits, far beyond guessing at the rate limit. */
export const INVITE_TOKEN_LENGTH = 24;
/** Expiry choices offered to the manager, in days (0 = until revoked). */
export const INVITE_EXPIRY_DAYS = [0, 7, 30, 90] as const;

export const isInviteToken = (value: unknown): value is string =>
  typeof value === 'string' && value.length === INVITE_TOKEN_LENGTH && [...value].every((c) => INVITE_TOKEN_ALPHABET.includes(c));
