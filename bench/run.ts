/**
 * `npm run bench`: runs every bench/*.bench.ts in this process, one after the
 * other. Each prints one JSON line per figure on stdout:
 *   {"name":"…","unit":"ms","median":…,"p95":…,"runs":…,"target":…}
 * Pass names to run only some: `npm run bench -- service`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  for (const file of files) {
    const module = (await import(join(__dirname, file))) as { run?: () => Promise<void> };
    if (typeof module.run !== 'function') throw new Error(`${file} exports no run()`);
    process.stderr.write(`[bench] ${file}\n`);
    await module.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
