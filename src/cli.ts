// The elastic-gitops command line: runs the commands of cli/program.ts and ends with the documented exit code.
import { program } from './cli/program.js';
import { reportError } from './cli/report-error.js';

// `elastic-gitops render dev | head`: a closed pipe ends the output, not with a trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

async function main(argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

process.exitCode = await main(process.argv);
