import { EXIT } from './exit-codes.js';

/** A problem with what the user gave us (files, flags): printed without a stack trace, exit code 2. */
export class InputError extends Error {
  /** Exit code for bad input or usage. */
  public readonly exitCode = EXIT.input;

  /**
   * @param message summary line
   * @param details one line per problem, e.g. `environments/prod.yaml:14:9 apps[1].port: must be integer`
   */
  public constructor(
    message: string,
    public readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}\n${details.map((d) => `  ${d}`).join('\n')}` : message);
    this.name = 'InputError';
  }
}

/** The rendered or given objects failed checks: exit code 1. The report has already been printed. */
export class ChecksFailed extends Error {
  /** Exit code for failed checks. */
  public readonly exitCode = EXIT.checksFailed;

  public constructor(message: string) {
    super(message);
    this.name = 'ChecksFailed';
  }
}

/**
 * The deploy repository could not be published to: missing, unreachable, refusing our credentials, rejecting the push
 * (a hook, a protected branch), or moving under every attempt: exit code 4. Nothing was forced or left half-done.
 */
export class DeployRepoError extends Error {
  /** Exit code for a deploy repository that refused or could not be reached. */
  public readonly exitCode = EXIT.deployRepository;

  public constructor(
    message: string,
    public readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}\n${details.map((d) => `  ${d}`).join('\n')}` : message);
    this.name = 'DeployRepoError';
  }
}
