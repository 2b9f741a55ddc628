// Names that hold credentials: their values belong in a Secret, never in an environment file.

const SECRET_KEY = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** Whether a key such as `DATABASE_PASSWORD` or `bearerToken` names a credential. */
export function looksLikeSecret(key: string): boolean {
  return SECRET_KEY.test(key);
}
