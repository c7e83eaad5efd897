/**
 * Loaded into the headless agent with `--import` (headless.test.ts): before the agent's first output
 * line it spawns a child process the ordinary way (inheriting process.env, as any library's child
 * would) and reports, as one extra JSON event line, whether that child sees LP_PASSWORD.
 */
import { spawnSync } from 'node:child_process';

const write = process.stdout.write.bind(process.stdout);
let probed = false;
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
  if (!probed) {
    probed = true;
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify({ has: "LP_PASSWORD" in process.env }))'], { encoding: 'utf8' });
    write(`${JSON.stringify({ type: 'event', event: 'test/child-env', data: JSON.parse(child.stdout) as unknown })}\n`);
  }
  return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;
