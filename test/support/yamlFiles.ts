/** Every YAML file of the examples and the test fixtures: the corpus the model's two read paths are compared on. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './golden';

export function exampleAndFixtureYamlFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) files.push(full);
    }
  };
  for (const root of ['examples', 'test/fixtures']) walk(join(repoRoot, root));
  return files;
}
