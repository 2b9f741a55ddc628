// `elastic-gitops completion bash|zsh|fish`: prints the completion script for that shell.
import type { Command } from 'commander';
import { completionScript, type Shell } from './completion.js';

export function completionCommand(program: Command, shell: Shell): void {
  process.stdout.write(completionScript(program, shell));
}
