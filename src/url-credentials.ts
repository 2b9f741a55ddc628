// Passwords written into URLs (`postgres://app:hunter2@db/app`): the userinfo of RFC 3986 section 3.2.1, which
// "is deprecated" there precisely because it puts a credential in clear text. One detection for the environment
// checks (an inline secret is an error) and for diff's masking.

/** `scheme://user:password@`, anywhere in a value; group 1 up to the colon, group 2 the password. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)([^/@\s]+)@/gi;

/** Whether a value carries a URL with a password (`postgres://app:hunter2@db/app`). */
export function hasUrlPassword(value: string): boolean {
  URL_PASSWORD.lastIndex = 0;
  return URL_PASSWORD.test(value);
}

/** The value with every URL password replaced by `mask`. */
export function maskUrlPasswords(value: string, mask: string): string {
  return value.replace(URL_PASSWORD, (_m, head: string) => `${head}${mask}@`);
}
