// The README tutorial as steps: each ```sh tutorial block, run in order in one shell, and the ```text tutorial block
// after it, the lines its output must show (in order; `…` stands for any text).

export interface TutorialStep {
  /** The shell commands of the block. */
  readonly script: string;
  /** Lines the block's output (stdout and stderr) must contain, in order; empty when no output block follows. */
  readonly expected: readonly string[];
}

const BLOCK = /^```(sh|text) tutorial\n([\s\S]*?)^```$/gm;

/** The steps of the tutorial in `markdown`. */
export function tutorialSteps(markdown: string): TutorialStep[] {
  const steps: { script: string; expected: string[] }[] = [];
  for (const [, kind, body = ''] of markdown.matchAll(BLOCK)) {
    if (kind === 'sh') steps.push({ script: body, expected: [] });
    else if (steps.length === 0 || steps.at(-1)!.expected.length > 0) throw new Error(`an output block follows no command block:\n${body}`);
    else steps.at(-1)!.expected.push(...body.split('\n').filter((l) => l.trim() !== ''));
  }
  return steps;
}

/** The expected lines `output` does not show in order (none when it shows them all). */
export function missingLines(output: string, expected: readonly string[]): string[] {
  const lines = output.split('\n');
  let at = 0;
  const missing: string[] = [];
  for (const line of expected) {
    const pattern = new RegExp(`^${line.split('…').map(escape).join('.*')}$`);
    const found = lines.findIndex((l, i) => i >= at && pattern.test(l.trimEnd()));
    if (found === -1) missing.push(line);
    else at = found + 1;
  }
  return missing;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
